import { createRandom, type Random } from './core/random';

/**
 * What can go wrong on the wire. Whether the mock applied the request before
 * failing matters to a client deciding to retry:
 * - not applied: `server-error` (5xx), `rate-limit` (429 + Retry-After),
 *   `reset` (connection dropped before any processing), `hang` (no answer
 *   until the client gives up);
 * - applied, answer damaged: `truncate` (body cut short after a full
 *   Content-Length), `malformed` (a complete body that does not parse),
 *   `lost-response` (the report is recorded, the client sees a dropped
 *   connection: the case that makes blind retries file duplicate reports);
 * - `latency`: answered normally after a delay;
 * - `application-error`: not applied; the CyberTipline answers HTTP 200 with
 *   a non-zero `responseCode` (default 1000, server error), other services
 *   HTTP 500.
 */
export type FaultKind =
  | 'latency'
  | 'server-error'
  | 'rate-limit'
  | 'reset'
  | 'hang'
  | 'truncate'
  | 'malformed'
  | 'lost-response'
  | 'application-error';

export interface FaultRule {
  kind: FaultKind;
  /** Route id (`cybertipline.submit`), a service (`cybertipline.*`) or `*` (the default). */
  route?: string;
  /** Chance per matching request, drawn from the seeded PRNG (deterministic). Default 1. */
  probability?: number;
  /** Affect at most this many requests, then stop. Default: no limit. */
  times?: number;
  /** `latency`: delay before answering. Default 200. */
  latencyMs?: number;
  /** `server-error`: the HTTP status. Default 503. */
  status?: number;
  /** `rate-limit`: the Retry-After header, in seconds. Default 1. */
  retryAfterSeconds?: number;
  /** `application-error`: the CyberTipline responseCode. Default 1000. */
  responseCode?: number;
}

export interface FaultController {
  /** Adds a rule; rules are checked in the order they were added. */
  add(rule: FaultRule): void;
  clear(): void;
  list(): FaultRule[];
}

interface ActiveRule {
  rule: FaultRule;
  used: number;
}

export interface FaultPlanner extends FaultController {
  /** The fault to inject for this request, or null. Consumes one PRNG draw per probabilistic match. */
  decide(routeId: string): FaultRule | null;
  /** Back to the initial rules and a fresh PRNG. */
  reset(seed: number): void;
}

export function createFaultPlanner(seed: number, initial: readonly FaultRule[] = []): FaultPlanner {
  let random: Random = createRandom(seed ^ 0x5eed);
  const fresh = (): ActiveRule[] => initial.map((rule) => ({ rule: validateRule(rule), used: 0 }));
  let rules = fresh();
  return {
    add: (rule) => {
      rules.push({ rule: validateRule(rule), used: 0 });
    },
    clear: () => {
      rules = [];
    },
    list: () => rules.map((active) => ({ ...active.rule })),
    reset: (nextSeed) => {
      random = createRandom(nextSeed ^ 0x5eed);
      rules = fresh();
    },
    decide: (routeId) => {
      for (const active of rules) {
        if (!routeMatches(active.rule.route ?? '*', routeId)) continue;
        if (active.rule.times !== undefined && active.used >= active.rule.times) continue;
        const probability = active.rule.probability ?? 1;
        if (probability < 1 && random.next() >= probability) continue;
        active.used++;
        return active.rule;
      }
      return null;
    },
  };
}

function routeMatches(pattern: string, routeId: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return routeId.startsWith(pattern.slice(0, -1));
  return pattern === routeId;
}

const KINDS: readonly FaultKind[] = [
  'latency',
  'server-error',
  'rate-limit',
  'reset',
  'hang',
  'truncate',
  'malformed',
  'lost-response',
  'application-error',
];

function validateRule(rule: FaultRule): FaultRule {
  if (!KINDS.includes(rule.kind)) throw new TypeError(`unknown fault kind: ${String(rule.kind)}`);
  const probability = rule.probability ?? 1;
  if (!(probability >= 0 && probability <= 1))
    throw new RangeError('probability must be within 0..1');
  return { ...rule };
}
