import * as z from 'zod/mini';
import { cognitoClient } from './adapters/cognito/client.js';
import { CognitoStaffDirectory } from './adapters/cognito/staff-directory.js';
import { DynamoAddressHealth } from './adapters/dynamo/address-health.js';
import { getDocumentClient } from './adapters/dynamo/client.js';
import { DynamoComplaintStore } from './adapters/dynamo/complaint-store.js';
import { DynamoMailThreads } from './adapters/dynamo/mail-threads.js';
import { DynamoPolicyStore } from './adapters/dynamo/policy-store.js';
import { DynamoRateLimiter } from './adapters/dynamo/rate-limiter.js';
import { DynamoWorkflowTokenStore } from './adapters/dynamo/workflow-token-store.js';
import { linkSigningKey } from './adapters/secrets.js';
import { SesMailer } from './adapters/ses/mailer.js';
import { messageIdDomainFor, ThreadingMailer } from './adapters/ses/threading-mailer.js';
import { StepFunctionsTaskSignals, StepFunctionsWorkflow } from './adapters/sfn/workflow.js';
import { CachedStaffDirectory, parseStaffList, StaticStaffDirectory } from './adapters/staff-directory.js';
import type { WorkingCalendar } from './calendar/working-calendar.js';
import { createCalendar } from './calendar/working-calendar.js';
import { workflowClock } from './clock.js';
import {
  ConsoleAuthConfig,
  InboundMailConfig,
  IntakeConfig,
  LinkConfig,
  MailConfig,
  PublicUrlConfig,
  readConfig,
  StaffDirectoryConfig,
  TableConfig,
  WorkflowConfig,
} from './config.js';
import { consoleKeys, type SignInDeps } from './console/sign-in.js';
import { OidcProvider } from './console/sign-in-provider.js';
import { replyAddressFor } from './mail/reply-address.js';
import { logger } from './observability.js';
import { defaultPolicy } from './policy/default-policy.js';
import { type PolicySeed, PolicySource } from './policy/policy-source.js';
import type { IntakePolicy, Policy } from './policy/types.js';
import { type StaffDirectory, systemClock } from './ports/index.js';

/**
 * The composition root: the only place that turns configuration into real adapters. Each
 * function asks for the pieces it needs, once per cold start; use cases never see env vars.
 */
export function store() {
  const { TABLE_NAME } = readConfig(TableConfig);
  return new DynamoComplaintStore({ doc: getDocumentClient(), tableName: TABLE_NAME });
}

/**
 * The policy every function starts from until its first request reads the stored one: the defaults,
 * also the seed of an empty table. Its `staff` stay empty: the directory sets them at each request.
 */
export function policyAndCalendar() {
  return { policy: defaultPolicy, calendar: defaultCalendar() };
}

let defaultCalendarOnce: WorkingCalendar | undefined;
function defaultCalendar(): WorkingCalendar {
  defaultCalendarOnce ??= createCalendar(defaultPolicy.calendar);
  return defaultCalendarOnce;
}

export function policies() {
  const { TABLE_NAME } = readConfig(TableConfig);
  return new DynamoPolicyStore({ doc: getDocumentClient(), tableName: TABLE_NAME });
}

/** A saved change reaches every container within this; versions by number never change, so are kept for good. */
const CURRENT_POLICY_TTL_MS = 60_000;

/**
 * The same seed for the functions that never grade or route: like `Policy` beside `IntakePolicy`, they
 * carry no rules (the vocabulary alone would push their bundles past the limit), so an empty table reads
 * to them as the defaults without those two sections, which they never look at.
 */
const seedWithoutRules = (): PolicySeed => {
  const { staff: _staff, ...policy } = defaultPolicy;
  return {
    policy: policy as unknown as PolicySeed['policy'],
    preset: 'closeloop',
    reason: 'The defaults, at first start',
  };
};

const sources = new Map<(() => PolicySeed) | 'stored', PolicySource>();
/**
 * The stored policy as the functions read it, once per cold start (shared/policy/policy-source.ts);
 * the admin passes `defaultSeed` (shared/policy/seed.ts: it may store it). Those that grade read
 * `storedPolicySource()` instead.
 */
export function policySource(seed: () => PolicySeed = seedWithoutRules): PolicySource {
  return sourceFor(seed, seed);
}

/**
 * For the functions that grade (intake, staff registration, mail intake, the dry run): the stored policy
 * only. Version 1 is stored at deploy (the stack's SeedPolicy trigger) and at the local runtime's first
 * start, so they carry no default vocabulary: an empty table is a 503 and an error in the log.
 */
export function storedPolicySource(): PolicySource {
  return sourceFor('stored', undefined);
}

