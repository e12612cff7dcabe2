import { ListError } from '../../errors/list-error';
import { DEFAULT_MAX_LINE_LENGTH, type ListChunks } from './list-chunks';
import { readLineBatches } from './read-lines';

export interface CsvRecord {
  fields: string[];
  /** Line on which the record starts (a quoted field may span lines). */
  lineNumber: number;
}

/**
 * RFC 4180 records over streamed lines: fields separated by `delimiter`,
 * optionally double-quoted, `""` escaping a quote, quoted fields may contain
 * the delimiter and newlines. Blank lines are skipped.
 */
export async function* readCsvRecords(
  chunks: ListChunks,
  delimiter = ',',
  maxLineLength = DEFAULT_MAX_LINE_LENGTH,
): AsyncGenerator<CsvRecord> {
  for await (const batch of readCsvRecordBatches(chunks, delimiter, maxLineLength)) yield* batch;
}

/** `readCsvRecords`, one array of records per chunk (see `readLineBatches`). */
export async function* readCsvRecordBatches(
  chunks: ListChunks,
  delimiter = ',',
  maxLineLength = DEFAULT_MAX_LINE_LENGTH,
): AsyncGenerator<CsvRecord[]> {
  // `length`: characters of the record so far, across its lines (capped at `maxLineLength`).
  let pending: { fields: string[]; field: string; lineNumber: number; length: number } | undefined;
  for await (const lines of readLineBatches(chunks, maxLineLength)) {
    const batch: CsvRecord[] = [];
    for (const { text, lineNumber } of lines) {
      if (!pending && text.trim() === '') continue;
      if (!pending && !text.includes('"')) {
        // Fast path: most list rows have no quotes at all.
        batch.push({ fields: text.split(delimiter), lineNumber });
        continue;
      }
      const state = pending ?? { fields: [], field: '', lineNumber, length: -1 };
      // A record spanning lines is held whole until it closes: cap it like one line.
      state.length += 1 + text.length;
      if (state.length > maxLineLength) {
        throw new ListError(
          'E_LIST_MALFORMED',
          `Line ${state.lineNumber}: quoted record longer than ${maxLineLength} characters (to line ${lineNumber})`,
        );
      }
      const open = parseInto(state, pending ? `\n${text}` : text, delimiter, pending !== undefined);
      if (open) {
        pending = state;
        continue;
      }
      pending = undefined;
      batch.push({ fields: state.fields, lineNumber: state.lineNumber });
    }
    if (batch.length > 0) yield batch;
  }
  if (pending) {
    throw new ListError(
      'E_LIST_MALFORMED',
      `Line ${pending.lineNumber}: unterminated quoted field`,
    );
  }
}

/** Parses `text` into `state`; returns true while a quoted field is still open at the end. */
function parseInto(
  state: { fields: string[]; field: string; lineNumber: number },
  text: string,
  delimiter: string,
  resumeInQuotes: boolean,
): boolean {
  let i = 0;
  let inQuotes = resumeInQuotes;
  let field = resumeInQuotes ? state.field : '';
  let quotedField = resumeInQuotes;
  while (i < text.length) {
    const char = text[i]!;
    if (inQuotes) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i++;
        continue;
      }
      field += char;
      i++;
      continue;
    }
    if (char === delimiter) {
      state.fields.push(field);
      field = '';
      quotedField = false;
      i++;
      continue;
    }
    if (char === '"') {
      if (field.trim() !== '' || quotedField) {
        throw new ListError(
          'E_LIST_MALFORMED',
          `Line ${state.lineNumber}: stray quote inside an unquoted field`,
        );
      }
      field = '';
      inQuotes = true;
      quotedField = true;
      i++;
      continue;
    }
    if (quotedField && char !== ' ' && char !== '\t') {
      throw new ListError(
        'E_LIST_MALFORMED',
        `Line ${state.lineNumber}: text after a closing quote`,
      );
    }
    if (!quotedField) field += char;
    i++;
  }
  if (inQuotes) {
    state.field = field;
    return true;
  }
  state.fields.push(field);
  state.field = '';
  return false;
}
