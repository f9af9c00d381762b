/**
 * bench/intake: latency and throughput of POST /complaints through the local runtime, next to
 * the raw DynamoDB Local round trip of the same writes (so our code's overhead is a ratio),
 * plus each function's bundle size and cold-import time, next to the cold import of a module
 * that only creates the same AWS SDK clients (so the cost of our code and libraries is a ratio).
 *
 *   npm run bench:intake                     (BENCH_REQUESTS=400 to change the sample)
 *   npm run bench:intake -- --bundles-only   (bundle sizes and cold imports, no latency runs)
 *   npm run bench:intake -- --latency-only   (latency runs, no bundles)
 *
 * Figures, not assertions: the machines are shared and noisy.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { build, type Metafile } from 'esbuild';
import { EXTERNAL_MODULES, FUNCTION_BUILD_OPTIONS } from '../infra/constructs/bundling.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../infra/local/dynamodb.js';
import { startLocalRuntime } from '../infra/local/runtime.js';
import { DynamoComplaintStore } from '../shared/adapters/dynamo/complaint-store.js';
import {
  complaintItem,
  eventItem,
  idempotencyKey,
  rateWindowKey,
  ticketCounterKey,
  ticketKey,
} from '../shared/adapters/dynamo/keys.js';
import { TTL_ATTRIBUTE } from '../shared/adapters/dynamo/table-design.js';
import type { Complaint, TimelineEvent } from '../shared/model/complaint.js';
import { formatTicketNumber } from '../shared/model/ticket.js';
import { cpuMeter } from './lib/cpu.js';
import { load, ms, type RunFigures, table } from './lib/stats.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const CONCURRENCY = [1, 16];

function complaintBody(i: number) {
  return JSON.stringify({
    customer: {
      name: `Bench ${i}`,
      email: `bench-${i}-${randomUUID().slice(0, 6)}@example.com`,
      locale: i % 2 ? 'en' : 'zh-CN',
    },
    description: `订单 ${i} 的洗衣机运行时噪音很大，已经联系过两次客服，希望尽快上门维修。Run ${randomUUID()}`,
    orderNumber: `BENCH-${i}`,
    requestedRemedy: 'repair',
  });
}

async function intake(apiUrl: string, concurrency: number, offset: number): Promise<RunFigures> {
  return load(REQUESTS, concurrency, async (i) => {
    const response = await fetch(`${apiUrl}/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `bench-${offset + i}-${randomUUID()}` },
      body: complaintBody(offset + i),
    });
    if (response.status !== 201)
      throw new Error(`POST /complaints answered ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
  });
}

async function measured(run: () => Promise<RunFigures>): Promise<RunFigures & { cpu: string }> {
  const cpu = cpuMeter();
  const figures = await run();
  const used = cpu();
  const perRequest = (totalMs: number) => `${(totalMs / figures.count).toFixed(1)}`;
  return { ...figures, cpu: `${perRequest(used.node)} + ${used.jvm === undefined ? 'n/a' : perRequest(used.jvm)}` };
}

/** What a submission stores, read back from one the API created: the raw writes use items of the same shape and size. */
interface StoredSubmission {
  complaint: Complaint;
  events: TimelineEvent[];
}

