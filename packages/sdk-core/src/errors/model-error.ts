import { HashguardError, type HashguardErrorOptions } from './hashguard-error';

/** A member-supplied model failed to load or run. */
export type ModelErrorCode = 'E_MODEL_LOAD' | 'E_MODEL_SHAPE' | 'E_MODEL_TIMEOUT' | 'E_MODEL_RUN';

export class ModelError extends HashguardError<ModelErrorCode> {
  constructor(code: ModelErrorCode, message: string, options?: HashguardErrorOptions) {
    super(code, message, options);
    this.name = 'ModelError';
  }
}
