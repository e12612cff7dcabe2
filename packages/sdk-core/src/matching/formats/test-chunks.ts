import { encodeUtf8 } from './utf8';

/** Test helper: `text` as UTF-8 bytes cut at the given byte positions. */
export function chunksAt(text: string, cuts: number[]): Uint8Array[] {
  const bytes = encodeUtf8(text);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    chunks.push(bytes.slice(start, cut));
    start = cut;
  }
  chunks.push(bytes.slice(start));
  return chunks;
}

/** Every way to cut `text` in two, as byte chunks (plus the uncut body). */
export function* everySplit(text: string): Generator<Uint8Array[]> {
  const length = encodeUtf8(text).length;
  for (let cut = 0; cut <= length; cut++) yield chunksAt(text, [cut]);
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** The ListError code and message a promise rejects with (fails the test if it resolves). */
export async function rejection(
  promise: Promise<unknown>,
): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    const { code, message } = error as { code: string; message: string };
    return { code, message };
  }
  throw new Error('expected a rejection');
}
