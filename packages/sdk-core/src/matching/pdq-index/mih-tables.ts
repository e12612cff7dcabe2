/**
 * The per-slot tables of a multi-index-hashing PDQ index: for each slot, the
 * row ids sorted by that slot's key (`ids`) and a directory of 2^w + 1
 * offsets (`directories`), so the rows whose slot key is k are
 * `ids[directory[k] .. directory[k+1])`. Plain typed arrays: built once,
 * stored in snapshots, viewed in place on load.
 */
export interface MihTables {
  slotBits: number;
  directories: Uint32Array[];
  ids: Uint32Array[];
}

/** Bits [start, start + bits) of the 256-bit hash at `words[base..base+8)`, bit b in word b >>> 5. */
export function slotKey(
  words: Uint32Array,
  base: number,
  start: number,
  bits: number,
  mask: number,
): number {
  const word = start >>> 5;
  const shift = start & 31;
  let key = words[base + word]! >>> shift;
  if (shift + bits > 32) key |= words[base + word + 1]! << (32 - shift);
  return (key & mask) >>> 0;
}

/**
 * Builds the tables with a two-pass LSD radix sort per slot: each pass's
 * histogram fits in L1 and its scatter writes stream to ≤ 2^12 places,
 * where a direct counting sort over a 2^22 directory misses the cache on
 * every row (measured at 10 M rows, 11 slots of 22 bits: 17 s → 2.4 s).
 */
export function buildMihTables(words: Uint32Array, slotBits: number): MihTables {
  const size = words.length >>> 3;
  const slotCount = Math.floor(256 / slotBits);
  const mask = slotBits >= 32 ? 0xffffffff : (1 << slotBits) - 1;
  const lowBits = slotBits >>> 1;
  const highBits = slotBits - lowBits;
  const lowMask = (1 << lowBits) - 1;
  const keys = new Uint32Array(size);
  const passKeys = new Uint32Array(size);
  const passIds = new Uint32Array(size);
  const lowCount = new Uint32Array((1 << lowBits) + 1);
  const highCount = new Uint32Array((1 << highBits) + 1);
  const directories: Uint32Array[] = [];
  const ids: Uint32Array[] = [];

  for (let slot = 0; slot < slotCount; slot++) {
    const start = slot * slotBits;
    lowCount.fill(0);
    highCount.fill(0);
    for (let row = 0; row < size; row++) {
      const key = slotKey(words, row * 8, start, slotBits, mask);
      keys[row] = key;
      lowCount[(key & lowMask) + 1]!++;
      highCount[(key >>> lowBits) + 1]!++;
    }
    for (let i = 1; i < lowCount.length; i++) lowCount[i]! += lowCount[i - 1]!;
    for (let i = 1; i < highCount.length; i++) highCount[i]! += highCount[i - 1]!;
    // Pass 1: by the low half of the key.
    for (let row = 0; row < size; row++) {
      const key = keys[row]!;
      const at = lowCount[key & lowMask]!++;
      passKeys[at] = key;
      passIds[at] = row;
    }
    // Pass 2, stable: by the high half; rows end up sorted by the whole key.
    const slotIds = new Uint32Array(size);
    for (let i = 0; i < size; i++) {
      const key = passKeys[i]!;
      const at = highCount[key >>> lowBits]!++;
      keys[at] = key;
      slotIds[at] = passIds[i]!;
    }
    // Directory by one sequential sweep over the sorted keys.
    const directory = new Uint32Array(mask + 2);
    let at = 0;
    for (let key = 0; key <= mask + 1; key++) {
      while (at < size && keys[at]! < key) at++;
      directory[key] = at;
    }
    directories.push(directory);
    ids.push(slotIds);
  }
  return { slotBits, directories, ids };
}
