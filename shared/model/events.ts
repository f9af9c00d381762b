import { randomUUID } from 'node:crypto';
import type { EventData, EventType, TimelineEvent } from './complaint.js';

export type { EventType } from './complaint.js';

/** The data argument of an event of this type: required when the type has data, absent when it has none. */
export type EventDataArgs<T extends EventType> = EventData[T] extends undefined ? [] : [data: EventData[T]];

// Orders events written by this process within the same millisecond (e.g. "received" before
// "graded"); the random part keeps ids from different processes apart.
let sequence = 0;

/** A timeline event; its id sorts by time, then by the order this process wrote it. */
export function timelineEvent<T extends EventType>(
  complaintId: string,
  type: T,
  at: Date,
  actor: string,
  ...[data]: EventDataArgs<T>
): TimelineEvent {
  sequence = (sequence + 1) % 1_000_000;
  return {
    complaintId,
    eventId: `${at.toISOString()}#${String(sequence).padStart(6, '0')}${randomUUID().slice(0, 6)}`,
    type,
    at: at.toISOString(),
    actor,
    ...(data ? { data } : {}),
  } as TimelineEvent;
}
