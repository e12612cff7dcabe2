import { describe, expect, it } from 'vitest';
import { createEventEmitter } from '../events';
import { createCheckCore } from './check-core';
import type {
  ActiveListVersion,
  CheckEventMap,
  CheckHashes,
  CheckMatch,
  CheckQuery,
  PolicyMatcher,
  UploadCheckedEvent,
} from './check-types';
import type { PolicyOptions, Verdict } from './verdict';

const PDQ_A = 'a'.repeat(64);
const MD5_A = '0'.repeat(32);

/**
 * A matcher answering from a fixed table: exact digests by equality, PDQ by
 * the distance given per entry, filtered by the threshold the core asks for,
 * so the core's threshold and quality gating are what the tests observe.
 */
function tableMatcher(
  entries: Array<CheckMatch & { value: string }>,
  queries: CheckQuery[] = [],
): PolicyMatcher {
  return {
    match(query, { pdqThreshold }) {
      queries.push(query);
      const out: CheckMatch[] = [];
      for (const { value, ...match } of entries) {
        if (match.algorithm === 'pdq') {
          if (query.pdq === value && match.distance <= pdqThreshold) out.push(match);
        } else if (query[match.algorithm as 'md5'] === value) {
          out.push(match);
        }
      }
      return out;
    },
  };
}

const fresh: ActiveListVersion[] = [
  { listId: 'iwf', version: 'v1', updatedAt: 1_000 },
  { listId: 'ncmec', version: 'v9', updatedAt: 1_000 },
];
const clock = { now: () => 2_000 };

const md5Hit = {
  value: MD5_A,
  listId: 'iwf',
  entryId: 'e1',
  algorithm: 'md5',
  distance: 0,
  category: 'A',
} as const;
const pdqAt = (distance: number, listId = 'ncmec') =>
  ({
    value: PDQ_A,
    listId,
    entryId: `p${distance}`,
    algorithm: 'pdq',
    distance,
    category: 'B1',
  }) as const;

interface Row {
  name: string;
  entries: Array<CheckMatch & { value: string }>;
  hashes: CheckHashes;
  policy?: PolicyOptions;
  listVersions?: ActiveListVersion[];
  verdict: Verdict;
  reason: string;
  matched: string[];
}

const rows: Row[] = [
  {
    name: 'exact digest match blocks',
    entries: [md5Hit],
    hashes: { md5: MD5_A },
    verdict: 'block',
    reason: 'match',
    matched: ['e1'],
  },
  {
    name: 'no match allows',
    entries: [md5Hit],
    hashes: { md5: '1'.repeat(32) },
    verdict: 'allow',
    reason: 'no-match',
    matched: [],
  },
  {
    name: 'PDQ at distance 31 goes to review',
    entries: [pdqAt(31)],
    hashes: { pdq: PDQ_A, quality: 100 },
    verdict: 'review',
    reason: 'match',
    matched: ['p31'],
  },
  {
    name: 'PDQ at distance 32 is no match by default',
    entries: [pdqAt(32)],
    hashes: { pdq: PDQ_A, quality: 100 },
    verdict: 'allow',
    reason: 'no-match',
    matched: [],
  },
  {
    name: 'PDQ of quality 49 is not matched',
    entries: [pdqAt(0)],
    hashes: { pdq: PDQ_A, quality: 49 },
    verdict: 'allow',
    reason: 'no-match',
    matched: [],
  },
  {
    name: 'PDQ of quality 50 is matched',
    entries: [pdqAt(0)],
    hashes: { pdq: PDQ_A, quality: 50 },
    verdict: 'review',
    reason: 'match',
    matched: ['p0'],
  },
  {
    name: 'low quality PDQ still lets the exact digest block',
    entries: [md5Hit, pdqAt(0)],
    hashes: { md5: MD5_A, pdq: PDQ_A, quality: 10 },
    verdict: 'block',
    reason: 'match',
    matched: ['e1'],
  },
  {
    name: 'block wins over review',
    entries: [md5Hit, pdqAt(3)],
    hashes: { md5: MD5_A, pdq: PDQ_A, quality: 90 },
    verdict: 'block',
    reason: 'match',
    matched: ['e1', 'p3'],
  },
  {
    name: 'a per-list threshold narrows that list only',
    entries: [pdqAt(20, 'ncmec'), pdqAt(20, 'iwf')],
    hashes: { pdq: PDQ_A, quality: 90 },
    policy: { lists: { ncmec: { pdqThreshold: 10 } } },
    verdict: 'review',
    reason: 'match',
    matched: ['p20'],
  },
  {
    name: 'a per-list threshold wider than the default is probed',
    entries: [pdqAt(40, 'ncmec')],
    hashes: { pdq: PDQ_A, quality: 90 },
    policy: { lists: { ncmec: { pdqThreshold: 45 } } },
    verdict: 'review',
    reason: 'match',
    matched: ['p40'],
  },
  {
    name: 'a per-list PDQ action of block blocks',
    entries: [pdqAt(5)],
    hashes: { pdq: PDQ_A, quality: 90 },
    policy: { lists: { ncmec: { pdqAction: 'block' } } },
    verdict: 'block',
    reason: 'match',
    matched: ['p5'],
  },
  {
    name: 'an exact action of review overrides block',
    entries: [md5Hit],
    hashes: { md5: MD5_A },
    policy: { exactAction: 'review' },
    verdict: 'review',
    reason: 'match',
    matched: ['e1'],
  },
  {
    name: 'a stale list fails closed to review',
    entries: [md5Hit],
    hashes: { md5: '1'.repeat(32) },
    policy: { maxListAgeMs: 500 },
    verdict: 'review',
    reason: 'stale-lists',
    matched: [],
  },
  {
    name: 'a stale list fails open to the match verdict',
    entries: [md5Hit],
    hashes: { md5: '1'.repeat(32) },
    policy: { maxListAgeMs: 500, failMode: 'open' },
    verdict: 'allow',
    reason: 'no-match',
    matched: [],
  },
  {
    name: 'a stale list still blocks on an exact match',
    entries: [md5Hit],
    hashes: { md5: MD5_A },
    policy: { maxListAgeMs: 500 },
    verdict: 'block',
    reason: 'match',
    matched: ['e1'],
  },
  {
    name: 'lists within the age limit are not stale',
    entries: [md5Hit],
    hashes: { md5: '1'.repeat(32) },
    policy: { maxListAgeMs: 1_000 },
    verdict: 'allow',
    reason: 'no-match',
    matched: [],
  },
];

