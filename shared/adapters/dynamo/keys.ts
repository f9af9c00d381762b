import {
  type Complaint,
  type Department,
  type Grade,
  type TimelineEvent,
  WORK_STEP_ROLES,
} from '../../model/complaint.js';
import { normalisePhone } from '../../model/phone.js';
import { INDEX_LIST, INDEXES, PARTITION_KEY, SORT_KEY } from './table-design.js';

/**
 * Key and index-attribute builders for the single table (layout in table-design.ts). Every
 * writer goes through these, so an item written by create and one rewritten by update are
 * always found by the same queries.
 */

export type ItemKey = { [PARTITION_KEY]: string; [SORT_KEY]: string };

export const EVENT_SORT_PREFIX = 'EVENT#';

export const complaintKey = (id: string): ItemKey => ({ pk: `COMPLAINT#${id}`, sk: 'META' });

// `at` leads so the timeline sorts by time; the event id breaks ties within one millisecond.
export const eventKey = (event: Pick<TimelineEvent, 'complaintId' | 'at' | 'eventId'>): ItemKey => ({
  pk: `COMPLAINT#${event.complaintId}`,
  sk: `${EVENT_SORT_PREFIX}${event.at}#${event.eventId}`,
});

export const ticketKey = (ticketNumber: string): ItemKey => ({ pk: `TICKET#${ticketNumber}`, sk: 'TICKET' });

export const ticketCounterKey = (monthKey: string): ItemKey => ({ pk: `COUNTER#TICKET#${monthKey}`, sk: 'COUNTER' });

export const idempotencyKey = (key: string): ItemKey => ({ pk: `IDEMPOTENCY#${key}`, sk: 'IDEMPOTENCY' });

export const rateWindowKey = (clientKey: string, windowStartEpochSeconds: number): ItemKey => ({
  pk: `RATE#${clientKey}#${windowStartEpochSeconds}`,
  sk: 'RATE',
});

export const onceKey = (key: string): ItemKey => ({ pk: `ONCE#${key}`, sk: 'ONCE' });

// ----- The stored policy (issue 9): one partition, its versions and the pointer to the current one.
export const POLICY_PARTITION = 'POLICY';
export const POLICY_VERSION_PREFIX = 'VERSION#';
/** Zero-padded, so the versions sort by number and the history reads newest first. */
export const policyVersionKey = (version: number): ItemKey => ({
  pk: POLICY_PARTITION,
  sk: `${POLICY_VERSION_PREFIX}${String(version).padStart(10, '0')}`,
});
export const policyPointerKey = (): ItemKey => ({ pk: POLICY_PARTITION, sk: 'CURRENT' });

/**
 * Which spelling of the index attributes the code writes; raise it whenever `indexAttributes`
 * changes, so the table's stored complaints are rewritten (shared/adapters/dynamo/reindex.ts).
 * 2: the phone index, and the unassigned queue in the owner index.
 * 3: archived complaints still holding personal data, in the deadline index (the retention sweep).
 * 3: the past-cases index (resolved complaints by model and category); the two were built
 *    side by side, so:
 * 4: both of them.
 * 5: the department, unassigned and open-by-deadline partitions split by grade (the console's grade
 *    filter), and a department's proposals awaiting approval in the past-cases index.
 */
export const INDEX_LAYOUT_VERSION = 5;

/** Every attribute a GSI reads: never part of a Complaint, always derived from one. */
export const INDEX_ATTRIBUTE_NAMES: readonly string[] = INDEX_LIST.flatMap((i) => [i.partitionKey, i.sortKey]);

export const emailIndexValue = (email: string): string => `EMAIL#${email.toLowerCase()}`;
export const statusIndexValue = (status: Complaint['status']): string => `STATUS#${status}`;
/*
 * The department, unassigned and open-by-deadline queues are split by grade, one partition each: a
 * queue of one grade ("finance's P1s") is then a key condition that reads only those, where a
 * grade filter read through every other grade first (440 ms p99 at 100,000 complaints). A queue of
 * every grade reads the four partitions and merges them on the shared deadline sort key
 * (complaint-store.ts queryGradePartitions).
 */
