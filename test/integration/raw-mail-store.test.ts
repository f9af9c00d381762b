import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3RawMailStore } from '../../shared/adapters/s3/raw-mail-store.js';

// s3rver ships no types: only its constructor, run and close are used here.
interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
const S3rver = createRequire(import.meta.url)('s3rver') as new (options: object) => S3rverInstance;

describe('the S3 raw mail store', () => {
  const bucket = 'inbound-mail';
  const directory = mkdtempSync(join(tmpdir(), 'closeloop-s3-'));
  let server: S3rverInstance;
  let client: S3Client;
  let store: S3RawMailStore;

  beforeAll(async () => {
    server = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory,
      configureBuckets: [{ name: bucket }],
    });
    const { port } = await server.run();
    client = new S3Client({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    store = new S3RawMailStore({ bucket, client });
  });
  afterAll(async () => {
    client.destroy();
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('reads back the raw bytes SES stored, byte for byte', async () => {
    const raw = Buffer.from('Subject: =?GBK?B?xOO6ww==?=\r\n\r\n\xc4\xe3\xba\xc3\r\n', 'latin1');
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'inbound/abc', Body: raw }));
    expect(Buffer.from(await store.getRaw('inbound/abc'))).toEqual(raw);
  });

  it('keeps an attachment beside the raw mail as a download, with its type', async () => {
    const photo = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 9, 9]);
    await store.putAttachment('attachments/abc/1-照片.jpg', photo, 'image/jpeg');
    const stored = await client.send(new GetObjectCommand({ Bucket: bucket, Key: 'attachments/abc/1-照片.jpg' }));
    expect(stored.ContentType).toBe('image/jpeg');
    expect(stored.ContentDisposition).toBe('attachment');
    expect(await stored.Body?.transformToByteArray()).toEqual(photo);
  });
});
