import { signCustomerLink } from '../links/status-link.js';
import type { Policy } from '../policy/types.js';

export interface LinkDeps {
  policy: Policy;
  links: { baseUrl: string; key: Uint8Array };
}

/** The customer's status page (where they also answer a request for information), valid for the policy's link lifetime. */
export async function statusUrl(deps: LinkDeps, complaintId: string, now: Date): Promise<string> {
  const link = await signCustomerLink({
    complaintId,
    purpose: 'status',
    baseUrl: deps.links.baseUrl,
    expiresAt: new Date(now.getTime() + deps.policy.statusLinkTtlDays * 86_400_000),
    secret: deps.links.key,
  });
  return link.url;
}

/** Where a member of staff opens the complaint. */
export function staffUrl(deps: LinkDeps, complaintId: string): string {
  return `${deps.links.baseUrl.replace(/\/+$/, '')}/staff/complaints/${complaintId}`;
}
