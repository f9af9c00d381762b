import { createHash } from 'node:crypto';
import { DynamoAddressHealth } from '../adapters/dynamo/address-health.js';
import { getDocumentClient } from '../adapters/dynamo/client.js';
import { DynamoMailThreads } from '../adapters/dynamo/mail-threads.js';
import { DynamoRateLimiter } from '../adapters/dynamo/rate-limiter.js';
import { S3RawMailStore } from '../adapters/s3/raw-mail-store.js';
import { InboundMailConfig, readConfig, TableConfig } from '../config.js';
import { ValidationError } from '../errors/index.js';
import { readAcceptance } from '../mail/acceptance-words.js';
import { keepAttachments } from '../mail/attachments.js';
import { type MailMatch, matchComplaint, sameAddress } from '../mail/match.js';
import { saysNotFixed } from '../mail/not-fixed.js';
import { parseMail } from '../mail/parse.js';
import type { ReplyAddressSettings } from '../mail/reply-address.js';
import type { ArrivedMail, DeliveryProblem, InboundOutcome, ParsedMail } from '../mail/types.js';
import { type Complaint, type Locale, MAX_DESCRIPTION_LENGTH, type SurveyAnswer } from '../model/complaint.js';
import { timelineEvent } from '../model/events.js';
import { logger, MetricUnit, metrics } from '../observability.js';
import type { Policy } from '../policy/types.js';
import type { AddressHealth, MailThreads, RateLimiter, RawMailStore, Workflow } from '../ports/index.js';
import { clock, links, mailer, policyAndCalendar, store, tokens, workflow, workflowStepDeps } from '../wiring.js';
import { answerPending } from '../workflow/acceptance.js';
import { mailAnswerSpec } from './acceptance.js';
import { allPages } from './all-pages.js';
import { changeComplaint } from './change-complaint.js';
import { type CustomerResponseDeps, customerReplyChange, reopenAsDissatisfied } from './customer-responses.js';
import { ownerReminder, reopenNotices } from './staff-actions.js';
import { type IntakeDeps, type MailIntake, submitComplaint } from './submit-complaint.js';

/** What an inbound mail needs: the change path's ports, intake's, and the mail ports. */
export interface ReceiveMailDeps
  extends Omit<CustomerResponseDeps, 'policy'>,
    Omit<IntakeDeps, 'rateLimiter' | 'workflow'> {
  workflow: Workflow;
  parse: (raw: Uint8Array) => Promise<ParsedMail>;
  rawMail: RawMailStore;
  threads: Pick<MailThreads, 'complaintForMessageId'>;
  addressHealth: Pick<AddressHealth, 'markUnreachable'>;
  replyAddresses: ReplyAddressSettings;
  /** Acknowledgements per sender address (e.g. 5 an hour): a loop or a flood gets its complaints, not our mail. */
  acknowledgementLimiter: RateLimiter;
  /**
   * The policy version a matched complaint recorded (its reopen rule, calendar and deadlines), as
   * every change of a complaint uses its own. Absent: the deps' own policy (a test under one version).
   */
  policyFor?: (complaint: Complaint) => Promise<Pick<CustomerResponseDeps, 'policy' | 'calendar'>>;
}

/** The deps for a change of a complaint: its own policy version, not the one new mail is taken in under. */
async function underOwnPolicy(deps: ReceiveMailDeps, complaint: Complaint): Promise<ReceiveMailDeps> {
  if (!deps.policyFor) return deps;
  const { policy, calendar } = await deps.policyFor(complaint);
  return { ...deps, policy: policy as ReceiveMailDeps['policy'], calendar };
}

/** Mail creates complaints whatever the sender's pace; the acknowledgement limiter is what protects against loops. */
const NO_SUBMISSION_LIMIT: RateLimiter = { hit: async () => ({ allowed: true, retryAfterSeconds: 0 }) };

/**
 * What one inbound mail does. Machine-made mail creates nothing and is never answered (a delivery
 * report marks the address it names). Otherwise the mail is matched to a complaint (shared/mail/match.ts)
 * and: from anyone but that complaint's verified customer it is a note for staff; from the customer
 * it is their reply on an open complaint, a reopen when a resolved one is "still not fixed", a new
 * linked complaint when the old one is closed; unmatched, it is a new complaint from the email
 * channel. The same mail delivered twice (SES and SMTP both may) does nothing the second time.
 */
