import type { ParsedMail } from '../../shared/mail/types.js';
import type {
  AddressHealth,
  Mailer,
  MailThreads,
  OutgoingMail,
  RawMailStore,
  Workflow,
  WorkflowInput,
} from '../../shared/ports/index.js';

/** A workflow that records every wake signal instead of completing a real task token. */
export class RecordingWorkflow implements Workflow {
  signals: { token: string; output: unknown }[] = [];
  started: WorkflowInput[] = [];
  async start(input: WorkflowInput) {
    this.started.push(input);
    return { executionArn: `arn:aws:states:local:0:execution:m:${input.complaintId}`, alreadyStarted: false };
  }
  async signal(token: string, output: unknown): Promise<'delivered' | 'stale'> {
    this.signals.push({ token, output });
    return 'delivered';
  }
  to(token: string): unknown[] {
    return this.signals.filter((s) => s.token === token).map((s) => s.output);
  }
}

/** A mailer that keeps what it sent, and can be told to fail (as SES does when throttled). */
export class RecordingMailer implements Mailer {
  sent: (OutgoingMail & { messageId: string })[] = [];
  failing = false;
  async send(mail: OutgoingMail) {
    if (this.failing) throw Object.assign(new Error('SES unavailable'), { name: 'ServiceUnavailable' });
    const messageId = `msg-${this.sent.length + 1}`;
    this.sent.push({ ...mail, messageId });
    return { messageId };
  }
  to(address: string): (OutgoingMail & { messageId: string })[] {
    return this.sent.filter((m) => m.to === address);
  }
}

/**
 * Raw mail for use-case tests: each stored key holds a ParsedMail (the parser has its own tests), so
 * `parse(await getRaw(key))` hands back exactly the mail the test wrote; attachments are kept in memory.
 */
export class FakeMailbox implements RawMailStore {
  private readonly mails = new Map<string, ParsedMail>();
  attachments = new Map<string, { content: Uint8Array; contentType: string }>();
  private sequence = 0;

  /** Stores a mail as SES would and returns its key. */
  arrive(mail: ParsedMail, key = `inbound/mail-${++this.sequence}`): string {
    this.mails.set(key, mail);
    return key;
  }
  async getRaw(key: string): Promise<Uint8Array> {
    if (!this.mails.has(key)) throw Object.assign(new Error(`no raw mail ${key}`), { name: 'NoSuchKey' });
    return new TextEncoder().encode(key);
  }
  async putAttachment(key: string, content: Uint8Array, contentType: string): Promise<void> {
    this.attachments.set(key, { content, contentType });
  }
  parse = async (raw: Uint8Array): Promise<ParsedMail> => {
    const mail = this.mails.get(new TextDecoder().decode(raw));
    if (!mail) throw new Error('unparseable');
    return mail;
  };
}

/** Sent message ids in memory, matched like the table does: on the part before '@'. */
export class InMemoryMailThreads implements MailThreads {
  sent: { complaintId: string; messageId: string; at: string }[] = [];
  async recordSent(complaintId: string, messageId: string, at: string) {
    this.sent.push({ complaintId, messageId, at });
  }
  async complaintForMessageId(messageId: string) {
    const local = messageId.split('@')[0]!.toLowerCase();
    return this.sent.find((s) => s.messageId.split('@')[0]!.toLowerCase() === local)?.complaintId;
  }
  async sentMessageIds(complaintId: string) {
    return this.sent.filter((s) => s.complaintId === complaintId).map((s) => s.messageId);
  }
}

export class InMemoryAddressHealth implements AddressHealth {
  unreachable = new Map<string, { kind: 'bounce' | 'complaint'; detail: string; at: string }>();
  async markUnreachable(address: string, reason: { kind: 'bounce' | 'complaint'; detail: string; at: string }) {
    this.unreachable.set(address.toLowerCase(), reason);
  }
  async isUnreachable(address: string) {
    return this.unreachable.has(address.toLowerCase());
  }
}

/** A parsed mail with only what a test cares about set. */
export function aParsedMail(overrides: Partial<ParsedMail> = {}): ParsedMail {
  const newText = overrides.newText ?? 'Hello';
  return {
    messageId: `${Math.random().toString(36).slice(2)}@mail.example.net`,
    inReplyTo: [],
    references: [],
    replyTo: [],
    to: [{ address: 'support@example.com' }],
    cc: [],
    subject: 'Kettle',
    fullText: newText,
    newText,
    attachments: [],
    ...overrides,
  };
}
