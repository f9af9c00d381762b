import * as z from 'zod/mini';
import { workStepRoleValue, workStepStaffValue } from '../adapters/dynamo/keys.js';
import { can } from '../auth/staff.js';
import { ForbiddenError, ValidationError } from '../errors/index.js';
import { parseOrThrow } from '../http/validation.js';
import { type Complaint, Department, Grade, Status } from '../model/complaint.js';
import { normalisePhone } from '../model/phone.js';
import { TICKET_NUMBER } from '../model/ticket.js';
import type { StaffMember } from '../policy/types.js';
import { type Clock, type ComplaintStore, type ListOptions, matchesComplaint, type Page } from '../ports/index.js';
import { openPartnerRequests } from '../workflow/partners.js';

export const QUEUE_VIEWS = [
  'mine',
  'unassigned',
  'department',
  'overdue',
  'breached',
  'awaiting-approval',
  /** Requests to my department: complaints another department asked the caller's for help with. */
  'requests',
  /** Reviews waiting for legal (LEG): plans of the grades with legal review, not yet passed or returned. */
  'legal',
  /** Work-order steps waiting for me, or for my role (engineer, warehouse), soonest due first. */
  'work-orders',
] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];

const MAX_LIMIT = 100;

/** The query string of GET /staff/complaints; every value arrives as a string. */
export const StaffQueueQuery = z
  .object({
    view: z._default(z.enum(QUEUE_VIEWS), 'mine'),
    department: z.optional(Department),
    status: z.optional(Status),
    grade: z.optional(Grade),
    ticket: z.optional(z.string().check(z.regex(TICKET_NUMBER, 'invalid'))),
    email: z.optional(z.string().check(z.trim(), z.minLength(3), z.maxLength(254))),
    order: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(64))),
    // However the customer wrote it: "138 0013 8000", "+86 138-0013-8000", "(021) 6123 4567".
    phone: z.optional(
      z.string().check(
        z.trim(),
        z.maxLength(32),
        z.refine((v) => normalisePhone(v) !== undefined, 'phone_format'),
      ),
    ),
    limit: z.optional(
      z.string().check(
        z.refine((v) => /^\d{1,3}$/.test(v) && Number(v) >= 1 && Number(v) <= MAX_LIMIT, {
          message: 'page_limit_invalid',
          params: { max: MAX_LIMIT },
        }),
      ),
    ),
    cursor: z.optional(z.string().check(z.maxLength(2048))),
  })
  .check(
    z.refine((q) => [q.ticket, q.email, q.phone, q.order].filter((v) => v !== undefined).length <= 1, {
      // One search at a time: ticket, email, phone and order are each their own index.
      message: 'invalid',
      path: ['ticket'],
    }),
  );
export type StaffQueueQuery = z.infer<typeof StaffQueueQuery>;

/** One row of a queue: enough to choose what to open, nothing of the customer's but a name. */
export interface QueueItem {
  id: string;
  ticketNumber: string;
  grade: Complaint['grade'];
  category: Complaint['category'];
  department: Complaint['department'];
  status: Complaint['status'];
  ownerId?: string;
  nextDeadlineAt?: string;
  customerName?: string;
  /** The grade should be checked by a person (Complaint.gradeReview says why). */
  gradeReview?: true;
  /** In the `requests` view: the open request to the department, and when its answer is due. */
  partnerRequest?: { id: string; department: Complaint['department']; dueAt: string; overdue: boolean };
}

export interface StaffQueuePage {
  items: QueueItem[];
  cursor?: string;
}

export type StaffQueueDeps = { store: ComplaintStore; clock: Clock };

/** Parses the raw query string (undefined values included) into a query, or a 400 naming each field. */
export const parseStaffQueueQuery = (raw: Record<string, string | undefined> | undefined): StaffQueueQuery =>
  parseOrThrow(StaffQueueQuery, raw ?? {});

/**
 * GET /staff/complaints: a queue or a search, one index query each (never a scan), soonest
 * deadline first (searches: newest first). Every row passes the same role rule as opening the
 * complaint would (`can(view)`), so a list never shows what its reader may not open.
 */
