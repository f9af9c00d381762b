import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCAL_ONLY_SETTINGS } from '../../infra/local/local-only.js';
import { functionsByEntry, synthCloseloop } from './synth.js';

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourcesUnder(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('local concerns stay local', () => {
  it('gives no deployed function a local-only setting', () => {
    const { data, api } = synthCloseloop();
    const functions = [...Object.values(functionsByEntry(data)), ...Object.values(functionsByEntry(api))];
    expect(functions.length).toBeGreaterThan(0);
    for (const fn of functions) {
      const names = Object.keys(fn.properties.Environment?.Variables ?? {});
      expect(
        names.filter((n) => (LOCAL_ONLY_SETTINGS as readonly string[]).includes(n)),
        fn.logicalId,
      ).toEqual([]);
    }
  });

  it('has no deployed code that reads one (the local runtime injects its clock instead)', () => {
    const readers = ['shared', 'functions'].flatMap((dir) =>
      sourcesUnder(join(process.cwd(), dir)).filter((file) =>
        LOCAL_ONLY_SETTINGS.some((name) => readFileSync(file, 'utf8').includes(name)),
      ),
    );
    expect(readers).toEqual([]);
  });
});
