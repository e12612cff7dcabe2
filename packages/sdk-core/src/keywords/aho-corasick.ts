/**
 * An Aho–Corasick automaton over small integer symbols, in typed arrays.
 * Symbol 0 is "any letter no pattern uses", symbol 1 the word break.
 *
 * When states × alphabet fits `DENSE_LIMIT` the goto function is a full
 * DFA table (one array read per input symbol); larger alphabets (lists with
 * thousands of distinct Han characters, say) fall back to a sparse edge map
 * plus failure links, which is slower per symbol but bounded in memory.
 */
export const SYMBOL_OTHER = 0;
export const SYMBOL_BREAK = 1;
const DENSE_LIMIT = 16 * 1024 * 1024; // 64 MiB of Int32

export interface AhoCorasick {
  alphabetSize: number;
  stateCount: number;
  /** Dense DFA (`state * alphabetSize + symbol`), or `undefined` in sparse mode. */
  delta: Int32Array | undefined;
  /** Next state; the general form, valid in both modes. */
  next(state: number, symbol: number): number;
  /** 1 where the state ends at least one pattern (its own or via suffix links). */
  hasOutput: Uint8Array;
  /** CSR lists of pattern ids ending exactly at a state (`outputs[outputStart[s]..outputStart[s+1]]`). */
  outputStart: Int32Array;
  outputs: Int32Array;
  /** Nearest proper suffix state that has outputs, or -1. */
  dictionaryLink: Int32Array;
}

export function buildAhoCorasick(
  patterns: readonly Int32Array[],
  alphabetSize: number,
): AhoCorasick {
  // Trie with edges in one Map keyed by state * alphabetSize + symbol.
  const edges = new Map<number, number>();
  const own: number[][] = [[]];
  let stateCount = 1;
  patterns.forEach((pattern, patternId) => {
    let state = 0;
    for (const symbol of pattern) {
      const key = state * alphabetSize + symbol;
      let child = edges.get(key);
      if (child === undefined) {
        child = stateCount++;
        edges.set(key, child);
        own.push([]);
      }
      state = child;
    }
    own[state]!.push(patternId);
  });

  const children: number[][] = Array.from({ length: stateCount }, () => []);
  for (const [key, child] of edges) children[Math.floor(key / alphabetSize)]!.push(key, child);

  const fail = new Int32Array(stateCount);
  const dictionaryLink = new Int32Array(stateCount).fill(-1);
  const dense = stateCount * alphabetSize <= DENSE_LIMIT;
  const delta = dense ? new Int32Array(stateCount * alphabetSize) : undefined;
  const sparseNext = (state: number, symbol: number): number => {
    for (let s = state; ; s = fail[s]!) {
      const child = edges.get(s * alphabetSize + symbol);
      if (child !== undefined) return child;
      if (s === 0) return 0;
    }
  };

  // Breadth-first: every state's failure target is finished before its children.
  const queue = new Int32Array(stateCount);
  let head = 0;
  let tail = 0;
  const rootEdges = children[0]!;
  for (let i = 0; i < rootEdges.length; i += 2) {
    const child = rootEdges[i + 1]!;
    queue[tail++] = child;
    if (delta) delta[rootEdges[i]! % alphabetSize] = child;
  }
  while (head < tail) {
    const state = queue[head++]!;
    const f = fail[state]!;
    if (delta) {
      // Inherit the failure state's row, then overwrite with real edges.
      delta.copyWithin(state * alphabetSize, f * alphabetSize, (f + 1) * alphabetSize);
    }
    const list = children[state]!;
    for (let i = 0; i < list.length; i += 2) {
      const symbol = list[i]! - state * alphabetSize;
      const child = list[i + 1]!;
      fail[child] = delta ? delta[f * alphabetSize + symbol]! : sparseNext(f, symbol);
      queue[tail++] = child;
      if (delta) delta[state * alphabetSize + symbol] = child;
    }
    const failState = fail[state]!;
    if (state !== 0) {
      dictionaryLink[state] = own[failState]!.length > 0 ? failState : dictionaryLink[failState]!;
    }
  }

  const outputStart = new Int32Array(stateCount + 1);
  let total = 0;
  for (let s = 0; s < stateCount; s++) {
    outputStart[s] = total;
    total += own[s]!.length;
  }
  outputStart[stateCount] = total;
  const outputs = new Int32Array(total);
  const hasOutput = new Uint8Array(stateCount);
  for (let s = 0; s < stateCount; s++) {
    outputs.set(own[s]!, outputStart[s]!);
    if (own[s]!.length > 0 || dictionaryLink[s] !== -1) hasOutput[s] = 1;
  }
  return {
    alphabetSize,
    stateCount,
    delta,
    next: delta ? (state, symbol) => delta[state * alphabetSize + symbol]! : sparseNext,
    hasOutput,
    outputStart,
    outputs,
    dictionaryLink,
  };
}
