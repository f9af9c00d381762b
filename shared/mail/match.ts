import type { Complaint } from '../model/complaint.js';
import type { ComplaintStore, MailThreads } from '../ports/index.js';
import { complaintIdFromReplyAddress, type ReplyAddressSettings } from './reply-address.js';
import type { ArrivedMail, MatchedBy, ParsedMail } from './types.js';

export interface MatchPorts {
  store: Pick<ComplaintStore, 'getComplaint' | 'getComplaintByTicket'>;
  threads: Pick<MailThreads, 'complaintForMessageId'>;
  replyAddresses: ReplyAddressSettings;
}

export interface MailMatch {
  complaint: Complaint;
  matchedBy: MatchedBy;
}

/** `YYYYMM-NNNN` (a fifth digit after 9999), not part of a longer number such as an order number. */
const TICKET = /(?<![\d-])(\d{6}-\d{4,5})(?![\d-])/g;

export const sameAddress = (a: string | undefined, b: string | undefined): boolean =>
  Boolean(a && b && a.trim().toLowerCase() === b.trim().toLowerCase());

/**
 * The complaint a mail is about, in order of how sure we can be: a signed per-complaint reply
 * address among the recipients (envelope, To, Cc: a reply-all keeps it in Cc); one of our sent
 * message ids in In-Reply-To or References (the nearest first); a ticket number in the subject,
 * believed only from that complaint's own customer, since anyone can type a number.
 */
export async function matchComplaint(
  ports: MatchPorts,
  parsed: ParsedMail,
  arrived: ArrivedMail,
): Promise<MailMatch | undefined> {
  const found = await matchStored(ports, parsed, arrived);
  return found && (await followMerges(ports, found));
}

/** How many merges a mail follows: a complaint that goes on may itself be merged on later, never in a loop. */
const MAX_MERGE_HOPS = 5;

/**
 * A merged complaint's mail belongs to the complaint it was merged into (shared/usecases/merge-complaints.ts):
 * the customer answers whichever of our mails is at hand, and the people working on it are there.
 */
async function followMerges(ports: MatchPorts, match: MailMatch): Promise<MailMatch> {
  let { complaint } = match;
  for (let hops = 0; complaint.mergedInto && hops < MAX_MERGE_HOPS; hops++) {
    const next = await ports.store.getComplaint(complaint.mergedInto.complaintId);
    if (!next) break;
    complaint = next;
  }
  return { ...match, complaint };
}

async function matchStored(
  ports: MatchPorts,
  parsed: ParsedMail,
  arrived: ArrivedMail,
): Promise<MailMatch | undefined> {
  const recipients = [...arrived.recipients, ...parsed.to.map((a) => a.address), ...parsed.cc.map((a) => a.address)];
  for (const id of unique(recipients.map((r) => complaintIdFromReplyAddress(r, ports.replyAddresses)))) {
    const complaint = await ports.store.getComplaint(id);
    if (complaint) return { complaint, matchedBy: 'reply_address' };
  }

  const ids = unique([...parsed.inReplyTo, ...[...parsed.references].reverse()]);
  for (const messageId of ids) {
    const complaintId = await ports.threads.complaintForMessageId(messageId);
    const complaint = complaintId ? await ports.store.getComplaint(complaintId) : undefined;
    if (complaint) return { complaint, matchedBy: 'message_id' };
  }

  for (const ticket of unique([...parsed.subject.matchAll(TICKET)].map((m) => m[1]))) {
    const complaint = await ports.store.getComplaintByTicket(ticket);
    if (complaint && sameAddress(complaint.customer.email, parsed.from?.address)) {
      return { complaint, matchedBy: 'ticket_number' };
    }
  }
  return undefined;
}

function unique(values: (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => Boolean(v)))];
}
