import { counter, SPLIT_DIMENSIONS } from '../../shared/reports/counters.js';
import { counterKey } from '../../shared/reports/dynamo-counters.js';
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
