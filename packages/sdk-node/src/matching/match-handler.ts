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

/**
 * What the caller is told. Either way the full result (verdict, matches,
 * hashes, client) is recorded server-side through `upload:checked`.
 *
 * - `'verdict'`: `{ "verdict": "allow" | "review" | "block" }`, for pages
 *   that stop a listed file before it is sent (sdk-browser's `policy: 'block'`).
 * - `'always-allow'`: `{ "verdict": "allow" }` whatever matched, for pages
 *   that let every upload proceed and leave a matched file to the server's
 *   `checkUpload`, which quarantines it (sdk-browser's
 *   `policy: 'upload-for-review'`). The answer is the same bytes for every
 *   file, so neither the page nor the network panel (nor a script calling
 *   the endpoint directly) learns that a file matched. It keeps the
 *   `verdict` shape so sdk-browser's client reads it unchanged.
 */
export type MatchAnswer = 'verdict' | 'always-allow';

export interface MatchHandlerOptions {
  /** The check core (or an upload checker) answering for the active lists. */
  core: { check(hashes: CheckHashes, context?: CheckContext): CheckResult };
  /**
   * What the response says; see `MatchAnswer`. Default `'verdict'`. Use
   * `'always-allow'` wherever matched uploads are meant to proceed to review:
   * an endpoint that answers the verdict would tell the uploader.
   *
   * **Never serve `'verdict'` to pages using sdk-browser's
   * `policy: 'upload-for-review'`.** The verdict reaches the uploader's
   * browser (network panel, or a script calling this endpoint directly), so
   * it tips off the uploader that their file matched a list. Pair
   * `'upload-for-review'` with `'always-allow'` only; `'verdict'` is for
   * `policy: 'block'` pages.
   */
  answer?: MatchAnswer;
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
  /**
   * Server-side report of an error the caller is not told about: a check that
   * threw (answered 500, or in `'always-allow'` mode the usual constant body).
   */
  onError?: (error: unknown) => void;
}

export type MatchHandler = (request: Request) => Promise<Response>;

const ANONYMOUS: MatchClient = { clientId: 'anonymous' };
const ANSWERS: readonly MatchAnswer[] = ['verdict', 'always-allow'];
// One constant body: identical bytes whatever the lists say.
const ALWAYS_ALLOW_BODY = JSON.stringify({ verdict: 'allow' });
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
 * and answers the verdict only (or, with `answer: 'always-allow'`, not even
 * that): distances, entry ids, categories and list contents stay on the
 * server, where `upload:checked` records the full match.
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
      const { hashes, modelFlagged } = parseMatchRequest(
        await readLimitedBody(request, config.maxBodyBytes),
      );
      // `answer` goes into the audit record: it says whether the uploader was
      // told the verdict (and so whether the file can be expected to arrive).
      const context: CheckContext = {
        ...client,
        via: 'match-endpoint',
        answer: config.answer,
        // Recorded for review queues only: the answer never depends on it, so
        // a device-side model can never block an upload by itself.
        ...(modelFlagged === undefined ? {} : { modelFlaggedOnDevice: modelFlagged }),
      };
      if (config.answer === 'always-allow') {
        // The constant answer whatever the check does: a check that failed
        // only for listed hashes (a throwing audit listener, say) must not
        // turn into a 500 that tells the uploader their file matched.
        try {
          config.core.check(hashes, context);
        } catch (error) {
          report(error);
        }
        return new Response(ALWAYS_ALLOW_BODY, { status: 200, headers: HEADERS });
      }
      const result = config.core.check(hashes, context);
      return json(200, { verdict: result.verdict });
    } catch (error) {
      if (isHashguardError(error) && error.code in STATUS)
        return errorResponse(error as RequestError);
      // Anything else is ours, not the caller's: say nothing about it.
      report(error);
      return json(500, { error: { code: 'E_INTERNAL', message: 'Internal error.' } });
    }
  };

  function report(error: unknown): void {
    try {
      config.onError(error);
    } catch {
      // A failing reporter changes no answer.
    }
  }

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
  const answer = options.answer ?? 'verdict';
  if (!ANSWERS.includes(answer)) {
    throw new ConfigError(
      'E_INVALID_OPTIONS',
      `answer must be 'verdict' or 'always-allow', not ${String(answer)}.`,
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
    answer,
    authenticate: options.authenticate,
    allowAnonymous: options.allowAnonymous === true,
    maxBodyBytes,
    rateLimit,
    clock: options.clock ?? { now: () => Date.now() },
    onError: options.onError ?? (() => {}),
  };
}

function errorResponse(error: RequestError, headers: Record<string, string> = {}): Response {
  return json(STATUS[error.code], { error: { code: error.code, message: error.message } }, headers);
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...HEADERS, ...headers } });
}
