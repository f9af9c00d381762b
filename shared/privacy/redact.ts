import type { Complaint, Customer, EvidenceRef, TimelineEvent } from '../model/complaint.js';

/**
 * What erasure (PIPL art. 47, GDPR art. 17) does to a complaint and its timeline. Personal data is
 * what names or reaches the customer (name, address, phone, customer id, order and serial number),
 * and every free text a person wrote, since customers and staff quote addresses, names and phone
 * numbers in it. It is replaced by ERASED or dropped. What the reports count stays: ticket number,
 * grade, category, department, channel, statuses, times, scores and verdicts, model.
 */
export const ERASED = '[erased]';

/** Keys whose string value is free text wherever it appears (complaint, solution, survey, timeline data). */
const FREE_TEXT_KEYS = new Set([
  'subject',
  'description',
  'summary',
  'resolutionSummary',
  'note',
  'decisionNote',
  'text',
  'message',
  'question',
  'answer',
  'reason',
  'occurredWhere',
  'alreadyTried',
  'detail',
  'from',
  'address',
  'error',
  'filename',
  'label',
]);

/** Keys dropped outright: identifiers of the customer or links to what they sent. */
const DROPPED_KEYS = new Set(['orderNumber', 'serialNumber', 'evidence', 'resultEvidence', 'url']);

/**
 * Machine words some `reason` fields hold (acknowledgement_skipped, mail_note_added, mail_skipped,
 * closed): they say why the system acted and name no one, so they stay readable after an erase.
 */
const MACHINE_REASONS = new Set([
  'no_email',
  'rate_limited',
  'not_the_customer',
  'unverified_sender',
  'address_unreachable',
  'survey_answered',
  'no_survey_answer',
]);

function redactValue(key: string | undefined, value: unknown): unknown {
  if (key !== undefined && FREE_TEXT_KEYS.has(key) && typeof value === 'string') {
    return key === 'reason' && MACHINE_REASONS.has(value) ? value : ERASED;
  }
  if (Array.isArray(value)) return value.map((v) => redactValue(undefined, v));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (DROPPED_KEYS.has(k)) continue;
      out[k] = redactValue(k, v);
    }
    return out;
  }
  return value;
}

/** The customer without a way to name or reach them: how to speak to them (tier, locale) stays. */
export function redactCustomer(customer: Customer): Customer {
  return { tier: customer.tier, locale: customer.locale, ...(customer.name === undefined ? {} : { name: ERASED }) };
}

/**
 * The changes that erase a complaint's personal data, for ComplaintStore.updateComplaint: a field
 * given as undefined is removed (and leaves the email, phone and order indexes with it).
 */
export function erasureChanges(c: Complaint, now: Date): Partial<Complaint> {
  const redacted = redactValue(undefined, c) as Record<string, unknown>;
  const changes: Record<string, unknown> = {
    customer: redactCustomer(c.customer),
    personalDataErasedAt: now.toISOString(),
  };
  for (const [key, value] of Object.entries(c)) {
    if (key === 'customer' || key === 'version' || key === 'updatedAt') continue;
    const after = redacted[key];
    if (JSON.stringify(after) !== JSON.stringify(value)) changes[key] = after;
  }
  return changes as Partial<Complaint>;
}

/** A timeline event with its personal data erased; undefined when it holds none (it is left as written). */
export function redactEvent(event: TimelineEvent): TimelineEvent | undefined {
  if (event.data === undefined) return undefined;
  const data = redactValue(undefined, event.data);
  return JSON.stringify(data) === JSON.stringify(event.data) ? undefined : ({ ...event, data } as TimelineEvent);
}

/** A complaint already erased: erasing it again changes nothing. */
export const isErased = (c: Complaint): boolean => c.personalDataErasedAt !== undefined;

/**
 * The objects of the raw-mail store a complaint's timeline points to: the raw mails the customer
 * (or someone else writing about the complaint) sent, and the files taken from them.
 */
export function mailObjectKeys(events: readonly TimelineEvent[]): string[] {
  const keys = new Set<string>();
  for (const event of events) {
    if (event.type !== 'received' && event.type !== 'customer_replied' && event.type !== 'mail_note_added') continue;
    const data = event.data as { mailKey?: string; attachments?: EvidenceRef[] };
    if (data.mailKey) keys.add(data.mailKey);
    for (const a of data.attachments ?? []) keys.add(a.key);
  }
  return [...keys];
}

/** The exports of the complaint's customer still waiting for download (their object expires a day after). */
export function exportArchiveKeys(events: readonly TimelineEvent[]): string[] {
  return events.flatMap((event) =>
    event.type === 'customer_data_exported' && event.data.archiveKey ? [event.data.archiveKey] : [],
  );
}
