import type { App, Environment } from 'aws-cdk-lib';
import { suppressAcceptedFindings } from './nag.js';
import { StatefulStack } from './stacks/stateful-stack.js';
import { StatelessStack } from './stacks/stateless-stack.js';

export const STATEFUL_STACK_ID = 'Closeloop-Data';
export const STATELESS_STACK_ID = 'Closeloop-Api';

export interface CloseloopProps {
  /** Sender of customer mail. Context `mailFrom`; default complaints@example.com. */
  mailFrom?: string;
  /** SES identity to verify. Context `mailDomain`; default the domain of mailFrom. */
  mailDomain?: string;
  /** Browser origins allowed to call the API. Context `allowedOrigins` (comma-separated or JSON list); default ['*']. */
  allowedOrigins?: string[];
  /** Domain customers reply to (MX → SES). Context `replyDomain`; default `reply.<mailDomain>`. */
  replyDomain?: string;
  /** Local part of reply addresses (`<local>+<token>@<replyDomain>`). Context `replyLocalPart`; default `reply`. */
  replyLocalPart?: string;
  /** Address customers write to for a new complaint. Context `supportAddress`; default `support@<replyDomain>`. */
  supportAddress?: string;
  /** Days raw inbound mail is kept. Context `rawMailRetentionDays`; default 400. */
  rawMailRetentionDays?: number;
  /** Complaint submissions per client and minute. Context `rateLimitPerMinute`; default 20. */
  rateLimitPerMinute?: number;
  env?: Environment;
}

const DEFAULT_MAIL_FROM = 'complaints@example.com';
const DEFAULT_RATE_LIMIT_PER_MINUTE = 20;
const DEFAULT_RAW_MAIL_RETENTION_DAYS = 400;

/**
 * Builds both stacks. Explicit props win over CDK context (`cdk deploy -c mailFrom=...`), which
 * wins over the defaults.
 */
export function buildCloseloop(
  app: App,
  props: CloseloopProps = {},
): { stateful: StatefulStack; stateless: StatelessStack } {
  const settings = resolveSettings(app, props);

  const stateful = new StatefulStack(app, STATEFUL_STACK_ID, {
    env: props.env,
    description: 'Closeloop data: complaints table, link-signing key, SES identity, staff accounts',
    mailDomain: settings.mailDomain,
    replyDomain: settings.replyDomain,
    rawMailRetentionDays: settings.rawMailRetentionDays,
  });
  const stateless = new StatelessStack(app, STATELESS_STACK_ID, {
    env: props.env,
    description: 'Closeloop API, functions and complaint workflow',
    table: stateful.table,
    linkSecret: stateful.linkSecret,
    emailIdentity: stateful.emailIdentity,
    configurationSet: stateful.configurationSet,
    inboundMailBucket: stateful.inboundMail.bucket,
    mailFrom: settings.mailFrom,
    replyDomain: settings.replyDomain,
    replyLocalPart: settings.replyLocalPart,
    supportAddress: settings.supportAddress,
    allowedOrigins: settings.allowedOrigins,
    rateLimitPerMinute: settings.rateLimitPerMinute,
    staffUserPool: stateful.staff.userPool,
    staffClient: stateful.staff.client,
    staffSignInUrl: stateful.staff.domain.baseUrl(),
  });

  suppressAcceptedFindings(stateful, stateless);
  return { stateful, stateless };
}

function resolveSettings(app: App, props: CloseloopProps) {
  const context = (key: string): unknown => app.node.tryGetContext(key);

  const mailFrom = props.mailFrom ?? stringOr(context('mailFrom'), DEFAULT_MAIL_FROM);
  const derivedDomain = mailFrom.split('@')[1];
  if (!derivedDomain) throw new Error(`mailFrom must be an email address, got "${mailFrom}"`);
  const mailDomain = props.mailDomain ?? stringOr(context('mailDomain'), derivedDomain);

  const allowedOrigins = props.allowedOrigins ?? listOr(context('allowedOrigins'), ['*']);

  const rateLimitPerMinute =
    props.rateLimitPerMinute ?? Number(stringOr(context('rateLimitPerMinute'), String(DEFAULT_RATE_LIMIT_PER_MINUTE)));
  if (!Number.isInteger(rateLimitPerMinute) || rateLimitPerMinute < 0) {
    throw new Error(`rateLimitPerMinute must be a whole number >= 0, got "${rateLimitPerMinute}"`);
  }

  const replyDomain = (props.replyDomain ?? stringOr(context('replyDomain'), `reply.${mailDomain}`)).toLowerCase();
  const replyLocalPart = props.replyLocalPart ?? stringOr(context('replyLocalPart'), 'reply');
  const supportAddress = (
    props.supportAddress ?? stringOr(context('supportAddress'), `support@${replyDomain}`)
  ).toLowerCase();
  if (!/^[^@\s]+@[^@\s]+$/.test(supportAddress)) {
    throw new Error(`supportAddress must be an email address, got "${supportAddress}"`);
  }
  const rawMailRetentionDays =
    props.rawMailRetentionDays ??
    Number(stringOr(context('rawMailRetentionDays'), String(DEFAULT_RAW_MAIL_RETENTION_DAYS)));
  if (!Number.isInteger(rawMailRetentionDays) || rawMailRetentionDays < 1) {
    throw new Error(`rawMailRetentionDays must be a whole number of days >= 1, got "${rawMailRetentionDays}"`);
  }

  return {
    mailFrom,
    mailDomain,
    allowedOrigins,
    rateLimitPerMinute,
    replyDomain,
    replyLocalPart,
    supportAddress,
    rawMailRetentionDays,
  };
}

function stringOr(value: unknown, fallback: string): string {
  if (value === undefined || value === null || value === '') return fallback;
  return String(value);
}

/** `-c` passes strings; cdk.json may hold a real list. */
function listOr(value: unknown, fallback: string[]): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string' || value.trim() === '') return fallback;
  const text = value.trim();
  const items: unknown[] = text.startsWith('[') ? JSON.parse(text) : text.split(',');
  return items.map((item) => String(item).trim()).filter((item) => item !== '');
}
