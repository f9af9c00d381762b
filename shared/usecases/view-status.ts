import { NotFoundError } from '../errors/index.js';
import { verifyCustomerLink } from '../links/status-link.js';
import type { Category, Locale, ResultEvidence, Status } from '../model/complaint.js';
import { logger } from '../observability.js';
import type { Clock, ComplaintStore } from '../ports/index.js';

/** Timeline events a customer may see, and nothing internal (no grades, reasons, owners or notes). */
const CUSTOMER_VISIBLE_EVENTS = new Set([
  'received',
  'acknowledgement_sent',
  'assigned',
  'customer_contacted',
  'resolved',
  'delay_notified',
  'fix_recorded',
  'closed',
  'reopened',
]);

export interface StatusView {
  ticketNumber: string;
  status: Status;
  category: Category;
  subject?: string;
  receivedAt: string;
  expectedResolutionBy: string;
  updatedAt: string;
  locale: Locale;
  history: { type: string; at: string }[];
  /** The owner's open question, while we wait for the customer's answer. */
  question?: { text: string; answerBy: string };
  // SM: the new date of a delay we told, the fix of a software fault, the evidence of the work.
  delay?: { newDate: string; reason: string };
  fix?: { version: string; releaseDate: string };
  evidence?: ResultEvidence[];
}

/** What the holder of a valid status link may see: that one complaint's progress, nothing else. */
export async function viewStatus(
  deps: { store: ComplaintStore; clock: Clock; linkKey: Uint8Array },
  token: string,
): Promise<StatusView> {
  const { complaintId } = await verifyCustomerLink(token, 'status', deps.linkKey, deps.clock.now());
  logger.appendKeys({ complaintId });
  const complaint = await deps.store.getComplaint(complaintId);
  if (!complaint) throw new NotFoundError();
  const timeline = await deps.store.listTimeline(complaintId);
  return {
    ticketNumber: complaint.ticketNumber,
    status: complaint.status,
    category: complaint.category,
    subject: complaint.subject,
    receivedAt: complaint.receivedAt,
    expectedResolutionBy: complaint.deadlines.resolve,
    updatedAt: complaint.updatedAt,
    locale: complaint.customer.locale,
    history: timeline.filter((e) => CUSTOMER_VISIBLE_EVENTS.has(e.type)).map((e) => ({ type: e.type, at: e.at })),
    ...(complaint.status === 'awaiting_customer' && complaint.infoRequest && !complaint.infoRequest.answeredAt
      ? { question: { text: complaint.infoRequest.question, answerBy: complaint.infoRequest.limitAt } }
      : {}),
    ...(complaint.delay && complaint.status !== 'closed'
      ? { delay: { newDate: complaint.delay.newDate, reason: complaint.delay.reason } }
      : {}),
    ...(complaint.details?.fix
      ? { fix: { version: complaint.details.fix.version, releaseDate: complaint.details.fix.releaseDate } }
      : {}),
    ...(complaint.resultEvidence?.length ? { evidence: complaint.resultEvidence } : {}),
  };
}
