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
