import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDocumentClient } from '../../shared/adapters/dynamo/client.js';
import { DynamoComplaintStore } from '../../shared/adapters/dynamo/complaint-store.js';
import { lifecycleRuntime, stop } from '../support/lifecycle.js';

/**
 * A customer's export and erasure on the local runtime (`npm start`): the gateway, the real handler,
 * the S3 emulator serving the export's presigned link, and the SES emulator's mailbox, which the
 * runtime lets an erasure forget from.
 */
describe('a customer exports their data and is erased, on the local runtime', { timeout: 120_000 }, () => {
  let env: Awaited<ReturnType<typeof lifecycleRuntime>>;
  beforeAll(async () => {
    env = await lifecycleRuntime('privacy');
  });
  afterAll(() => stop(env?.runtime));

  const post = async (path: string, user: string, body: unknown, lang = 'en') =>
    fetch(`${env.runtime.apiUrl}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'accept-language': lang,
        authorization: `Bearer ${await env.client.tokenFor(user)}`,
      },
      body: JSON.stringify(body),
    });

  it('downloads the export from its link, refuses to erase while open, and forgets the mail once erased', async () => {
    const registered = (await (
      await post('/staff/complaints', 'agent.li', {
        channel: 'phone',
        customer: { name: '陈静', email: 'chen.jing@example.com', phone: '+86 139 1234 5678', locale: 'zh-CN' },
        description: '空调外机噪音很大，晚上无法入睡。',
      })
    ).json()) as { id: string; ticketNumber: string };
    await env.waitForMail('chen.jing@example.com', new RegExp(registered.ticketNumber));

    const exported = await post('/staff/customers/export', 'manager.sun', { email: 'chen.jing@example.com' });
    expect(exported.status).toBe(200);
    const { url, bytes } = (await exported.json()) as { url: string; bytes: number };
    const download = await fetch(url);
    expect(download.status).toBe(200);
    const zip = new Uint8Array(await download.arrayBuffer());
    expect(zip.byteLength).toBe(bytes);
    expect(Object.keys(unzipSync(zip))).toContain(`complaints/${registered.ticketNumber}/complaint.json`);

    const refused = await post('/staff/customers/erase', 'manager.sun', { email: 'chen.jing@example.com' }, 'zh-CN');
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { message: string }).message).toContain(registered.ticketNumber);

    // Closed, here directly in the table (the lifecycle that closes it is not what this test is about),
    // with the handlers' own client: the runtime runs them in this process, pointed at its DynamoDB.
    const store = new DynamoComplaintStore({ doc: getDocumentClient(), tableName: env.runtime.tableName });
    const complaint = (await store.getComplaint(registered.id))!;
    await store.updateComplaint(
      complaint.id,
      complaint.version,
      { status: 'closed', closedAt: new Date().toISOString() },
      [],
    );

    const erased = await post('/staff/customers/erase', 'manager.sun', { email: 'chen.jing@example.com' });
    expect(erased.status).toBe(200);
    expect(await erased.json()).toEqual({ complaints: 1, rawMailDeleted: 0, exportsDeleted: 1 });
    expect(await env.client.mails('chen.jing@example.com')).toEqual([]);
    expect((await fetch(url)).status).toBe(404);
  });
});
