import { isHashguardError } from '@hashguard/sdk-core';
import type { WireError } from './protocol';

/**
 * An error as plain data, for `postMessage` from the worker: structured
 * clone drops an Error's class, brand and `code`. from-wire-error.ts
 * rebuilds it on the page.
 */
export function toWireError(error: unknown): WireError {
  if (isHashguardError(error))
    return { name: error.name, message: error.message, code: error.code };
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}