export const departmentIndexValue = (department: Department, grade: Grade): string => `DEPT#${department}#${grade}`;
export const ownerIndexValue = (ownerId: string): string => `OWNER#${ownerId}`;
/** Shares the owner index: an open complaint nobody owns waits in its department's unassigned queue there. */
export const unassignedIndexValue = (department: Department, grade: Grade): string =>
  `UNASSIGNED#${department}#${grade}`;
export const phoneIndexValue = (normalisedPhone: string): string => `PHONE#${normalisedPhone}`;
export const orderIndexValue = (orderNumber: string): string => `ORDER#${orderNumber}`;
export const openDueValue = (grade: Grade): string => `OPEN#${grade}`;
/** Privacy (PRIV): archived complaints whose personal data is still held, oldest archive first (shared/privacy/retention.ts). */
export const RETAINED_DUE_VALUE = 'RETAINED';
/** One model however it was typed ("kt-17 ", "KT-17"), within one category. */
export const pastCaseIndexValue = (model: string, category: Complaint['category']): string =>
  `PAST#${category}#${model.trim().replace(/\s+/g, ' ').toUpperCase()}`;

/**
 * Shares the past-cases index (one new index per stack update): a proposal waiting for a head's
 * approval is not resolved, so it holds no past-case key, and its department's approval queue is
 * one partition instead of a filter through every department's proposals.
 */
export const approvalIndexValue = (department: Department): string => `APPROVAL#${department}`;

// Sorts after every ISO instant a deadline can hold, so complaints without a deadline end their
// queue; `9999#` sorts before `9999-12-31…`, so the reconciler's due-before-the-end-of-time query
// (shared/usecases/reconcile-workflows.ts) still lists them.
const NO_DEADLINE = '9999';
/**
 * A closed complaint ends its department's and owner's queues, whatever deadline it closed with,
 * after the open ones without a deadline: '~' sorts after the '-' of the end of time
 * (`9999-12-31…`), so "due before" any instant, even that one, is open work with no filter.
 */
const CLOSED = '9999~';

/**
 * The GSI attributes for a complaint. Absent keys mean "not in that index" (sparse): a closed
 * unowned complaint is in no owner or unassigned queue, a closed one is in no deadline sweep.
 */
