import { randomUUID } from 'node:crypto';
import { oversees } from '../auth/staff.js';
import { addDuration } from '../calendar/deadlines.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { ForbiddenError, InvalidTransitionError, NotFoundError } from '../errors/index.js';
import { parseOrThrow } from '../http/validation.js';
import { batchOf, detect, windowStart } from '../incidents/detect.js';
import {
  CloseIncidentInput,
  INCIDENT_ACTIONS,
  type IncidentAction,
  type IncidentListQuery,
  IncidentRecordInput,
} from '../incidents/inputs.js';
import { incidentOpenedMail, incidentPlanOverdueMail } from '../incidents/mails.js';
import {
  type Incident,
  type IncidentEvent,
  type IncidentEventType,
  type IncidentRecord,
  linkedTickets,
} from '../incidents/model.js';
import { incidentPolicy } from '../incidents/policy.js';
import type { IncidentStore } from '../incidents/store.js';
import { CONSOLE_PATH } from '../links/console-link.js';
import type { Complaint } from '../model/complaint.js';
import { timelineEvent } from '../model/events.js';
import { logger, MetricUnit, metrics } from '../observability.js';
import type { IncidentRecipient, Policy, StaffMember } from '../policy/types.js';
import type { Clock, Mailer } from '../ports/index.js';
import { allPages } from './all-pages.js';

export interface IncidentDeps {
  incidents: IncidentStore;
  clock: Clock;
  policy: Policy;
  calendar: WorkingCalendar;
}

export interface IncidentMailDeps extends IncidentDeps {
  mailer: Mailer;
  links: { baseUrl: string };
}

const ACTOR = 'incidents';

let sequence = 0;
function incidentEvent(
  incidentId: string,
  type: IncidentEventType,
  at: Date,
  actor: string,
  data?: Record<string, unknown>,
): IncidentEvent {
  sequence = (sequence + 1) % 1_000_000;
  return {
    incidentId,
    eventId: `${String(sequence).padStart(6, '0')}${randomUUID().slice(0, 6)}`,
    type,
    at: at.toISOString(),
    actor,
    ...(data ? { data } : {}),
  };
}

/** Sorts by opening time, so the incidents' list reads newest first without an index. */
const newIncidentId = (at: Date) =>
  `inc-${at.toISOString().replace(/[-:T]/g, '').slice(0, 14)}-${randomUUID().slice(0, 6)}`;

export type Detected = { kind: 'none' } | { kind: 'opened' | 'joined' | 'already_linked'; incident: Incident };

/**
 * A complaint was stored: if it is a product fault of a batch, it joins the batch's open incident,
 * or opens one when the batch reaches the policy's threshold within its window. Safe to repeat (the
 * stream may deliver a record twice): a linked complaint is recognised and changes nothing, but a
 * notice that did not go out the first time goes out now. Two complaints at once open one incident:
 * the batch's OPEN item is written on condition, and the loser joins the winner.
 */
