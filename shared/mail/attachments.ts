import type { EvidenceRef } from '../model/complaint.js';
import type { RawMailStore } from '../ports/index.js';
import type { InboundAttachment } from './types.js';

/** A file name made safe as the last part of a storage key (the parser already decoded and cleaned it). */
function keyPart(filename: string): string {
  const safe = filename.replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^\.+/, '');
  return (safe || 'file').slice(-100);
}

/**
 * Stores the attachments the parser's policy accepted beside their raw mail
 * (`<raw key>.attachments/<n>-<name>`: one mail's files under one prefix, the same keys when the
 * mail is processed again), and returns them as the evidence a timeline event links.
 */
export async function keepAttachments(
  rawMail: Pick<RawMailStore, 'putAttachment'>,
  storageKey: string,
  attachments: InboundAttachment[],
): Promise<EvidenceRef[]> {
  return Promise.all(
    attachments.map(async (attachment, index) => {
      const key = `${storageKey}.attachments/${index + 1}-${keyPart(attachment.filename)}`;
      await rawMail.putAttachment(key, attachment.content, attachment.contentType);
      return { key, filename: attachment.filename, contentType: attachment.contentType, size: attachment.size };
    }),
  );
}
