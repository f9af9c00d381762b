/**
 * Where inbound mail lives in its bucket. SES writes each raw message under RAW_MAIL_PREFIX (its
 * receipt rule's object key prefix) named by its message id; attachments are copied under
 * ATTACHMENTS_PREFIX. The bucket keeps the two apart so raw mail can expire while the evidence
 * attached to complaints stays.
 */
export const RAW_MAIL_PREFIX = 'inbound/';
export const ATTACHMENTS_PREFIX = 'attachments/';
/**
 * A customer's data export waits here for its manager's download link (shared/privacy/s3-export-archives.ts),
 * in the same bucket because it holds the same mail; a lifecycle rule deletes it after a day.
 */
export const EXPORTS_PREFIX = 'exports/';

/** The object key SES gives a raw message. */
export function rawMailKey(messageId: string): string {
  return `${RAW_MAIL_PREFIX}${messageId}`;
}
