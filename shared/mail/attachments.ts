import type { EvidenceRef } from '../model/complaint.js';
import type { RawMailStore } from '../ports/index.js';
import { ATTACHMENTS_PREFIX, RAW_MAIL_PREFIX } from './storage.js';
import type { InboundAttachment } from './types.js';

/** A file name made safe as the last part of a storage key (the parser already decoded and cleaned it). */
function keyPart(filename: string): string {
  const safe = filename.replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^\.+/, '');
  return (safe || 'file').slice(-100);
}

/** `attachments/<raw mail's name>/`: one mail's files under one prefix, named after the mail they came in. */
export function attachmentPrefix(storageKey: string): string {
  const mail = storageKey.startsWith(RAW_MAIL_PREFIX) ? storageKey.slice(RAW_MAIL_PREFIX.length) : storageKey;
  return `${ATTACHMENTS_PREFIX}${mail}/`;
}

/**
 * Stores the attachments the parser's policy accepted (`attachments/<mail>/<n>-<name>`, the same
 * keys when the mail is processed again), and returns them as the evidence a timeline event links.
 */
export async function keepAttachments(
  rawMail: Pick<RawMailStore, 'putAttachment'>,
  storageKey: string,
  attachments: InboundAttachment[],
): Promise<EvidenceRef[]> {
  return Promise.all(
    attachments.map(async (attachment, index) => {
      const key = `${attachmentPrefix(storageKey)}${index + 1}-${keyPart(attachment.filename)}`;
      await rawMail.putAttachment(key, attachment.content, attachment.contentType);
      return { key, filename: attachment.filename, contentType: attachment.contentType, size: attachment.size };
    }),
  );
}