export async function detectIncident(deps: IncidentMailDeps, complaint: Complaint): Promise<Detected> {
  const rules = incidentPolicy(deps.policy);
  const batch = batchOf(complaint, rules);
  if (!batch) return { kind: 'none' };
  await deps.incidents.recordSighting(batch.key, {
    complaintId: complaint.id,
    ticketNumber: complaint.ticketNumber,
    receivedAt: complaint.receivedAt,
  });
  const received = new Date(complaint.receivedAt);
  const start = windowStart(received, rules, deps.calendar);
  const windowMs = received.getTime() - start.getTime();

  for (let attempt = 0; attempt < 3; attempt++) {
    const now = deps.clock.now();
    const pointer = await deps.incidents.batchPointer(batch.key);
    if (pointer?.status === 'open') {
      const incident = await deps.incidents.get(pointer.incidentId);
      if (!incident) throw new Error(`incident ${pointer.incidentId} of batch ${batch.key} not found`);
      if (incident.linked[complaint.id]) {
        return { kind: 'already_linked', incident: await ensureNotified(deps, incident) };
      }
      const linked = await deps.incidents.link(
        incident.id,
        complaint.id,
        { ticketNumber: complaint.ticketNumber, receivedAt: complaint.receivedAt, linkedAt: now.toISOString() },
        incidentEvent(incident.id, 'joined', now, ACTOR, {
          complaintId: complaint.id,
          ticketNumber: complaint.ticketNumber,
        }),
        timelineEvent(complaint.id, 'incident_linked', now, ACTOR, {
          incidentId: incident.id,
          model: incident.model,
          ...(incident.lot ? { lot: incident.lot } : {}),
          opened: false,
        }),
      );
      if (!linked) continue;
      metrics.addMetric('IncidentComplaintJoined', MetricUnit.Count, 1);
      const joined = (await deps.incidents.get(incident.id)) ?? incident;
      return { kind: 'joined', incident: await ensureNotified(deps, joined) };
    }
    // After a closed incident only later complaints make a new batch: the old ones were dealt with.
    const countAfter = pointer?.countAfter;
    const from = countAfter && countAfter > start.toISOString() ? countAfter : start.toISOString();
    const sightings = (
      await deps.incidents.sightings(batch.key, from, new Date(received.getTime() + windowMs).toISOString())
    ).filter((s) => countAfter === undefined || s.receivedAt > countAfter);
    const decision = detect({ complaintId: complaint.id, sightings, windowMs, policy: rules });
    if (decision.kind !== 'open') return { kind: 'none' };

    const id = newIncidentId(now);
    const incident: Incident = {
      id,
      status: 'open',
      grade: 'P1',
      model: batch.model,
      ...(batch.lot ? { lot: batch.lot } : {}),
      batchKey: batch.key,
      openedAt: now.toISOString(),
      linked: Object.fromEntries(
        decision.complaints.map((s) => [
          s.complaintId,
          { ticketNumber: s.ticketNumber, receivedAt: s.receivedAt, linkedAt: now.toISOString() },
        ]),
      ),
      planDueAt: addDuration(now, rules.planWithin, deps.calendar).toISOString(),
      version: 1,
    };
    const opened = await deps.incidents.open(
      incident,
      [incidentEvent(id, 'opened', now, ACTOR, { tickets: linkedTickets(incident), planDueAt: incident.planDueAt })],
      decision.complaints.map((s) =>
        timelineEvent(s.complaintId, 'incident_linked', now, ACTOR, {
          incidentId: id,
          model: batch.model,
          ...(batch.lot ? { lot: batch.lot } : {}),
          opened: true,
        }),
      ),
    );
    if (!opened) continue;
    metrics.addMetric('IncidentOpened', MetricUnit.Count, 1);
    logger.info('batch-defect incident opened', { incidentId: id, complaints: decision.complaints.length });
    return { kind: 'opened', incident: await ensureNotified(deps, incident) };
  }
  // Three lost races in a row: the stream retries the record, by then the winner's incident is written.
  throw new Error(`incident detection for batch ${batch.key} lost three races`);
}

/**
 * Everyone the policy names for a new incident, from the staff directory. As on the escalation ladder
 * (staffOnRung), a role in a department falls back to those of the role for the whole company.
 */
export function incidentRecipients(notify: IncidentRecipient[], staff: StaffMember[]): StaffMember[] {
  const found = notify.flatMap((r) => {
    const ofRole = staff.filter((s) => s.role === r.role);
    if (r.department === undefined) return ofRole;
    const inDepartment = ofRole.filter((s) => s.department === r.department);
    return inDepartment.length > 0 ? inDepartment : ofRole.filter((s) => s.department === undefined);
  });
  return [...new Map(found.map((s) => [s.id, s])).values()];
}

/** The incident's card on the console board: the card's `id` is the incident's id (web/console/board-page.ts). */
export const consoleIncidentPath = (incidentId: string) => `${CONSOLE_PATH}/board#${encodeURIComponent(incidentId)}`;

const incidentUrl = (deps: { links: { baseUrl: string } }, incident: Incident) =>
  `${deps.links.baseUrl.replace(/\/+$/, '')}${consoleIncidentPath(incident.id)}`;