describe('createCheckCore policy table', () => {
  it.each(rows)('$name', (row) => {
    const core = createCheckCore({
      matcher: tableMatcher(row.entries),
      listVersions: row.listVersions ?? fresh,
      policy: row.policy,
      clock,
    });
    const result = core.check(row.hashes);
    expect(result.verdict).toBe(row.verdict);
    expect(result.reason).toBe(row.reason);
    expect(result.matches.map((m) => m.entryId).sort()).toEqual([...row.matched].sort());
  });
});

describe('createCheckCore fail mode', () => {
  const broken: PolicyMatcher = {
    match() {
      throw new Error('index corrupted');
    },
  };

  it.each([
    ['closed', 'review'],
    ['open', 'allow'],
  ] as const)('an internal error with failMode %s gives %s', (failMode, verdict) => {
    const core = createCheckCore({ matcher: broken, policy: { failMode }, clock });
    const result = core.check({ md5: MD5_A });
    expect(result).toMatchObject({
      verdict,
      reason: 'error',
      error: { code: 'E_INTERNAL', message: 'index corrupted' },
    });
  });

  it.each([
    ['closed', 'review'],
    ['open', 'allow'],
  ] as const)('no lists loaded with failMode %s gives %s', (failMode, verdict) => {
    const core = createCheckCore({ active: () => undefined, policy: { failMode }, clock });
    expect(core.check({ md5: MD5_A })).toMatchObject({ verdict, reason: 'no-lists' });
  });

  it('fail() turns a hashing error into the fail-mode verdict', () => {
    const core = createCheckCore({ matcher: tableMatcher([]), clock });
    const result = core.fail(Object.assign(new Error('x'), { code: 'E_DECODE' }), {
      uploadId: 'u1',
    });
    expect(result.verdict).toBe('review');
    expect(result.reason).toBe('error');
  });

  it('rejects an invalid policy when created', () => {
    expect(() =>
      createCheckCore({ matcher: tableMatcher([]), policy: { pdqThreshold: 300 } }),
    ).toThrow(/pdqThreshold/);
    expect(() => createCheckCore({})).toThrow(/matcher/);
  });
});