function sourceFor(key: (() => PolicySeed) | 'stored', seed: (() => PolicySeed) | undefined): PolicySource {
  const found = sources.get(key);
  if (found) return found;
  const source = new PolicySource({
    store: policies(),
    seed,
    onMissing: () =>
      logger.error('no policy stored: version 1 is stored at deploy (SeedPolicy trigger); nothing is graded meanwhile'),
    // Only the admin function may write policy items (infra/stacks/stateless-stack.ts): the others run
    // the seed as version 1 until it is stored, which is the same document.
    saveSeed: readConfig(PolicyWriterConfig).POLICY_ADMIN === 'true',
    ttlMs: CURRENT_POLICY_TTL_MS,
    now: () => Date.now(),
    onStale: (error, version) =>
      logger.error('stored policy unreadable; serving the last good version', { error: error as Error, version }),
  });
  sources.set(key, source);
  return source;
}

const PolicyWriterConfig = z.object({ POLICY_ADMIN: z.optional(z.enum(['true', 'false'])) });

/**
 * Deps with the stored version's policy: every stored document has its grading and routing rules, so
 * intake's base deps need not carry the default ones (the functions that grade bundle no default vocabulary).
 */
export type WithStoredPolicy<D> = Omit<D, 'policy'> & { policy: IntakePolicy; policyVersion: number };

/** A complaint already read: the policy version it recorded (absent on complaints from before versions: 1). */
export interface ComplaintPolicyRef {
  policyVersion?: number;
}

/**
 * The one edge where the stored policy enters a function, at each invocation: with no complaint,
 * the current version (what a new complaint is taken in under); with one (its id, or the complaint
 * itself when already read), the version that complaint recorded, so its clocks keep the rules it was graded by. `policy.staff` stays what `inner` set
 * (the directory's members). The same object comes back while neither the version nor the staff change.
 */
export function withPolicy<D extends { policy: Policy; calendar: WorkingCalendar }>(
  inner: D | (() => Promise<D>),
  source: PolicySource = policySource(),
  versionOf: (complaintId: string) => Promise<number | undefined> = (id) => policies().complaintPolicyVersion(id),
  /** Intake passes preparePolicy: a version's rules compiled when it is loaded, not on its first complaint. */
  prepare: (policy: IntakePolicy) => IntakePolicy = (policy) => policy,
): (complaint?: string | ComplaintPolicyRef) => Promise<WithStoredPolicy<D>> {
  const calendars = new Map<number, WorkingCalendar>();
  const built = new Map<number, { base: D; deps: WithStoredPolicy<D> }>();
  const storedFor = (complaint: string | ComplaintPolicyRef | undefined) => {
    if (complaint === undefined) return source.current();
    // A complaint already read names its version: no second read of it.
    if (typeof complaint !== 'string') return source.version(complaint.policyVersion ?? 1);
    return versionOf(complaint).then((v) => source.version(v ?? 1));
  };
  return async (complaint) => {
    const [base, stored] = await Promise.all([typeof inner === 'function' ? inner() : inner, storedFor(complaint)]);
    const last = built.get(stored.version);
    if (last?.base === base) return last.deps;
    let calendar = calendars.get(stored.version);
    if (!calendar) {
      calendar = createCalendar(stored.policy.calendar);
      calendars.set(stored.version, calendar);
    }
    const policy = prepare({ ...stored.policy, staff: base.policy.staff } as IntakePolicy);
    const deps = { ...base, policy, calendar, policyVersion: stored.version };
    built.set(stored.version, { base, deps });
    return deps;
  };
}

/**
 * Reads (and, for intake, compiles) the current policy during the function's init, by top-level await:
 * Lambda runs init at full CPU and no caller waits on it, so the first complaint after a cold start
 * is as fast as the next. A failed read (no policy stored yet, the table unreachable) is left to the
 * first request, which answers as it always did (503 policy_not_stored, or a retry of the read).
 */
export async function warmedAtInit<F extends () => Promise<unknown>>(current: F): Promise<F> {
  try {
    await current();
  } catch (error) {
    logger.warn('policy not loaded at init; the first request reads it', { error: error as Error });
  }
  return current;
}

/** What taking in a new complaint needs (the form and staff registration): one path, one set of ports. */
export async function intakeDeps() {
  return {
    store: store(),
    workflow: workflow(),
    rateLimiter: rateLimiter(),
    clock,
    // The stored version's policy replaces this at each request (withPolicy); only its staff stay.
    ...policyAndCalendar(),
    links: await links(),
  };
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
  const reply = { localPart: REPLY_LOCAL_PART, domain: REPLY_DOMAIN, key: linkKey };
  const doc = getDocumentClient();
  return new ThreadingMailer(new SesMailer({ from: MAIL_FROM, configurationSet: SES_CONFIGURATION_SET }), {
    threads: new DynamoMailThreads({ doc, tableName: TABLE_NAME }),
    addresses: new DynamoAddressHealth({ doc, tableName: TABLE_NAME }),
    replyAddress: (complaintId) => replyAddressFor(complaintId, reply),
    messageIdDomain: messageIdDomainFor(AWS_REGION),
    clock,
  });
}

