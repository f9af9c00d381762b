import { randomUUID } from 'node:crypto';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { getS3Client } from '../adapters/s3/raw-mail-store.js';
import { EXPORTS_PREFIX } from '../mail/storage.js';
import type { ExportArchives, PublishedArchive } from './ports.js';

/** How long a download link works: long enough to click, short enough that a forwarded one is soon dead. */
export const EXPORT_LINK_SECONDS = 15 * 60;

/**
 * Exports go to the raw-mail bucket under exports/ and come back as a presigned GET: a Lambda response
 * carries 6 MB (about 4 MB of zip once base64), and the customers who ask for their data are the
 * ones with many mails and attachments. The bucket's lifecycle rule deletes the object after a day.
 */
export class S3ExportArchives implements ExportArchives {
  constructor(
    private readonly opts: {
      bucket: string;
      client?: S3Client;
      /**
       * When the link is signed. Real time, not the workflow clock: S3 (and s3rver locally) checks
       * expiry against its own clock. Tests sign in the past to get a link that has expired.
       */
      now?: () => Date;
    },
  ) {}

  private get client(): S3Client {
    return this.opts.client ?? getS3Client();
  }

  async publish(archive: Uint8Array, fileName: string): Promise<PublishedArchive> {
    const key = `${EXPORTS_PREFIX}${randomUUID()}.zip`;
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.opts.bucket,
        Key: key,
        Body: archive,
        ContentType: 'application/zip',
        ContentDisposition: `attachment; filename="${fileName}"`,
      }),
    );
    const signedAt = this.opts.now?.() ?? new Date();
    // Signed with the function's role: the link can do what the role may, and the role may read exports/ only.
    // A link signed with temporary credentials also ends when they do, which on Lambda is hours away.
    const url = await getSignedUrl(this.client, new GetObjectCommand({ Bucket: this.opts.bucket, Key: key }), {
      expiresIn: EXPORT_LINK_SECONDS,
      signingDate: signedAt,
    });
    return { key, url, expiresAt: new Date(signedAt.getTime() + EXPORT_LINK_SECONDS * 1000).toISOString() };
  }
}
