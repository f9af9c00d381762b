/**
 * bench/start: how long `npm start` takes until it answers, on a fresh clone (no data, no cached
 * model, no compiled launcher) and on a restart (same data folder, caches in place).
 *
 *   npm run bench:start            (BENCH_WARM_RUNS=3 to change the number of restarts)
 *
 * Each run spawns `npm start` in its own process group, waits until the form page answers, then
 * stops it with one Ctrl-C (SIGINT to the group) and checks that it stopped cleanly.
 * Figures, not assertions: the machines are shared and noisy.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { groupAlive, npmStart, portIsFree } from '../test/support/npm-start.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CACHE = join(ROOT, 'node_modules/.cache/closeloop');
const WARM_RUNS = Number(process.env.BENCH_WARM_RUNS ?? 3);

interface Run {
  kind: 'cold' | 'warm';
  readyMs: number;
  answersMs: number;
  stopMs: number;
  clean: boolean;
}

async function once(kind: Run['kind'], dataDir: string): Promise<Run> {
  const began = Date.now();
  const started = await npmStart({ dataDir, cwd: ROOT });
  const readyMs = await started.ready;
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${started.ports.PORT}/`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const answersMs = Date.now() - began;
  const stopAt = Date.now();
  started.interrupt();
  await started.exited;
  const stopMs = Date.now() - stopAt;
  const portsFree = (await Promise.all(Object.values(started.ports).map(portIsFree))).every(Boolean);
  for (let i = 0; i < 50 && groupAlive(started.child.pid!); i++) await new Promise((r) => setTimeout(r, 100));
  const clean =
    started.output().includes('Stopped.') &&
    !started.output().includes('Forced exit') &&
    portsFree &&
    !groupAlive(started.child.pid!);
  if (!clean) console.error(`run did not stop cleanly:\n${started.output()}`);
  return { kind, readyMs, answersMs, stopMs, clean };
}

const dataDir = mkdtempSync(join(tmpdir(), 'closeloop-bench-start-'));
const runs: Run[] = [];
try {
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}; cache ${CACHE}`,
  );
  // A fresh clone: nothing cached, nothing stored.
  rmSync(CACHE, { recursive: true, force: true });
  runs.push(await once('cold', dataDir));
  for (let i = 0; i < WARM_RUNS; i++) runs.push(await once('warm', dataDir));
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
console.log('\nrun    "running" printed   first answer   stop (Ctrl-C)   clean');
for (const r of runs) {
  console.log(
    `${r.kind.padEnd(6)} ${`${(r.readyMs / 1000).toFixed(1)} s`.padStart(19)} ${`${(r.answersMs / 1000).toFixed(1)} s`.padStart(14)} ${`${(r.stopMs / 1000).toFixed(1)} s`.padStart(15)}   ${r.clean ? 'yes' : 'NO'}`,
  );
}
const warm = runs.filter((r) => r.kind === 'warm');
console.log(
  `\nstart: cold ${(runs[0]!.answersMs / 1000).toFixed(1)} s, warm (median of ${warm.length}) ${(median(warm.map((r) => r.answersMs)) / 1000).toFixed(1)} s; clean stops ${runs.filter((r) => r.clean).length}/${runs.length}`,
);
