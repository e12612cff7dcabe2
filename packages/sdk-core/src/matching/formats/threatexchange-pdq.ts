import { ListError } from '../../errors/list-error';
import { type HashEntry, normalizeHashEntry } from '../hash-entry';
import { readCsvRecordBatches } from './csv-records';
import type { ListChunks, ListParseLimits } from './list-chunks';

export interface ThreatExchangePdqOptions extends ListParseLimits {
  listId: string;
  /** Column separator; default: a tab if the first row has one, else a comma. */
  delimiter?: ',' | '\t';
  /**
   * Drop rows whose quality column is below this. Off by default: a bank is
   * what its curator shared; the verdict policy decides about query quality.
   */
  minQuality?: number;
}

// Header names seen in ThreatExchange / HMA exports for each of our fields.
const HASH_NAMES = ['pdq', 'pdq_hash', 'hash', 'signal', 'signal_value', 'hash_value'];
const ID_NAMES = ['id', 'content_id', 'signal_id', 'hash_id', 'descriptor_id', 'pdq_id'];
const QUALITY_NAMES = ['quality', 'pdq_quality'];
const TIME_NAMES = ['timestamp', 'added_at', 'updated_at', 'time'];
const CATEGORY_NAMES = ['category', 'tags', 'classification', 'label'];

interface Layout {
  hash: number;
  id: number;
  quality?: number;
  time?: number;
  category?: number;
}

// HMA's sample banks (hasher-matcher-actioner/sample_data/pdq.csv) have no
// header: `pdq_hex,id,timestamp,space-separated tags`.
const HEADERLESS: Layout = { hash: 0, id: 1, time: 2, category: 3 };

/**
 * A ThreatExchange / HMA-style PDQ bank export: CSV or TSV, either headerless
 * in HMA's sample-data layout (`hash,id,timestamp,tags`) or with a header
 * naming the columns (`pdq`/`hash`, `id`/`content_id`, optional `quality`,
 * `timestamp`, `tags`/`category`). A headerless row without an id gets
 * `line-<n>` as entry id.
 */
export async function* parseThreatExchangePdq(
  chunks: ListChunks,
  options: ThreatExchangePdqOptions,
): AsyncGenerator<HashEntry> {
  let layout: Layout | undefined;
  let delimiter = options.delimiter;
  for await (const batch of readCsvRecordBatches(
    await withDelimiter(chunks, (found) => {
      delimiter ??= found;
    }),
    delimiter!,
    options.maxLineLength,
  )) {
    for (const { fields, lineNumber } of batch) {
      if (!layout) {
        const header = readHeader(fields);
        if (header) {
          layout = header;
          continue;
        }
        layout = HEADERLESS;
      }
      const at = (index: number | undefined) =>
        index === undefined ? undefined : fields[index]?.trim();
      if (options.minQuality !== undefined && layout.quality !== undefined) {
        const quality = Number(at(layout.quality));
        if (!Number.isFinite(quality)) {
          throw new ListError('E_LIST_MALFORMED', `Line ${lineNumber}: quality is not a number`);
        }
        if (quality < options.minQuality) continue;
      }
      const entry = normalizeHashEntry({
        algorithm: 'pdq',
        value: at(layout.hash) ?? '',
        entryId: at(layout.id) || `line-${lineNumber}`,
        category: at(layout.category) || undefined,
        addedAt: at(layout.time) || undefined,
        listId: options.listId,
      });
      if (typeof entry === 'string')
        throw new ListError('E_LIST_MALFORMED', `Line ${lineNumber}: ${entry}`);
      yield entry;
    }
  }
}

function readHeader(fields: string[]): Layout | undefined {
  const names = fields.map((field) => field.trim().toLowerCase());
  const find = (candidates: string[]) => {
    const index = names.findIndex((name) => candidates.includes(name));
    return index < 0 ? undefined : index;
  };
  const hash = find(HASH_NAMES);
  if (hash === undefined) return undefined;
  const layout: Layout = { hash, id: find(ID_NAMES) ?? -1 };
  const quality = find(QUALITY_NAMES);
  const time = find(TIME_NAMES);
  const category = find(CATEGORY_NAMES);
  if (quality !== undefined) layout.quality = quality;
  if (time !== undefined) layout.time = time;
  if (category !== undefined) layout.category = category;
  return layout;
}

/** Peeks the first chunk(s) up to the first newline to pick tab or comma, then replays them. */
async function withDelimiter(
  chunks: ListChunks,
  found: (delimiter: ',' | '\t') => void,
): Promise<AsyncIterable<Uint8Array | string>> {
  const iterator = (
    Symbol.asyncIterator in chunks
      ? (chunks as AsyncIterable<Uint8Array | string>)[Symbol.asyncIterator]()
      : (chunks as Iterable<Uint8Array | string>)[Symbol.iterator]()
  ) as AsyncIterator<Uint8Array | string> | Iterator<Uint8Array | string>;
  const peeked: (Uint8Array | string)[] = [];
  let sample = '';
  let done = false;
  while (!sample.includes('\n') && sample.length < 4096) {
    const step = await iterator.next();
    if (step.done) {
      done = true;
      break;
    }
    peeked.push(step.value);
    sample += typeof step.value === 'string' ? step.value : latin1(step.value);
  }
  const firstLine = sample.split('\n')[0] ?? '';
  found(firstLine.includes('\t') ? '\t' : ',');
  return (async function* replay() {
    yield* peeked;
    if (done) return;
    while (true) {
      const step = await iterator.next();
      if (step.done) return;
      yield step.value;
    }
  })();
}

// Enough to spot a tab or newline byte without decoding (both are ASCII).
function latin1(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < Math.min(bytes.length, 4096); i++) out += String.fromCharCode(bytes[i]!);
  return out;
}
