/** `YYYYMM-NNNN`: month of receipt, sequence within the month (a fifth digit appears after 9999, never a reuse). */
export function formatTicketNumber(monthKey: string, sequence: number): string {
  if (!/^\d{6}$/.test(monthKey)) throw new RangeError(`Not a month key: ${monthKey}`);
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`Not a ticket sequence: ${sequence}`);
  return `${monthKey}-${String(sequence).padStart(4, '0')}`;
}
