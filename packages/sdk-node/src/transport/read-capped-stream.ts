type ReadResult = Awaited<ReturnType<ReadableStreamDefaultReader<Uint8Array>['read']>>;

/**
 * Reads a web stream into one buffer, cancelling it and throwing `tooLarge()`
 * as soon as it grows past `maxBytes`, so an oversized or endless body never
 * sits in memory. `readChunk` lets a caller bound each read (a stall timeout).
 */
export async function readCappedStream(
  stream: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  tooLarge: () => Error,
  readChunk: (reader: ReadableStreamDefaultReader<Uint8Array>) => Promise<ReadResult> = (reader) =>
    reader.read(),
): Promise<Uint8Array> {
  if (!stream) return new Uint8Array(0);
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await readChunk(reader);
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
