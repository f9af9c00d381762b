/**
 * bench/mail-inbound: the time to take in one mail locally, end to end: an SMTP conversation with
 * the local runtime's port, the raw message stored in the S3 emulator, and the inbound function run
 * on it (parse, match, act on DynamoDB Local, mail back). Locally the SMTP answer comes after the
 * function ran, so the time to the answer is the time to process the mail.
 *
 *   npm run bench:mail-inbound                (each corpus mail, ROUNDS=3 times)
 *
 * Every mail goes to the support address, so each is processed in full (a new complaint, a note,
 * or nothing for machine-made mail). Figures, not assertions: the machines are shared and noisy.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalRuntime } from '../infra/local/runtime.js';
import { sendRawMail } from '../infra/local/smtp-client.js';
import { figures, ms, table } from './lib/stats.js';

const ROUNDS = Number(process.env.ROUNDS ?? 3);
const DIRS = ['test/fixtures/mail', 'test/fixtures/mail-held-out'];

const mails = DIRS.flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .map((f) => ({ name: f, raw: readFileSync(join(dir, f)) })),
);

const runtime = await startLocalRuntime({
  port: 0,
  sesPort: 0,
  sfnPort: 0,
  smtpPort: 0,
  s3Port: 0,
  quiet: true,
  // The handlers' own log lines would bury the figures.
  env: { POWERTOOLS_LOG_LEVEL: 'WARN' },
});
try {
  const inbound = runtime.inboundMail;
  if (!inbound) throw new Error('The local runtime has no SMTP port: the app defines no receipt rule');
  const support = inbound.recipients.find((r) => r.includes('@')) ?? `support@${inbound.recipients[0]}`;
  console.log(`bench/mail-inbound: Node ${process.version}, ${new Date().toISOString()}`);
  console.log(
    `${mails.length} mails (${DIRS.join(', ')}) x ${ROUNDS} rounds, each to ${support} on port ${inbound.smtpPort}\n`,
  );

  const latencies: number[] = [];
  const perMail = new Map<string, number[]>();
  const refused: string[] = [];
  const started = performance.now();
  for (let round = 0; round < ROUNDS; round++) {
    for (const { name, raw } of mails) {
      // A fresh Message-ID a round, so a later round is processed again rather than taken as a redelivery.
      const id = `Message-ID: <bench-${round}-${name}@bench.local>`;
      const text = raw.toString('latin1');
      const fresh = Buffer.from(
        /^Message-ID:/im.test(text) ? text.replace(/^Message-ID:.*$/im, id) : `${id}\r\n${text}`,
        'latin1',
      );
      const t0 = performance.now();
      const result = await sendRawMail({
        port: inbound.smtpPort,
        from: 'sender@bench.example',
        to: [support],
        raw: fresh,
      });
      const took = performance.now() - t0;
      if (result.delivered?.code !== 250) refused.push(`${name}: ${result.delivered?.code} ${result.delivered?.text}`);
      latencies.push(took);
      perMail.set(name, [...(perMail.get(name) ?? []), took]);
    }
  }
  await inbound.idle();
  const f = figures(latencies, performance.now() - started);
  console.log(
    table([
      {
        mails: f.count,
        p50: ms(f.p50),
        p95: ms(f.p95),
        p99: ms(f.p99),
        mean: ms(f.mean),
        'mails/s': f.throughput.toFixed(1),
      },
    ]),
  );
  const slowest = [...perMail.entries()]
    .map(([name, times]) => ({ name, median: [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]! }))
    .sort((a, b) => b.median - a.median)
    .slice(0, 5);
  console.log(`\nslowest mails (median)\n${table(slowest.map((s) => ({ file: s.name, median: ms(s.median) })))}`);
  if (refused.length > 0) console.log(`\nnot accepted: ${refused.length}\n${refused.join('\n')}`);
} finally {
  await runtime.stop();
}