export async function receiveMail(deps: ReceiveMailDeps, arrived: ArrivedMail): Promise<InboundOutcome> {
  const parsed = await deps.parse(await deps.rawMail.getRaw(arrived.storageKey));
  const outcome = await act(deps, arrived, parsed);
  metrics.addMetric(`InboundMail_${outcome.kind}`, MetricUnit.Count, 1);
  logger.info('inbound mail', { storageKey: arrived.storageKey, outcome });
  return outcome;
}

async function act(current: ReceiveMailDeps, arrived: ArrivedMail, parsed: ParsedMail): Promise<InboundOutcome> {
  let deps = current;
  if (arrived.verdicts.virus === 'FAIL' || arrived.verdicts.spam === 'FAIL')
    return { kind: 'ignored', reason: 'rejected' };
  if (parsed.automatic) {
    if (parsed.deliveryProblem) return markUnreachable(deps, parsed.deliveryProblem, 'delivery_report');
    return { kind: 'ignored', reason: parsed.automatic.kind };
  }
  const match = await matchComplaint(deps, parsed, arrived);
  if (!match) return newComplaint(deps, arrived, parsed);
  if (await alreadyReceived(deps, match.complaint.id, arrived, parsed)) return { kind: 'ignored', reason: 'duplicate' };

  const { complaint, matchedBy } = match;
  // A mail about a closed complaint opens a new one, under the current version; every other outcome changes this one.
  if (complaint.status !== 'closed') deps = await underOwnPolicy(deps, complaint);
  const from = parsed.from?.address ?? arrived.envelopeFrom ?? '';
  if (!sameAddress(from, complaint.customer.email))
    return noteForStaff(deps, arrived, parsed, match, 'not_the_customer');
  if (arrived.verdicts.dmarc.toUpperCase() === 'FAIL')
    return noteForStaff(deps, arrived, parsed, match, 'unverified_sender');
  if (complaint.status === 'closed') return followUp(deps, arrived, parsed, complaint);

  const files = await keepAttachments(deps.rawMail, arrived.storageKey, parsed.attachments);
  const reply = {
    message: text(parsed),
    via: 'email' as const,
    mailKey: arrived.storageKey,
    matchedBy,
    attachments: files,
    ...mailIdentity(parsed, arrived),
  };
  const resolved = complaint.status === 'resolved' || complaint.status === 'awaiting_survey';
  if (resolved && saysNotFixed(reply.message)) {
    let answer: SurveyAnswer | undefined;
    await changeComplaint(deps, complaint.id, {
      decide: (c, now) => {
        answer = { notFixed: true, reason: reply.message.slice(0, 2000), answeredAt: now.toISOString() };
        const replied = timelineEvent(c.id, 'customer_replied', now, 'customer', reply);
        return reopenAsDissatisfied(deps, c, now, answer, 'customer_says_not_fixed', [replied]);
      },
      notices: async (written, now) => reopenNotices(deps, written, now, answer),
    });
    return { kind: 'reopened', complaintId: complaint.id, matchedBy };
  }
  // The customer accepts the solution (ACC): a clear answer to the offer is taken; anything unclear is a reply.
  const answer = answerPending(complaint) ? readAcceptance(reply.message) : undefined;
  const spec = answer ? mailAnswerSpec(deps, reply, answer) : customerReplyChange(deps, reply).spec;
  await changeComplaint(deps, complaint.id, spec);
  return { kind: 'customer_replied', complaintId: complaint.id, matchedBy };
}

/** The mail's own id on the events it writes, and the files we did not keep. */
function mailIdentity(parsed: ParsedMail, arrived: ArrivedMail) {
  const { spf, dkim, dmarc } = arrived.verdicts;
  return {
    ...(parsed.messageId ? { mailMessageId: parsed.messageId } : {}),
    // Kept on the timeline: staff see whether the sender was who the mail says.
    verdicts: { spf, dkim, dmarc },
    ...(parsed.refusedAttachments?.length ? { refusedAttachments: parsed.refusedAttachments } : {}),
  };
}

