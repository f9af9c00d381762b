/**
 * The contract between the parts of "email both ways": what parsing a raw message yields
 * (shared/mail/parse.ts), what matching and acting on it consume (shared/usecases/receive-mail.ts),
 * and what the local runtime and the AWS function hand over (functions/inbound-mail.ts).
 */

export interface MailAddress {
  /** Lower-cased, trimmed. */
  address: string;
  /** Display name, decoded (RFC 2047), if any. */
  name?: string;
}

/** SES's receipt verdicts (PASS | FAIL | GRAY | PROCESSING_FAILED | DISABLED); locally 'GRAY'. */
export interface AuthVerdicts {
  spf: string;
  dkim: string;
  dmarc: string;
  spam?: string;
  virus?: string;
}

export interface InboundAttachment {
  /** Decoded file name (RFC 2047 / RFC 2231), made safe for a storage key; never a path. */
  filename: string;
  contentType: string;
  size: number;
  /** Content-ID when the part is an inline image referenced from the HTML body. */
  contentId?: string;
  content: Uint8Array;
}

/** Why an attachment was not kept: the policy in shared/mail/limits.ts. */
export type AttachmentRefusal = 'type_not_allowed' | 'file_too_large' | 'too_many_files' | 'total_too_large';

/** An attachment the policy refused: listed (for staff and the timeline), its bytes not kept. */
export interface RefusedAttachment {
  filename: string;
  contentType: string;
  size: number;
  reason: AttachmentRefusal;
}

/** Why a message is machine-made and must neither create anything nor be answered. */
export type AutomaticKind = 'auto_reply' | 'delivery_report' | 'list' | 'mailer_daemon' | 'bulk';

/** A delivery report (bounce) or feedback report naming addresses we wrote to. */
export interface DeliveryProblem {
  kind: 'bounce' | 'complaint';
  /** The final recipients the report says failed (lower-cased). */
  recipients: string[];
  /** A short human reason, e.g. "550 5.1.1 user unknown". */
  detail: string;
}

export interface ParsedMail {
  /** Message-ID without angle brackets, if present. */
  messageId?: string;
  /** In-Reply-To and References ids, without angle brackets, in header order. */
  inReplyTo: string[];
  references: string[];
  from?: MailAddress;
  replyTo: MailAddress[];
  to: MailAddress[];
  cc: MailAddress[];
  subject: string;
  date?: Date;
  /** The whole body as text (from the text part, else converted from the HTML part). */
  fullText: string;
  /** The HTML part as sent, if any: kept for staff, never rendered unescaped. */
  html?: string;
  /** Only what the sender wrote this time: quoted history and recognisable signatures removed. */
  newText: string;
  /**
   * Set when stripping quotes and signatures left nothing: newText then holds the first lines of
   * the whole text instead, so a reply is never empty by mistake.
   */
  newTextIsFallback?: boolean;
  attachments: InboundAttachment[];
  /** Attachments the policy refused, with the reason; absent when none was refused. */
  refusedAttachments?: RefusedAttachment[];
  /** Set when the message is machine-made (auto-reply, report, list, daemon). */
  automatic?: { kind: AutomaticKind; evidence: string };
  /** Set for a bounce or feedback report. */
  deliveryProblem?: DeliveryProblem;
}

/** A raw message as it arrived: stored first (S3 on AWS, the local S3 emulator locally), then processed. */
export interface ArrivedMail {
  /** Where the raw bytes are stored (the object key SES wrote, or the local one). */
  storageKey: string;
  /** The envelope recipients (RCPT TO / SES receipt.recipients), lower-cased. */
  recipients: string[];
  /** The envelope sender (MAIL FROM / SES mail.source). */
  envelopeFrom?: string;
  receivedAt: Date;
  verdicts: AuthVerdicts;
}

/** What one inbound message did; the handler logs it and tests assert on it. */
export type InboundOutcome =
  | { kind: 'customer_replied'; complaintId: string; matchedBy: MatchedBy }
  | { kind: 'reopened'; complaintId: string; matchedBy: MatchedBy }
  | { kind: 'follow_up_complaint'; complaintId: string; previousComplaintId: string }
  | { kind: 'new_complaint'; complaintId: string }
  | { kind: 'note_for_staff'; complaintId: string; reason: 'not_the_customer' | 'unverified_sender' }
  | { kind: 'address_unreachable'; addresses: string[]; complaintIds: string[] }
  | { kind: 'ignored'; reason: AutomaticKind | 'duplicate' | 'empty' | 'rejected' };

export type MatchedBy = 'reply_address' | 'message_id' | 'ticket_number';