async function storedSubmission(store: DynamoComplaintStore, complaintId: string): Promise<StoredSubmission> {
  const complaint = await store.getComplaint(complaintId);
  if (!complaint) throw new Error(`bench/intake: complaint ${complaintId} is not in the table`);
  const events = (await store.listTimeline(complaintId)).filter((e) => e.type === 'received' || e.type === 'graded');
  return { complaint, events };
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * The DynamoDB work one submission does, no more, no less, as raw SDK calls on items of the same
 * shape and size: the rate-limit hit and the two claim look-ups (idempotency key, content
 * fingerprint) at once, then one transaction that moves the month's ticket counter on the
 * condition nobody moved it and puts the complaint, its ticket, its two first events and both
 * claims. Numbering transactions of one month run one at a time (one counter item: concurrent
 * ones would cancel each other), as in the store.
 */
async function rawSubmissions(
  doc: DynamoDBDocumentClient,
  tableName: string,
  template: StoredSubmission,
  concurrency: number,
  monthKey: string,
): Promise<RunFigures> {
  let last = 0;
  let numbering: Promise<unknown> = Promise.resolve();
  return load(REQUESTS, concurrency, async (i) => {
    const id = randomUUID();
    const now = new Date();
    const epoch = Math.floor(now.getTime() / 1000);
    const window = Math.floor(epoch / 60) * 60;
    const claims = [`key#${sha256(`raw-${i}-${id}`)}`, `content#${sha256(`raw-content-${id}`)}`];
    await Promise.all([
      doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: rateWindowKey('127.0.0.1', window),
          UpdateExpression: 'ADD #count :one SET #ttl = :ttl',
          ExpressionAttributeNames: { '#count': 'count', '#ttl': TTL_ATTRIBUTE },
          ExpressionAttributeValues: { ':one': 1, ':ttl': window + 60 },
          ReturnValues: 'UPDATED_NEW',
        }),
      ),
      ...claims.map((key) =>
        doc.send(new GetCommand({ TableName: tableName, Key: idempotencyKey(key), ConsistentRead: true })),
      ),
    ]);
    const at = now.toISOString();
    const events = template.events.map((e, n) => ({
      ...e,
      complaintId: id,
      at,
      eventId: `${at}#${n}${id.slice(0, 6)}`,
    }));
    const create = async () => {
      const ticketNumber = formatTicketNumber(monthKey, last + 1);
      const complaint = { ...template.complaint, id, ticketNumber, receivedAt: at, updatedAt: at };
      const putNew = (Item: Record<string, unknown>) => ({
        Put: { TableName: tableName, Item, ConditionExpression: 'attribute_not_exists(pk)' },
      });
      await doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: tableName,
                Key: ticketCounterKey(monthKey),
                UpdateExpression: 'SET #sequence = :next',
                ConditionExpression: last === 0 ? 'attribute_not_exists(#sequence)' : '#sequence = :last',
                ExpressionAttributeNames: { '#sequence': 'sequence' },
                ExpressionAttributeValues: last === 0 ? { ':next': 1 } : { ':next': last + 1, ':last': last },
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
              },
            },
            putNew(complaintItem(complaint)),
            putNew({ ...ticketKey(ticketNumber), complaintId: id }),
            ...events.map((e) => putNew(eventItem(e))),
            ...claims.map((key) => ({
              Put: {
                TableName: tableName,
                Item: {
                  ...idempotencyKey(key),
                  key,
                  complaintId: id,
                  requestHash: sha256(key),
                  expiresAt: epoch + 86_400,
                  [TTL_ATTRIBUTE]: epoch + 86_400,
                },
                ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
                ExpressionAttributeValues: { ':now': epoch },
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
              },
            })),
          ],
        }),
      );
      last += 1;
    };
    const mine = numbering.then(create);
    numbering = mine.catch(() => undefined);
    await mine;
  });
}

/**
 * How the SDK-only module creates the clients of each SDK package a function imports: the
 * construction our adapters do (shared/adapters), without anything around it.
 */
const SDK_CLIENTS: Record<string, { imports: string; create: string }> = {
  '@aws-sdk/client-dynamodb': {
    imports: "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
    create: 'new DynamoDBClient({});',
  },
  '@aws-sdk/lib-dynamodb': {
    imports:
      "import { DynamoDBClient as D } from '@aws-sdk/client-dynamodb'; import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';",
    create: 'DynamoDBDocumentClient.from(new D({}), { marshallOptions: { removeUndefinedValues: true } });',
  },
  '@aws-sdk/client-sfn': { imports: "import { SFNClient } from '@aws-sdk/client-sfn';", create: 'new SFNClient({});' },
  '@aws-sdk/client-sesv2': {
    imports: "import { SESv2Client } from '@aws-sdk/client-sesv2';",
    create: 'new SESv2Client({});',
  },
  '@aws-sdk/client-secrets-manager': {
    imports: "import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';",
    create: 'new SecretsManagerClient({});',
  },
  '@aws-sdk/client-cognito-identity-provider': {
    imports: "import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';",
    create: 'new CognitoIdentityProviderClient({});',
  },
  '@aws-sdk/client-s3': { imports: "import { S3Client } from '@aws-sdk/client-s3';", create: 'new S3Client({});' },
};

