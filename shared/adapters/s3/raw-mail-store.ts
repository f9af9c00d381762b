import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { RawMailStore } from '../../ports/index.js';
import { traced } from '../../tracing.js';

/**
 * One S3 client per cold start. Region, credentials and endpoint come from the SDK's environment
 * (AWS_ENDPOINT_URL_S3 points it at the local S3 emulator); path-style addressing because an
 * emulator on 127.0.0.1 has no bucket subdomains, and S3 accepts it too.
 */
let cached: S3Client | undefined;

export function getS3Client(): S3Client {
  cached ??= traced(new S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3) }));
  return cached;
}

/** Raw inbound mail (written by SES's receipt rule, or the local SMTP server) and the attachments taken from it. */
export class S3RawMailStore implements RawMailStore {
  constructor(private readonly opts: { bucket: string; client?: S3Client }) {}

  private get client(): S3Client {
    return this.opts.client ?? getS3Client();
  }

  async getRaw(key: string): Promise<Uint8Array> {
    const object = await this.client.send(new GetObjectCommand({ Bucket: this.opts.bucket, Key: key }));
    if (!object.Body) throw new Error(`The raw mail ${key} is empty`);
    return object.Body.transformToByteArray();
  }

  async putAttachment(key: string, content: Uint8Array, contentType: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.opts.bucket,
        Key: key,
        Body: content,
        ContentType: contentType,
        // A customer's file is downloaded, never rendered inline from our bucket.
        ContentDisposition: 'attachment',
      }),
    );
  }
}
