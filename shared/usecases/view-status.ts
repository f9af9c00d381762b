import { NotFoundError } from '../errors/index.js';
import { verifyCustomerLink } from '../links/status-link.js';
import type { Category, Locale, Status } from '../model/complaint.js';
import { logger } from '../observability.js';
import type { Clock, ComplaintStore } from '../ports/index.js';
import { type OfferView, offerView } from '../workflow/acceptance.js';

/** Timeline events a customer may see, and nothing internal (no grades, reasons, owners or notes). */
const CUSTOMER_VISIBLE_EVENTS = new Set([
  'received',
  'acknowledgement_sent',
  'assigned',
  'customer_contacted',
  'resolved',
  'closed',
  'reopened',
  // The customer accepts the solution (ACC).
  'solution_offered',
  'solution_accepted',
  'solution_change_requested',
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
  /** The solution we told the customer, to accept or ask a change to (ACC). */
  offer?: OfferView;
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
    ...offerOf(complaint),
  };
}

function offerOf(c: Parameters<typeof offerView>[0]): { offer?: OfferView } {
  const offer = offerView(c);
  return offer ? { offer } : {};
}
