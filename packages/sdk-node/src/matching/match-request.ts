import { type CheckHashes, RequestError } from '@hashguard/sdk-core';
import { z } from 'zod';
import { readCappedStream } from '../transport/read-capped-stream';

const hex = (length: number) =>
  z
    .string()
    .regex(new RegExp(`^[0-9a-fA-F]{${length}}$`), `expected ${length} hex digits`)
    .transform((value) => value.toLowerCase());

/**
 * The only body the match endpoint accepts: hashes of one file, nothing else.
 * Strict, so a client cannot smuggle file names or other context in.
 */
export const matchRequestSchema = z
  .strictObject({
    md5: hex(32).optional(),
    sha1: hex(40).optional(),
    sha256: hex(64).optional(),
    pdq: hex(64).optional(),
    quality: z.number().int().min(0).max(100).optional(),
    pdqDihedral: z.array(hex(64)).min(1).max(8).optional(),
    // From a pre-upload check with model signals: whether a model in the
    // browser asks for review. A boolean, never scores; for the member's
    // review queue and audit log, never a reason to block (issue 9).
    modelFlagged: z.boolean().optional(),
  })
  .refine((body) => body.md5 || body.sha1 || body.sha256 || body.pdq, {
    message: 'at least one of md5, sha1, sha256, pdq is required',
  })
  .refine((body) => body.pdq === undefined || body.quality !== undefined, {
    message: 'quality is required with pdq',
    path: ['quality'],
  });

/**
 * Reads at most `maxBytes` of the body, refusing as soon as it grows past the
 * limit, so an oversized or endless body never sits in memory.
 */
export async function readLimitedBody(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) throw tooLarge(maxBytes);
  return readCappedStream(request.body, maxBytes, () => tooLarge(maxBytes));
}

/** A parsed match request: the hashes to check, and what the device's own model said. */
export interface MatchRequest {
  hashes: CheckHashes;
  /** Set by a pre-upload check that runs models on the device; never a reason to block. */
  modelFlagged?: boolean;
}

export function parseMatchRequest(body: Uint8Array): MatchRequest {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch (error) {
    throw new RequestError('E_BAD_REQUEST', 'Body is not valid UTF-8 JSON.', { cause: error });
  }
  const parsed = matchRequestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    throw new RequestError(
      'E_BAD_REQUEST',
      `Invalid hashes: ${where}${issue?.message ?? 'rejected'}.`,
      {
        cause: parsed.error,
      },
    );
  }
  // The flag is not a hash: it goes to the audit context, not into the matching.
  const { modelFlagged, ...hashes } = parsed.data;
  return modelFlagged === undefined ? { hashes } : { hashes, modelFlagged };
}

function tooLarge(maxBytes: number): RequestError {
  return new RequestError(
    'E_PAYLOAD_TOO_LARGE',
    `Body exceeds ${maxBytes} bytes; send hashes only.`,
  );
}
