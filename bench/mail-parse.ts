/**
 * bench/mail-parse: time of parseMail (raw bytes to ParsedMail: MIME, charsets, new text,
 * machine-made mail, attachment policy) over a corpus, and how many of its mails are parsed right
 * against its expected.json.
 *
 *   npx tsx bench/mail-parse.ts                      (the corpus in test/fixtures/mail)
 *   npx tsx bench/mail-parse.ts some/dir             (any folder of .eml files with an expected.json)
 *   BENCH_ROUNDS=50 npx tsx bench/mail-parse.ts
 *
 * Figures, not assertions: the machines are shared and noisy. The first round warms up and is not counted.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMail } from '../shared/mail/parse.js';
import { mismatches } from '../test/fixtures/mail/make/check.js';
import type { Expected } from '../test/fixtures/mail/make/corpus.js';
import { figures, ms, table } from './lib/stats.js';

const dir = process.argv[2] ?? join(import.meta.dirname, '../test/fixtures/mail');
const rounds = Number(process.env.BENCH_ROUNDS ?? 20);
const files = readdirSync(dir)
  .filter((file) => file.endsWith('.eml'))
  .sort();
const mails = files.map((file) => ({ file, raw: readFileSync(join(dir, file)) }));

const coldStart = performance.now();
await parseMail(mails[0]!.raw);
const cold = performance.now() - coldStart;
for (const { raw } of mails) await parseMail(raw);

const latencies: number[] = [];
const byFile = new Map<string, number[]>();
const started = performance.now();
for (let round = 0; round < rounds; round += 1) {
  for (const { file, raw } of mails) {
    const t0 = performance.now();
    await parseMail(raw);
    const took = performance.now() - t0;
    latencies.push(took);
    byFile.set(file, [...(byFile.get(file) ?? []), took]);
  }
}
const all = figures(latencies, performance.now() - started);

console.log(`parseMail over ${mails.length} mails x ${rounds} rounds (first parse in the process: ${ms(cold)})`);
console.log(
  table([
    { p50: ms(all.p50), p95: ms(all.p95), p99: ms(all.p99), mean: ms(all.mean), 'mails/s': all.throughput.toFixed(0) },
  ]),
);
const slowest = [...byFile.entries()]
  .map(([file, times]) => ({
    file,
    kB: (mails.find((m) => m.file === file)!.raw.length / 1024).toFixed(1),
    p50: figures(times, 1).p50,
  }))
  .sort((a, b) => b.p50 - a.p50)
  .slice(0, 5)
  .map((row) => ({ ...row, p50: ms(row.p50) }));
console.log(`\nslowest mails\n${table(slowest)}`);

const expectedFile = join(dir, 'expected.json');
if (existsSync(expectedFile)) {
  const expected = JSON.parse(readFileSync(expectedFile, 'utf8')) as Record<string, Expected>;
  let right = 0;
  const wrong: string[] = [];
  for (const [file, wanted] of Object.entries(expected)) {
    const raw = mails.find((m) => m.file === file)?.raw;
    const problems = raw ? mismatches(await parseMail(raw), wanted) : ['file missing'];
    if (problems.length === 0) right += 1;
    else wrong.push(`${file}: ${problems.join('; ')}`);
  }
  console.log(`\nparsed right: ${right} / ${Object.keys(expected).length}`);
  for (const line of wrong) console.log(`  ${line}`);
}
