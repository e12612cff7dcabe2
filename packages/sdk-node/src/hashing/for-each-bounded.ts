/**
 * Runs `task(0..count-1)` in index order with at most `limit` running at once. Each
 * task must handle its own errors: one rejection would stop its lane.
 */
export async function forEachBounded(
  count: number,
  limit: number,
  task: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, lane));
}