describe('createCheckCore queries and events', () => {
  it('sends neither the PDQ hash nor its dihedral set when quality is too low', () => {
    const queries: CheckQuery[] = [];
    const core = createCheckCore({ matcher: tableMatcher([], queries), clock });
    core.check({ md5: MD5_A, pdq: PDQ_A, quality: 20, pdqDihedral: [PDQ_A] });
    expect(queries).toEqual([{ md5: MD5_A, sha1: undefined, sha256: undefined }]);
  });

  it('emits upload:checked with context, hashes, matches, list versions and timings', () => {
    const events = createEventEmitter<CheckEventMap & { 'other:thing': { x: number } }>();
    const seen: UploadCheckedEvent[] = [];
    events.on('upload:checked', (event) => seen.push(event));
    const core = createCheckCore({
      matcher: tableMatcher([md5Hit]),
      listVersions: fresh,
      events,
      clock,
    });
    const result = core.check(
      { md5: MD5_A },
      { uploadId: 'u-42', accountId: 'acct-7' },
      { hashMs: 3 },
    );
    expect(seen).toHaveLength(1);
    const event = seen[0]!;
    expect(event).toMatchObject({
      at: 2_000,
      context: { uploadId: 'u-42', accountId: 'acct-7' },
      verdict: 'block',
      hashes: { md5: MD5_A },
      matches: [{ listId: 'iwf', entryId: 'e1', algorithm: 'md5', distance: 0, category: 'A' }],
      listVersions: fresh,
    });
    expect(event.timings.hashMs).toBe(3);
    expect(event.timings.matchMs).toBeGreaterThanOrEqual(0);
    expect(result.verdict).toBe(event.verdict);
  });

  it('reads the active lists on every check, so a swapped list answers next time', () => {
    let active = { matcher: tableMatcher([]), listVersions: fresh };
    const core = createCheckCore({ active: () => active, clock });
    expect(core.check({ md5: MD5_A }).verdict).toBe('allow');
    active = { matcher: tableMatcher([md5Hit]), listVersions: fresh };
    expect(core.check({ md5: MD5_A }).verdict).toBe('block');
  });
});

describe('createCheckCore decide and record', () => {
  it('decide gives the check result without emitting; record emits it once, as amended', () => {
    const events = createEventEmitter<CheckEventMap>();
    const seen: UploadCheckedEvent[] = [];
    events.on('upload:checked', (event) => seen.push(event));
    const core = createCheckCore({
      matcher: tableMatcher([md5Hit]),
      listVersions: fresh,
      events,
      clock,
    });
    const decided = core.decide({ md5: '1'.repeat(32) }, { hashMs: 2 });
    expect(decided).toMatchObject({ verdict: 'allow', reason: 'no-match' });
    expect(decided.timings.hashMs).toBe(2);
    expect(seen).toHaveLength(0);
    const amended = { ...decided, verdict: 'review' as const, reason: 'model-flag' as const };
    expect(core.record(amended, { uploadId: 'u-9' })).toBe(amended);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      verdict: 'review',
      reason: 'model-flag',
      context: { uploadId: 'u-9' },
      at: 2_000,
    });
  });

  it('a listener that throws out of emit changes no result and is not emitted again', () => {
    let attempts = 0;
    // Like Node's EventEmitter: a listener's error comes out of emit().
    const events = {
      emit() {
        attempts++;
        throw new Error('review queue down');
      },
    };
    const core = createCheckCore({
      matcher: tableMatcher([md5Hit]),
      listVersions: fresh,
      events,
      clock,
    });
    const quiet = createCheckCore({ matcher: tableMatcher([md5Hit]), listVersions: fresh, clock });
    for (const md5 of [MD5_A, '1'.repeat(32)]) {
      attempts = 0;
      const result = core.check({ md5 }, { uploadId: 'u-1' });
      expect(result).toEqual({ ...quiet.check({ md5 }), timings: result.timings });
      expect(result.reason).not.toBe('error');
      expect(attempts).toBe(1);
    }
    attempts = 0;
    const decided = core.decide({ md5: MD5_A });
    expect(core.record(decided, { uploadId: 'u-2' })).toBe(decided);
    expect(attempts).toBe(1);
  });

  it('decide does not emit when no lists are loaded or the matcher fails either', () => {
    const events = createEventEmitter<CheckEventMap>();
    const seen: UploadCheckedEvent[] = [];
    events.on('upload:checked', (event) => seen.push(event));
    const unloaded = createCheckCore({ active: () => undefined, events, clock });
    expect(unloaded.decide({ md5: MD5_A }).reason).toBe('no-lists');
    const broken = createCheckCore({
      matcher: {
        match() {
          throw new Error('index corrupted');
        },
      },
      events,
      clock,
    });
    expect(broken.decide({ md5: MD5_A }).reason).toBe('error');
    expect(seen).toHaveLength(0);
  });
});
