import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { injectWorkflowClock } from '../../shared/clock.js';
import type { StaffMember } from '../../shared/policy/types.js';
import type { Clock } from '../../shared/ports/index.js';
import { injectSentMailCopies } from '../../shared/privacy/sent-mail.js';
import { apiGatewayClaims, LOCAL_CONSOLE_CLIENT_ID, LOCAL_TOKEN_PATH, LocalIssuer, tokenRequest } from './auth.js';
import type { LocalModel } from './cdk-model.js';
import { demoStaff } from './demo-staff.js';
import {
  ensureTable,
  freePort,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  type LocalDynamoDb,
  startDynamoDbLocal,
} from './dynamodb.js';
import { type LocalGateway, startGateway } from './gateway.js';
import { LocalLambdas } from './lambda.js';
import { loadCachedLocalModel } from './model-cache.js';
import { LocalOAuth, localOAuthRoutes } from './oauth.js';
import { seedLocalPolicy } from './policy-seed.js';
import { resumeOpenComplaints } from './resume.js';
import { LOCAL_INBOUND_BUCKET, type LocalS3, startS3Local } from './s3.js';
import { startSchedules } from './schedules.js';
import { localSentMail, PortInUseError, startSesLocal } from './ses.js';
import { type LocalSmtp, startSmtpLocal } from './smtp.js';
import { type ExecutionHistoryEvent, type ExecutionSummary, LocalStepFunctions } from './stepfunctions.js';
import { type StreamPoller, startStreamPoller } from './streams.js';
import { startWorkflowTime, type WorkflowTime } from './workflow-time.js';

/**
 * All of Closeloop on one machine: DynamoDB Local, the SES emulator, Step Functions on loopback
 * and an API Gateway in front of the app's own handlers, wired from the templates CDK synthesizes.
 * Handlers run in this process with the environment they get on AWS, pointed at the emulators.
 * Staff routes behind a JWT authorizer accept tokens from a local issuer (POST /_local/token), and
 * every open complaint's execution is started again at start, since executions live in memory.
 */

export interface LocalRuntimeOptions {
  /** API port; 0 or unset picks a free one. */
  port?: number;
  sesPort?: number;
  sfnPort?: number;
  /** Loopback SMTP port that takes mail for the receipt rule's recipients; 0 or unset picks a free one. */
  smtpPort?: number;
  /** Port of the S3 emulator holding inbound mail; 0 or unset picks a free one. */
  s3Port?: number;
  /** Port for the DynamoDB Local this runtime starts (ignored with dynamodbEndpoint). */
  dynamodbPort?: number;
  /** Where DynamoDB data and the link-signing secret persist; unset keeps everything in memory. */
  dataDir?: string;
  /** Use this DynamoDB instead of starting one (tests share one per run). */
  dynamodbEndpoint?: string;
  tableName?: string;
  /**
   * Workflow seconds per real second (default 1): the handlers' clock, Wait states and the timeouts
   * of tasks that wait for a token run this much faster; a function's own run time does not.
   */
  timeScale?: number;
  /**
   * Workflow time at start (default: real now). With a dataDir the clock never starts before the
   * time the previous run reached.
   */
  clockStart?: Date;
  /** Extra or overriding environment for the handlers. */
  env?: Record<string, string>;
  /**
   * The staff directory (default: the demo staff): the handlers read it as STAFF_DIRECTORY where
   * AWS's read the Cognito user pool, and the local token issuer signs for exactly these.
   */
  staff?: StaffMember[];
  quiet?: boolean;
  /** Run another app's model (tests); default: the Closeloop app synthesized now. */
  model?: LocalModel;
  /** Root that function entries are relative to; default the repository root. */
  projectRoot?: string;
}

