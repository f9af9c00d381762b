import { createHash, randomUUID } from 'node:crypto';
import { computeDeadlines, nextOpenDeadline } from '../calendar/deadlines.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { BadRequestError, IdempotencyConflictError, NotFoundError, RateLimitedError } from '../errors/index.js';
import { gradeComplaint } from '../grading/grade.js';
import type { ComplaintFacts } from '../grading/match.js';
import { routeComplaint } from '../grading/route.js';
import { parseOrThrow } from '../http/validation.js';
import { type Complaint, ComplaintInput, type EventData, type Locale } from '../model/complaint.js';
import { timelineEvent } from '../model/events.js';
import { logger, MetricUnit, metrics } from '../observability.js';
import type { IntakePolicy } from '../policy/types.js';
import type { Clock, ComplaintStore, IdempotencyClaim, RateLimiter, WorkflowStarter } from '../ports/index.js';
import { customerLink } from './mail-links.js';

export interface IntakeDeps {
  store: ComplaintStore;
  workflow: WorkflowStarter;
  rateLimiter: RateLimiter;
  clock: Clock;
  policy: IntakePolicy;
  calendar: WorkingCalendar;
  links: { baseUrl: string; key: Uint8Array };
  /** The stored policy version `policy` is (shared/wiring.ts `withPolicy`): recorded on the complaint. */
  policyVersion?: number;
}

export interface SubmitRequest {
  body: unknown;
  /** The client's Idempotency-Key header, if it sent one. */
  idempotencyKey?: string;
  /** Who is submitting, for the rate limit (source IP). */
  clientKey: string;
  /** The caller's language, the default for the customer's. */
  locale: Locale;
  /** A complaint that arrived by mail (shared/usecases/receive-mail.ts): what the timeline keeps of the mail. */
  mail?: MailIntake;
  /** A complaint a member of staff registered (shared/usecases/register-complaint.ts): who took it. */
  takenBy?: string;
}

export interface MailIntake {
  received: Omit<EventData['received'], 'channel'>;
  /** The closed complaint this mail was about (the customer wrote again). */
  previousComplaintId?: string;
  /** Over the sender's acknowledgement limit: created as acknowledged, with no mail (a loop or a flood). */
  skipAcknowledgement?: 'rate_limited';
}

export interface SubmitResult {
  complaint: Complaint;
  /** True when this was a retry of an earlier submission: the same complaint, nothing new stored. */
  replayed: boolean;
  statusUrl: string;
  statusUrlExpiresAt: string;
}

const IDEMPOTENCY_KEY_HOURS = 24;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{8,128}$/;

/**
 * Receives a complaint: validate, refuse bots and floods, then (unless this is a retry) grade,
 * route, number, set its deadlines, store it with its first timeline events in one transaction,
 * and start its workflow. Exactly one complaint per submission, however often it is retried.
 */
