import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { complaintFromItem, EVENT_SORT_PREFIX, eventFromItem } from '../adapters/dynamo/keys.js';
import type { Complaint, TimelineEvent } from '../model/complaint.js';
import { COUNTED_EVENT_TYPES, complaintCounters, type Dimensions, eventCounters, type Increment } from './counters.js';

/**
 * The table's stream, as the aggregator reads it. The stream carries NEW_AND_OLD_IMAGES: the facts
 * are transitions of the complaint item, which need the item before the write as well as after
 * (KEYS_ONLY would cost a read per record, NEW_IMAGE could not tell a new `assignedAt` from an old one).
 */
export const STREAM_VIEW_TYPE = 'NEW_AND_OLD_IMAGES';

/** The part of a DynamoDB stream record the aggregator reads (Lambda's event and GetRecords alike). */
export interface StreamRecord {
  eventID?: string;
  eventName?: 'INSERT' | 'MODIFY' | 'REMOVE' | string;
  dynamodb?: {
    Keys?: Record<string, AttributeValue>;
    NewImage?: Record<string, AttributeValue>;
    OldImage?: Record<string, AttributeValue>;
    SequenceNumber?: string;
  };
}

/** What a record is to the reports. */
export type ReadRecord =
  | { kind: 'complaint'; before?: Complaint; after: Complaint }
  | { kind: 'event'; event: TimelineEvent }
  | { kind: 'ignored' };

const COMPLAINT_PREFIX = 'COMPLAINT#';

/**
 * Complaint items and the timeline events whose fact the complaint does not show; everything else
 * (counters, markers, policy, mail threads, an event type added later) is ignored. Removals are
 * expiries or erasures: the figures keep what happened.
 */
export function readRecord(record: StreamRecord): ReadRecord {
  const image = record.dynamodb?.NewImage;
  if (record.eventName === 'REMOVE' || !image) return { kind: 'ignored' };
  const pk = image.pk?.S;
  const sk = image.sk?.S;
  if (!pk?.startsWith(COMPLAINT_PREFIX) || !sk) return { kind: 'ignored' };
  if (sk === 'META') {
    const old = record.dynamodb?.OldImage;
    return {
      kind: 'complaint',
      after: complaintFromItem(unmarshall(image)),
      ...(old ? { before: complaintFromItem(unmarshall(old)) } : {}),
    };
  }
  // Timeline events are written once and never changed: only their insert counts.
  if (sk.startsWith(EVENT_SORT_PREFIX) && record.eventName === 'INSERT') {
    const type = image.type?.S;
    if (type && COUNTED_EVENT_TYPES.has(type)) return { kind: 'event', event: eventFromItem(unmarshall(image)) };
  }
  return { kind: 'ignored' };
}

/** The complaint whose dimensions an event record needs, if any. */
export const complaintNeeded = (read: ReadRecord): string | undefined =>
  read.kind === 'event' ? read.event.complaintId : undefined;

/**
 * A record's increments. `dimensionsOf` answers for the complaints `complaintNeeded` named (an event
 * of a complaint that is gone adds nothing).
 */
export function countersFor(
  read: ReadRecord,
  timezone: string,
  dimensionsOf: (complaintId: string) => Dimensions | undefined = () => undefined,
): Increment[] {
  if (read.kind === 'complaint') return complaintCounters(read.before, read.after, timezone);
  if (read.kind === 'event') {
    const dims = dimensionsOf(read.event.complaintId);
    return dims ? eventCounters(read.event, dims, timezone) : [];
  }
  return [];
}
