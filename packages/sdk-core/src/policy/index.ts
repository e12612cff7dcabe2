export { type CheckCore, type CheckCoreOptions, createCheckCore } from './check-core';
export type {
  ActiveLists,
  ActiveListVersion,
  CheckContext,
  CheckEventMap,
  CheckHashes,
  CheckMatch,
  CheckModelEvidence,
  CheckQuery,
  CheckReason,
  CheckResult,
  CheckTimings,
  PolicyMatcher,
  UploadCheckedEvent,
} from './check-types';
export {
  type CheckAlgorithm,
  DEFAULT_PDQ_MIN_QUALITY,
  DEFAULT_PDQ_THRESHOLD,
  type FailMode,
  type ListPolicy,
  type NormalisedPolicy,
  normalisePolicy,
  type PolicyOptions,
  stricterVerdict,
  type Verdict,
} from './verdict';
