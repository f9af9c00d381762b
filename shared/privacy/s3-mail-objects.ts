import { DeleteObjectsCommand, GetObjectCommand, NoSuchKey, type S3Client } from '@aws-sdk/client-s3';
import { getS3Client } from '../adapters/s3/raw-mail-store.js';
import type { MailObjects } from './ports.js';

/** DeleteObjects takes at most 1,000 keys. */
const BATCH = 1000;

export class S3MailObjects implements MailObjects {
  constructor(private readonly opts: { bucket: string; client?: S3Client }) {}

  private get client(): S3Client {
    return this.opts.client ?? getS3Client();
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.opts.bucket, Key: key }));
      return object.Body ? await object.Body.transformToByteArray() : new Uint8Array();
    } catch (error) {
      if (error instanceof NoSuchKey || (error as Error).name === 'NoSuchKey') return undefined;
      throw error;
    }
  }

  async delete(keys: readonly string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += BATCH) {
      const out = await this.client.send(
        new DeleteObjectsCommand({
          Bucket: this.opts.bucket,
          Delete: { Objects: keys.slice(i, i + BATCH).map((Key) => ({ Key })), Quiet: true },
        }),
      );
      if (out.Errors?.length) throw new Error(`could not delete ${out.Errors.length} raw-mail objects`);
    }
  }
}
