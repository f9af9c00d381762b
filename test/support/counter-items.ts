import { counter, type Dimensions, type Increment, SPLIT_DIMENSIONS } from '../../shared/reports/counters.js';
import { type CounterStore, counterKey } from '../../shared/reports/dynamo-counters.js';
import type { CounterItem } from '../../shared/reports/report.js';

/**
 * A day's counter item as the aggregator writes it (shared/reports/dynamo-counters.ts), by hand:
 * `dims` is `department#category#channel#grade`; what came in is also counted under each split.
 */
export function counterItem(day: string, dims: string, counts: Record<string, number>): CounterItem {
  const [department, ...split] = dims.split('#');
  const received = counts.received ?? 0;
  const splits = received
    ? Object.fromEntries(SPLIT_DIMENSIONS.map((d, i) => [counter.receivedBy(d, split[i]!), received]))
    : {};
  return { ...counterKey(day, department!), ...counts, ...splits };
}

/**
 * The same counts applied through the aggregator's own store, once (as a stream record would be):
 * the department's item and the day's whole-organisation item both grow.
 */
export async function countedOnce(
  store: CounterStore,
  day: string,
  dims: string,
  counts: Record<string, number>,
): Promise<void> {
  const [department, category, channel, grade] = dims.split('#') as [string, string, string, string];
  const { pk: _pk, sk: _sk, ...add } = counterItem(day, dims, counts);
  const increment: Increment = {
    day,
    dims: { department, category, channel, grade } as Dimensions,
    add: add as Record<string, number>,
  };
  await store.applyOnce(`test-${day}-${dims}-${JSON.stringify(counts)}`, [increment], 1_800_000_000);
}
