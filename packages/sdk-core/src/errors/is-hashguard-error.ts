import { HASHGUARD_ERROR_BRAND, type HashguardError } from './hashguard-error';

/**
 * True for any Hashguard error, optionally of one `code`. Checks the brand and
 * shape rather than `instanceof` alone, so it holds across two bundled copies
 * of the SDK and for errors rebuilt after crossing a worker boundary.
 */
export function isHashguardError<Code extends string = string>(
  value: unknown,
  code?: Code,
): value is HashguardError<Code> {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { code?: unknown; [HASHGUARD_ERROR_BRAND]?: unknown };
  if (candidate[HASHGUARD_ERROR_BRAND] !== true || typeof candidate.code !== 'string') return false;
  return code === undefined || candidate.code === code;
}