/** The local Step Functions seen from tests and benchmarks (no SDK round trip, no AWS counterpart). */
export interface LocalSfn {
  /** Starts an execution of the app's state machine (STATE_MACHINE_ARN). */
  startExecution(name: string, input: unknown): Promise<{ executionArn: string }>;
  /** Every execution this runtime has run, newest first. */
  listExecutions(): ExecutionSummary[];
  describeExecution(executionArn: string): ReturnType<LocalStepFunctions['describeExecution']>;
  /** GetExecutionHistory's events; for an ended execution, complete (state events can trail the outcome). */
  executionHistory(executionArn: string): Promise<ExecutionHistoryEvent[]>;
  /** Billable state transitions: states entered plus retries. */
  transitionCount(executionArn: string): Promise<number>;
}

export interface LocalRuntime {
  apiUrl: string;
  sesUrl: string;
  sfnUrl: string;
  dynamodbEndpoint: string;
  tableName: string;
  stateMachineArn?: string;
  /** Inbound mail, when the app has a receipt rule: the SMTP port and the S3 emulator holding the raw mail. */
  inboundMail?: { smtpPort: number; s3Url: string; bucket: string; recipients: string[]; idle(): Promise<void> };
  /** Workflow time, as the handlers and the workflow's timers see it. */
  clock: Clock;
  timeScale: number;
  /** Signs what POST /_local/token returns; `issue(user, issuedAt)` also makes expired tokens for tests. */
  issuer: LocalIssuer;
  sfn: LocalSfn;
  /** The table's stream, as the functions fed by it see it: `drained()` once every record written so far was handed over. */
  streams: { drained(): Promise<void> };
  stop(): Promise<void>;
}

export { resumeOpenComplaints } from './resume.js';

export const DEFAULT_TABLE_NAME = 'closeloop-local';
export const DEFAULT_MAIL_FROM = 'complaints@closeloop.local';
const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Template variables the runtime deliberately leaves unset: locally the link secret is given
 * directly (LINK_SIGNING_SECRET), the SES emulator has no configuration sets, and the staff
 * directory is a list (STAFF_DIRECTORY), not a user pool.
 */
const NOT_EMULATED = new Set(['LINK_SECRET_ARN', 'SES_CONFIGURATION_SET', 'STAFF_USER_POOL_ID']);
/** Template variables that mean nothing to an in-process handler. */
const PROCESS_LEVEL = new Set(['NODE_OPTIONS']);

async function assertPortFree(port: number | undefined, envVar: string): Promise<void> {
  if (!port) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE'
          ? new PortInUseError(`Port ${port} is already in use. Set ${envVar} to a free port (or 0 to pick one).`)
          : err,
      ),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

