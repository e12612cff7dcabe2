import { ConfigError } from '../errors/config-error';

/** What the member's upload pipeline should do with a file. */
export type Verdict = 'block' | 'review' | 'allow';

/**
 * What happens when the SDK cannot vouch for its answer (a list older than the
 * staleness limit, no list loaded, an internal error): `closed` sends the
 * upload to review, `open` lets it through on whatever matching was possible.
 */
export type FailMode = 'closed' | 'open';

export type CheckAlgorithm = 'md5' | 'sha1' | 'sha256' | 'pdq' | 'photodna';

/** Per-list overrides; every field falls back to the policy-wide value. */
export interface ListPolicy {
  /** Largest PDQ Hamming distance that counts as a match for this list (0..256). */
  pdqThreshold?: number;
  /** Action for a PDQ match within the threshold. Default `review`. */
  pdqAction?: Verdict;
  /** Action for an exact digest (MD5, SHA-1, SHA-256) or PhotoDNA match. Default `block`. */
  exactAction?: Verdict;
}

export interface PolicyOptions extends ListPolicy {
  /** Default `closed`: stale lists or internal errors send the upload to review. */
  failMode?: FailMode;
  /** PDQ hashes of lower quality (0..100) are too unreliable to match on. Default 50. */
  pdqMinQuality?: number;
  /** A list not refreshed for longer than this is stale. Default: no limit. */
  maxListAgeMs?: number;
  /** Overrides keyed by `listId`. */
  lists?: Record<string, ListPolicy>;
}

/** The policy with every default filled in; built once by `normalisePolicy`. */
export interface NormalisedPolicy {
  failMode: FailMode;
  pdqMinQuality: number;
  maxListAgeMs: number;
  defaults: Required<ListPolicy>;
  lists: ReadonlyMap<string, Required<ListPolicy>>;
  /** The widest PDQ threshold of any list: one index probe answers them all. */
  maxPdqThreshold: number;
}

/** Issue 5: exact digest → block, PDQ ≤ 31 → review, quality < 50 ignored, fail closed. */
export const DEFAULT_PDQ_THRESHOLD = 31;
export const DEFAULT_PDQ_MIN_QUALITY = 50;

const VERDICTS: readonly Verdict[] = ['allow', 'review', 'block'];
const SEVERITY: Record<Verdict, number> = { allow: 0, review: 1, block: 2 };

/** The stricter of two verdicts. */
export function stricterVerdict(a: Verdict, b: Verdict): Verdict {
  return SEVERITY[a] >= SEVERITY[b] ? a : b;
}

export function normalisePolicy(options: PolicyOptions = {}): NormalisedPolicy {
  const defaults = normaliseListPolicy('policy', options, {
    pdqThreshold: DEFAULT_PDQ_THRESHOLD,
    pdqAction: 'review',
    exactAction: 'block',
  });
  const lists = new Map<string, Required<ListPolicy>>();
  for (const [listId, listPolicy] of Object.entries(options.lists ?? {})) {
    lists.set(listId, normaliseListPolicy(`lists.${listId}`, listPolicy, defaults));
  }
  const failMode = options.failMode ?? 'closed';
  if (failMode !== 'closed' && failMode !== 'open') {
    throw new ConfigError(
      'E_INVALID_OPTIONS',
      `failMode must be 'closed' or 'open', not ${String(failMode)}.`,
    );
  }
  const pdqMinQuality = options.pdqMinQuality ?? DEFAULT_PDQ_MIN_QUALITY;
  if (!(pdqMinQuality >= 0 && pdqMinQuality <= 100)) {
    throw new ConfigError(
      'E_INVALID_OPTIONS',
      `pdqMinQuality must be within 0..100, not ${pdqMinQuality}.`,
    );
  }
  const maxListAgeMs = options.maxListAgeMs ?? Number.POSITIVE_INFINITY;
  if (!(maxListAgeMs > 0)) {
    throw new ConfigError(
      'E_INVALID_OPTIONS',
      `maxListAgeMs must be positive, not ${maxListAgeMs}.`,
    );
  }
  let maxPdqThreshold = defaults.pdqThreshold;
  for (const listPolicy of lists.values()) {
    maxPdqThreshold = Math.max(maxPdqThreshold, listPolicy.pdqThreshold);
  }
  return { failMode, pdqMinQuality, maxListAgeMs, defaults, lists, maxPdqThreshold };
}

function normaliseListPolicy(
  where: string,
  options: ListPolicy,
  fallback: Required<ListPolicy>,
): Required<ListPolicy> {
  const pdqThreshold = options.pdqThreshold ?? fallback.pdqThreshold;
  if (!Number.isInteger(pdqThreshold) || pdqThreshold < 0 || pdqThreshold > 256) {
    throw new ConfigError(
      'E_INVALID_OPTIONS',
      `${where}.pdqThreshold must be an integer within 0..256, not ${pdqThreshold}.`,
    );
  }
  const pdqAction = options.pdqAction ?? fallback.pdqAction;
  const exactAction = options.exactAction ?? fallback.exactAction;
  for (const [name, action] of [
    ['pdqAction', pdqAction],
    ['exactAction', exactAction],
  ] as const) {
    if (!VERDICTS.includes(action)) {
      throw new ConfigError(
        'E_INVALID_OPTIONS',
        `${where}.${name} must be 'block', 'review' or 'allow', not ${String(action)}.`,
      );
    }
  }
  return { pdqThreshold, pdqAction, exactAction };
}

/** The policy of one list, or the defaults when it has no overrides. */
export function listPolicyFor(policy: NormalisedPolicy, listId: string): Required<ListPolicy> {
  return policy.lists.get(listId) ?? policy.defaults;
}
