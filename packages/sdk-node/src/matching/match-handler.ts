import {
  type CheckContext,
  type CheckHashes,
  type CheckResult,
  type Clock,
  ConfigError,
  isHashguardError,
  RequestError,
  type RequestErrorCode,
} from '@hashguard/sdk-core';
import { parseMatchRequest, readLimitedBody } from './match-request';
import { createRateLimiter, type RateLimitOptions } from './rate-limiter';

/** Who is asking; `clientId` keys the rate limit and is recorded with the check. */
export interface MatchClient {
  clientId: string;
  [field: string]: unknown;
}

export interface MatchHandlerOptions {
  /** The check core (or an upload checker) answering for the active lists. */
  core: { check(hashes: CheckHashes, context?: CheckContext): CheckResult };
  /**
   * Identifies the caller (session cookie, bearer token, mTLS header...).
   * Return `undefined` to refuse with 401. Required unless `allowAnonymous`.
   */
  authenticate?: (request: Request) => MatchClient | undefined | Promise<MatchClient | undefined>;
  /** Accept callers `authenticate` does not identify (or with no `authenticate`). Off by default. */
  allowAnonymous?: boolean;
  /** Largest body accepted, in bytes. Default 4096: hashes of one file fit in under 1 KiB. */
  maxBodyBytes?: number;
  /** Token bucket per client, or `false` to leave rate limiting to a proxy. */
  rateLimit?: RateLimitOptions | false;
  /** Time for the rate limiter; tests inject a fake. */
  clock?: Pick<Clock, 'now'>;
}

export type MatchHandler = (request: Request) => Promise<Response>;

const ANONYMOUS: MatchClient = { clientId: 'anonymous' };
const STATUS: Record<RequestErrorCode, number> = {
  E_UNAUTHENTICATED: 401,
  E_BAD_REQUEST: 400,
  E_PAYLOAD_TOO_LARGE: 413,
  E_RATE_LIMITED: 429,
};
// Verdicts are per-upload and must never be cached by a proxy or the browser.
const HEADERS = { 'content-type': 'application/json', 'cache-control': 'no-store' };

/**
 * A fetch-style handler for browser pre-upload checks. It takes hashes only
 * and answers the verdict only: distances, entry ids, categories and list
 * contents stay on the server, where `upload:checked` records the full match.
 */
export function createMatchHandler(options: MatchHandlerOptions): MatchHandler {
  const config = normalise(options);
  const limiter = config.rateLimit ? createRateLimiter(config.rateLimit, config.clock) : undefined;

  return async (request) => {
    try {
      if (request.method !== 'POST') {
        return json(
          405,
          { error: { code: 'E_BAD_REQUEST', message: 'Use POST with a JSON body.' } },
          { allow: 'POST' },
        );
      }
      const client = await identify(request);
      if (limiter) {
        const taken = limiter.take(client.clientId);
        if (!taken.allowed) {
          const seconds = Math.max(1, Math.ceil(taken.retryAfterMs / 1000));
          return errorResponse(
            new RequestError('E_RATE_LIMITED', 'Too many checks; retry later.'),
            {
              'retry-after': String(seconds),
            },
          );
        }
      }
      const hashes = parseMatchRequest(await readLimitedBody(request, config.maxBodyBytes));
      const result = config.core.check(hashes, { ...client, via: 'match-endpoint' });
      return json(200, { verdict: result.verdict });
    } catch (error) {
      if (isHashguardError(error) && error.code in STATUS)
        return errorResponse(error as RequestError);
      // Anything else is ours, not the caller's: say nothing about it.
      return json(500, { error: { code: 'E_INTERNAL', message: 'Internal error.' } });
    }
  };

  async function identify(request: Request): Promise<MatchClient> {
    const client = config.authenticate ? await config.authenticate(request) : undefined;
    if (client) return client;
    if (config.allowAnonymous) return ANONYMOUS;
    throw new RequestError('E_UNAUTHENTICATED', 'Authentication required.');
  }
}

function normalise(options: MatchHandlerOptions) {
  if (!options.core) throw new ConfigError('E_MISSING_OPTION', 'createMatchHandler needs `core`.');
  if (!options.authenticate && options.allowAnonymous !== true) {
    throw new ConfigError(
      'E_MISSING_OPTION',
      'createMatchHandler needs `authenticate(request)`; pass `allowAnonymous: true` to accept anyone explicitly.',
    );
  }
  const maxBodyBytes = options.maxBodyBytes ?? 4096;
  if (!(Number.isInteger(maxBodyBytes) && maxBodyBytes > 0)) {
    throw new ConfigError(
      'E_INVALID_OPTIONS',
      `maxBodyBytes must be a positive integer, not ${maxBodyBytes}.`,
    );
  }
  const rateLimit = options.rateLimit === false ? undefined : (options.rateLimit ?? {});
  if (rateLimit) {
    const { burst = 60, perSecond = 20 } = rateLimit;
    if (!(burst >= 1 && perSecond > 0)) {
      throw new ConfigError(
        'E_INVALID_OPTIONS',
        'rateLimit.burst must be >= 1 and rateLimit.perSecond > 0.',
      );
    }
  }
  return {
    core: options.core,
    authenticate: options.authenticate,
    allowAnonymous: options.allowAnonymous === true,
    maxBodyBytes,
    rateLimit,
    clock: options.clock ?? { now: () => Date.now() },
  };
}

function errorResponse(error: RequestError, headers: Record<string, string> = {}): Response {
  return json(STATUS[error.code], { error: { code: error.code, message: error.message } }, headers);
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...HEADERS, ...headers } });
}
