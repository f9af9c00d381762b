/**
 * Where a member of staff opens a complaint in the console. Every staff mail that names a complaint
 * (assignment, reminder, escalation, approval, new P1/P2) links here, never to the JSON API.
 */
export const CONSOLE_PATH = '/console';

export function consoleComplaintPath(ticketNumber: string): string {
  return `${CONSOLE_PATH}/complaints/${encodeURIComponent(ticketNumber)}`;
}

export function consoleComplaintUrl(baseUrl: string, ticketNumber: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${consoleComplaintPath(ticketNumber)}`;
}
