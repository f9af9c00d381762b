import type { Grade } from '../model/complaint.js';

/**
 * A batch-defect incident (004 表3-1 Ⅲ级 "批量质量问题"): complaints about one product model and lot
 * that came together. Its own items (INCIDENT#…, shared/incidents/dynamo-incidents.ts), its own
 * timeline, its own plan deadline; it closes only once a root cause and an action are recorded.
 */
export interface Incident {
  id: string;
  status: 'open' | 'closed';
  /** Always the top grade: a batch defect is a major incident (004 Ⅲ级). */
  grade: Grade;
  /** What makes the batch: the model as the customers wrote it, and the lot (or serial prefix) if any. */
  model: string;
  lot?: string;
  batchKey: string;
  openedAt: string;
  /** The linked complaints, keyed by complaint id: a second link of the same complaint changes nothing. */
  linked: Record<string, LinkedComplaint>;
  /** The plan is due by then (the policy's planWithin from opening). */
  planDueAt: string;
  plan?: IncidentRecord;
  rootCause?: IncidentRecord;
  action?: IncidentRecord;
  /** Who was told of the incident, once the notice went out. */
  notifiedAt?: string;
  notified?: string[];
  /** The plan deadline passed without a plan: when the recipients were told again. */
  planOverdueAt?: string;
  closedAt?: string;
  closedBy?: string;
  version: number;
}

export interface LinkedComplaint {
  ticketNumber: string;
  receivedAt: string;
  linkedAt: string;
}

export interface IncidentRecord {
  text: string;
  at: string;
  by: string;
}

export const INCIDENT_EVENT_TYPES = [
  'opened',
  'joined',
  'notified',
  'plan_overdue',
  'plan_recorded',
  'root_cause_recorded',
  'action_recorded',
  'closed',
] as const;
export type IncidentEventType = (typeof INCIDENT_EVENT_TYPES)[number];

/** One entry of an incident's append-only timeline. */
export interface IncidentEvent {
  incidentId: string;
  eventId: string;
  type: IncidentEventType;
  at: string;
  actor: string;
  data?: Record<string, unknown>;
}

/** The linked complaints, oldest first. */
export const linkedTickets = (incident: Pick<Incident, 'linked'>): string[] =>
  Object.values(incident.linked)
    .sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : 0))
    .map((l) => l.ticketNumber);
