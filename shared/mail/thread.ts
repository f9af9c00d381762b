import type { Complaint, EvidenceRef, TimelineEvent } from '../model/complaint.js';

/** One mail of a complaint's conversation, as staff read it: what we sent, and what came in (with its raw mail). */
export type MailThreadEntry =
  | { direction: 'sent'; at: string; kind: string; messageId: string }
  | {
      direction: 'received';
      at: string;
      kind: 'received' | 'customer_replied' | 'mail_note_added';
      from: string;
      /** Only the new text; the whole original is the raw mail at `mailKey`. */
      text: string;
      mailKey: string;
      attachments: EvidenceRef[];
      /** Set on a mail from someone who is not (or could not be verified as) the customer. */
      note?: 'not_the_customer' | 'unverified_sender';
    };

/**
 * The mail thread read from the timeline, oldest first: every event that records a message id we
 * sent, and every mail that came in (the one that opened the complaint, replies, notes).
 */
export function mailThread(complaint: Complaint, timeline: TimelineEvent[]): MailThreadEntry[] {
  const entries: MailThreadEntry[] = [];
  const customer = complaint.customer.email ?? '';
  for (const e of timeline) {
    if (e.type === 'received' && e.data.mailKey) {
      entries.push(received(e, 'received', customer, complaint.description, e.data.mailKey, e.data.attachments));
    } else if (e.type === 'customer_replied' && e.data.via === 'email' && e.data.mailKey) {
      entries.push(received(e, 'customer_replied', customer, e.data.message, e.data.mailKey, e.data.attachments));
    } else if (e.type === 'mail_note_added') {
      entries.push({
        ...received(e, 'mail_note_added', e.data.from, e.data.text, e.data.mailKey, e.data.attachments),
        note: e.data.reason,
      });
    } else {
      const messageId = (e.data as { messageId?: unknown } | undefined)?.messageId;
      if (typeof messageId === 'string' && messageId)
        entries.push({ direction: 'sent', at: e.at, kind: e.type, messageId });
    }
  }
  return entries;
}

function received(
  e: TimelineEvent,
  kind: 'received' | 'customer_replied' | 'mail_note_added',
  from: string,
  text: string,
  mailKey: string,
  attachments: EvidenceRef[] | undefined,
): Extract<MailThreadEntry, { direction: 'received' }> {
  return { direction: 'received', at: e.at, kind, from, text, mailKey, attachments: attachments ?? [] };
}
