// Bounded concurrency for I/O-bound loops (lake reads and writes, DynamoDB batches): at most `limit`
// calls of `work` in flight, items taken in order. The first failure stops new work from starting and
// is rethrown once the calls already in flight have settled, so nothing is left running behind it.

export async function forEachBounded<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  // A limit of 0 or NaN would start no worker and silently do nothing.
  if (!(limit >= 1)) throw new RangeError(`concurrency must be at least 1, got ${limit}`);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (failure === undefined && next < items.length) {
      const index = next;
      next += 1;
      try {
        await work(items[index] as T, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  const workers = Math.max(1, Math.min(Math.floor(limit), items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  if (failure !== undefined) throw failure.error;
}
