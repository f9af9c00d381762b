import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { groupAlive, npmStart, portIsFree } from '../support/npm-start.js';

const dataDir = mkdtempSync(join(tmpdir(), 'closeloop-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/**
 * A terminal's Ctrl-C sends SIGINT to every process of the foreground group: npm, the shell, Node
 * and Java each get it, and npm relays it once more. One press must still stop everything cleanly.
 */
describe('npm start', { timeout: 240_000 }, () => {
  it('stops cleanly on one Ctrl-C: says so, exits 0, frees every port and leaves no process behind', async () => {
    const started = await npmStart({ dataDir, cwd: process.cwd() });
    try {
      await started.ready;
      started.interrupt();
      const exit = await started.exited;
      const output = started.output();
      expect(output).toContain('Stopped.');
      expect(output).not.toContain('Forced exit');
      // The script exits 0; npm, which got the same Ctrl-C, then ends by it as it does for any script
      // (a shell shows 130). Anything else (1 for a failed stop, SIGKILL) is not a clean stop.
      expect([
        { code: 0, signal: null },
        { code: null, signal: 'SIGINT' },
      ]).toContainEqual(exit);
      for (const port of Object.values(started.ports)) expect(await portIsFree(port), `port ${port}`).toBe(true);
      await expect.poll(() => groupAlive(started.child.pid!)).toBe(false);
    } finally {
      if (groupAlive(started.child.pid!)) process.kill(-started.child.pid!, 'SIGKILL');
    }
  });
});
