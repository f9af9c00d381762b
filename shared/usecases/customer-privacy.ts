import * as z from 'zod/mini';
import { ForbiddenError, NotFoundError } from '../errors/index.js';
import type { Complaint } from '../model/complaint.js';
import { timelineEvent } from '../model/events.js';
import { normalisePhone } from '../model/phone.js';
import type { StaffMember } from '../policy/types.js';
import type { Clock, ComplaintStore } from '../ports/index.js';
import { type ExportedComplaint, exportArchive } from '../privacy/export-archive.js';
import type { MailObjects, PersonalDataStore } from '../privacy/ports.js';
import { erasureChanges, isErased, mailObjectKeys, redactEvent } from '../privacy/redact.js';
import { retryOnConflict } from './retry-on-conflict.js';

/**
 * The customer's rights over what we hold (PIPL art. 45 and 47, GDPR art. 15, 17 and 20): a
 * manager exports it as one archive, or erases it. A customer is named by the address or the
 * number they wrote to us with, and found through the email and phone indexes, never a Scan.
 */
export const CustomerLookup = z.union([
  z.strictObject({ email: z.email().check(z.maxLength(254)) }),
  z.strictObject({
    phone: z.string().check(
      z.trim(),
      z.regex(/^\+?[0-9(][0-9 ()-]{5,24}$/, { error: 'phone_format' }),
      z.refine((p) => normalisePhone(p) !== undefined, { error: 'phone_format' }),
    ),
  }),
]);
export type CustomerLookup = z.infer<typeof CustomerLookup>;

export interface PrivacyDeps {
  store: Pick<ComplaintStore, 'listByCustomerEmail' | 'listByCustomerPhone' | 'getComplaint' | 'listTimeline'> &
    Pick<ComplaintStore, 'updateComplaint' | 'appendEvents'>;
  personalData: PersonalDataStore;
  mail: MailObjects;
  clock: Clock;
}

/** Only a manager may see or erase everything about a customer. */
function requireManager(actor: StaffMember): void {
  if (actor.role !== 'manager') throw new ForbiddenError();
}

const lookupKind = (lookup: CustomerLookup): 'email' | 'phone' => ('email' in lookup ? 'email' : 'phone');

/** Every complaint the customer made under this address or number, all pages, newest first. */
async function complaintsOf(deps: PrivacyDeps, lookup: CustomerLookup): Promise<Complaint[]> {
  const found: Complaint[] = [];
  let cursor: string | undefined;
  do {
    const page =
      'email' in lookup
        ? await deps.store.listByCustomerEmail(lookup.email, { cursor, limit: 100 })
        : await deps.store.listByCustomerPhone(lookup.phone, { cursor, limit: 100 });
    found.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return found;
}

export interface ExportResult {
  archive: Uint8Array;
  complaints: number;
}

/** Everything held about the customer as one zip archive; each complaint's timeline records the export. */
export async function exportCustomer(
  deps: PrivacyDeps,
  lookup: CustomerLookup,
  actor: StaffMember,
): Promise<ExportResult> {
  requireManager(actor);
  const complaints = await complaintsOf(deps, lookup);
  if (complaints.length === 0) throw new NotFoundError('no complaint under this contact');
  const exported: ExportedComplaint[] = [];
  for (const complaint of complaints) {
    const timeline = await deps.store.listTimeline(complaint.id);
    const objects: ExportedComplaint['objects'] = [];
    const missing: string[] = [];
    for (const key of mailObjectKeys(timeline)) {
      const content = await deps.mail.get(key);
      if (content) objects.push({ key, content });
      else missing.push(key);
    }
    exported.push({ complaint, timeline, objects, missing });
  }
  const now = deps.clock.now();
  const archive = exportArchive(exported, now);
  const by = lookupKind(lookup);
  for (const complaint of complaints) {
    await deps.store.appendEvents([
      timelineEvent(complaint.id, 'customer_data_exported', now, actor.id, { by, complaints: complaints.length }),
    ]);
  }
  return { archive, complaints: complaints.length };
}

export interface EraseResult {
  /** Complaints erased by this call (an already erased one is not found again under the address). */
  complaints: number;
  rawMailDeleted: number;
}

/** Erases the customer's personal data from every complaint made under this address or number. */
export async function eraseCustomer(
  deps: PrivacyDeps,
  lookup: CustomerLookup,
  actor: StaffMember,
): Promise<EraseResult> {
  requireManager(actor);
  const complaints = await complaintsOf(deps, lookup);
  let rawMailDeleted = 0;
  for (const complaint of complaints) {
    rawMailDeleted += await eraseComplaint(deps, complaint.id, { actor: actor.id, by: lookupKind(lookup) });
  }
  if ('email' in lookup) await deps.personalData.forgetAddress(lookup.email);
  return { complaints: complaints.length, rawMailDeleted };
}

/**
 * Erases one complaint's personal data, in an order that a retry completes: the raw mail first,
 * then the timeline, and last the complaint itself, whose write leaves the email, phone and
 * retention indexes and records the erasure. A complaint already erased is left as it is.
 * Returns how many raw-mail objects were deleted.
 */
export async function eraseComplaint(
  deps: PrivacyDeps,
  complaintId: string,
  audit: { actor: string; by: 'email' | 'phone' | 'retention' },
): Promise<number> {
  const stored = await deps.store.getComplaint(complaintId);
  if (!stored || isErased(stored)) return 0;
  const timeline = await deps.store.listTimeline(complaintId);
  const keys = mailObjectKeys(timeline);
  await deps.mail.delete(keys);
  await deps.personalData.rewriteEvents(timeline.flatMap((e) => redactEvent(e) ?? []));
  const address = stored.customer.email;
  await retryOnConflict(async () => {
    const c = (await deps.store.getComplaint(complaintId)) ?? stored;
    if (isErased(c)) return;
    const now = deps.clock.now();
    const audited = timelineEvent(c.id, 'customer_data_erased', now, audit.actor, {
      by: audit.by,
      rawMailDeleted: keys.length,
    });
    await deps.store.updateComplaint(c.id, c.version, erasureChanges(c, now), [audited], c);
  });
  if (address) await deps.personalData.forgetAddress(address);
  return keys.length;
}

/** The instant `years` calendar years before `now` (29 February falls back to 28 February, as Date does). */
export function yearsBefore(now: Date, years: number): Date {
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
  return cutoff;
}

/**
 * The retention policy (policy.privacy.eraseAfterArchiveYears): complaints archived longer ago than
 * that lose their personal data, oldest first, a bounded batch per run (the next run continues).
 */
export async function eraseExpired(
  deps: PrivacyDeps,
  eraseAfterArchiveYears: number,
  batch = 100,
): Promise<{ erased: number }> {
  const cutoff = yearsBefore(deps.clock.now(), eraseAfterArchiveYears).toISOString();
  const ids = await deps.personalData.listRetainedBefore(cutoff, batch);
  for (const id of ids) await eraseComplaint(deps, id, { actor: 'system', by: 'retention' });
  return { erased: ids.length };
}
