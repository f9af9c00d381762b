import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LocalSes {
  /** SES endpoint for AWS_ENDPOINT_URL_SESV2; also the mailbox viewer (`/`) and the mail as JSON (`/store`). */
  url: string;
  stop(): Promise<void>;
}

export class PortInUseError extends Error {
  override name = 'PortInUseError';
}

type StartSes = (config: { host: string; port: number }) => Promise<Server>;

/**
 * Starts aws-ses-v2-local in this process. Its mailbox is one per process (module state), so
 * several runtimes in one test process share it: tell their mail apart by recipient.
 */
export async function startSesLocal(opts: { port?: number; host?: string } = {}): Promise<LocalSes> {
  const host = opts.host ?? '127.0.0.1';
  const port = opts.port ?? 0;
  // A CommonJS module with an ES-style default export: depending on the loader, the function is
  // the namespace's default or that default's default.
  const mod = (await import('aws-ses-v2-local')) as unknown as { default: StartSes | { default: StartSes } };
  const start = typeof mod.default === 'function' ? mod.default : mod.default.default;
  const server = await start({ host, port });
  // Express reports a failed listen through the callback it also uses for success: check.
  if (!server.listening) {
    throw new PortInUseError(`The SES emulator cannot listen on ${host}:${port}; is the port in use? Set SES_PORT.`);
  }
  return {
    url: `http://${host}:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
