import { randomUUID } from 'node:crypto';
import type { Complaint, TimelineEvent } from '../../shared/model/complaint.js';

/** Small builders for store tests: valid complaints and events, with only what a test cares about overridden. */

let sequence = 0;

export function aComplaint(overrides: Partial<Complaint> = {}): Complaint {
  sequence += 1;
  const receivedAt = overrides.receivedAt ?? '2026-11-20T02:00:00.000Z';
  const deadlines = overrides.deadlines ?? {
    assign: '2026-11-20T04:00:00.000Z',
    firstContact: '2026-11-23T02:00:00.000Z',
    solution: '2026-11-24T02:00:00.000Z',
    resolve: '2026-11-25T02:00:00.000Z',
  };
  return {
    id: randomUUID(),
    ticketNumber: `202611-${String(sequence).padStart(4, '0')}`,
    status: 'received',
    grade: 'P3',
    gradeReasons: ['no rule matched → P3'],
    category: 'service',
    department: 'customer_service',
    routingReasons: ['category service → customer_service'],
    customer: { name: 'Li Wei', email: `customer-${sequence}@example.com`, tier: 'standard', locale: 'zh-CN' },
    channel: 'web',
    description: 'The kettle stopped heating after two days.',
    receivedAt,
    deadlines,
    nextDeadlineAt: deadlines.assign,
    version: 1,
    updatedAt: receivedAt,
    ...overrides,
  };
}

// Ids sort in the order they were made, so events from one millisecond keep their order.
let eventSequence = 0;
export function eventIdAt(at: string): string {
  eventSequence += 1;
  return `${at}-${String(eventSequence).padStart(8, '0')}`;
}

/** A stored event as the store sees it: any type and data, so store tests can write what they like. */
export function anEvent(
  complaintId: string,
  overrides: Partial<Omit<TimelineEvent, 'type' | 'data'>> & { type?: string; data?: object } = {},
): TimelineEvent {
  const at = overrides.at ?? '2026-11-20T02:00:00.000Z';
  return {
    complaintId,
    eventId: eventIdAt(at),
    type: 'received',
    at,
    actor: 'customer',
    ...overrides,
  } as TimelineEvent;
}
