import type { FingerprintType } from './entry';

export interface FeedbackReason {
  guid: string;
  name: string;
  type: FingerprintType;
}

/** Made-up negative-feedback reasons, one set per fingerprint type, with stable guids. */
export function feedbackReasonsFor(type: FingerprintType): FeedbackReason[] {
  const names = ['Content does not match the classification', 'Fingerprint collision'];
  return names.map((name, index) => ({
    guid: `00000000-0000-4000-8000-${(typeIndex(type) * 16 + index).toString(16).padStart(12, '0')}`,
    name,
    type,
  }));
}

function typeIndex(type: string): number {
  let sum = 0;
  for (const char of type) sum = (sum * 31 + char.charCodeAt(0)) % 4096;
  return sum;
}
