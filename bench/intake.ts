/**
 * bench/intake: latency and throughput of POST /complaints through the local runtime, next to
 * the raw DynamoDB Local round trip of the same writes (so our code's overhead is a ratio),
 * plus each function's bundle size and cold-import time.
 *
 *   npm run bench:intake            (BENCH_REQUESTS=400 to change the sample)
 *
 * Figures, not assertions: the machines are shared and noisy.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { build } from 'esbuild';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../infra/local/dynamodb.js';
import { startLocalRuntime } from '../infra/local/runtime.js';
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

/** The same DynamoDB work one submission does: two claim look-ups, the ticket counter, the create transaction. */
async function rawWrites(doc: DynamoDBDocumentClient, tableName: string, concurrency: number): Promise<RunFigures> {
  return load(REQUESTS, concurrency, async (i) => {
    const id = randomUUID();
    const now = new Date().toISOString();
    await doc.send(
      new GetCommand({
        TableName: tableName,
        Key: { pk: `IDEMPOTENCY#raw-key-${id}`, sk: 'IDEMPOTENCY' },
        ConsistentRead: true,
      }),
    );
    await doc.send(
      new GetCommand({
        TableName: tableName,
        Key: { pk: `IDEMPOTENCY#raw-fp-${id}`, sk: 'IDEMPOTENCY' },
        ConsistentRead: true,
      }),
    );
    const counter = await doc.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { pk: 'COUNTER#TICKET#RAW', sk: 'COUNTER' },
        UpdateExpression: 'ADD #seq :one',
        ExpressionAttributeNames: { '#seq': 'seq' },
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const ticket = `RAW-${counter.Attributes?.seq}`;
    const notExists = { ConditionExpression: 'attribute_not_exists(pk)' };
    await doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: { pk: `COMPLAINT#${id}`, sk: 'META', description: complaintBody(i), at: now },
              ...notExists,
            },
          },
          {
            Put: {
              TableName: tableName,
              Item: { pk: `TICKET#${ticket}`, sk: 'TICKET', complaintId: id },
              ...notExists,
            },
          },
          {
            Put: {
              TableName: tableName,
              Item: { pk: `COMPLAINT#${id}`, sk: `EVENT#${now}#1`, type: 'received' },
              ...notExists,
            },
          },
          {
            Put: {
              TableName: tableName,
              Item: { pk: `COMPLAINT#${id}`, sk: `EVENT#${now}#2`, type: 'graded' },
              ...notExists,
            },
          },
          {
            Put: {
              TableName: tableName,
              Item: { pk: `IDEMPOTENCY#raw-key-${id}`, sk: 'IDEMPOTENCY', complaintId: id },
              ...notExists,
            },
          },
          {
            Put: {
              TableName: tableName,
              Item: { pk: `IDEMPOTENCY#raw-fp-${id}`, sk: 'IDEMPOTENCY', complaintId: id },
              ...notExists,
            },
          },
        ],
      }),
    );
  });
}

/** Bundles each function as the CDK construct does (ESM, minified, AWS SDK external). */
async function bundles(): Promise<Record<string, string | number>[]> {
  // Inside the project, so the bundles resolve the external AWS SDK as Lambda's runtime provides it.
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
    await build({
      entryPoints: [join('functions', file)],
      bundle: true,
      minify: true,
      platform: 'node',
      target: 'node22',
      format: 'esm',
      outfile,
      external: ['@aws-sdk/*'],
      banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" },
      logLevel: 'silent',
    });
    const importMs: number[] = [];
    for (let run = 0; run < 5; run++) {
      const out = execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const t=performance.now();await import(${JSON.stringify(`./${outfile}`)});console.log(performance.now()-t)`,
        ],
        { env, cwd: process.cwd(), encoding: 'utf8' },
      );
      importMs.push(Number(out.trim()));
    }
    importMs.sort((a, b) => a - b);
    rows.push({
      function: name,
      bundle: `${(statSync(outfile).size / 1024).toFixed(1)} KiB`,
      'cold import (median of 5)': ms(importMs[2]!),
    });
  }
  return rows;
}

async function main() {
  console.log(`bench/intake: ${REQUESTS} requests per run, Node ${process.version}, ${new Date().toISOString()}\n`);
  const runtime = await startLocalRuntime({
    port: 0,
    sesPort: 0,
    sfnPort: 0,
    quiet: true,
    env: { RATE_LIMIT_PER_MINUTE: '0' },
  });
  try {
    const doc = DynamoDBDocumentClient.from(
      new DynamoDBClient({ endpoint: runtime.dynamodbEndpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }),
    );
    // Warm the JVM, the handlers' cold start and the connection pools before measuring.
    await intake(runtime.apiUrl, 4, 1_000_000);
    await rawWrites(doc, runtime.tableName, 4);
    const rows: Record<string, string | number>[] = [];
    for (const [index, concurrency] of CONCURRENCY.entries()) {
      const raw = await rawWrites(doc, runtime.tableName, concurrency);
      const api = await intake(runtime.apiUrl, concurrency, index * REQUESTS);
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
  } finally {
    await runtime.stop();
  }
  console.log(
    '\nFunction bundles (esbuild, ESM, minified, @aws-sdk external) and cold import in a fresh Node process:\n',
  );
  console.log(table(await bundles()));
}

await main();