export async function listStaffComplaints(
  deps: StaffQueueDeps,
  staff: StaffMember,
  query: StaffQueueQuery,
): Promise<StaffQueuePage> {
  // The status and grade asked for are checked by the store (DynamoDB: a filter, so what fails them
  // is never read back); the role rule stays here, where it is one function with opening a complaint.
  const narrow = { status: query.status, grade: query.grade };
  const opts = (extra: Partial<ListOptions> = {}): ListOptions => ({
    limit: query.limit === undefined ? undefined : Number(query.limit),
    cursor: query.cursor,
    ...extra,
    match: withoutUndefined({ ...narrow, ...extra.match }),
    where: (c) => can(staff, 'view', c),
  });

  if (query.ticket !== undefined) {
    const found = await deps.store.getComplaintByTicket(query.ticket);
    return { items: found && matchesComplaint(found, narrow) && can(staff, 'view', found) ? [queueItem(found)] : [] };
  }
  if (query.email !== undefined) return answer(await deps.store.listByCustomerEmail(query.email, opts()));
  if (query.phone !== undefined) return answer(await deps.store.listByCustomerPhone(query.phone, opts()));
  if (query.order !== undefined) return answer(await deps.store.listByOrderNumber(query.order, opts()));

  const now = deps.clock.now().toISOString();
  switch (query.view) {
    case 'mine':
      return answer(await deps.store.listByOwner(staff.id, opts()));
    case 'unassigned':
      return answer(await deps.store.listUnassigned(departmentOf(staff, query), opts()));
    case 'department':
      return answer(await deps.store.listByDepartment(departmentOf(staff, query), opts()));
    case 'overdue': {
      const department = scopeOf(staff, query);
      // Both indexes run in deadline order: "due before now" is a key condition, not a filter, and
      // holds only open complaints (a closed one is due never: keys.ts indexAttributes).
      return answer(
        department === undefined
          ? await deps.store.listDueBefore(now, opts())
          : await deps.store.listByDepartment(department, opts({ dueBefore: now })),
      );
    }
    case 'breached': {
      const department = scopeOf(staff, query);
      // A breached complaint is open and escalated, so it has a deadline: the deadline-less end of
      // the index (where closed complaints wait) is never read, and only the escalation is filtered.
      const breached = { escalated: true } as const;
      return answer(
        department === undefined
          ? await deps.store.listDueBefore(END_OF_TIME, opts({ match: breached }))
          : await deps.store.listByDepartment(department, opts({ match: breached, dueBefore: NO_DEADLINE })),
      );
    }
    case 'requests': {
      // The partner index runs in the requests' deadline order; every row is one the caller may open (can view).
      const department = departmentOf(staff, query);
      const page = await deps.store.listPartnerRequests(department, opts());
      return {
        items: page.items.map((c) => withPartnerRequest(queueItem(c), c, department, now)),
        cursor: page.nextCursor,
      };
    }
    case 'work-orders': {
      // Served by the work-order queue items (keys.ts workOrderItems): my own steps, and my role's unassigned ones.
      const queues = [
        workStepStaffValue(staff.id),
        ...(staff.role === 'engineer' || staff.role === 'warehouse' ? [workStepRoleValue(staff.role)] : []),
      ];
      return answer(await deps.store.listWorkOrderSteps(queues, opts()));
    }
    case 'awaiting-approval':
      // Both run by grade, then receipt: one department's approval queue, or the status partition
      // that holds every proposal, with those not waiting for approval filtered out.
      return answer(
        query.department === undefined
          ? await deps.store.listByStatus('solution_proposed', opts({ match: { approvalPending: true } }))
          : await deps.store.listAwaitingApproval(query.department, opts()),
      );
    case 'legal':
      // As awaiting-approval: a plan waiting for legal is a proposal, so the status partition holds it
      // (a few P1 proposals a day); the filter drops the others. Every row is one a legal reviewer may open.
      return answer(
        await deps.store.listByStatus(
          'solution_proposed',
          opts({ match: { legalPending: true, department: query.department } }),
        ),
      );
  }
}

const withoutUndefined = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** Where the department indexes put complaints without a deadline (shared/adapters/dynamo/keys.ts): due before nothing. */
const NO_DEADLINE = '9999';

/** Sorts after every deadline, including the "no deadline" marker: every open complaint is due before it. */
const END_OF_TIME = '9999-12-31T23:59:59.999Z';

/**
 * The department a department queue shows: the caller's own unless they name one. Only staff who
 * oversee more than their own desk (supervisors, heads, managers) may name another; someone with
 * no department of their own must name one.
 */
function departmentOf(staff: StaffMember, query: StaffQueueQuery): Department {
  const named = query.department;
  if (named !== undefined && named !== staff.department && staff.role === 'agent') throw new ForbiddenError();
  const department = named ?? staff.department;
  if (department === undefined) throw new ValidationError({ department: { code: 'required' } });
  return department;
}

/** Where overdue and breached complaints are looked for: one department, or (undefined) every open complaint. */
function scopeOf(staff: StaffMember, query: StaffQueueQuery): Department | undefined {
  if (query.department !== undefined) return departmentOf(staff, query);
  return staff.role === 'manager' ? undefined : staff.department;
}

function answer(page: Page<Complaint>): StaffQueuePage {
  return { items: page.items.map(queueItem), cursor: page.nextCursor };
}

function withPartnerRequest(item: QueueItem, c: Complaint, department: Department, now: string): QueueItem {
  const request = openPartnerRequests(c).find((r) => r.department === department);
  if (!request) return item;
  const { id, dueAt } = request;
  return { ...item, partnerRequest: { id, department, dueAt, overdue: dueAt < now } };
}

/** A complaint as a queue row: what every view answers, and what the console's tables show. */
export function queueItem(c: Complaint): QueueItem {
  return {
    id: c.id,
    ticketNumber: c.ticketNumber,
    grade: c.grade,
    category: c.category,
    department: c.department,
    status: c.status,
    ownerId: c.ownerId,
    nextDeadlineAt: c.nextDeadlineAt,
    customerName: c.customer.name,
    ...(c.gradeReview && c.gradeReview.length > 0 ? { gradeReview: true as const } : {}),
  };
}
