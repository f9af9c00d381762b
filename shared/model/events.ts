import { randomUUID } from 'node:crypto';
import type { EventType, TimelineEvent } from './complaint.js';

// Orders events written by this process within the same millisecond (e.g. "received" before
// "graded"); the random part keeps ids from different processes apart.
let sequence = 0;

/** A timeline event; its id sorts by time, then by the order this process wrote it. */
export function timelineEvent(
  complaintId: string,
  type: EventType,
  at: Date,
  actor: string,
  data?: Record<string, unknown>,
): TimelineEvent {
  sequence = (sequence + 1) % 1_000_000;
  return {
    complaintId,
    eventId: `${at.toISOString()}#${String(sequence).padStart(6, '0')}${randomUUID().slice(0, 6)}`,
    type,
    at: at.toISOString(),
    actor,
    ...(data ? { data } : {}),
  };
}