export function indexAttributes(c: Complaint): Record<string, string> {
  const byDeadline = `${c.status === 'closed' ? CLOSED : (c.nextDeadlineAt ?? NO_DEADLINE)}#${c.id}`;
  const newestFirst = `${c.receivedAt}#${c.id}`;
  const attrs: Record<string, string> = {
    [INDEXES.byStatus.partitionKey]: statusIndexValue(c.status),
    [INDEXES.byStatus.sortKey]: `${c.grade}#${c.receivedAt}#${c.id}`,
    [INDEXES.byDepartment.partitionKey]: departmentIndexValue(c.department, c.grade),
    [INDEXES.byDepartment.sortKey]: byDeadline,
  };
  if (c.ownerId || c.status !== 'closed') {
    attrs[INDEXES.byOwner.partitionKey] = c.ownerId
      ? ownerIndexValue(c.ownerId)
      : unassignedIndexValue(c.department, c.grade);
    attrs[INDEXES.byOwner.sortKey] = byDeadline;
  }
  // Every open complaint, even one waiting with no deadline of its own (the survey, a customer's
  // answer while the clock is paused): the reconciler finds the open complaints here, and one left
  // out would keep no execution after a restart. Those sort last and no due-before query reaches them.
  if (c.status !== 'closed') {
    attrs[INDEXES.byDeadline.partitionKey] = openDueValue(c.grade);
    attrs[INDEXES.byDeadline.sortKey] = byDeadline;
  }
  // Privacy (PRIV): the retention sweep's queue shares the deadline index (one new index per stack
  // update); it is another partition, so no due-before query of open complaints reaches it.
  if (c.status === 'closed' && c.archivedAt && !c.personalDataErasedAt) {
    attrs[INDEXES.byDeadline.partitionKey] = RETAINED_DUE_VALUE;
    attrs[INDEXES.byDeadline.sortKey] = `${c.archivedAt}#${c.id}`;
  }
  if (c.customer.email) {
    attrs[INDEXES.byCustomerEmail.partitionKey] = emailIndexValue(c.customer.email);
    attrs[INDEXES.byCustomerEmail.sortKey] = newestFirst;
  }
  const phone = c.customer.phone === undefined ? undefined : normalisePhone(c.customer.phone);
  if (phone) {
    attrs[INDEXES.byCustomerPhone.partitionKey] = phoneIndexValue(phone);
    attrs[INDEXES.byCustomerPhone.sortKey] = newestFirst;
  }
  if (c.orderNumber) {
    attrs[INDEXES.byOrderNumber.partitionKey] = orderIndexValue(c.orderNumber);
    attrs[INDEXES.byOrderNumber.sortKey] = newestFirst;
  }
  // Past cases (L10): written when the complaint resolves, gone again when a reopen clears resolvedAt.
  if (c.resolvedAt && c.product?.model?.trim()) {
    attrs[INDEXES.byPastCase.partitionKey] = pastCaseIndexValue(c.product.model, c.category);
    attrs[INDEXES.byPastCase.sortKey] = `${c.resolvedAt}#${c.id}`;
  } else if (c.status === 'solution_proposed' && c.solution?.approval === 'pending') {
    // The order of the status index (grade, then receipt), so both answers of awaiting-approval agree.
    attrs[INDEXES.byPastCase.partitionKey] = approvalIndexValue(c.department);
    attrs[INDEXES.byPastCase.sortKey] = `${c.grade}#${c.receivedAt}#${c.id}`;
  }
  return attrs;
}

/** The stored META item for a complaint. */
export const complaintItem = (c: Complaint): Record<string, unknown> => ({
  ...c,
  ...complaintKey(c.id),
  ...indexAttributes(c),
});

const COMPLAINT_ITEM_ONLY = new Set<string>([PARTITION_KEY, SORT_KEY, ...INDEX_ATTRIBUTE_NAMES]);

export function complaintFromItem(item: Record<string, unknown>): Complaint {
  const complaint = Object.fromEntries(Object.entries(item).filter(([name]) => !COMPLAINT_ITEM_ONLY.has(name)));
  return { ...complaint, deadlines: withRenamedDeadlines(complaint.deadlines) } as unknown as Complaint;
}

/**
 * Complaints stored before the owner-assignment deadline was named for what it times kept it as
 * `acknowledge`; read them as `assign`, so an open complaint from then still has its clock.
 */
function withRenamedDeadlines(deadlines: unknown): unknown {
  if (!deadlines || typeof deadlines !== 'object') return deadlines;
  const { acknowledge, ...rest } = deadlines as Record<string, unknown>;
  return acknowledge === undefined || 'assign' in rest ? deadlines : { assign: acknowledge, ...rest };
}

export const eventItem = (event: TimelineEvent): Record<string, unknown> => ({ ...event, ...eventKey(event) });

export function eventFromItem(item: Record<string, unknown>): TimelineEvent {
  const { pk: _pk, sk: _sk, ...event } = item;
  return event as unknown as TimelineEvent;
}

// ----- Departments working together (shared/workflow/partners.ts)

export const PARTNER_SORT_PREFIX = 'PARTNER#';
export const partnerRequestKey = (complaintId: string, requestId: string): ItemKey => ({
  pk: `COMPLAINT#${complaintId}`,
  sk: `${PARTNER_SORT_PREFIX}${requestId}`,
});
export const partnerIndexValue = (department: Department): string => `PARTNER#${department}`;

