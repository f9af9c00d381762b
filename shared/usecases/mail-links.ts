import { consoleComplaintUrl } from '../links/console-link.js';
import { type SignedLink, signCustomerLink } from '../links/status-link.js';
import type { Complaint } from '../model/complaint.js';
import type { Policy } from '../policy/types.js';

export interface LinkDeps {
  policy: Policy;
  links: { baseUrl: string; key: Uint8Array };
}

/** Survey links outlive the survey's own reminder and auto-close, so a late click still gets an answer. */
export const SURVEY_LINK_DAYS = 14;

/** A signed customer link valid for `ttlDays` from `now`: the one place that turns a lifetime into a link. */
export function customerLink(
  links: LinkDeps['links'],
  complaintId: string,
  purpose: 'status' | 'survey',
  now: Date,
  ttlDays: number,
): Promise<SignedLink> {
  return signCustomerLink({
    complaintId,
    purpose,
    baseUrl: links.baseUrl,
    expiresAt: new Date(now.getTime() + ttlDays * 86_400_000),
    secret: links.key,
  });
}

/** The customer's status page (where they also answer a request for information), valid for the policy's link lifetime. */
export async function statusUrl(deps: LinkDeps, complaintId: string, now: Date): Promise<string> {
  return (await customerLink(deps.links, complaintId, 'status', now, deps.policy.statusLinkTtlDays)).url;
}

/** The satisfaction survey. */
export async function surveyUrl(deps: LinkDeps, complaintId: string, now: Date): Promise<string> {
  return (await customerLink(deps.links, complaintId, 'survey', now, SURVEY_LINK_DAYS)).url;
}

/**
 * Where a member of staff opens the complaint: its console page, by ticket number. Never the JSON
 * API, which answers a browser without a bearer token with 401. It takes the complaint, not an id,
 * so a caller cannot hand it the UUID the console does not address complaints by.
 */
export function staffUrl(deps: { links: { baseUrl: string } }, complaint: Pick<Complaint, 'ticketNumber'>): string {
  return consoleComplaintUrl(deps.links.baseUrl, complaint.ticketNumber);
}
