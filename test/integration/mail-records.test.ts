import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoAddressHealth } from '../../shared/adapters/dynamo/address-health.js';
import { DynamoMailThreads } from '../../shared/adapters/dynamo/mail-threads.js';
import { freshTable } from '../support/dynamo.js';

const COMPLAINT = '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
const OTHER = '11111111-2222-4333-8444-555555555555';

describe('DynamoMailThreads', () => {
  let table: Awaited<ReturnType<typeof freshTable>>;
  let threads: DynamoMailThreads;
  beforeAll(async () => {
    table = await freshTable('threads');
    threads = new DynamoMailThreads({ tableName: table.tableName, doc: table.doc });
  });
  afterAll(() => table.drop());

  it('gives back the ids sent for a complaint oldest first, whatever order they were recorded in', async () => {
    await threads.recordSent(COMPLAINT, '0100019a-second', '2026-11-30T10:05:00.000Z');
    await threads.recordSent(COMPLAINT, '0100019a-first', '2026-11-30T10:00:00.000Z');
    await threads.recordSent(OTHER, '0100019a-other', '2026-11-30T10:01:00.000Z');

    expect(await threads.sentMessageIds(COMPLAINT)).toEqual(['0100019a-first', '0100019a-second']);
  });

  it('finds the complaint of a reply whatever domain and brackets its client quoted the id with', async () => {
    await threads.recordSent(COMPLAINT, '010f019a2b3c4d5e-abc', '2026-11-30T11:00:00.000Z');

    expect(await threads.complaintForMessageId('010f019a2b3c4d5e-abc')).toBe(COMPLAINT);
    expect(await threads.complaintForMessageId('<010f019a2b3c4d5e-abc@eu-west-1.amazonses.com>')).toBe(COMPLAINT);
    expect(await threads.complaintForMessageId('<010F019A2B3C4D5E-ABC@email.amazonses.com>')).toBe(COMPLAINT);
  });

  it('finds no complaint for an id we never sent', async () => {
    expect(await threads.complaintForMessageId('<never-sent@email.amazonses.com>')).toBeUndefined();
    expect(await threads.complaintForMessageId('<>')).toBeUndefined();
  });

  it('keeps every id when mails of one complaint are recorded at the same moment', async () => {
    const id = '22222222-3333-4444-8555-666666666666';
    await Promise.all(
      Array.from({ length: 5 }, (_, i) => threads.recordSent(id, `0100019a-burst-${i}`, `2026-11-30T12:00:0${i}.000Z`)),
    );
    expect(await threads.sentMessageIds(id)).toEqual([0, 1, 2, 3, 4].map((i) => `0100019a-burst-${i}`));
  });

  it('has no ids for a complaint that was never mailed', async () => {
    expect(await threads.sentMessageIds('00000000-0000-4000-8000-000000000000')).toEqual([]);
  });
});

describe('DynamoAddressHealth', () => {
  let table: Awaited<ReturnType<typeof freshTable>>;
  let health: DynamoAddressHealth;
  beforeAll(async () => {
    table = await freshTable('address');
    health = new DynamoAddressHealth({ tableName: table.tableName, doc: table.doc });
  });
  afterAll(() => table.drop());

  it('treats an address as reachable until it bounces', async () => {
    expect(await health.isUnreachable('wang@example.cn')).toBe(false);
    await health.markUnreachable('wang@example.cn', {
      kind: 'bounce',
      detail: '550 5.1.1',
      at: '2026-11-30T10:00:00Z',
    });
    expect(await health.isUnreachable('wang@example.cn')).toBe(true);
  });

  it('matches an address in any case', async () => {
    await health.markUnreachable('Li.Na@Example.COM', {
      kind: 'complaint',
      detail: 'abuse',
      at: '2026-11-30T10:00:00Z',
    });
    expect(await health.isUnreachable('li.na@example.com')).toBe(true);
    expect(await health.isUnreachable('LI.NA@EXAMPLE.COM')).toBe(true);
  });

  it('marks an address twice without error and leaves others reachable', async () => {
    const reason = { kind: 'bounce' as const, detail: '550', at: '2026-11-30T12:00:00Z' };
    await health.markUnreachable('twice@example.com', reason);
    await health.markUnreachable('twice@example.com', reason);
    expect(await health.isUnreachable('twice@example.com')).toBe(true);
    expect(await health.isUnreachable('someone-else@example.com')).toBe(false);
  });
});