/** Persisted under dataDir so mailed links and issued staff tokens keep working after a restart; random per in-memory run. */
function persistentSecret(dataDir: string | undefined, name: string): string {
  if (!dataDir) return randomBytes(32).toString('hex');
  const file = join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** The union of the functions' plain variables (one process serves them all), with conflicts named. */
function templateEnvironment(
  model: LocalModel,
  supplied: Set<string>,
): { env: Record<string, string>; notes: string[] } {
  const env: Record<string, string> = {};
  const notes: string[] = [];
  for (const fn of Object.values(model.functions)) {
    for (const [name, value] of Object.entries(fn.environment)) {
      if (PROCESS_LEVEL.has(name) || supplied.has(name)) continue;
      if (env[name] !== undefined && env[name] !== value) {
        notes.push(`${name} differs between functions; all local handlers see "${env[name]}"`);
        continue;
      }
      env[name] = value;
    }
    for (const name of Object.keys(fn.tokenEnvironment)) {
      if (!supplied.has(name) && !NOT_EMULATED.has(name)) {
        notes.push(`${fn.logicalId} reads ${name}, which the local runtime does not supply (infra/local/runtime.ts)`);
      }
    }
  }
  return { env, notes };
}

export async function startLocalRuntime(opts: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  const log = opts.quiet ? () => {} : (line: string) => console.log(line);
  const stops: (() => Promise<void>)[] = [];
  /** Starts still under way: settled before a failed start stops what did start. */
  const pending: Promise<unknown>[] = [];
  const stop = async () => {
    await Promise.allSettled(pending.splice(0));
    for (const s of stops.splice(0).reverse()) await s().catch(() => undefined);
  };
  try {
    await assertPortFree(opts.port, 'PORT');
    await assertPortFree(opts.sesPort, 'SES_PORT');
    await assertPortFree(opts.sfnPort, 'SFN_PORT');
    await assertPortFree(opts.smtpPort, 'SMTP_PORT');
    await assertPortFree(opts.s3Port, 'S3_PORT');
    if (!opts.dynamodbEndpoint) await assertPortFree(opts.dynamodbPort, 'DYNAMODB_PORT');

    const projectRoot = opts.projectRoot ?? PROJECT_ROOT;
    const tableName = opts.tableName ?? DEFAULT_TABLE_NAME;
    // Absolute: DynamoDB Local runs with its package directory as working directory.
    const dataDir = opts.dataDir ? resolve(opts.dataDir) : undefined;

    // DynamoDB Local (a JVM: seconds to start) starts first and comes up while the model loads and
    // the handlers are imported; its endpoint is known before it answers.
    let dynamodbEndpoint = opts.dynamodbEndpoint;
    let dynamoStarting: Promise<void> | undefined;
    if (!dynamodbEndpoint) {
      const dynamodbPort = opts.dynamodbPort || (await freePort());
      dynamodbEndpoint = `http://127.0.0.1:${dynamodbPort}`;
      dynamoStarting = startDynamoDbLocal({
        port: dynamodbPort,
        dataDir: dataDir ? join(dataDir, 'dynamodb') : undefined,
      }).then((dynamo: LocalDynamoDb) => {
        stops.push(dynamo.stop);
        if (!dynamo.loopbackOnly) {
          log(
            `WARNING: DynamoDB Local listens on every network interface (port ${dynamodbPort}): ` +
              'anyone who can reach this machine can read the complaints in it. Install a JDK (javac) so it binds ' +
              '127.0.0.1 only, or firewall the port.',
          );
        }
      });
      // Awaited below; until then a failure must not surface as an unhandled rejection.
      dynamoStarting.catch(() => undefined);
      pending.push(dynamoStarting);
    }

    const loaded = opts.model ? undefined : await loadCachedLocalModel(projectRoot);
    const model = opts.model ?? loaded!.model;
    if (loaded) {
      log(
        loaded.fromCache
          ? 'CDK app unchanged since the last start: reusing its synthesized model'
          : 'CDK app synthesized (reused until its sources change)',
      );
    }

    const ses = await startSesLocal({
      port: opts.sesPort,
      mailboxFile: dataDir ? join(dataDir, 'mailbox.jsonl') : undefined,
    });
    stops.push(ses.stop);
    // The emulator's mailbox is a copy of sent mail Closeloop holds here (SES keeps none): an erasure forgets from it.
    const restoreSentMail = injectSentMailCopies(localSentMail);
    stops.push(async () => restoreSentMail());

    // Raw inbound mail lives in a real S3 API, as SES's S3 action leaves it on AWS.
    const receiptRule = model.receiptRules?.[0];
    if ((model.receiptRules?.length ?? 0) > 1) log('note: several receipt rules; the SMTP port plays the first');
    let s3: LocalS3 | undefined;
    if (receiptRule) {
      s3 = await startS3Local({
        port: opts.s3Port,
        directory: dataDir ? join(dataDir, 's3') : undefined,
        buckets: [LOCAL_INBOUND_BUCKET],
      });
      stops.push(s3.stop);
    }

    // Workflow time starts as late as possible (just before the handlers load), so a test's clockStart is
    // barely past when start returns; until then nothing runs that reads it.
    let time!: WorkflowTime;

    const lambdas = new LocalLambdas(model.functions, projectRoot);
    const sfn = new LocalStepFunctions({
      stateMachines: model.stateMachines.map((m) => ({ name: m.name, arn: m.arn, definition: m.definition })),
      invoke: (fn, payload) => lambdas.invoke(fn, payload),
      timeScale: opts.timeScale,
      clock: { now: () => time.clock.now() },
      log,
    });
    const sfnUrl = await sfn.listen(opts.sfnPort);
    stops.push(() => sfn.close());

    // The gateway opens its port last, once every function is loaded and the policy is stored, so a
    // request that finds the port open is served (never a 503 for a policy not seeded yet). Its URL
    // is fixed now: the handlers read it (PUBLIC_BASE_URL) at their cold start, before it listens.
    const apiPort = opts.port || (await freePort());
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    let issuer!: LocalIssuer;
    let oauth!: LocalOAuth;

    const staff = opts.staff ?? demoStaff;
    const stateMachineArn = model.stateMachines[0]?.arn;
    if (model.stateMachines.length > 1) log('note: several state machines; STATE_MACHINE_ARN names the first');
    const supplied: Record<string, string> = {
      AWS_REGION: LOCAL_REGION,
      AWS_DEFAULT_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: dynamodbEndpoint,
      AWS_ENDPOINT_URL_SESV2: ses.url,
      AWS_ENDPOINT_URL_SFN: sfnUrl,
      ...(s3 ? { AWS_ENDPOINT_URL_S3: s3.url, INBOUND_MAIL_BUCKET: LOCAL_INBOUND_BUCKET } : {}),
      TABLE_NAME: tableName,
      ...(stateMachineArn ? { STATE_MACHINE_ARN: stateMachineArn } : {}),
      PUBLIC_BASE_URL: apiUrl,
      CONSOLE_AUTH_URL: `${apiUrl}/_local`,
      CONSOLE_ISSUER: `${apiUrl}/_local`,
      CONSOLE_CLIENT_ID: LOCAL_CONSOLE_CLIENT_ID,
      MAIL_FROM: DEFAULT_MAIL_FROM,
      LINK_SIGNING_SECRET: persistentSecret(dataDir, 'link-signing-secret'),
      RATE_LIMIT_PER_MINUTE: process.env.RATE_LIMIT_PER_MINUTE ?? '20',
      STAFF_DIRECTORY: JSON.stringify(staff),
      // CloudWatch reads EMF lines from Lambda's stdout; on a laptop they only bury the request log.
      POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
    };
    const { env: fromTemplate, notes } = templateEnvironment(model, new Set(Object.keys(supplied)));
    for (const note of notes) log(`note: ${note}`);
    // A developer's real AWS session must not leak into local calls.
    delete process.env.AWS_SESSION_TOKEN;
    delete process.env.AWS_PROFILE;
    Object.assign(process.env, fromTemplate, supplied, opts.env);

    issuer = await LocalIssuer.create({
      apiUrl,
      keyFile: dataDir ? join(dataDir, 'local-token-key.pem') : undefined,
      staff,
    });
    oauth = new LocalOAuth(issuer, {
      clientId: LOCAL_CONSOLE_CLIENT_ID,
      redirectUri: `${apiUrl}/console/callback`,
      logoutUri: `${apiUrl}/console/sign-out`,
    });

    await dynamoStarting;
    const dynamoClient = new DynamoDBClient({
      endpoint: dynamodbEndpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    await ensureTable(dynamoClient, tableName);
    await seedLocalPolicy(dynamoClient, tableName, opts.env?.CLOSELOOP_POLICY ?? process.env.CLOSELOOP_POLICY, log);
    dynamoClient.destroy();

    time = startWorkflowTime({ timeScale: opts.timeScale, clockStart: opts.clockStart, dataDir });
    // The handlers run in this process: they get workflow time at wiring, not from a setting.
    const restoreClock = injectWorkflowClock(time.clock);
    stops.push(async () => {
      time.stop();
      restoreClock();
    });

    // Imported only now, after the environment is set and the policy stored: each handler reads the
    // environment at its cold start, and the intake functions load and compile the policy there too.
    await lambdas.preload();

    // Last to open, first to close: mail arrives only once everything it reaches is up.
    let smtp: LocalSmtp | undefined;
    if (receiptRule && s3) {
      const { S3Client, PutObjectCommand } = await import('@aws-sdk/client-s3');
      const s3Client = new S3Client({ endpoint: s3.url, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
      const fn = lambdas.find(receiptRule.functionLogicalId);
      smtp = await startSmtpLocal({
        port: opts.smtpPort,
        recipients: receiptRule.recipients,
        functionArn: fn.arn,
        store: async (key, raw) => {
          await s3Client.send(
            new PutObjectCommand({ Bucket: LOCAL_INBOUND_BUCKET, Key: key, Body: raw, ContentType: 'message/rfc822' }),
          );
        },
        deliver: (event) => lambdas.invoke(fn.functionName, event),
        log,
      });
      stops.push(async () => {
        await smtp?.stop();
        s3Client.destroy();
      });
    }

    // Issue 11: the functions fed by the table's stream (the report aggregator), from where the last run stopped.
    const pollers: StreamPoller[] = [];
    for (const consumer of model.streamConsumers ?? []) {
      const functionName = model.functions[consumer.functionLogicalId]!.functionName;
      const poller = await startStreamPoller({
        endpoint: dynamodbEndpoint,
        tableName,
        batchSize: consumer.batchSize,
        checkpointFile: dataDir ? join(dataDir, `stream-${consumer.logicalId}.json`) : undefined,
        deliver: (event) => lambdas.invoke(functionName, event),
        log,
      });
      pollers.push(poller);
      stops.push(() => poller.stop());
    }

    const runtime: LocalRuntime = {
      apiUrl,
      sesUrl: ses.url,
      sfnUrl,
      dynamodbEndpoint,
      tableName,
      stateMachineArn,
      ...(smtp && s3 && receiptRule
        ? {
            inboundMail: {
              smtpPort: smtp.port,
              s3Url: s3.url,
              bucket: LOCAL_INBOUND_BUCKET,
              recipients: receiptRule.recipients,
              idle: smtp.idle,
            },
          }
        : {}),
      clock: time.clock,
      timeScale: time.timeScale,
      issuer,
      sfn: {
        startExecution: async (name, input) =>
          sfn.startExecution({ stateMachineArn, name, input: JSON.stringify(input) }),
        listExecutions: () => sfn.executionSummaries(),
        describeExecution: (executionArn) => sfn.describeExecution({ executionArn }),
        executionHistory: (executionArn) => sfn.settledHistory(executionArn),
        transitionCount: (executionArn) => sfn.transitionCount(executionArn),
      },
      streams: { drained: async () => void (await Promise.all(pollers.map((p) => p.drained()))) },
      stop,
    };
    time.reanchor();
    const resumed = await resumeOpenComplaints(runtime);
    log(`resumed ${resumed.started.length} open complaints`);
    for (const { complaintId, error } of resumed.failed) log(`could not resume complaint ${complaintId}: ${error}`);
    const schedules = startSchedules({
      schedules: model.schedules,
      functionName: (logicalId) => model.functions[logicalId]!.functionName,
      clock: time.clock,
      timeScale: time.timeScale,
      invoke: (fn, event) => lambdas.invoke(fn, event),
      log,
    });
    stops.push(async () => schedules.stop());

    const gateway: LocalGateway = await startGateway({
      port: apiPort,
      routes: model.routes,
      authorizers: model.authorizers,
      // On AWS the authorizer trusts the Cognito issuer named in the template; locally the local issuer replaces it.
      verifyJwt: async (token) => apiGatewayClaims(await issuer.verify(token)),
      builtinRoutes: [
        { method: 'POST', path: LOCAL_TOKEN_PATH, handle: (body) => tokenRequest(issuer, body) },
        // The console signs in here as it does at Cognito's managed login on AWS.
        ...localOAuthRoutes(() => oauth),
      ],
      cors: model.cors,
      invoke: (fn, event) => lambdas.invoke(fn, event),
      log,
    });
    stops.push(gateway.stop);
    return runtime;
  } catch (err) {
    await stop();
    throw err;
  }
}
