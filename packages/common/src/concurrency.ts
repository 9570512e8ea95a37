/**
 * `work` over `items`, at most `limit` at a time (at least one), the results in the order of
 * `items`. The first rejection rejects the whole; work already started runs to its end.
 *
 * @example
 * ```ts
 * const tickets = await mapLimited(accountIds, 4, (id) => store.ticketsForAccount(id));
 * ```
 */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < items.length; index = next++) {
      results[index] = await work(items[index] as T);
    }
  };
  const workers = Math.min(Math.max(1, Math.floor(limit)), items.length);
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}