/** A second delivery of a mail already on this complaint's timeline (the same stored object, or the same Message-ID). */
async function alreadyReceived(
  deps: ReceiveMailDeps,
  complaintId: string,
  arrived: ArrivedMail,
  parsed: ParsedMail,
): Promise<boolean> {
  const timeline = await deps.store.listTimeline(complaintId);
  return timeline.some((e) => {
    if (e.type !== 'customer_replied' && e.type !== 'mail_note_added' && e.type !== 'received') return false;
    const data = e.data as { mailKey?: string; mailMessageId?: string };
    return (
      data.mailKey === arrived.storageKey || (parsed.messageId !== undefined && data.mailMessageId === parsed.messageId)
    );
  });
}

/** Someone other than the customer, or a sender whose domain's DMARC failed: kept for staff, never acted on. */
async function noteForStaff(
  deps: ReceiveMailDeps,
  arrived: ArrivedMail,
  parsed: ParsedMail,
  match: MailMatch,
  reason: 'not_the_customer' | 'unverified_sender',
): Promise<InboundOutcome> {
  const files = await keepAttachments(deps.rawMail, arrived.storageKey, parsed.attachments);
  await changeComplaint(deps, match.complaint.id, {
    command: 'note',
    decide: (c, now) => ({
      changes: {},
      events: [
        timelineEvent(c.id, 'mail_note_added', now, 'mail', {
          from: parsed.from?.address ?? arrived.envelopeFrom ?? '',
          text: text(parsed),
          reason,
          mailKey: arrived.storageKey,
          attachments: files,
          ...mailIdentity(parsed, arrived),
        }),
      ],
    }),
    notices: async (written) => ownerReminder(deps, written, 'mail_note_added'),
  });
  return { kind: 'note_for_staff', complaintId: match.complaint.id, reason };
}

/** The customer wrote about a closed complaint: a new one, linked to it, graded and acknowledged like any other. */
async function followUp(
  deps: ReceiveMailDeps,
  arrived: ArrivedMail,
  parsed: ParsedMail,
  previous: Complaint,
): Promise<InboundOutcome> {
  const { outcome, complaint } = await openComplaint(deps, arrived, parsed, previous);
  if (!complaint) return outcome;
  // Also on a second delivery: a first one that stopped after creating the complaint still links it.
  const linked = (await deps.store.listTimeline(previous.id)).some(
    (e) => e.type === 'follow_up_opened' && e.data.complaintId === complaint.id,
  );
  if (!linked) {
    await deps.store.appendEvents([
      timelineEvent(previous.id, 'follow_up_opened', deps.clock.now(), 'customer', {
        complaintId: complaint.id,
        ticketNumber: complaint.ticketNumber,
      }),
    ]);
  }
  if (outcome.kind !== 'new_complaint') return outcome;
  return { kind: 'follow_up_complaint', complaintId: complaint.id, previousComplaintId: previous.id };
}

/** A mail that matches nothing: a new complaint from the email channel, exactly as the form makes one. */
async function newComplaint(deps: ReceiveMailDeps, arrived: ArrivedMail, parsed: ParsedMail): Promise<InboundOutcome> {
  return (await openComplaint(deps, arrived, parsed)).outcome;
}

