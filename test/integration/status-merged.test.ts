import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoComplaintStore } from '../../shared/adapters/dynamo/complaint-store.js';
import { signCustomerLink, verifyCustomerLink } from '../../shared/links/status-link.js';
import { viewStatus } from '../../shared/usecases/view-status.js';
import { aComplaint } from '../support/complaint-factory.js';
import { type FreshTable, freshTable } from '../support/dynamo.js';

/** A merged duplicate's status page, read from DynamoDB Local as the status function reads it. */
describe("a merged duplicate's status page", () => {
  const now = new Date('2026-11-24T04:00:00Z');
  const clock = { now: () => now };
  const links = {
    baseUrl: 'http://localhost:3000',
    key: new TextEncoder().encode('status-merged-test-secret-0123456789'),
  };
  const goesOn = aComplaint({ status: 'in_progress', ticketNumber: '202611-0041' });
  const duplicate = aComplaint({
    status: 'closed',
    closeReason: 'merged',
    mergedInto: { complaintId: goesOn.id, ticketNumber: goesOn.ticketNumber },
  });
  let table: FreshTable;
  let store: DynamoComplaintStore;

  beforeAll(async () => {
    table = await freshTable('status-merged');
    store = new DynamoComplaintStore({ doc: table.doc, tableName: table.tableName });
    for (const c of [goesOn, duplicate]) await store.createComplaint(c, [], [], now);
  });
  afterAll(() => table.drop());

  it('links the page of the complaint that goes on, with a link that expires when the one the customer followed does', async () => {
    const expiresAt = new Date('2026-12-08T04:00:00Z');
    const { token } = await signCustomerLink({
      complaintId: duplicate.id,
      purpose: 'status',
      baseUrl: links.baseUrl,
      expiresAt,
      secret: links.key,
    });

    const view = await viewStatus({ store, clock, links }, token);
    expect(view.mergedInto?.ticketNumber).toBe('202611-0041');
    const url = new URL(view.mergedInto!.statusUrl!);
    expect(url.origin).toBe(links.baseUrl);
    const followed = url.pathname.replace('/status/', '');
    expect(await verifyCustomerLink(followed, 'status', links.key, now)).toEqual({
      complaintId: goesOn.id,
      expiresAt,
    });
    expect((await viewStatus({ store, clock, links }, followed)).ticketNumber).toBe('202611-0041');
  });

  it('opens nothing once the link the customer followed has expired', async () => {
    const { token } = await signCustomerLink({
      complaintId: duplicate.id,
      purpose: 'status',
      baseUrl: links.baseUrl,
      expiresAt: new Date('2026-12-08T04:00:00Z'),
      secret: links.key,
    });
    const view = await viewStatus({ store, clock, links }, token);
    const followed = new URL(view.mergedInto!.statusUrl!).pathname.replace('/status/', '');
    const later = new Date('2026-12-08T04:00:01Z');
    await expect(verifyCustomerLink(followed, 'status', links.key, later)).rejects.toThrow();
  });
});
