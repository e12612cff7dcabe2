import { ListError } from '../../errors/list-error';
import { DEFAULT_MAX_LINE_LENGTH, type ListChunks } from './list-chunks';
import { createUtf8Decoder, decodeUtf8 } from './utf8';

export interface NumberedLine {
  /** The line without its terminator (`\n` or `\r\n`). */
  text: string;
  /** 1-based, as an editor shows it. */
  lineNumber: number;
}

/**
 * Splits a chunked body into lines without ever holding more than one chunk
 * plus one partial line: a 10 M-line list streams through in constant memory.
 * Lines may be split anywhere across chunks, including inside a multi-byte
 * UTF-8 character. A leading BOM is dropped; invalid UTF-8 and over-long lines
 * are `E_LIST_MALFORMED` (a body with no newlines must not grow without bound).
 */
export async function* readLines(
  chunks: ListChunks,
  maxLineLength = DEFAULT_MAX_LINE_LENGTH,
): AsyncGenerator<NumberedLine> {
  for await (const batch of readLineBatches(chunks, maxLineLength)) yield* batch;
}

/**
 * `readLines`, one array of lines per chunk: parsers loop over a batch
 * synchronously, as an `await` per line costs more than parsing the line.
 */
export async function* readLineBatches(
  chunks: ListChunks,
  maxLineLength = DEFAULT_MAX_LINE_LENGTH,
): AsyncGenerator<NumberedLine[]> {
  const decoder = createUtf8Decoder();
  let carry = '';
  let lineNumber = 0;
  let first = true;
  for await (const chunk of chunks) {
    const batch: NumberedLine[] = [];
    let text: string;
    if (typeof chunk === 'string') {
      text = chunk;
    } else {
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch (error) {
        const at = badLineNumber(carry, chunk, lineNumber);
        throw new ListError('E_LIST_MALFORMED', `Line ${at}: not valid UTF-8`, { cause: error });
      }
    }
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    let start = 0;
    let newline = text.indexOf('\n');
    if (newline >= 0) {
      // Complete the carried partial line with this chunk's first piece.
      const head = carry + text.slice(0, newline);
      carry = '';
      batch.push(line(head, ++lineNumber, maxLineLength));
      start = newline + 1;
      newline = text.indexOf('\n', start);
      while (newline >= 0) {
        batch.push(line(text.slice(start, newline), ++lineNumber, maxLineLength));
        start = newline + 1;
        newline = text.indexOf('\n', start);
      }
    }
    if (batch.length > 0) yield batch;
    carry += text.slice(start);
    if (carry.length > maxLineLength + 1) {
      throw new ListError(
        'E_LIST_MALFORMED',
        `Line ${lineNumber + 1}: longer than ${maxLineLength} characters`,
      );
    }
  }
  try {
    carry += decoder.decode();
  } catch (error) {
    throw new ListError('E_LIST_MALFORMED', `Line ${lineNumber + 1}: truncated UTF-8 at end`, {
      cause: error,
    });
  }
  if (carry.length > 0) yield [line(carry, ++lineNumber, maxLineLength)];
}

function line(raw: string, lineNumber: number, maxLineLength: number): NumberedLine {
  const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  if (text.length > maxLineLength) {
    throw new ListError(
      'E_LIST_MALFORMED',
      `Line ${lineNumber}: longer than ${maxLineLength} characters`,
    );
  }
  return { text, lineNumber };
}

/** Line of the first invalid byte: newlines before it in the carried text and this chunk. */
function badLineNumber(carry: string, chunk: Uint8Array, linesBefore: number): number {
  let lineNumber = linesBefore + 1;
  for (let i = 0; i < carry.length; i++) if (carry.charCodeAt(i) === 10) lineNumber++;
  const lenient = decodeUtf8(chunk);
  const bad = lenient.indexOf('\uFFFD');
  for (let i = 0; i < (bad < 0 ? lenient.length : bad); i++)
    if (lenient.charCodeAt(i) === 10) lineNumber++;
  return lineNumber;
}
