import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { LocalModel } from './cdk-model.js';

/**
 * Synthesizing the CDK app takes seconds (loading aws-cdk-lib alone is most of it) and its result
 * changes only when the code it reads changes. The model the local runtime needs is kept in
 * node_modules/.cache/closeloop, keyed by a hash of every source file synthesis can read, and
 * reused while that hash holds: an edit anywhere under infra/, shared/, functions/ or web/, or
 * a dependency change (package-lock.json), synthesizes again.
 */
const SOURCES = ['infra', 'shared', 'functions', 'web'];
const FILES = ['cdk.json', 'package-lock.json', 'tsconfig.json'];
/** Bumped when the cached shape changes. */
const FORMAT = 'local-model-v2';

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/** Hash of every file the synthesized model can depend on (paths and contents). */
export function modelSourceHash(projectRoot: string): string {
  const hash = createHash('sha256').update(FORMAT);
  const files = [
    ...SOURCES.flatMap((dir) => filesUnder(join(projectRoot, dir))),
    ...FILES.map((f) => join(projectRoot, f)).filter((f) => existsSync(f) && statSync(f).isFile()),
  ].sort();
  for (const file of files) {
    hash.update(relative(projectRoot, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * The Closeloop app's local model: from the cache when its sources are unchanged, else synthesized
 * now (and cached). `fromCache` says which, for the start message.
 */
export async function loadCachedLocalModel(
  projectRoot: string,
  cacheDir = join(projectRoot, 'node_modules/.cache/closeloop'),
): Promise<{ model: LocalModel; fromCache: boolean }> {
  const file = join(cacheDir, `model-${modelSourceHash(projectRoot)}.json`);
  if (existsSync(file)) {
    try {
      return { model: JSON.parse(readFileSync(file, 'utf8')) as LocalModel, fromCache: true };
    } catch {
      // A cache file cut short: synthesize again.
    }
  }
  // Loaded only on a miss: importing the CDK is most of a synthesis.
  const { loadLocalModel } = await import('./cdk-model.js');
  const model = loadLocalModel();
  mkdirSync(cacheDir, { recursive: true });
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, JSON.stringify(model));
  renameSync(partial, file);
  // Models of sources that no longer exist are never read again.
  for (const name of readdirSync(cacheDir)) {
    if (name.startsWith('model-') && name.endsWith('.json') && join(cacheDir, name) !== file) {
      rmSync(join(cacheDir, name), { force: true });
    }
  }
  return { model, fromCache: false };
}
