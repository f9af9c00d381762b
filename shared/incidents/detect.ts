import { addDuration } from '../calendar/deadlines.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import type { Complaint } from '../model/complaint.js';
import type { IncidentPolicy } from '../policy/types.js';

/** What makes complaints one batch: the same model, and the same lot (or serial prefix) where given. */
export interface Batch {
  model: string;
  lot?: string;
  /** Model and lot spelled one way (case, width and spacing folded), safe inside a table key. */
  key: string;
}

/** Folds what customers type differently for the same thing: full-width letters, case, spaces, dashes. */
function fold(value: string): string {
  return value
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s_-]+/g, '');
}

/**
 * The batch a complaint belongs to, or undefined when it cannot be part of one: not a product-fault
 * category of the policy, or no product model. The lot wins over the serial prefix (a lot number is
 * what a factory recalls by); a serial shorter than the prefix says nothing about its batch.
 */
export function batchOf(c: Pick<Complaint, 'category' | 'product'>, policy: IncidentPolicy): Batch | undefined {
  if (!policy.categories.includes(c.category)) return undefined;
  const model = c.product?.model?.trim();
  if (!model || fold(model) === '') return undefined;
  const lotGiven = c.product?.lot?.trim();
  const serial = c.product?.serialNumber === undefined ? '' : fold(c.product.serialNumber);
  const lot =
    lotGiven && fold(lotGiven) !== ''
      ? lotGiven
      : serial.length >= policy.serialPrefixLength
        ? serial.slice(0, policy.serialPrefixLength)
        : undefined;
  const key = [fold(model), lot === undefined ? '' : fold(lot)].map(encodeURIComponent).join('#');
  return { model, ...(lot === undefined ? {} : { lot }), key };
}

/**
 * The earliest receipt that still counts towards a batch for a complaint received at `receivedAt`:
 * the window's length as the calendar measures it from that receipt (it counts forward only).
 */
export function windowStart(receivedAt: Date, policy: IncidentPolicy, calendar: WorkingCalendar): Date {
  const end = addDuration(receivedAt, policy.window, calendar);
  return new Date(receivedAt.getTime() - (end.getTime() - receivedAt.getTime()));
}

export interface Sighting {
  complaintId: string;
  ticketNumber: string;
  receivedAt: string;
}

export type Detection =
  | { kind: 'none' }
  | { kind: 'join'; incidentId: string }
  | { kind: 'open'; complaints: Sighting[] };

/**
 * What a new complaint of a batch does: joins the batch's open incident, opens one when some span
 * of the window's length that holds it also holds `threshold` of the batch's complaints, or nothing.
 * Complaints reach detection in any order (the stream orders each complaint, not all of them), so
 * the span may end after the new one: the third complaint processed before the second still opens.
 */
export function detect(input: {
  openIncidentId?: string;
  complaintId: string;
  /** The batch's complaints received within one window either side of the new one. */
  sightings: Sighting[];
  windowMs: number;
  policy: IncidentPolicy;
}): Detection {
  if (input.openIncidentId) return { kind: 'join', incidentId: input.openIncidentId };
  const time = (s: Sighting) => Date.parse(s.receivedAt);
  const unique = [...new Map(input.sightings.map((s) => [s.complaintId, s])).values()].sort(
    (a, b) => time(a) - time(b),
  );
  const self = unique.find((s) => s.complaintId === input.complaintId);
  if (!self) return { kind: 'none' };
  let best: Sighting[] = [];
  for (const first of unique) {
    if (time(first) > time(self) || time(self) - time(first) > input.windowMs) continue;
    const span = unique.filter((s) => time(s) >= time(first) && time(s) - time(first) <= input.windowMs);
    if (span.length > best.length) best = span;
  }
  return best.length >= input.policy.threshold ? { kind: 'open', complaints: best } : { kind: 'none' };
}
