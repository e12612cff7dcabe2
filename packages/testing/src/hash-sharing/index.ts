export { HASH_SHARING_NAMESPACE, wireTimestamp } from './entries-xml';
export { FINGERPRINT_TYPES, type FingerprintType, type HashSharingEntry } from './entry';
export { type FeedbackReason, feedbackReasonsFor } from './feedback-reasons';
export { createSampleEntries } from './sample-entries';
