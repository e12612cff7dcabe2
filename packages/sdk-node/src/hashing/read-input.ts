import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { type Digest, InputError } from '@hashguard/sdk-core';
import { createFileDigester, type FileDigests } from './file-digests';

/** What can be hashed: a file path, bytes already in memory, or a stream of bytes. */
export type HashInput = string | Uint8Array | Readable | AsyncIterable<Uint8Array>;

export interface InputBytes {
  /** The original bytes, as given (never re-encoded). */
  bytes: Uint8Array;
  /** Digests of exactly those bytes, computed chunk by chunk as they were read. */
  digests: FileDigests;
}

/** Read in pieces this big, so digests advance while the file streams in. */
const CHUNK_BYTES = 1024 * 1024;

/**
 * Reads an input to memory for decoding while computing its digests on the way.
 * The byte ceiling is enforced before anything is read for a path (from its size) and
 * as soon as a stream passes it, so an oversized input costs at most `maxBytes` of
 * memory and is refused with `E_INPUT_TOO_LARGE` rather than digested in full: a
 * member who refuses an upload as too large has no use for its digests.
 */
export async function readInput(
  input: HashInput,
  options: { maxBytes: number; digest: Digest },
): Promise<InputBytes> {
  const digester = await createFileDigester(options.digest);
  let bytes: Uint8Array;
  if (typeof input === 'string') {
    bytes = await readPath(input, options.maxBytes, (chunk) => digester.update(chunk));
  } else if (input instanceof Uint8Array) {
    checkSize(input.byteLength, options.maxBytes);
    digester.update(input);
    bytes = input;
  } else {
    bytes = await readStream(input, options.maxBytes, (chunk) => digester.update(chunk));
  }
  return { bytes, digests: digester.digests() };
}

async function readPath(
  path: string,
  maxBytes: number,
  onChunk: (chunk: Uint8Array) => void,
): Promise<Uint8Array> {
  const handle = await open(path, 'r').catch((error: unknown) => {
    throw readFailed(`Cannot open ${path}`, error);
  });
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) {
      throw new InputError('E_READ_FAILED', `${path} is not a regular file.`);
    }
    checkSize(stat.size, maxBytes);
    const bytes = new Uint8Array(stat.size);
    let filled = 0;
    while (filled < bytes.byteLength) {
      const length = Math.min(CHUNK_BYTES, bytes.byteLength - filled);
      const { bytesRead } = await handle.read(bytes, filled, length, filled).catch((error) => {
        throw readFailed(`Cannot read ${path}`, error);
      });
      if (bytesRead === 0) break; // The file shrank while being read: hash what is there.
      onChunk(bytes.subarray(filled, filled + bytesRead));
      filled += bytesRead;
    }
    return bytes.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

/** Collects a stream into one buffer, refusing it with `E_INPUT_TOO_LARGE` once it passes `maxBytes`. */
export async function readStream(
  stream: Readable | AsyncIterable<Uint8Array>,
  maxBytes: number,
  onChunk: (chunk: Uint8Array) => void = () => {},
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const piece of stream as AsyncIterable<Uint8Array | string>) {
      const chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
      total += chunk.byteLength;
      checkSize(total, maxBytes);
      onChunk(chunk);
      chunks.push(chunk);
    }
  } catch (error) {
    // Leaving the loop early (the size check) already destroys a Readable.
    if (error instanceof InputError) throw error;
    throw readFailed('Cannot read the input stream', error);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}

function checkSize(size: number, maxBytes: number): void {
  if (size > maxBytes) {
    throw new InputError(
      'E_INPUT_TOO_LARGE',
      `The input is larger than the limit of ${maxBytes} bytes (limits.maxBytes); it was not decoded.`,
    );
  }
}

function readFailed(what: string, error: unknown): InputError {
  // Node's fs messages end in ", open '<path>'"; the path is already in `what`.
  const detail = error instanceof Error ? error.message.replace(/, \w+ '.*'$/s, '') : String(error);
  return new InputError('E_READ_FAILED', `${what} (${detail}).`, { cause: error });
}
