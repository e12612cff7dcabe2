/**
 * How a multi-index-hashing query probes for threshold `d` (Norouzi, Punjani
 * & Fleet, "Fast search in Hamming space with multi-index hashing", 2012).
 *
 * The 256 bits are cut into `m` disjoint slots of `w` bits (`m = ⌊256/w⌋`;
 * leftover bits are simply not indexed). Slot i is probed with radius `r_i`
 * (−1 = not probed). Exactness: if dist(q, x) ≤ d, the slot distances d_i sum
 * to ≤ d; were every d_i > r_i, they would sum to ≥ Σ(r_i + 1). So choosing
 * Σ(r_i + 1) = d + 1 guarantees some probed slot has d_i ≤ r_i and x is found.
 * For 16 slots of 16 bits and d = 31 that is radius 1 everywhere (the classic
 * ⌊d/16⌋); for 11 slots of 22 bits it is radius 2 on ten slots and 1 on one.
 */
export interface MihPlan {
  /** Probe radius per slot, −1 for slots not probed. */
  radii: Int8Array;
  /** Keys probed (Σ ball volumes). */
  probes: number;
  /** Expected candidates on uniformly random data. */
  expectedCandidates: number;
  /** True when probing is expected to cost more than a linear scan. */
  scan: boolean;
}

// Relative costs, fitted on Node 24 / 1 M rows (bench/index.bench.mjs):
// ~36 ns per probed key (a directory miss), ~27 ns per candidate verified
// (misses overlapped by the touch loop), ~4.4 ns per row of the JS scan.
const PROBE_COST = 1.35;
const CANDIDATE_COST = 1;
const SCAN_ROW_COST = 0.16;

export function planMih(
  slotBits: number,
  slotCount: number,
  entries: number,
  threshold: number,
): MihPlan {
  const units = threshold + 1;
  const radii = new Int8Array(slotCount);
  const base = Math.floor(units / slotCount);
  const extra = units % slotCount;
  let probes = 0;
  for (let slot = 0; slot < slotCount; slot++) {
    const radius = base + (slot < extra ? 1 : 0) - 1;
    radii[slot] = Math.min(radius, slotBits);
    if (radius >= 0) probes += ballVolume(slotBits, Math.min(radius, slotBits));
  }
  const expectedCandidates = (probes * entries) / 2 ** slotBits;
  const cost = probes * PROBE_COST + expectedCandidates * CANDIDATE_COST;
  // A radius ≥ the slot width probes every key: never worth it over a scan.
  const scan = radii.some((radius) => radius >= slotBits) || cost > entries * SCAN_ROW_COST;
  return { radii, probes, expectedCandidates, scan };
}

/** Slot width with the cheapest plan at the design threshold, within a memory bound. */
export function chooseSlotBits(entries: number, designThreshold = 31): number {
  // Directories hold 2^w offsets per slot; keep them ≤ ~2 × entries and ≤ 16 MiB each.
  const maxBits = Math.max(8, Math.min(22, Math.ceil(Math.log2(Math.max(entries, 2))) + 1));
  let best = 16;
  let bestCost = Number.POSITIVE_INFINITY;
  for (let bits = 8; bits <= maxBits; bits++) {
    const plan = planMih(bits, Math.floor(256 / bits), entries, designThreshold);
    const cost = plan.probes * PROBE_COST + plan.expectedCandidates * CANDIDATE_COST;
    if (cost < bestCost) {
      best = bits;
      bestCost = cost;
    }
  }
  return best;
}

/** Number of w-bit keys within Hamming radius r of a key: Σ_{k≤r} C(w, k). */
export function ballVolume(bits: number, radius: number): number {
  let volume = 0;
  let choose = 1;
  for (let k = 0; k <= radius; k++) {
    volume += choose;
    choose = (choose * (bits - k)) / (k + 1);
  }
  return volume;
}
