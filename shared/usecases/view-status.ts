import { NotFoundError } from '../errors/index.js';
import { signCustomerLink, verifyCustomerLink } from '../links/status-link.js';
import type {
  Category,
  Complaint,
  Locale,
  ResultEvidence,
  Status,
  WorkOrderKind,
  WorkOrderStepName,
} from '../model/complaint.js';
import { logger } from '../observability.js';
import type { Clock, ComplaintStore } from '../ports/index.js';
import { type OfferView, offerView } from '../workflow/acceptance.js';
import { workStepState } from '../workflow/work-orders.js';

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
  'merged_into',
  'reopened',
  'work_order_opened',
  'work_order_done',
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
  // SM: the new date of a delay we told, the fix of a software fault, the evidence of the work.
  delay?: { newDate: string; reason: string };
  fix?: { version: string; releaseDate: string };
  evidence?: ResultEvidence[];
  /** After-sales work orders: each step's progress, and whether the customer's signature is what it waits for. */
  workOrders?: CustomerWorkOrder[];
  /** The solution we told the customer, to accept or ask a change to (ACC). */
  offer?: OfferView;
  /** Merged into the customer's other complaint about the same matter, whose link came by mail. */
  /** The complaint this one was merged into, and its own status page, valid no longer than the link that opened this one. */
  mergedInto?: { ticketNumber: string; statusUrl?: string };
}

export interface CustomerWorkOrder {
  id: string;
  kind: WorkOrderKind;
  steps: { name: WorkOrderStepName; state: 'done' | 'current' | 'later'; dueAt?: string; doneAt?: string }[];
  awaitingSignature: boolean;
  doneAt?: string;
}

/** What the holder of a valid status link may see: that one complaint's progress, nothing else. */
export async function viewStatus(
  deps: { store: ComplaintStore; clock: Clock; links: { baseUrl: string; key: Uint8Array } },
  token: string,
): Promise<StatusView> {
  const { complaintId, expiresAt } = await verifyCustomerLink(token, 'status', deps.links.key, deps.clock.now());
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
    ...(complaint.workOrders?.length
      ? { workOrders: complaint.workOrders.map((w) => customerWorkOrder(w, deps.clock.now())) }
      : {}),
    ...offerOf(complaint),
    ...(complaint.mergedInto ? { mergedInto: await mergedInto(deps.links, complaint.mergedInto, expiresAt) } : {}),
  };
}

/**
 * Where a merged duplicate is handled now. Only the same customer's complaints merge
 * (merge-complaints.ts), so the holder of this link may open that one too; its link expires when
 * this one does, so following it never lengthens what the customer was given.
 */
async function mergedInto(
  links: { baseUrl: string; key: Uint8Array },
  into: NonNullable<Complaint['mergedInto']>,
  expiresAt: Date | undefined,
): Promise<NonNullable<StatusView['mergedInto']>> {
  if (!expiresAt) return { ticketNumber: into.ticketNumber };
  const { url } = await signCustomerLink({
    complaintId: into.complaintId,
    purpose: 'status',
    baseUrl: links.baseUrl,
    expiresAt,
    secret: links.key,
  });
  return { ticketNumber: into.ticketNumber, statusUrl: url };
}

/** What the customer sees of a work order: steps and dates, no names, notes or escalations ("overdue" is ours to chase). */
function customerWorkOrder(w: NonNullable<Complaint['workOrders']>[number], now: Date): CustomerWorkOrder {
  const steps = w.steps.map((s) => {
    const state = workStepState(w, s, now);
    return {
      name: s.name,
      state: state === 'overdue' ? ('current' as const) : state,
      ...(s.dueAt && !s.doneAt ? { dueAt: s.dueAt } : {}),
      ...(s.doneAt ? { doneAt: s.doneAt } : {}),
    };
  });
  const current = steps.find((s) => s.state === 'current');
  return {
    id: w.id,
    kind: w.kind,
    steps,
    awaitingSignature: w.doneAt === undefined && current?.name === 'confirmation',
    ...(w.doneAt ? { doneAt: w.doneAt } : {}),
  };
}

function offerOf(c: Parameters<typeof offerView>[0]): { offer?: OfferView } {
  const offer = offerView(c);
  return offer ? { offer } : {};
}