/** Every function that mails a customer builds its Reply-To from these; Lambda always sets AWS_REGION. */
const SentMailConfig = z.object({
  REPLY_DOMAIN: InboundMailConfig.shape.REPLY_DOMAIN,
  REPLY_LOCAL_PART: InboundMailConfig.shape.REPLY_LOCAL_PART,
  AWS_REGION: z.string().check(z.minLength(1)),
});

/** Staff-only mail (the daily digest): marked automatic like every mail, never threaded, no link key. */
export function staffMailer() {
  const { MAIL_FROM, SES_CONFIGURATION_SET } = readConfig(MailConfig);
  return new SesMailer({ from: MAIL_FROM, configurationSet: SES_CONFIGURATION_SET });
}

/**
 * A function that mails staff on its own (the breach digest, the incidents' detector and clock): its
 * own ports, with the staff mailer, the clock, links to the console, and the stored policy in force with
 * the staff directory in it, read per call.
 */
export function withStaffMail<D extends object>(own: D) {
  const { PUBLIC_BASE_URL } = readConfig(PublicUrlConfig);
  return withPolicy(
    withStaffDirectory({
      ...own,
      mailer: staffMailer(),
      clock,
      ...policyAndCalendar(),
      links: { baseUrl: PUBLIC_BASE_URL },
    }),
  );
}

/**
 * The console's sign-in: the provider (its JWKS fetched once per cold start), the console's keys
 * from the link-signing key, and the staff directory.
 */
export async function consoleSignIn(): Promise<SignInDeps> {
  const config = readConfig(ConsoleAuthConfig);
  const { key } = await links();
  const directory = staffDirectory();
  return {
    settings: {
      authUrl: config.CONSOLE_AUTH_URL,
      clientId: config.CONSOLE_CLIENT_ID,
      publicBaseUrl: config.PUBLIC_BASE_URL,
    },
    keys: consoleKeys(key),
    provider: new OidcProvider({
      authUrl: config.CONSOLE_AUTH_URL,
      issuer: config.CONSOLE_ISSUER,
      clientId: config.CONSOLE_CLIENT_ID,
    }),
    findStaff: async (staffId) => (await directory.members()).find((member) => member.id === staffId),
    // Wall time, not workflow time: a session must not expire in seconds when the local runtime scales time.
    now: () => new Date(),
  };
}

/**
 * A hire or a leaver in the user pool takes effect within this, per container; a failed read of the
 * pool keeps the last list for at most MAX_STALE more before the functions that need staff fail.
 */
const STAFF_DIRECTORY_TTL_MS = 5 * 60_000;
const STAFF_DIRECTORY_MAX_STALE_MS = 15 * 60_000;

/** Who works here, for the functions that need staff: the Cognito user pool on AWS, STAFF_DIRECTORY locally. */
export function staffDirectory(): StaffDirectory {
  const { STAFF_USER_POOL_ID, STAFF_DIRECTORY } = readConfig(StaffDirectoryConfig);
  if (!STAFF_USER_POOL_ID) return new StaticStaffDirectory(parseStaffList(STAFF_DIRECTORY!));
  const pool = new CognitoStaffDirectory({
    client: cognitoClient(),
    userPoolId: STAFF_USER_POOL_ID,
    onSkipped: (skipped) => logger.warn('a member of a staff group is left out of the directory', { ...skipped }),
  });
  return new CachedStaffDirectory(pool, {
    ttlMs: STAFF_DIRECTORY_TTL_MS,
    maxStaleMs: STAFF_DIRECTORY_MAX_STALE_MS,
    clock: systemClock,
    onStale: (error, ageMs) => logger.warn('staff directory unreadable; serving the last list', { error, ageMs }),
  });
}

/**
 * The one edge for every function that needs staff (sign-in, assignment, owners and rungs told): its
 * deps, built once per cold start, with `policy.staff` set to the directory's current members at each
 * invocation, so the domain stays synchronous. The directory is checked at cold start (fail fast);
 * the same deps object comes back while the directory's list is unchanged.
 */
export function withStaffDirectory<D extends { policy: Policy }>(
  deps: D,
  directory: StaffDirectory = staffDirectory(),
): () => Promise<D> {
  let last: { staff: Policy['staff']; deps: D } | undefined;
  return async () => {
    const staff = await directory.members();
    if (last?.staff !== staff) last = { staff, deps: { ...deps, policy: { ...deps.policy, staff } } };
    return last.deps;
  };
}

/** Wall time on AWS; scaled workflow time in the local runtime (shared/clock.ts). */
export const clock = workflowClock;