export async function submitComplaint(deps: IntakeDeps, request: SubmitRequest): Promise<SubmitResult> {
  const now = deps.clock.now();
  // The rate-limit hit and the claim look-ups are independent round trips, so they go out
  // together: a new complaint waits one round trip before its transaction, not two. Every
  // request is still counted, and a flooding client is told 429 before anything else.
  const hit = deps.rateLimiter.hit(request.clientKey, now);
  let checked: ReturnType<typeof checkSubmission>;
  try {
    checked = checkSubmission(deps, request, now);
  } catch (refusal) {
    refuseIfLimited(await hit);
    throw refusal;
  }
  const { input, claims } = checked;
  const [limit, found] = await Promise.all([
    hit,
    Promise.all(claims.map((claim) => deps.store.findIdempotencyRecord(claim.key, now))),
  ]);
  refuseIfLimited(limit);
  const replayOf = found.findIndex((existing) => existing !== undefined);
  if (replayOf >= 0) {
    const existing = found[replayOf]!;
    return replay(deps, existing.complaintId, existing.requestHash, claims[replayOf]!);
  }

  const built = withMail(buildComplaint(deps, input, request.locale, now), request.mail, now);
  // The link names only the complaint's id: it is signed while the complaint is being stored.
  const link = statusLink(deps, built.id, now);
  link.catch(() => undefined); // awaited below only if this submission creates the complaint

  const events = [
    timelineEvent(built.id, 'received', now, request.takenBy ?? 'customer', {
      channel: built.channel,
      ...(deps.policyVersion ? { policyVersion: deps.policyVersion } : {}),
      ...request.mail?.received,
    }),
    timelineEvent(built.id, 'graded', now, 'system', {
      grade: built.grade,
      gradeReasons: built.gradeReasons,
      ...(built.gradeReview ? { gradeReview: built.gradeReview } : {}),
      category: built.category,
      department: built.department,
      routingReasons: built.routingReasons,
      deadlines: built.deadlines,
    }),
    ...(request.mail?.skipAcknowledgement
      ? [
          timelineEvent(built.id, 'acknowledgement_skipped', now, 'system', {
            reason: request.mail.skipAcknowledgement,
          }),
        ]
      : []),
  ];
  // The store numbers the complaint in the create transaction: a retry takes no number.
  const result = await deps.store.createComplaint(built, events, claims, now, deps.calendar.monthKey(now));
  if (!result.created) {
    // Another copy of this submission won the race between our check and our write.
    const claim = claims.find((c) => c.key === result.existing.key) ?? claims[0]!;
    return replay(deps, result.existing.complaintId, result.existing.requestHash, claim);
  }
  const complaint = result.complaint;
  metrics.addMetric('ComplaintReceived', MetricUnit.Count, 1);
  metrics.addMetric(`ComplaintReceived${complaint.grade}`, MetricUnit.Count, 1);
  // Awaited: in Lambda nothing runs after the answer, and the execution is the complaint's clock.
  const [, signed] = await Promise.all([startWorkflow(deps, complaint), link]);
  return { complaint, replayed: false, ...signed };
}

/** What needs no round trip: bots, a malformed key, invalid input; then the submission's claims. */
function checkSubmission(deps: IntakeDeps, request: SubmitRequest, now: Date) {
  if (isHoneypotFilled(request.body)) {
    metrics.addMetric('SubmissionHoneypot', MetricUnit.Count, 1);
    throw new BadRequestError('rejected');
  }
  if (request.idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(request.idempotencyKey)) {
    throw new BadRequestError('bad_request');
  }
  const input = untrustedFieldsDropped(parseOrThrow(ComplaintInput, request.body), request);
  return { input, claims: idempotencyClaims(input, request.idempotencyKey, now, deps.policy.duplicateWindowMinutes) };
}

/**
 * The channel and the customer's tier raise a grade (a regulator's complaint is P1, a VIP's P2), so only
 * our own intake paths may set them: mail sets `email`, staff registering set what they took it by. What
 * anyone posts to the public form is a `web` complaint from a standard customer.
 */
function untrustedFieldsDropped(input: ComplaintInput, request: SubmitRequest): ComplaintInput {
  if (request.mail || request.takenBy) return input;
  const { tier: _tier, ...customer } = input.customer;
  return { ...input, channel: 'web', customer };
}

function refuseIfLimited(limit: { allowed: boolean; retryAfterSeconds: number }): void {
  if (limit.allowed) return;
  metrics.addMetric('SubmissionRateLimited', MetricUnit.Count, 1);
  throw new RateLimitedError(limit.retryAfterSeconds);
}

function buildComplaint(deps: IntakeDeps, input: ComplaintInput, callerLocale: Locale, now: Date): Complaint {
  const customer = {
    ...input.customer,
    tier: input.customer.tier ?? 'standard',
    locale: input.customer.locale ?? callerLocale,
  };
  const facts: ComplaintFacts = { ...input, customer };
  const grade = gradeComplaint(facts, deps.policy.grading);
  const routing = routeComplaint(facts, deps.policy.routing);
  const deadlines = computeDeadlines(now, grade.grade, deps.policy.deadlines, deps.calendar);
  const { website: _honeypot, customer: _customer, ...rest } = input;
  return {
    ...rest,
    id: randomUUID(),
    ticketNumber: '',
    status: 'received',
    grade: grade.grade,
    initialGrade: grade.grade,
    gradeReasons: grade.reasons,
    ...(grade.review ? { gradeReview: grade.review } : {}),
    category: routing.category,
    department: routing.department,
    routingReasons: routing.reasons,
    customer,
    receivedAt: now.toISOString(),
    ...(deps.policyVersion ? { policyVersion: deps.policyVersion } : {}),
    deadlines,
    nextDeadlineAt: nextOpenDeadline(deadlines, now)?.at,
    version: 1,
    updatedAt: now.toISOString(),
  };
}