/**
 * The index items of a complaint's partner requests: an open request of an open complaint is in
 * its department's queue (sorted by its deadline); an answered one, or any once the complaint is
 * closed, leaves it (`undefined`: delete the item).
 */
export function partnerRequestItems(c: Complaint): { key: ItemKey; item?: Record<string, unknown> }[] {
  return (c.partnerRequests ?? []).map((r) => {
    const key = partnerRequestKey(c.id, r.id);
    if (r.answeredAt !== undefined || c.status === 'closed') return { key };
    return {
      key,
      item: {
        ...key,
        complaintId: c.id,
        requestId: r.id,
        [INDEXES.byPartnerDepartment.partitionKey]: partnerIndexValue(r.department),
        [INDEXES.byPartnerDepartment.sortKey]: `${r.dueAt}#${c.id}#${r.id}`,
      },
    };
  });
}

// ----- After-sales work orders (shared/workflow/work-orders.ts)

/**
 * A work order's current step waits in the queue of whoever may do it: a named assignee
 * (`WORKSTEP#STAFF#<id>`, also the owner for a step the owner does) or a role's
 * (`WORKSTEP#ROLE#engineer`). These items share the partner index (byPartnerDepartment): its
 * attributes are generic, and CloudFormation adds only one new index per stack update.
 */
export const WORK_ORDER_SORT_PREFIX = 'WORKORDER#';
/** Two slots: a step has at most two holders (verification: the owner and the engineers). */
const WORK_ORDER_SLOTS = [0, 1] as const;
export const workOrderSlotKey = (complaintId: string, workOrderId: string, slot: number): ItemKey => ({
  pk: `COMPLAINT#${complaintId}`,
  sk: `${WORK_ORDER_SORT_PREFIX}${workOrderId}#${slot}`,
});
export const workStepStaffValue = (staffId: string): string => `WORKSTEP#STAFF#${staffId}`;
export const workStepRoleValue = (role: string): string => `WORKSTEP#ROLE#${role}`;

/** The queue values a work order's current step is in: empty once it is done or the complaint is closed. */
function workStepQueues(c: Complaint, workOrderId: string): string[] {
  const w = (c.workOrders ?? []).find((x) => x.id === workOrderId);
  if (!w || w.doneAt !== undefined || c.status === 'closed') return [];
  const step = w.steps.find((s) => !s.doneAt);
  if (!step) return [];
  const roles = WORK_STEP_ROLES[step.name];
  const values = [
    ...(step.assigneeId ? [workStepStaffValue(step.assigneeId)] : []),
    ...(roles.includes('owner') && c.ownerId ? [workStepStaffValue(c.ownerId)] : []),
    ...(step.assigneeId ? [] : roles.filter((r) => r === 'engineer' || r === 'warehouse').map(workStepRoleValue)),
  ];
  return [...new Set(values)].slice(0, WORK_ORDER_SLOTS.length);
}

/** The index items of a complaint's work orders, one per slot: written while a holder waits, else deleted. */
export function workOrderItems(c: Complaint): { key: ItemKey; item?: Record<string, unknown> }[] {
  return (c.workOrders ?? []).flatMap((w) => {
    const queues = workStepQueues(c, w.id);
    const dueAt = w.steps.find((s) => !s.doneAt)?.dueAt ?? '9999';
    return WORK_ORDER_SLOTS.map((slot) => {
      const key = workOrderSlotKey(c.id, w.id, slot);
      const queue = queues[slot];
      if (queue === undefined) return { key };
      return {
        key,
        item: {
          ...key,
          complaintId: c.id,
          workOrderId: w.id,
          [INDEXES.byPartnerDepartment.partitionKey]: queue,
          [INDEXES.byPartnerDepartment.sortKey]: `${dueAt}#${c.id}#${w.id}`,
        },
      };
    });
  });
}