/** The complaint a mail opens (or opened, on a second delivery), and what to report. */
async function openComplaint(
  deps: ReceiveMailDeps,
  arrived: ArrivedMail,
  parsed: ParsedMail,
  previous?: Complaint,
): Promise<{ outcome: InboundOutcome; complaint?: Complaint }> {
  const address = parsed.from?.address ?? arrived.envelopeFrom;
  if (!address) return { outcome: { kind: 'ignored', reason: 'rejected' } };
  const files = await keepAttachments(deps.rawMail, arrived.storageKey, parsed.attachments);
  const subject = singleLine(parsed.subject, 200);
  const description = text(parsed) || subject || files.map((f) => `[${singleLine(f.filename, 100)}]`).join(' ');
  if (!description) return { outcome: { kind: 'ignored', reason: 'empty' } };

  // Rate-limit items are keyed by a hash of the address, so they hold no address to erase (PRIV).
  const sender = createHash('sha256').update(address.toLowerCase()).digest('hex');
  const limit = await deps.acknowledgementLimiter.hit(`ack#${sender}`, deps.clock.now());
  const name = parsed.from?.name ? singleLine(parsed.from.name, 100) : '';
  const locale = previous?.customer.locale ?? guessLocale(`${parsed.subject}\n${description}`);
  const mail: MailIntake = {
    received: { mailKey: arrived.storageKey, attachments: files, ...mailIdentity(parsed, arrived) },
    ...(previous ? { previousComplaintId: previous.id } : {}),
    ...(limit.allowed ? {} : { skipAcknowledgement: 'rate_limited' as const }),
  };
  try {
    const result = await submitComplaint(
      { ...deps, rateLimiter: NO_SUBMISSION_LIMIT },
      {
        body: {
          customer: {
            email: address,
            ...(name ? { name } : {}),
            locale,
            ...(previous
              ? { tier: previous.customer.tier, ...(previous.customer.phone ? { phone: previous.customer.phone } : {}) }
              : {}),
          },
          channel: 'email',
          ...(subject ? { subject } : {}),
          description,
          ...(previous?.orderNumber ? { orderNumber: previous.orderNumber } : {}),
        },
        idempotencyKey: `mail:${createHash('sha256')
          .update(parsed.messageId ?? arrived.storageKey)
          .digest('hex')}`,
        clientKey: `mail#${sender}`,
        locale,
        mail,
      },
    );
    if (result.replayed) return { outcome: { kind: 'ignored', reason: 'duplicate' }, complaint: result.complaint };
    if (!limit.allowed) metrics.addMetric('AcknowledgementRateLimited', MetricUnit.Count, 1);
    return { outcome: { kind: 'new_complaint', complaintId: result.complaint.id }, complaint: result.complaint };
  } catch (error) {
    // An address or a text the form would refuse too: the raw mail stays stored for staff.
    if (error instanceof ValidationError) {
      logger.warn('inbound mail refused', { storageKey: arrived.storageKey, fields: Object.keys(error.fields) });
      return { outcome: { kind: 'ignored', reason: 'rejected' } };
    }
    throw error;
  }
}

/** What recording a bounce needs: the change path (to note it and mail the owner) and the address list; no S3, no parser. */
export type DeliveryProblemDeps = CustomerResponseDeps & Pick<ReceiveMailDeps, 'addressHealth'>;

/**
 * A bounce or complaint reported by SES through the configuration set's event destination. Each
 * complaint of the address is noted under `depsFor(complaint)`: the function passes the policy
 * version that complaint recorded (withPolicy), as every change of a known complaint does.
 */
export async function recordDeliveryProblem(
  deps: DeliveryProblemDeps,
  problem: DeliveryProblem,
  depsFor: (complaint: Complaint) => Promise<DeliveryProblemDeps> = async () => deps,
): Promise<InboundOutcome> {
  return markUnreachable(deps, problem, 'ses_event', depsFor);
}

/**
 * Marks each address the report names as unreachable (no more mail to it) and tells staff to call
 * on each open complaint of that address, once per address and complaint however often it bounces.
 */
async function markUnreachable(
  deps: DeliveryProblemDeps,
  problem: DeliveryProblem,
  source: 'ses_event' | 'delivery_report',
  depsFor: (complaint: Complaint) => Promise<DeliveryProblemDeps> = async () => deps,
): Promise<InboundOutcome> {
  const addresses = [...new Set(problem.recipients.map((r) => r.trim().toLowerCase()).filter(Boolean))];
  const complaintIds: string[] = [];
  for (const address of addresses) {
    const at = deps.clock.now().toISOString();
    await deps.addressHealth.markUnreachable(address, { kind: problem.kind, detail: problem.detail, at });
    for (const complaint of await openComplaintsOf(deps, address)) {
      const timeline = await deps.store.listTimeline(complaint.id);
      const told = timeline.some((e) => e.type === 'address_unreachable' && e.data.address === address);
      if (!told) await tellStaffToCall(await depsFor(complaint), complaint, address, problem, source);
      complaintIds.push(complaint.id);
    }
  }
  return { kind: 'address_unreachable', addresses, complaintIds };
}