/**
 * The opening notice, once: mailed, then recorded on the incident with who was told. A mail that
 * fails throws, so the caller's retry (the stream, or the incident clock) sends it again.
 */
async function ensureNotified(deps: IncidentMailDeps, incident: Incident): Promise<Incident> {
  if (incident.notifiedAt !== undefined) return incident;
  const rules = incidentPolicy(deps.policy);
  const recipients = incidentRecipients(rules.notify, deps.policy.staff);
  for (const staff of recipients) {
    await deps.mailer.send(
      incidentOpenedMail({
        staff,
        incident,
        timezone: deps.policy.calendar.timezone,
        url: incidentUrl(deps, incident),
      }),
    );
  }
  const now = deps.clock.now();
  const notified = recipients.map((s) => s.id);
  if (notified.length === 0) logger.warn('nobody to tell of a new incident', { incidentId: incident.id });
  const next: Incident = { ...incident, notifiedAt: now.toISOString(), notified, version: incident.version + 1 };
  await deps.incidents.update(next, incident.version, [
    incidentEvent(incident.id, 'notified', now, ACTOR, { notified }),
  ]);
  return next;
}

/**
 * The incidents' clock, run by a schedule: a notice that could not go out is sent, and a plan past
 * its deadline is escalated once (the recipients and every manager are told, and it is recorded).
 */
export async function checkIncidentClocks(deps: IncidentMailDeps): Promise<{ notified: number; overdue: number }> {
  const open: Incident[] = [];
  for await (const incident of allPages((cursor) =>
    deps.incidents.list({ status: 'open', limit: 100, ...(cursor ? { cursor } : {}) }),
  )) {
    open.push(incident);
  }
  let notified = 0;
  let overdue = 0;
  for (const found of open) {
    let incident = found;
    if (incident.notifiedAt === undefined) {
      incident = await ensureNotified(deps, incident);
      notified++;
    }
    const now = deps.clock.now();
    if (incident.plan || incident.planOverdueAt || incident.planDueAt > now.toISOString()) continue;
    const rules = incidentPolicy(deps.policy);
    const told = new Map(
      [
        ...incidentRecipients(rules.notify, deps.policy.staff),
        ...deps.policy.staff.filter((s) => s.role === 'manager'),
      ].map((s) => [s.id, s]),
    );
    for (const staff of told.values()) {
      await deps.mailer.send(
        incidentPlanOverdueMail({
          staff,
          incident,
          timezone: deps.policy.calendar.timezone,
          url: incidentUrl(deps, incident),
        }),
      );
    }
    const ids = [...told.keys()];
    await deps.incidents.update(
      { ...incident, planOverdueAt: now.toISOString(), version: incident.version + 1 },
      incident.version,
      [incidentEvent(incident.id, 'plan_overdue', now, 'workflow', { planDueAt: incident.planDueAt, notified: ids })],
    );
    metrics.addMetric('IncidentPlanOverdue', MetricUnit.Count, 1);
    overdue++;
  }
  return { notified, overdue };
}

// ----- Staff: the list, one incident, and its actions (functions/staff-incidents.ts).

/**
 * Managers, and the supervisors and heads of a department the policy tells of incidents (quality)
 * or of the whole company (no department), act on them.
 */
export function canActOnIncidents(staff: StaffMember, policy: Policy): boolean {
  if (staff.role === 'manager') return true;
  if (!oversees(staff)) return false;
  const departments = incidentPolicy(policy)
    .notify.map((r) => r.department)
    .filter((d) => d !== undefined);
  return staff.department === undefined || departments.includes(staff.department);
}

export interface IncidentSummary {
  id: string;
  status: Incident['status'];
  grade: Incident['grade'];
  model: string;
  lot?: string;
  tickets: string[];
  openedAt: string;
  planDueAt: string;
  planRecorded: boolean;
  planOverdue: boolean;
  closedAt?: string;
}

