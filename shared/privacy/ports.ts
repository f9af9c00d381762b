import type { TimelineEvent } from '../model/complaint.js';

/** The table items beside the complaint that erasure rewrites or deletes (shared/privacy/dynamo-personal-data.ts). */
export interface PersonalDataStore {
  /**
   * Overwrites timeline events in place. Erasure is the one writer allowed to: the timeline is
   * otherwise append-only, and the reports count an event only when it is inserted.
   */
  rewriteEvents(events: readonly TimelineEvent[]): Promise<void>;
  /** Deletes what is keyed by the customer's address (its bounce and complaint record). */
  forgetAddress(email: string): Promise<void>;
  /** Archived complaints still holding personal data, archived before the instant, oldest first (an index, never a Scan). */
  listRetainedBefore(instant: string, limit: number): Promise<string[]>;
}

/** The raw-mail store as privacy needs it: read for the export, delete for the erasure. */
export interface MailObjects {
  /** The object, or undefined when it is gone (expired by the bucket's lifecycle rule, or erased). */
  get(key: string): Promise<Uint8Array | undefined>;
  /** Deletes the objects; deleting one that is gone is fine. */
  delete(keys: readonly string[]): Promise<void>;
}

/** A finished export, stored where only a short-lived link reaches it. */
export interface PublishedArchive {
  /** The object's key: the timeline records it, so an erasure deletes the copy before it expires. */
  key: string;
  /** Downloads the archive until expiresAt; a bearer credential, so it is never logged or stored. */
  url: string;
  expiresAt: string;
}

/** Where exports wait for their download (shared/privacy/s3-export-archives.ts). */
export interface ExportArchives {
  publish(archive: Uint8Array, fileName: string): Promise<PublishedArchive>;
}

/**
 * Copies of the mail we sent that Closeloop itself holds. On AWS there are none (SES keeps no copy;
 * what reached an inbox is its owner's); locally the SES emulator's mailbox is one, and the local
 * runtime injects what forgets from it (shared/privacy/sent-mail.ts, infra/local/ses.ts).
 */
export interface SentMailCopies {
  /** Forgets every mail sent to one of the addresses, or naming one of the ticket numbers; answers how many. */
  forget(what: { addresses: readonly string[]; ticketNumbers: readonly string[] }): Promise<number>;
}
