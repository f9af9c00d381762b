import type { TimelineEvent } from '../model/complaint.js';
import type { Page } from '../ports/index.js';
import type { Sighting } from './detect.js';
import type { Incident, IncidentEvent, LinkedComplaint } from './model.js';

/** Where a batch stands: its open incident, or after the last one closed, from when complaints count again. */
export interface BatchPointer {
  incidentId: string;
  status: 'open' | 'closed';
  /** The latest receipt among the closed incident's complaints: only later ones make a new batch. */
  countAfter?: string;
}

/** The incidents' items in the table (shared/incidents/dynamo-incidents.ts; in memory for tests). */
export interface IncidentStore {
  /** Remembers that a complaint of the batch arrived (idempotent): the batch's count is a query on these. */
  recordSighting(batchKey: string, sighting: Sighting): Promise<void>;
  /** The batch's complaints received within [from, to], oldest first. */
  sightings(batchKey: string, from: string, to: string): Promise<Sighting[]>;
  batchPointer(batchKey: string): Promise<BatchPointer | undefined>;
  /**
   * Writes a new incident, its first events and each linked complaint's `incident_linked` in one
   * transaction, on the condition that the batch has no open incident: false when another won.
   */
  open(incident: Incident, events: IncidentEvent[], complaintEvents: TimelineEvent[]): Promise<boolean>;
  /** Links one more complaint to an open incident, with both timelines' events: false when it was already linked or the incident closed. */
  link(
    incidentId: string,
    complaintId: string,
    linked: LinkedComplaint,
    event: IncidentEvent,
    complaintEvent: TimelineEvent,
  ): Promise<boolean>;
  get(id: string): Promise<Incident | undefined>;
  timeline(id: string): Promise<IncidentEvent[]>;
  /** Newest first. */
  list(opts: { status?: Incident['status']; limit?: number; cursor?: string }): Promise<Page<Incident>>;
  /**
   * A versioned change with its events; closing also frees the batch for a new incident. Throws
   * ConcurrentUpdateError when the stored version is not `expectedVersion`.
   */
  update(
    incident: Incident,
    expectedVersion: number,
    events: IncidentEvent[],
    close?: { countAfter: string },
  ): Promise<void>;
}