/** A mail's complaint links the one it follows up; one over the acknowledgement limit is acknowledged without a mail. */
function withMail(complaint: Complaint, mail: MailIntake | undefined, now: Date): Complaint {
  if (!mail) return complaint;
  return {
    ...complaint,
    ...(mail.previousComplaintId ? { previousComplaintId: mail.previousComplaintId } : {}),
    ...(mail.skipAcknowledgement ? { acknowledgedAt: now.toISOString(), status: 'acknowledged' as const } : {}),
  };
}

async function replay(
  deps: IntakeDeps,
  complaintId: string,
  storedHash: string,
  claim: IdempotencyClaim,
): Promise<SubmitResult> {
  if (claim.key.startsWith('key#') && storedHash !== claim.requestHash) throw new IdempotencyConflictError();
  const complaint = await deps.store.getComplaint(complaintId);
  if (!complaint) throw new NotFoundError();
  metrics.addMetric('SubmissionReplayed', MetricUnit.Count, 1);
  // Starting by name is idempotent: a retry also repairs a start that failed the first time.
  const [, signed] = await Promise.all([
    startWorkflow(deps, complaint),
    statusLink(deps, complaint.id, deps.clock.now()),
  ]);
  return { complaint, replayed: true, ...signed };
}

async function startWorkflow(deps: IntakeDeps, complaint: Complaint): Promise<void> {
  try {
    await deps.workflow.start({
      complaintId: complaint.id,
      ticketNumber: complaint.ticketNumber,
      grade: complaint.grade,
      locale: complaint.customer.locale,
    });
  } catch (error) {
    // The complaint is stored and safe; its clock did not start. Make that loud and visible
    // on the timeline rather than failing a customer whose complaint we already hold.
    logger.error('workflow start failed', { complaintId: complaint.id, error: error as Error });
    metrics.addMetric('WorkflowStartFailed', MetricUnit.Count, 1);
    await deps.store
      .appendEvents([
        timelineEvent(complaint.id, 'workflow_start_failed', deps.clock.now(), 'system', {
          error: (error as Error).name,
        }),
      ])
      .catch((appendError) => logger.error('could not record the failed start', { error: appendError as Error }));
  }
}

async function statusLink(deps: IntakeDeps, complaintId: string, now: Date) {
  const link = await customerLink(deps.links, complaintId, 'status', now, deps.policy.statusLinkTtlDays);
  return { statusUrl: link.url, statusUrlExpiresAt: link.expiresAt };
}

function isHoneypotFilled(body: unknown): boolean {
  const value = (body as { website?: unknown } | null)?.website;
  return typeof value === 'string' ? value.trim() !== '' : value !== undefined && value !== null;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** JSON with sorted keys, so the same content always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * A client key makes a retry explicit (24 h). Without one, the same person sending the same
 * words again within minutes (a double click, a flaky network) is the same complaint.
 */
function idempotencyClaims(
  input: ComplaintInput,
  idempotencyKey: string | undefined,
  now: Date,
  duplicateWindowMinutes: number,
): IdempotencyClaim[] {
  const requestHash = sha256(canonical(input));
  const epoch = Math.floor(now.getTime() / 1000);
  const claims: IdempotencyClaim[] = [];
  if (idempotencyKey) {
    claims.push({ key: `key#${sha256(idempotencyKey)}`, requestHash, expiresAt: epoch + IDEMPOTENCY_KEY_HOURS * 3600 });
  }
  const who = (input.customer.email ?? input.customer.phone ?? '').toLowerCase();
  const fingerprint = sha256(
    canonical({ who, description: input.description.replace(/\s+/g, ' '), order: input.orderNumber }),
  );
  claims.push({ key: `content#${fingerprint}`, requestHash, expiresAt: epoch + duplicateWindowMinutes * 60 });
  return claims;
}
