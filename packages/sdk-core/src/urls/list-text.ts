import { ListError } from '../errors/index';

/**
 * The two text forms of URL and keyword lists: one entry per line (`#`
 * starts a comment line, blank lines are skipped), or Hashguard's canonical
 * CSV whose header is `algorithm,hash,category,id` (an optional fifth column
 * `flags` carries space-separated entry flags such as `prefix` or
 * `query-unordered`). Fields may be double-quoted as in RFC 4180, so keyword
 * phrases may contain commas.
 */
export type ListTextRow =
  | { format: 'lines'; line: number; text: string }
  | {
      format: 'csv';
      line: number;
      algorithm: string;
      value: string;
      category: string;
      id: string;
      flags: string[];
    };

const CSV_HEADER = ['algorithm', 'hash', 'category', 'id'];

export function malformed(listId: string, line: number, why: string): ListError {
  return new ListError('E_LIST_MALFORMED', `List "${listId}" line ${line}: ${why}.`);
}

export function readListText(text: string, listId: string): ListTextRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const rows: ListTextRow[] = [];
  let csvColumns = 0;
  for (let index = 0; index < lines.length; index++) {
    const line = index + 1;
    const trimmed = lines[index]!.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    if (rows.length === 0 && csvColumns === 0 && trimmed.toLowerCase().startsWith('algorithm,')) {
      const header = splitCsvLine(trimmed, listId, line).map((h) => h.trim().toLowerCase());
      const expected = header.length === 5 ? [...CSV_HEADER, 'flags'] : CSV_HEADER;
      if (header.join(',') !== expected.join(',')) {
        throw malformed(listId, line, `CSV header must be "${CSV_HEADER.join(',')}[,flags]"`);
      }
      csvColumns = header.length;
      continue;
    }
    if (csvColumns === 0) {
      rows.push({ format: 'lines', line, text: trimmed });
      continue;
    }
    const fields = splitCsvLine(trimmed, listId, line);
    if (fields.length !== csvColumns) {
      throw malformed(listId, line, `expected ${csvColumns} CSV fields, found ${fields.length}`);
    }
    const [algorithm, value, category, id, flags] = fields.map((f) => f.trim());
    if (!algorithm || !value || !id) {
      throw malformed(listId, line, 'algorithm, hash and id must not be empty');
    }
    rows.push({
      format: 'csv',
      line,
      algorithm: algorithm.toLowerCase(),
      value,
      category: category ?? '',
      id,
      flags: flags ? flags.split(/\s+/).filter(Boolean) : [],
    });
  }
  return rows;
}

function splitCsvLine(line: string, listId: string, lineNumber: number): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (ch === ',') {
      fields.push(field);
      field = '';
    } else {
      field += ch;
    }
  }
  if (quoted) throw malformed(listId, lineNumber, 'unterminated quoted field');
  fields.push(field);
  return fields;
}

/** Algorithms of the canonical CSV that belong to other areas (hash lists) and are skipped here. */
export const HASH_ALGORITHMS = new Set(['md5', 'sha1', 'sha256', 'pdq', 'photodna']);
