import type { CounterStore } from './dynamo-counters.js';
import { complaintNeeded, countersFor, readRecord, type StreamRecord } from './stream-records.js';

export interface AggregateDeps {
  counters: CounterStore;
  /** The operator's zone (the policy's calendar), in which a fact's day is counted. */
  timezone: string;
  nowEpochSeconds: () => number;
}

export interface AggregateResult {
  applied: number;
  /** Records counted before (a retried or replayed batch). */
  replayed: number;
  /** The first record that could not be applied: it and every later one are retried, in order. */
  failedAt?: string;
  error?: unknown;
}

/**
 * Applies a batch of stream records to the counters, each exactly once (the store's marker), in
 * stream order. On a failure it stops and names the record, so the event source mapping retries
 * from there (ReportBatchItemFailures) and the records before it are not counted twice.
 */
export async function aggregate(records: StreamRecord[], deps: AggregateDeps): Promise<AggregateResult> {
  const read = records.map(readRecord);
  const needed = read.map(complaintNeeded).filter((id): id is string => id !== undefined);
  const dims = needed.length > 0 ? await deps.counters.dimensions(needed) : new Map();
  const result: AggregateResult = { applied: 0, replayed: 0 };
  for (const [i, record] of records.entries()) {
    const increments = countersFor(read[i]!, deps.timezone, (id) => dims.get(id));
    if (increments.length === 0) continue;
    const id = recordId(record);
    try {
      if (await deps.counters.applyOnce(id, increments, deps.nowEpochSeconds())) result.applied += 1;
      else result.replayed += 1;
    } catch (error) {
      return { ...result, failedAt: record.dynamodb?.SequenceNumber ?? id, error };
    }
  }
  return result;
}

/** A record's identity across retries and replays: its event id (unique per stream record), else its sequence number. */
function recordId(record: StreamRecord): string {
  const id = record.eventID ?? record.dynamodb?.SequenceNumber;
  if (!id) throw new Error('a stream record without an event id or a sequence number cannot be counted once');
  return id;
}
