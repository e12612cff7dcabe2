import {
  createListSetBuilder,
  createMatcher,
  type ListSet,
  type Matcher,
} from '@hashguard/sdk-core';

/**
 * One matcher over every list. Each list keeps its own snapshot (so one list
 * failing to sync never touches another); the index is built over their union.
 */
export function createListMatcher(sets: readonly ListSet[]): Matcher {
  if (sets.length === 1) return createMatcher(sets[0]!);
  const builder = createListSetBuilder();
  for (const set of sets) builder.addSet(set);
  return createMatcher(builder.build());
}
