import * as z from 'zod';
import { DynamoAddressHealth } from './adapters/dynamo/address-health.js';
import { getDocumentClient } from './adapters/dynamo/client.js';
import { DynamoComplaintStore } from './adapters/dynamo/complaint-store.js';
import { DynamoMailThreads } from './adapters/dynamo/mail-threads.js';
import { DynamoRateLimiter } from './adapters/dynamo/rate-limiter.js';
import { DynamoWorkflowTokenStore } from './adapters/dynamo/workflow-token-store.js';
import { linkSigningKey } from './adapters/secrets.js';
import { SesMailer } from './adapters/ses/mailer.js';
import { messageIdDomainFor, ThreadingMailer } from './adapters/ses/threading-mailer.js';
import { StepFunctionsTaskSignals, StepFunctionsWorkflow } from './adapters/sfn/workflow.js';
import { createCalendar } from './calendar/working-calendar.js';
import { workflowClock } from './clock.js';
import {
  InboundMailConfig,
  IntakeConfig,
  LinkConfig,
  MailConfig,
  readConfig,
  TableConfig,
  WorkflowConfig,
} from './config.js';
import { replyAddressFor } from './mail/reply-address.js';
import { loadPolicy } from './policy/default-policy.js';

/**
 * The composition root: the only place that turns configuration into real adapters. Each
 * function asks for the pieces it needs, once per cold start; use cases never see env vars.
 */
export function store() {
  const { TABLE_NAME } = readConfig(TableConfig);
  return new DynamoComplaintStore({ doc: getDocumentClient(), tableName: TABLE_NAME });
}

export function policyAndCalendar() {
  const { CLOSELOOP_POLICY } = readConfig(IntakeConfig);
  const policy = loadPolicy(CLOSELOOP_POLICY);
  return { policy, calendar: createCalendar(policy.calendar) };
}

export async function links() {
  const config = readConfig(LinkConfig);
  return { baseUrl: config.PUBLIC_BASE_URL, key: await linkSigningKey(config) };
}

export function rateLimiter() {
  const { TABLE_NAME } = readConfig(TableConfig);
  const { RATE_LIMIT_PER_MINUTE } = readConfig(IntakeConfig);
  return new DynamoRateLimiter({
    doc: getDocumentClient(),
    tableName: TABLE_NAME,
    limitPerWindow: RATE_LIMIT_PER_MINUTE,
  });
}

export function tokens() {
  const { TABLE_NAME } = readConfig(TableConfig);
  return new DynamoWorkflowTokenStore({ doc: getDocumentClient(), tableName: TABLE_NAME });
}

/**
 * Signalling waiting steps needs only task tokens, not the state machine's ARN (which a task of
 * that machine cannot be given): functions that only wake get a port that cannot start anything.
 */
export function taskSignals() {
  return new StepFunctionsTaskSignals();
}

/** What every workflow task needs, built once per cold start; needs only TABLE_NAME. */
export function workflowCoreDeps() {
  return { store: store(), tokens: tokens(), workflow: taskSignals(), clock, ...policyAndCalendar() };
}

/** For the tasks that mail the customer or staff: also the mailer and the link-signing key. */
export async function workflowStepDeps() {
  const signed = await links();
  return { ...workflowCoreDeps(), mailer: mailer(signed.key), links: signed };
}

/** Starting executions (intake): the only wiring that needs the state machine's ARN. */
export function workflow() {
  const { STATE_MACHINE_ARN } = readConfig(WorkflowConfig);
  return new StepFunctionsWorkflow({ stateMachineArn: STATE_MACHINE_ARN });
}

/** Every mail marked automatic; a customer's mail threaded on its complaint (ThreadingMailer). */
export function mailer(linkKey: Uint8Array) {
  const { MAIL_FROM, SES_CONFIGURATION_SET } = readConfig(MailConfig);
  const { TABLE_NAME } = readConfig(TableConfig);
  const { REPLY_DOMAIN, REPLY_LOCAL_PART, AWS_REGION } = readConfig(SentMailConfig);
  const reply = REPLY_DOMAIN && { localPart: REPLY_LOCAL_PART, domain: REPLY_DOMAIN, key: linkKey };
  const doc = getDocumentClient();
  return new ThreadingMailer(new SesMailer({ from: MAIL_FROM, configurationSet: SES_CONFIGURATION_SET }), {
    threads: new DynamoMailThreads({ doc, tableName: TABLE_NAME }),
    addresses: new DynamoAddressHealth({ doc, tableName: TABLE_NAME }),
    replyAddress: reply ? (complaintId) => replyAddressFor(complaintId, reply) : undefined,
    messageIdDomain: messageIdDomainFor(AWS_REGION),
    clock,
  });
}

/**
 * Without a reply domain (a deployment that receives no mail yet) mail goes out without a Reply-To:
 * replies then reach MAIL_FROM and are matched by In-Reply-To. Lambda always sets AWS_REGION.
 */
const SentMailConfig = InboundMailConfig.pick({ REPLY_LOCAL_PART: true }).extend({
  REPLY_DOMAIN: InboundMailConfig.shape.REPLY_DOMAIN.optional(),
  AWS_REGION: z.string().min(1),
});

/** Wall time on AWS; scaled workflow time in the local runtime (shared/clock.ts). */
export const clock = workflowClock;
