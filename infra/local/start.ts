/**
 * `npm start`: Closeloop on this machine, with data kept under .data/ between runs.
 * Ports: PORT (API, 3000), SES_PORT (mailbox, 8005), SFN_PORT (8083), DYNAMODB_PORT (8000),
 * SMTP_PORT (inbound mail, 2525), S3_PORT (inbound mail store; 0 picks a free one).
 * CLOSELOOP_TIME_SCALE=3600 makes an hour of workflow time pass in a second;
 * CLOSELOOP_CLOCK_START=2026-09-30T08:00:00Z starts workflow time there (never before where the last run stopped).
 * CLOSELOOP_DATA_DIR (default .data) is where the table, the mailbox, the clock and the secrets are kept.
 * STAFF_DIRECTORY='[{"id":...,"name":...,"email":...,"role":...,"locale":...}]' replaces the demo staff.
 *
 * npm runs this with `node --import tsx`, not the tsx command: tsx relays Ctrl-C to its child and,
 * if the child has not acknowledged it within 30 ms (a busy machine), signals it again and then
 * kills it, so the runtime never stopped cleanly.
 */
import { parseStaffList } from '../../shared/adapters/staff-directory.js';
import { startLocalRuntime } from './runtime.js';

function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) {
    console.error(`${name} must be a non-negative number, got "${raw}"`);
    process.exit(2);
  }
  return value;
}

const port = numberFromEnv('PORT', 3000);
const sesPort = numberFromEnv('SES_PORT', 8005);
const sfnPort = numberFromEnv('SFN_PORT', 8083);
const dynamodbPort = numberFromEnv('DYNAMODB_PORT', 8000);
const smtpPort = numberFromEnv('SMTP_PORT', 2525);
const s3Port = numberFromEnv('S3_PORT', 0);
const timeScale = numberFromEnv('CLOSELOOP_TIME_SCALE', 1) || 1;
const dataDir = process.env.CLOSELOOP_DATA_DIR || '.data';
const clockStartRaw = process.env.CLOSELOOP_CLOCK_START;
const clockStart = clockStartRaw ? new Date(clockStartRaw) : undefined;
if (clockStart && Number.isNaN(clockStart.getTime())) {
  console.error(`CLOSELOOP_CLOCK_START must be an ISO instant such as 2026-09-30T08:00:00Z, got "${clockStartRaw}"`);
  process.exit(2);
}

let stopping = false;
let pendingSignal: string | undefined;
let firstSignalAt = 0;
/**
 * A terminal's Ctrl-C reaches this process more than once: the terminal signals the whole process
 * group and npm relays the signal to its child as well. Deliveries within a second are that one
 * press; only a press after that forces the exit.
 */
const SAME_PRESS_MS = 1000;
const shutdown = (signal: string) => {
  // Pressed while starting: stop as soon as there is something to stop.
  if (!runtime) {
    pendingSignal ??= signal;
    return;
  }
  if (stopping) {
    if (Date.now() - firstSignalAt < SAME_PRESS_MS) return;
    console.log('Forced exit.');
    process.exit(1);
  }
  stopping = true;
  firstSignalAt = Date.now();
  console.log(`\n${signal}: stopping (Ctrl-C again to force)...`);
  runtime.stop().then(
    () => {
      console.log(`Stopped. Every port is free again; data is kept in ${dataDir}/.`);
      process.exit(0);
    },
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));

const startedAt = Date.now();
console.log('Starting Closeloop locally (DynamoDB Local, the mailbox, Step Functions and the API)...');
let runtime: Awaited<ReturnType<typeof startLocalRuntime>> | undefined;
try {
  runtime = await startLocalRuntime({
    port,
    sesPort,
    sfnPort,
    dynamodbPort,
    smtpPort,
    s3Port,
    dataDir,
    timeScale,
    clockStart,
    staff: process.env.STAFF_DIRECTORY ? parseStaffList(process.env.STAFF_DIRECTORY) : undefined,
  });
} catch (err) {
  // Setup problems (no Java, a taken port) carry their own advice; anything else gets its stack.
  const e = err as Error;
  const known = ['PortInUseError'].includes(e.name) || /Java/.test(e.message);
  console.error(`\nCloseloop could not start: ${known ? e.message : e.stack}`);
  process.exit(1);
}

const api = runtime.apiUrl;
const demoUser = runtime.issuer.userIds[0] ?? '<staff id>';
const staff = runtime.issuer.users.map((u) => `${u.id} (${u.role})`);
const inbound = runtime.inboundMail;
const inboundLines = inbound
  ? `
  Inbound mail (SMTP)   127.0.0.1:${inbound.smtpPort}   takes mail for ${inbound.recipients.join(', ')}
  Send a file           npm run mail:receive -- file.eml   (SMTP_PORT=${inbound.smtpPort})
  Inbound mail store    ${inbound.s3Url}   bucket ${inbound.bucket}, objects in ${dataDir}/s3`
  : '';
console.log(`
Closeloop is running${timeScale !== 1 ? ` (workflow time x${timeScale})` : ''}, started in ${((Date.now() - startedAt) / 1000).toFixed(1)} s.

  Complaint form        ${api}/
  Staff console         ${api}/console   (sign in locally by picking a demo user)
  API description       ${api}/openapi.json
  Submit (JSON API)     POST ${api}/complaints
  Status pages          ${api}/status/<token>   (the link is in the acknowledgement mail)
  Staff API             ${api}/staff/...   header Authorization: Bearer <token>
  Staff token (local)   POST ${api}/_local/token {"user":"${demoUser}"}   (valid 12 h; this route exists only locally)
  Demo staff            ${staff.join(', ')}
  Mailbox viewer        ${runtime.sesUrl}/
  Mailbox as JSON       ${runtime.sesUrl}/store
  Step Functions API    ${runtime.sfnUrl}   (AWS_ENDPOINT_URL_SFN)${runtime.stateMachineArn ? `\n  State machine         ${runtime.stateMachineArn}` : ''}
  DynamoDB              ${runtime.dynamodbEndpoint}   table ${runtime.tableName}, data in ${dataDir}/dynamodb
${inboundLines.slice(1)}
  Workflow clock        ${runtime.clock.now().toISOString()}${timeScale !== 1 ? `, x${timeScale}` : ''}   (kept in ${dataDir}/clock.json; it never goes back)

  Get a token:  curl -s -X POST ${api}/_local/token -H 'content-type: application/json' -d '{"user":"${demoUser}"}'

Press Ctrl-C to stop (open complaints resume from the table on the next start).
`);
if (pendingSignal) shutdown(pendingSignal);
