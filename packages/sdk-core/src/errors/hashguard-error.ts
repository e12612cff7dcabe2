/** Brand checked by `isHashguardError`, so errors survive double bundling and worker boundaries. */
export const HASHGUARD_ERROR_BRAND = Symbol.for('hashguard.error');

export interface HashguardErrorOptions {
  cause?: unknown;
}

/**
 * The one base class of every error Hashguard throws. `code` is stable and
 * safe to branch on; `message` is written for the integrating engineer.
 */
export class HashguardError<Code extends string = string> extends Error {
  readonly code: Code;
  readonly [HASHGUARD_ERROR_BRAND] = true;

  constructor(code: Code, message: string, options: HashguardErrorOptions = {}) {
    super(message, 'cause' in options ? { cause: options.cause } : undefined);
    this.code = code;
    this.name = 'HashguardError';
  }

  /** Plain-object form for logs, NDJSON output and `postMessage`. */
  toJSON(): { name: string; code: Code; message: string } {
    return { name: this.name, code: this.code, message: this.message };
  }
}
