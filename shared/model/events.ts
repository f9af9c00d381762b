import { randomUUID } from 'node:crypto';
import type { EventType, TimelineEvent } from './complaint.js';

/** A timeline event; the id sorts by time and stays unique within the same millisecond. */
export function timelineEvent(
  complaintId: string,
  type: EventType,
  at: Date,
  actor: string,
  data?: Record<string, unknown>,
): TimelineEvent {
  return {
    complaintId,
    eventId: `${at.toISOString()}#${randomUUID().slice(0, 8)}`,
    type,
    at: at.toISOString(),
    actor,
    ...(data ? { data } : {}),
  };
}
