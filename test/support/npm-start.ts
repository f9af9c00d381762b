import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { freePort } from '../../infra/local/dynamodb.js';

/**
 * `npm start` as a developer runs it, in its own process group (as a terminal gives it), on free
 * ports and a data folder of the caller's choosing. Used by the start test and bench/start.ts.
 */
export interface StartedProcess {
  child: ChildProcess;
  ports: {
    PORT: number;
    SES_PORT: number;
    SFN_PORT: number;
    DYNAMODB_PORT: number;
    SMTP_PORT: number;
    S3_PORT: number;
  };
  /** Everything printed so far (stdout and stderr). */
  output(): string;
  /** Milliseconds from spawn until "Closeloop is running" was printed. */
  ready: Promise<number>;
  /** Ctrl-C in a terminal: SIGINT to the whole process group. */
  interrupt(): void;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function npmStart(opts: {
  dataDir: string;
  cwd: string;
  env?: Record<string, string>;
}): Promise<StartedProcess> {
  const ports = {
    PORT: await freePort(),
    SES_PORT: await freePort(),
    SFN_PORT: await freePort(),
    DYNAMODB_PORT: await freePort(),
    SMTP_PORT: await freePort(),
    S3_PORT: await freePort(),
  };
  const began = Date.now();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: opts.cwd,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
      CLOSELOOP_DATA_DIR: opts.dataDir,
      ...opts.env,
    },
  });
  let text = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const ready = new Promise<number>((resolve, reject) => {
    const onData = (d: Buffer) => {
      text += d.toString();
      if (text.includes('Closeloop is running')) resolve(Date.now() - began);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then(() => reject(new Error(`npm start exited before it was ready:\n${text}`)));
  });
  ready.catch(() => undefined);
  return {
    child,
    ports,
    output: () => text,
    ready,
    interrupt: () => process.kill(-child.pid!, 'SIGINT'),
    exited,
  };
}

/** Whether a port on 127.0.0.1 can be bound again (nothing listens on it any more). */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** Whether any process of the group is still alive. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}
