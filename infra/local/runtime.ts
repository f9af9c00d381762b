import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type LocalModel, loadLocalModel } from './cdk-model.js';
import { ensureTable, LOCAL_CREDENTIALS, LOCAL_REGION, type LocalDynamoDb, startDynamoDbLocal } from './dynamodb.js';
import { type LocalGateway, startGateway } from './gateway.js';
import { LocalLambdas } from './lambda.js';
import { PortInUseError, startSesLocal } from './ses.js';
import { LocalStepFunctions } from './stepfunctions.js';

/**
 * All of Closeloop on one machine: DynamoDB Local, the SES emulator, Step Functions on loopback
 * and an API Gateway in front of the app's own handlers, wired from the templates CDK synthesizes.
 * Handlers run in this process with the environment they get on AWS, pointed at the emulators.
 */

export interface LocalRuntimeOptions {
  /** API port; 0 or unset picks a free one. */
  port?: number;
  sesPort?: number;
  sfnPort?: number;
  /** Port for the DynamoDB Local this runtime starts (ignored with dynamodbEndpoint). */
  dynamodbPort?: number;
  /** Where DynamoDB data and the link-signing secret persist; unset keeps everything in memory. */
  dataDir?: string;
  /** Use this DynamoDB instead of starting one (tests share one per run). */
  dynamodbEndpoint?: string;
  tableName?: string;
  /** Definition seconds per real second for waits and timeouts in the workflow (default 1). */
  timeScale?: number;
  /** Extra or overriding environment for the handlers. */
  env?: Record<string, string>;
  quiet?: boolean;
  /** Run another app's model (tests); default: the Closeloop app synthesized now. */
  model?: LocalModel;
  /** Root that function entries are relative to; default the repository root. */
  projectRoot?: string;
}

export interface LocalRuntime {
  apiUrl: string;
  sesUrl: string;
  sfnUrl: string;
  dynamodbEndpoint: string;
  tableName: string;
  stateMachineArn?: string;
  stop(): Promise<void>;
}

export const DEFAULT_TABLE_NAME = 'closeloop-local';
export const DEFAULT_MAIL_FROM = 'complaints@closeloop.local';
const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Template variables the runtime deliberately leaves unset: locally the link secret is given
 * directly (LINK_SIGNING_SECRET) and the SES emulator has no configuration sets.
 */
const NOT_EMULATED = new Set(['LINK_SECRET_ARN', 'SES_CONFIGURATION_SET']);
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

/** Persisted under dataDir so mailed links keep working after a restart; random per in-memory run. */
function linkSigningSecret(dataDir: string | undefined): string {
  if (!dataDir) return randomBytes(32).toString('hex');
  const file = join(dataDir, 'link-signing-secret');
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
  const stop = async () => {
    for (const s of stops.splice(0).reverse()) await s().catch(() => undefined);
  };
  try {
    await assertPortFree(opts.port, 'PORT');
    await assertPortFree(opts.sesPort, 'SES_PORT');
    await assertPortFree(opts.sfnPort, 'SFN_PORT');
    if (!opts.dynamodbEndpoint) await assertPortFree(opts.dynamodbPort, 'DYNAMODB_PORT');

    const model = opts.model ?? loadLocalModel();
    const projectRoot = opts.projectRoot ?? PROJECT_ROOT;
    const tableName = opts.tableName ?? DEFAULT_TABLE_NAME;
    // Absolute: DynamoDB Local runs with its package directory as working directory.
    const dataDir = opts.dataDir ? resolve(opts.dataDir) : undefined;

    let dynamodbEndpoint = opts.dynamodbEndpoint;
    if (!dynamodbEndpoint) {
      const dynamo: LocalDynamoDb = await startDynamoDbLocal({
        port: opts.dynamodbPort || undefined,
        dataDir: dataDir ? join(dataDir, 'dynamodb') : undefined,
      });
      stops.push(dynamo.stop);
      dynamodbEndpoint = dynamo.endpoint;
    }
    const dynamoClient = new DynamoDBClient({
      endpoint: dynamodbEndpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    await ensureTable(dynamoClient, tableName);
    dynamoClient.destroy();

    const ses = await startSesLocal({ port: opts.sesPort });
    stops.push(ses.stop);

    const lambdas = new LocalLambdas(model.functions, projectRoot);
    const sfn = new LocalStepFunctions({
      stateMachines: model.stateMachines.map((m) => ({ name: m.name, arn: m.arn, definition: m.definition })),
      invoke: (fn, payload) => lambdas.invoke(fn, payload),
      timeScale: opts.timeScale,
      log,
    });
    const sfnUrl = await sfn.listen(opts.sfnPort);
    stops.push(() => sfn.close());

    const gateway: LocalGateway = await startGateway({
      port: opts.port,
      routes: model.routes,
      cors: model.cors,
      invoke: (fn, event) => lambdas.invoke(fn, event),
      log,
    });
    stops.push(gateway.stop);

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
      TABLE_NAME: tableName,
      ...(stateMachineArn ? { STATE_MACHINE_ARN: stateMachineArn } : {}),
      PUBLIC_BASE_URL: gateway.url,
      MAIL_FROM: DEFAULT_MAIL_FROM,
      LINK_SIGNING_SECRET: linkSigningSecret(dataDir),
      RATE_LIMIT_PER_MINUTE: process.env.RATE_LIMIT_PER_MINUTE ?? '20',
      // CloudWatch reads EMF lines from Lambda's stdout; on a laptop they only bury the request log.
      POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
    };
    const { env: fromTemplate, notes } = templateEnvironment(model, new Set(Object.keys(supplied)));
    for (const note of notes) log(`note: ${note}`);
    // A developer's real AWS session must not leak into local calls.
    delete process.env.AWS_SESSION_TOKEN;
    delete process.env.AWS_PROFILE;
    Object.assign(process.env, fromTemplate, supplied, opts.env);

    // Imported only now, after the environment is set: each handler reads it at its cold start.
    await lambdas.preload();

    return {
      apiUrl: gateway.url,
      sesUrl: ses.url,
      sfnUrl,
      dynamodbEndpoint,
      tableName,
      stateMachineArn,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
