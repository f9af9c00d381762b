/**
 * bench/first-complaint: what the first customer after a cold start waits for. Starts the local
 * runtime (in memory), then times the first POST /complaints against the next ones. Intake reads
 * the stored policy and compiles its grading and routing rules once per cold start: at init, the
 * first complaint is as fast as the next; on its first request, the first complaint pays for it.
 *
 *   POWERTOOLS_LOG_LEVEL=SILENT npx tsx bench/first-complaint.ts              (3 fresh runtimes, 10 complaints each)
 *   POWERTOOLS_LOG_LEVEL=SILENT npx tsx bench/first-complaint.ts --runs 5
 *
 * Figures, not assertions: the machines are shared and noisy (the load is printed beside them).
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startLocalRuntime } from '../infra/local/runtime.js';
import { ms, percentile } from './lib/stats.js';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    complaints: { type: 'string', default: '10' },
    once: { type: 'boolean', default: false },
  },
});
const RUNS = Number(args.runs);
const COMPLAINTS = Number(args.complaints);
/** Marks the one line a run prints for its parent among whatever the runtime logs. */
const RESULT = 'first-complaint result: ';

async function submit(apiUrl: string, i: number): Promise<number> {
  const t0 = performance.now();
  const response = await fetch(`${apiUrl}/complaints`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({
      customer: { name: `Bench ${i}`, email: `first-${i}@example.com`, locale: 'zh-CN' },
      description: `账单 ${i} 重复扣款，请尽快退款。The bill was charged twice.`,
    }),
  });
  const body = await response.text();
  const took = performance.now() - t0;
  if (response.status !== 201) throw new Error(`POST /complaints answered ${response.status}: ${body.slice(0, 300)}`);
  return took;
}

/** One cold start in this process: handlers are imported once per process, as one Lambda instance. */
async function once(): Promise<{ first: number; next: number[]; load: number }> {
  const runtime = await startLocalRuntime({
    port: 0,
    sesPort: 0,
    sfnPort: 0,
    smtpPort: 0,
    s3Port: 0,
    quiet: true,
    env: { RATE_LIMIT_PER_MINUTE: '0' },
  });
  try {
    const load = loadavg()[0]!;
    const first = await submit(runtime.apiUrl, 0);
    const next: number[] = [];
    for (let i = 1; i < COMPLAINTS; i++) next.push(await submit(runtime.apiUrl, i));
    return { first, next, load };
  } finally {
    await runtime.stop();
  }
}

if (args.once) {
  console.log(`${RESULT}${JSON.stringify(await once())}`);
} else {
  console.log('POST /complaints right after a cold start of the local runtime (2 cores, shared)');
  for (let run = 1; run <= RUNS; run++) {
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), '--once', '--complaints', String(COMPLAINTS)],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const line = child.stdout.split('\n').find((l) => l.startsWith(RESULT));
    if (!line) throw new Error(`run ${run} printed no result:\n${child.stdout.slice(-2000)}`);
    const result = JSON.parse(line.slice(RESULT.length)) as Awaited<ReturnType<typeof once>>;
    const next = [...result.next].sort((a, b) => a - b);
    // Printed as each run ends: on a loaded machine a run takes minutes.
    console.log(
      `run ${run}: first complaint ${ms(result.first)}; next ${next.length}: p50 ${ms(percentile(next, 50))}, ` +
        `max ${ms(next.at(-1)!)}; load ${result.load.toFixed(1)}`,
    );
  }
}
