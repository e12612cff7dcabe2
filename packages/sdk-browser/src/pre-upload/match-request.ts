import { type CheckHashes, RequestError, TransportError, type Verdict } from '@hashguard/sdk-core';
import ky, { isHTTPError, isNetworkError, isTimeoutError } from 'ky';
import type { FileHashes } from '../hashing/file-hashes';
import type { PreUploadConfig } from './pre-upload-options';

/**
 * The wire contract of the member's match endpoint (sdk-node's
 * `createMatchHandler`), as the browser sees it. Request: `POST` with the
 * hashes as the whole JSON body, sdk-core's `CheckHashes`:
 * `{ md5, sha1, sha256, pdq?, quality?, pdqDihedral? }`; nothing else, no
 * file name, size, type, pixels or bytes (the endpoint's schema is strict and
 * refuses anything more). Response: `{ "verdict": "allow" | "review" |
 * "block" }`. The endpoint answers generically (it is visible in the
 * browser's network panel): no list, hash, distance or category.
 *
 * With model signals configured, the body also has `modelFlagged`: whether
 * a model in the worker asks for human review (never scores). The endpoint
 * records it for the member's review queue; it must not turn the answer into
 * `block` (a model never blocks by itself).
 */
export type MatchRequestBody = CheckHashes & { modelFlagged?: boolean };

export interface MatchResponseBody {
  verdict: Verdict;
}

const ENDPOINT_VERDICTS: readonly Verdict[] = ['allow', 'review', 'block'];

/** Statuses worth another attempt: the endpoint or a proxy was briefly unavailable. */
const TRANSIENT_STATUSES = [408, 429, 500, 502, 503, 504];

function mapStatus(status: number, cause: unknown): Error {
  if (status === 401 || status === 403) {
    return new RequestError(
      'E_UNAUTHENTICATED',
      `The match endpoint refused the request (HTTP ${status}); check fetchOptions.credentials and headers.`,
      { cause },
    );
  }
  if (status === 413)
    return new RequestError(
      'E_PAYLOAD_TOO_LARGE',
      'The match endpoint refused the request as too large (HTTP 413).',
      { cause },
    );
  if (status === 429)
    return new RequestError(
      'E_RATE_LIMITED',
      'The match endpoint is rate limiting this client (HTTP 429), after retries.',
      { cause },
    );
  if (status === 400 || status === 422)
    return new RequestError(
      'E_BAD_REQUEST',
      `The match endpoint rejected the hashes (HTTP ${status}).`,
      { cause },
    );
  return new TransportError('E_HTTP_STATUS', `The match endpoint answered HTTP ${status}.`, {
    cause,
  });
}

/**
 * Posts the hashes to the match endpoint with ky: a per-attempt timeout and
 * retries for transient failures. POST is not retried by ky by default; it is
 * safe here because the request carries only hashes: asking again changes no
 * verdict, and at worst the endpoint logs the check twice.
 */
export async function requestVerdict(
  config: PreUploadConfig,
  hashes: FileHashes,
  signal?: AbortSignal,
  modelFlagged?: boolean,
): Promise<Verdict> {
  const request: MatchRequestBody =
    modelFlagged === undefined ? hashes : { ...hashes, modelFlagged };
  let body: unknown;
  try {
    body = await ky
      .post(config.endpoint, {
        ...config.fetchOptions,
        json: request,
        timeout: config.timeoutMs,
        retry: {
          limit: config.retryLimit,
          methods: ['post'],
          statusCodes: TRANSIENT_STATUSES,
          retryOnTimeout: true,
        },
        ...(signal && { signal }),
      })
      .json();
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    if (isHTTPError(error)) throw mapStatus(error.response.status, error);
    if (isTimeoutError(error))
      throw new TransportError(
        'E_TIMEOUT',
        `The match endpoint did not answer within ${config.timeoutMs} ms.`,
        { cause: error },
      );
    if (isNetworkError(error))
      throw new TransportError('E_NETWORK', 'The match endpoint could not be reached.', {
        cause: error,
      });
    throw new TransportError(
      'E_RESPONSE_MALFORMED',
      'The match endpoint answered with something other than JSON.',
      { cause: error },
    );
  }
  const verdict = (body as Partial<MatchResponseBody> | null)?.verdict;
  if (!ENDPOINT_VERDICTS.includes(verdict as Verdict)) {
    throw new TransportError(
      'E_RESPONSE_MALFORMED',
      `The match endpoint answered without a verdict of 'allow', 'review' or 'block'.`,
    );
  }
  return verdict as Verdict;
}
