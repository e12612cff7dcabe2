import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  EvidenceError,
  HashguardError,
  HashingError,
  HotlineError,
  InputError,
  isHashguardError,
  ListError,
  ModelError,
  OutboxError,
  ReportError,
  RequestError,
  SyncError,
  TransportError,
} from './index';

const cases = [
  [ConfigError, 'E_INVALID_OPTIONS'],
  [EvidenceError, 'E_DECRYPT_FAILED'],
  [HashingError, 'E_INVALID_PIXELS'],
  [HotlineError, 'E_HOTLINE_BAD_XML'],
  [InputError, 'E_EMPTY_INPUT'],
  [ListError, 'E_LIST_MALFORMED'],
  [ModelError, 'E_MODEL_LOAD'],
  [OutboxError, 'E_OUTBOX_STORAGE'],
  [ReportError, 'E_REPORT_INVALID'],
  [RequestError, 'E_RATE_LIMITED'],
  [SyncError, 'E_SYNC_FAILED'],
  [TransportError, 'E_TIMEOUT'],
] as const;

describe.each(cases)('%o', (ErrorClass, code) => {
  const cause = new Error('root cause');
  // biome-ignore lint/suspicious/noExplicitAny: each class narrows its own code union
  const error = new (ErrorClass as any)(code, 'what happened, what to do', { cause });

  it('keeps code, message, cause and name', () => {
    expect(error.code).toBe(code);
    expect(error.message).toBe('what happened, what to do');
    expect(error.cause).toBe(cause);
    expect(error.name).toBe(ErrorClass.name);
  });

  it('is an Error and a HashguardError', () => {
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(HashguardError);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(isHashguardError(error)).toBe(true);
    expect(isHashguardError(error, code)).toBe(true);
    expect(isHashguardError(error, 'E_SOMETHING_ELSE')).toBe(false);
  });

  it('serialises to a plain object without the cause', () => {
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: ErrorClass.name,
      code,
      message: 'what happened, what to do',
    });
  });
});

describe('isHashguardError', () => {
  it('rejects plain errors and look-alikes without the brand', () => {
    expect(isHashguardError(new Error('x'))).toBe(false);
    expect(isHashguardError({ code: 'E_EMPTY_INPUT', message: 'x' })).toBe(false);
    expect(isHashguardError(null)).toBe(false);
    expect(isHashguardError('E_EMPTY_INPUT')).toBe(false);
  });

  it('accepts an error from another copy of the SDK by its brand', () => {
    const foreign = Object.assign(new Error('x'), {
      code: 'E_EMPTY_INPUT',
      [Symbol.for('hashguard.error')]: true,
    });
    expect(isHashguardError(foreign, 'E_EMPTY_INPUT')).toBe(true);
  });

  it('leaves cause unset when none is given', () => {
    expect('cause' in new InputError('E_EMPTY_INPUT', 'empty')).toBe(false);
  });
});
