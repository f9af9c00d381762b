import type { ComplaintStore } from '../ports/index.js';
import type { Complaint } from './complaint.js';
/** `YYYYMM-NNNN`: month of receipt, sequence within the month (a fifth digit appears after 9999, never a reuse). */
export function formatTicketNumber(monthKey: string, sequence: number): string {
  if (!/^\d{6}$/.test(monthKey)) throw new RangeError(`Not a month key: ${monthKey}`);
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`Not a ticket sequence: ${sequence}`);
  return `${monthKey}-${String(sequence).padStart(4, '0')}`;
}

/** A ticket number as staff type it (`YYYYMM-NNNN`, a fifth digit after 9999), and nothing around it. */
export const TICKET_NUMBER = /^\d{6}-\d{4,5}$/;

/** The complaint staff name by its ticket number or by its id; undefined when there is none. */
export function complaintByIdOrTicket(
  store: Pick<ComplaintStore, 'getComplaint' | 'getComplaintByTicket'>,
  idOrTicket: string,
): Promise<Complaint | undefined> {
  const wanted = idOrTicket.trim();
  return TICKET_NUMBER.test(wanted) ? store.getComplaintByTicket(wanted) : store.getComplaint(wanted);
}