export function summarise(incident: Incident, now: Date): IncidentSummary {
  return {
    id: incident.id,
    status: incident.status,
    grade: incident.grade,
    model: incident.model,
    ...(incident.lot ? { lot: incident.lot } : {}),
    tickets: linkedTickets(incident),
    openedAt: incident.openedAt,
    planDueAt: incident.planDueAt,
    planRecorded: incident.plan !== undefined,
    planOverdue: incident.plan === undefined && incident.status === 'open' && incident.planDueAt <= now.toISOString(),
    ...(incident.closedAt ? { closedAt: incident.closedAt } : {}),
  };
}

export async function listIncidents(
  deps: Pick<IncidentDeps, 'incidents' | 'clock'>,
  actor: StaffMember,
  query: IncidentListQuery,
): Promise<{ items: IncidentSummary[]; cursor?: string }> {
  // Supervisors and above of every department: a batch crosses departments.
  if (!oversees(actor)) throw new ForbiddenError();
  const page = await deps.incidents.list({
    ...(query.status ? { status: query.status } : {}),
    limit: query.limit ?? 50,
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  const now = deps.clock.now();
  return { items: page.items.map((i) => summarise(i, now)), ...(page.nextCursor ? { cursor: page.nextCursor } : {}) };
}

export async function viewIncident(
  deps: Pick<IncidentDeps, 'incidents' | 'clock'>,
  actor: StaffMember,
  id: string,
): Promise<{ incident: Incident & { summary: IncidentSummary }; timeline: IncidentEvent[] }> {
  if (!oversees(actor)) throw new ForbiddenError();
  const incident = await deps.incidents.get(id);
  if (!incident) throw new NotFoundError();
  return {
    incident: { ...incident, summary: summarise(incident, deps.clock.now()) },
    timeline: await deps.incidents.timeline(id),
  };
}

const RECORDS = {
  plan: { field: 'plan', event: 'plan_recorded' },
  'root-cause': { field: 'rootCause', event: 'root_cause_recorded' },
  action: { field: 'action', event: 'action_recorded' },
} as const satisfies Record<Exclude<IncidentAction, 'close'>, { field: keyof Incident; event: IncidentEventType }>;

/**
 * Records the plan, the root cause or the action (each may be recorded again: the latest stands, the
 * timeline keeps every one), or closes the incident, which needs a root cause and an action. Closing
 * frees the batch: a later complaint of the model and lot counts towards a new incident.
 */
export async function performIncidentAction(
  deps: Pick<IncidentDeps, 'incidents' | 'clock' | 'policy'>,
  input: { id: string; action: string; actor: StaffMember; body: unknown },
): Promise<Incident> {
  if (!(INCIDENT_ACTIONS as readonly string[]).includes(input.action)) throw new NotFoundError();
  const action = input.action as IncidentAction;
  if (!canActOnIncidents(input.actor, deps.policy)) throw new ForbiddenError();
  const incident = await deps.incidents.get(input.id);
  if (!incident) throw new NotFoundError();
  if (incident.status === 'closed') throw new InvalidTransitionError('incident_closed');
  const now = deps.clock.now();
  const by = input.actor.id;
  if (action === 'close') {
    const { note } = parseOrThrow(CloseIncidentInput, input.body ?? {});
    if (!incident.rootCause || !incident.action) throw new InvalidTransitionError('incident_not_ready');
    const closed: Incident = {
      ...incident,
      status: 'closed',
      closedAt: now.toISOString(),
      closedBy: by,
      version: incident.version + 1,
    };
    const latest = Object.values(incident.linked)
      .map((l) => l.receivedAt)
      .sort()
      .at(-1)!;
    await deps.incidents.update(
      closed,
      incident.version,
      [incidentEvent(incident.id, 'closed', now, by, note ? { note } : undefined)],
      { countAfter: latest },
    );
    return closed;
  }
  const { text } = parseOrThrow(IncidentRecordInput, input.body);
  const record: IncidentRecord = { text, at: now.toISOString(), by };
  const { field, event } = RECORDS[action];
  const next: Incident = { ...incident, [field]: record, version: incident.version + 1 };
  await deps.incidents.update(next, incident.version, [incidentEvent(incident.id, event, now, by, { text })]);
  return next;
}
