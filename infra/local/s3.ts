import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { LOCAL_CREDENTIALS } from './dynamodb.js';

/** The inbound mail bucket's name locally; the deployed one is named by CloudFormation. */
export const LOCAL_INBOUND_BUCKET = 'closeloop-inbound-mail';

export interface LocalS3 {
  /** For AWS_ENDPOINT_URL_S3. The SDK addresses a bucket by path on an IP endpoint, so no forcePathStyle is needed. */
  url: string;
  /** Where the objects are kept (under the data folder, or a temporary folder removed at stop). */
  directory: string;
  stop(): Promise<void>;
}

// s3rver checks request signatures against its own accounts: the runtime's credentials join its dummy account.
const require = createRequire(import.meta.url);
const accounts = require('s3rver/lib/models/account.js') as {
  DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void };
};
accounts.DUMMY_ACCOUNT.createKeyPair(LOCAL_CREDENTIALS.accessKeyId, LOCAL_CREDENTIALS.secretAccessKey);

/**
 * A real S3 API on loopback (s3rver): raw inbound mail and attachments are stored as S3 holds
 * them on AWS, through the same SDK calls. With a directory the objects outlive the process.
 */
export async function startS3Local(opts: { port?: number; directory?: string; buckets: string[] }): Promise<LocalS3> {
  const temporary = opts.directory === undefined;
  const directory = opts.directory ?? mkdtempSync(join(tmpdir(), 'closeloop-s3-'));
  mkdirSync(directory, { recursive: true });
  const server = new S3rver({
    address: '127.0.0.1',
    port: opts.port ?? 0,
    directory,
    silent: true,
    // Path-style only: virtual-host names such as bucket.127.0.0.1 resolve nowhere.
    vhostBuckets: false,
    configureBuckets: opts.buckets.map((name) => ({ name })),
  });
  let address: Awaited<ReturnType<S3rver['run']>>;
  try {
    // A taken port never settles s3rver's listen: the runtime checks S3_PORT is free before this.
    address = await server.run();
  } catch (err) {
    if (temporary) rmSync(directory, { recursive: true, force: true });
    throw err;
  }
  return {
    url: `http://127.0.0.1:${address.port}`,
    directory,
    stop: async () => {
      server.httpServer?.closeAllConnections();
      await server.close().catch(() => undefined);
      if (temporary) rmSync(directory, { recursive: true, force: true });
    },
  };
}
