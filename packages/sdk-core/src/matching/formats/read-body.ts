import { ListError } from '../../errors/list-error';
import type { ListChunks } from './list-chunks';
import { createUtf8Decoder } from './utf8';

/**
 * Collects a whole (bounded) document: for formats parsed as one unit, like
 * one page of NCMEC XML or a hashguard-list-v1 JSON body. Over `maxBytes` is
 * `E_LIST_MALFORMED`, so a hostile server cannot exhaust memory.
 */
export async function readBody(
  chunks: ListChunks,
  maxBytes: number,
  what: string,
): Promise<string> {
  const decoder = createUtf8Decoder();
  const parts: string[] = [];
  let size = 0;
  try {
    for await (const chunk of chunks) {
      size += typeof chunk === 'string' ? chunk.length : chunk.byteLength;
      if (size > maxBytes) {
        throw new ListError('E_LIST_MALFORMED', `${what} is larger than ${maxBytes} bytes`);
      }
      parts.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    }
    parts.push(decoder.decode());
  } catch (error) {
    if (error instanceof ListError) throw error;
    throw new ListError('E_LIST_MALFORMED', `${what} is not valid UTF-8`, { cause: error });
  }
  const text = parts.join('');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
