import * as z from 'zod/mini';
import { ForbiddenError, InvalidTransitionError, NotFoundError } from '../errors/index.js';
import type { Complaint } from '../model/complaint.js';
import { timelineEvent } from '../model/events.js';
import { normalisePhone } from '../model/phone.js';
import type { StaffMember } from '../policy/types.js';
import type { ComplaintStore } from '../ports/index.js';
import { type ExportedComplaint, exportArchive } from '../privacy/export-archive.js';
import type { ExportArchives, MailObjects, PersonalDataStore, SentMailCopies } from '../privacy/ports.js';
import { erasureChanges, exportArchiveKeys, isErased, mailObjectKeys, redactEvent } from '../privacy/redact.js';
import { LIFECYCLE, nextStatus } from '../workflow/lifecycle.js';
import { type ChangeDeps, changeComplaint } from './change-complaint.js';

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

/**
 * The one write path's ports, without the workflow's: an erasure changes closed complaints only,
 * whose workflow waits on nothing, so it wakes none (and its functions carry no Step Functions client).
 */
export interface PrivacyDeps extends Omit<ChangeDeps, 'tokens' | 'workflow' | 'mailer'> {
  store: ChangeDeps['store'] &
    Pick<ComplaintStore, 'listByCustomerEmail' | 'listByCustomerPhone' | 'getComplaint' | 'listTimeline'>;
  personalData: PersonalDataStore;
  mail: MailObjects;
  sentMail: SentMailCopies;
}

/** The export also stores its archive for download. */
export interface ExportDeps extends PrivacyDeps {
  exports: ExportArchives;
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
  complaints: number;
  bytes: number;
  /** A presigned GET of the zip (EXPORT_LINK_SECONDS): a credential, to hand to the manager and nobody else. */
  url: string;
  expiresAt: string;
}

/**
 * Everything held about the customer as one zip archive, stored for download; each complaint's
 * timeline records the export and where its copy waits, so an erasure deletes that copy too.
 */
export async function exportCustomer(
  deps: ExportDeps,
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
  const published = await deps.exports.publish(archive, `closeloop-export-${now.toISOString().slice(0, 10)}.zip`);
  const by = lookupKind(lookup);
  for (const complaint of complaints) {
    await deps.store.appendEvents([
      timelineEvent(complaint.id, 'customer_data_exported', now, actor.id, {
        by,
        complaints: complaints.length,
        archiveKey: published.key,
      }),
    ]);
  }
  return {
    complaints: complaints.length,
    bytes: archive.byteLength,
    url: published.url,
    expiresAt: published.expiresAt,
  };
}

export interface EraseResult {
  /** Complaints erased by this call (an already erased one is not found again under the address). */
  complaints: number;
  rawMailDeleted: number;
  /** Exports of the customer still waiting for download, deleted before their day was up. */
  exportsDeleted: number;
}

/** Whether the lifecycle lets the erasure touch a complaint in its current status (only once it is closed). */
const erasable = (c: Complaint): boolean => LIFECYCLE.erase_personal_data[c.status] !== undefined;

/**
 * Erases the customer's personal data from every complaint made under this address or number. All
 * or nothing: while one of them is open, its workflow would still mail the customer (a progress
 * note, the result, the survey) at an address we no longer hold, so the erasure is refused with
 * the open ticket numbers and changes nothing; it can run once they are closed.
 */
export async function eraseCustomer(
  deps: PrivacyDeps,
  lookup: CustomerLookup,
  actor: StaffMember,
): Promise<EraseResult> {
  requireManager(actor);
  const complaints = await complaintsOf(deps, lookup);
  const open = complaints.filter((c) => !erasable(c));
  if (open.length > 0) {
    throw new InvalidTransitionError('customer_complaints_open', { ticketNumbers: open.map((c) => c.ticketNumber) });
  }
  // One export names every complaint it held: count each object once.
  const rawMail = new Set<string>();
  const exports = new Set<string>();
  for (const complaint of complaints) {
    const erased = await eraseComplaint(deps, complaint.id, { actor: actor.id, by: lookupKind(lookup) });
    for (const key of erased.rawMail) rawMail.add(key);
    for (const key of erased.exports) exports.add(key);
  }
  if ('email' in lookup) await deps.personalData.forgetAddress(lookup.email);
  return { complaints: complaints.length, rawMailDeleted: rawMail.size, exportsDeleted: exports.size };
}

/**
 * Erases one complaint's personal data. The complaint itself changes through the one write path
 * (changeComplaint: the lifecycle's erase_personal_data row, a version-checked write retried on the
 * fresh record, so a concurrent edit is neither lost nor able to write back what was erased).
 * What lives beside it is done around that write, in an order a retry completes: the stored
 * objects, the sent-mail copies and the timeline first, while the complaint can still be found
 * under the address; then the complaint; then the timeline once more, for what was appended in the
 * meantime (a note, a customer's mail: they do not change the complaint, so no version check stops them).
 */
export async function eraseComplaint(
  deps: PrivacyDeps,
  complaintId: string,
  audit: { actor: string; by: 'email' | 'phone' | 'retention' },
): Promise<{ rawMail: string[]; exports: string[] }> {
  const stored = await deps.store.getComplaint(complaintId);
  if (!stored || isErased(stored)) return { rawMail: [], exports: [] };
  // Checked before anything beside the complaint is touched; the write checks it again.
  nextStatus(stored.status, 'erase_personal_data');
  const timeline = await deps.store.listTimeline(complaintId);
  const rawMail = mailObjectKeys(timeline);
  const exports = exportArchiveKeys(timeline);
  await deps.mail.delete([...rawMail, ...exports]);
  const address = stored.customer.email;
  await deps.sentMail.forget({ addresses: address ? [address] : [], ticketNumbers: [stored.ticketNumber] });
  await deps.personalData.rewriteEvents(timeline.flatMap((e) => redactEvent(e) ?? []));

  await changeComplaint(
    deps,
    complaintId,
    {
      command: 'erase_personal_data',
      decide: (c, now) =>
        isErased(c)
          ? undefined
          : {
              changes: erasureChanges(c, now),
              events: [
                timelineEvent(c.id, 'customer_data_erased', now, audit.actor, {
                  by: audit.by,
                  rawMailDeleted: rawMail.length,
                  exportsDeleted: exports.length,
                }),
              ],
            },
    },
    // Closed: no step waits for a signal, and the archive step, if still to run, re-reads the table.
    { wake: false },
  );

  const since = await deps.store.listTimeline(complaintId);
  const known = new Set([...rawMail, ...exports]);
  const late = [...mailObjectKeys(since), ...exportArchiveKeys(since)].filter((key) => !known.has(key));
  if (late.length > 0) await deps.mail.delete(late);
  await deps.personalData.rewriteEvents(since.flatMap((e) => redactEvent(e) ?? []));
  if (address) await deps.personalData.forgetAddress(address);
  return { rawMail, exports };
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
