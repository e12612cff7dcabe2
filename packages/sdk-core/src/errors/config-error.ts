import { HashguardError, type HashguardErrorOptions } from './hashguard-error';

/** Options passed to a factory are invalid or contradict each other. */
export type ConfigErrorCode = 'E_INVALID_OPTIONS' | 'E_MISSING_OPTION' | 'E_ENVIRONMENT_MISMATCH';

export class ConfigError extends HashguardError<ConfigErrorCode> {
  constructor(code: ConfigErrorCode, message: string, options?: HashguardErrorOptions) {
    super(code, message, options);
    this.name = 'ConfigError';
  }
}