/** The @aws-sdk packages a bundle imports (its output's external imports, after tree shaking). */
function sdkPackages(metafile: Metafile): string[] {
  const packages = new Set<string>();
  for (const output of Object.values(metafile.outputs))
    for (const imported of output.imports)
      if (imported.external && imported.path.startsWith('@aws-sdk/')) packages.add(imported.path);
  return [...packages].sort();
}

/** A module that only imports and creates the clients of the given SDK packages. */
function sdkOnlyModule(packages: string[]): string {
  return packages
    .map((pkg) => {
      const client = SDK_CLIENTS[pkg];
      if (!client) throw new Error(`bench/intake: no SDK_CLIENTS entry for ${pkg}; add how our adapters create it`);
      return `${client.imports}\n${client.create}`;
    })
    .join('\n');
}

/** Median of five cold imports of a module, each in a fresh Node process. */
function coldImport(file: string, env: NodeJS.ProcessEnv): number {
  const importMs: number[] = [];
  for (let run = 0; run < 5; run++) {
    const out = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const t=performance.now();await import(${JSON.stringify(`./${file}`)});console.log(performance.now()-t)`,
      ],
      { env, cwd: process.cwd(), encoding: 'utf8' },
    );
    importMs.push(Number(out.trim()));
  }
  importMs.sort((a, b) => a - b);
  return importMs[2]!;
}

/**
 * Bundles each function as the CDK construct does (ESM, minified, the construct's externals:
 * the AWS SDK and Powertools, which resolve here from node_modules as on Lambda from the runtime
 * and the layer), and times its cold import next to that of its SDK-only module.
 */
async function bundles(): Promise<Record<string, string | number>[]> {
  // Inside the project, so the bundles resolve the externals from node_modules.
  const outdir = join('node_modules', '.cache', 'closeloop-bench');
  mkdirSync(outdir, { recursive: true });
  const rows: Record<string, string | number>[] = [];
  const env = {
    ...process.env,
    TABLE_NAME: 'bench',
    STATE_MACHINE_ARN: 'arn:aws:states:us-east-1:000000000000:stateMachine:bench',
    MAIL_FROM: 'bench@example.com',
    PUBLIC_BASE_URL: 'http://localhost:3000',
    LINK_SIGNING_SECRET: 'bench-secret-bench-secret-bench-secret',
    AWS_REGION: 'us-east-1',
    POWERTOOLS_METRICS_DISABLED: 'true',
  };
  for (const file of readdirSync('functions')
    .filter((f) => f.endsWith('.ts'))
    .sort()) {
    const name = basename(file, '.ts');
    const outfile = join(outdir, `${name}.mjs`);
    const { metafile } = await build({
      ...FUNCTION_BUILD_OPTIONS,
      entryPoints: [join('functions', file)],
      outfile,
      metafile: true,
      logLevel: 'silent',
    });
    const packages = sdkPackages(metafile);
    const sdkOnly = join(outdir, `${name}.sdk-only.mjs`);
    writeFileSync(sdkOnly, sdkOnlyModule(packages));
    const functionMs = coldImport(outfile, env);
    const sdkMs = coldImport(sdkOnly, env);
    rows.push({
      function: name,
      bundle: `${(statSync(outfile).size / 1024).toFixed(1)} KiB`,
      'cold import': ms(functionMs),
      'SDK clients only': packages.length ? ms(sdkMs) : '(none)',
      ratio: packages.length ? `${(functionMs / sdkMs).toFixed(2)}x` : 'n/a',
      clients: packages.map((p) => p.replace('@aws-sdk/', '')).join(' ') || '-',
    });
  }
  return rows;
}

function printBundles(rows: Record<string, string | number>[]) {
  console.log(
    `\nFunction bundles (esbuild, ESM, minified, external: ${EXTERNAL_MODULES.join(' ')}) and cold import in a fresh Node process (median of 5),\nnext to a module that only creates the same SDK clients:\n`,
  );
  console.log(table(rows));
}

async function main() {
  const bundlesOnly = process.argv.includes('--bundles-only');
  const latencyOnly = process.argv.includes('--latency-only');
  if (bundlesOnly) {
    console.log(`bench/intake --bundles-only: Node ${process.version}, ${new Date().toISOString()}`);
    printBundles(await bundles());
    return;
  }
  console.log(`bench/intake: ${REQUESTS} requests per run, Node ${process.version}, ${new Date().toISOString()}\n`);
  const runtime = await startLocalRuntime({
    port: 0,
    sesPort: 0,
    sfnPort: 0,
    quiet: true,
    // The limiter is on, as deployed (its write is part of a submission); every request comes from one address.
    env: { RATE_LIMIT_PER_MINUTE: String(1_000_000_000) },
  });
  try {
    const doc = DynamoDBDocumentClient.from(
      new DynamoDBClient({ endpoint: runtime.dynamodbEndpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }),
      { marshallOptions: { removeUndefinedValues: true } },
    );
    const store = new DynamoComplaintStore({ doc, tableName: runtime.tableName });
    const template = await storedSubmission(store, await submitOne(runtime.apiUrl));
    // A month of its own per raw run, so its counter starts at 0001 as a new month's does.
    const rawMonth = (concurrency: number, run: string) => `99${String(concurrency).padStart(2, '0')}${run}`;
    // Warm the JVM, the handlers' cold start and the connection pools before measuring.
    await intake(runtime.apiUrl, 4, 1_000_000);
    await rawSubmissions(doc, runtime.tableName, template, 4, rawMonth(4, '00'));
    const rows: Record<string, string | number>[] = [];
    for (const [index, concurrency] of CONCURRENCY.entries()) {
      const raw = await measured(() =>
        rawSubmissions(doc, runtime.tableName, template, concurrency, rawMonth(concurrency, '01')),
      );
      const api = await measured(() => intake(runtime.apiUrl, concurrency, index * REQUESTS));
      for (const [what, f] of [
        ['POST /complaints (local runtime)', api],
        ['raw DynamoDB Local, same writes', raw],
      ] as const) {
        rows.push({
          clients: concurrency,
          what,
          p50: ms(f.p50),
          p95: ms(f.p95),
          p99: ms(f.p99),
          'req/s': f.throughput.toFixed(1),
          'CPU ms/req (node + DynamoDB Local)': f.cpu,
        });
      }
      rows.push({
        clients: concurrency,
        what: 'overhead ratio (ours / raw)',
        p50: `${(api.p50 / raw.p50).toFixed(2)}x`,
        p95: `${(api.p95 / raw.p95).toFixed(2)}x`,
        p99: `${(api.p99 / raw.p99).toFixed(2)}x`,
        'req/s': `${(raw.throughput / api.throughput).toFixed(2)}x`,
      });
    }
    console.log(table(rows));
    console.log(
      '\nCPU of POST /complaints includes the workflow each complaint starts: its first steps run in this process and on the same DynamoDB Local.',
    );
  } finally {
    await runtime.stop();
  }
  if (!latencyOnly) printBundles(await bundles());
}

/** One complaint through the API; its id. */
async function submitOne(apiUrl: string): Promise<string> {
  const response = await fetch(`${apiUrl}/complaints`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': `bench-template-${randomUUID()}` },
    body: complaintBody(0),
  });
  if (response.status !== 201)
    throw new Error(`POST /complaints answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

await main();
