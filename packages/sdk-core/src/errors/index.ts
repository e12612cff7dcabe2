export { ConfigError, type ConfigErrorCode } from './config-error';
export { EvidenceError, type EvidenceErrorCode } from './evidence-error';
export {
  HASHGUARD_ERROR_BRAND,
  HashguardError,
  type HashguardErrorOptions,
} from './hashguard-error';
export { HashingError, type HashingErrorCode } from './hashing-error';
export { HotlineError, type HotlineErrorCode } from './hotline-error';
export { InputError, type InputErrorCode } from './input-error';
export { isHashguardError } from './is-hashguard-error';
export { ListError, type ListErrorCode } from './list-error';
export { ModelError, type ModelErrorCode } from './model-error';
export { OutboxError, type OutboxErrorCode } from './outbox-error';
export { ReportError, type ReportErrorCode } from './report-error';
export { RequestError, type RequestErrorCode } from './request-error';
export { SyncError, type SyncErrorCode } from './sync-error';
export { TransportError, type TransportErrorCode } from './transport-error';
