import { decodeUtf8 } from './formats/utf8';

/**
 * Many short strings (entry ids, PhotoDNA values) as one UTF-8 blob plus
 * offsets: no JS object per entry, decoded only when a match needs one.
 */
export interface StringColumn {
  /** `count + 1` offsets into `bytes`; string i is `bytes[offsets[i]..offsets[i+1])`. */
  readonly offsets: Uint32Array;
  readonly bytes: Uint8Array;
}

export function stringAt(column: StringColumn, index: number): string {
  return decodeUtf8(column.bytes.subarray(column.offsets[index]!, column.offsets[index + 1]!));
}
