import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { groupAlive, npmStart, portIsFree } from '../support/npm-start.js';

const dataDir = mkdtempSync(join(tmpdir(), 'closeloop-start-'));
const firstStartDir = mkdtempSync(join(tmpdir(), 'closeloop-first-start-'));
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(firstStartDir, { recursive: true, force: true });
});

/** Whether something accepts a connection on 127.0.0.1:port right now. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

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

  it('serves the very first request once its port opens: the policy is stored and every function loaded before it listens', async () => {
    const started = await npmStart({ dataDir: firstStartDir, cwd: process.cwd() });
    try {
      let gone = false;
      void started.exited.then(() => {
        gone = true;
      });
      // Knocks as a browser opened at once would, until the port answers (or start gave up).
      while (!(await accepts(started.ports.PORT))) {
        if (gone) throw new Error(`npm start exited:\n${started.output()}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const response = await fetch(`http://127.0.0.1:${started.ports.PORT}/complaints`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
        body: JSON.stringify({
          customer: { name: 'First', email: 'first@example.com', locale: 'en' },
          description: 'The bill was charged twice on the first day.',
        }),
      });
      expect(response.status, await response.clone().text()).toBe(201);
      await started.ready;
    } finally {
      started.interrupt();
      await started.exited;
    }
  });
});