async function tellStaffToCall(
  deps: DeliveryProblemDeps,
  complaint: Complaint,
  address: string,
  problem: DeliveryProblem,
  source: 'ses_event' | 'delivery_report',
): Promise<void> {
  await changeComplaint(deps, complaint.id, {
    command: 'note',
    decide: (c, now) => ({
      changes: {},
      events: [
        timelineEvent(c.id, 'address_unreachable', now, 'system', {
          address,
          kind: problem.kind,
          detail: problem.detail.slice(0, 500),
          source,
        }),
      ],
    }),
    notices: async (written) => ownerReminder(deps, written, 'address_unreachable'),
  });
}

async function openComplaintsOf(deps: DeliveryProblemDeps, address: string): Promise<Complaint[]> {
  const open: Complaint[] = [];
  for await (const c of allPages((cursor) => deps.store.listByCustomerEmail(address, { limit: 50, cursor }))) {
    if (c.status !== 'closed') open.push(c);
  }
  return open;
}

// Characters the complaint model refuses (controls, invisible and direction marks): a mail client
// may put them in a mail, and the customer's words must not be lost for them.
const REFUSED_IN_TEXT =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: this regex exists to remove control characters
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200b-\u200d\ufeff]/g;

/** Only what the customer wrote this time (the full mail stays stored for staff), as the model accepts it. */
function text(parsed: ParsedMail): string {
  const chosen = parsed.newText.trim() || parsed.fullText.trim();
  return chosen.replace(REFUSED_IN_TEXT, '').replace(/\r\n?/g, '\n').trim().slice(0, MAX_DESCRIPTION_LENGTH);
}

function singleLine(value: string, max: number): string {
  return value.replace(REFUSED_IN_TEXT, ' ').replace(/\s+/g, ' ').trim().slice(0, max).trim();
}

/** Chinese characters in what they wrote: answer in Chinese; otherwise English. */
export function guessLocale(written: string): Locale {
  return /[\u3400-\u9fff]/.test(written) ? 'zh-CN' : 'en';
}

/** Acknowledgements to one sender address per hour: enough for a real customer, a stop for a mail loop. */
const ACKNOWLEDGEMENTS_PER_SENDER_HOUR = 5;

/**
 * Built once per cold start by the inbound mail and mail-events functions. Here rather than in
 * shared/wiring.ts so that no other function's bundle carries the S3 client or the mail parser.
 */
export async function inboundMailDeps(): Promise<Omit<ReceiveMailDeps, 'policy'> & { policy: Policy }> {
  const { TABLE_NAME } = readConfig(TableConfig);
  const inbound = readConfig(InboundMailConfig);
  const doc = getDocumentClient();
  const linkDeps = await links();
  return {
    store: store(),
    tokens: tokens(),
    workflow: workflow(),
    mailer: mailer(linkDeps.key),
    clock,
    // The stored version's policy, with its rules, replaces this at each mail (withPolicy in the function).
    ...policyAndCalendar(),
    links: linkDeps,
    parse: parseMail,
    rawMail: new S3RawMailStore({ bucket: inbound.INBOUND_MAIL_BUCKET }),
    threads: new DynamoMailThreads({ tableName: TABLE_NAME, doc }),
    addressHealth: new DynamoAddressHealth({ tableName: TABLE_NAME, doc }),
    replyAddresses: { localPart: inbound.REPLY_LOCAL_PART, domain: inbound.REPLY_DOMAIN, key: linkDeps.key },
    acknowledgementLimiter: new DynamoRateLimiter({
      doc,
      tableName: TABLE_NAME,
      limitPerWindow: ACKNOWLEDGEMENTS_PER_SENDER_HOUR,
      windowSeconds: 3600,
    }),
  };
}

/**
 * Built once per cold start by the mail-events function (SES bounces and complaints): it needs the
 * table, the mail settings (the owner is told to call) and the link key, but neither the inbound
 * bucket nor the state machine's ARN: it only wakes steps, never starts one.
 */
export async function deliveryProblemDeps(): Promise<DeliveryProblemDeps> {
  const { TABLE_NAME } = readConfig(TableConfig);
  return {
    ...(await workflowStepDeps()),
    addressHealth: new DynamoAddressHealth({ tableName: TABLE_NAME, doc: getDocumentClient() }),
  };
}
