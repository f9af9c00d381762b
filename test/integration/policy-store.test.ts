import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { policyVersionKey } from '../../shared/adapters/dynamo/keys.js';
import { DynamoPolicyStore, StoredPolicyInvalidError } from '../../shared/adapters/dynamo/policy-store.js';
import { ConcurrentUpdateError } from '../../shared/errors/index.js';
import { defaultIntakePolicy } from '../../shared/policy/intake-policy.js';
import { currentOrSeed, PolicySource } from '../../shared/policy/policy-source.js';
import type { PolicyDocument } from '../../shared/policy/schema.js';
import type { PolicyVersion } from '../../shared/ports/index.js';
import { freshTable } from '../support/dynamo.js';

type Table = Awaited<ReturnType<typeof freshTable>>;
const { staff: _staff, ...defaults } = defaultIntakePolicy;
const seed = () => ({ policy: defaults, preset: 'closeloop', reason: 'the defaults, at first start' });
const NOW = new Date('2026-12-01T01:00:00.000Z');

const aVersion = (version: number, policy: PolicyDocument = defaults): PolicyVersion => ({
  version,
  policy,
  savedAt: NOW.toISOString(),
  savedBy: 'mgr-1',
  reason: `change ${version}`,
  changedSections: ['calendar'],
});

describe('DynamoPolicyStore', () => {
  let table: Table;
  const fresh = async () => new DynamoPolicyStore({ doc: table.doc, tableName: (await freshTableName()).name });
  const tables: Table[] = [];
  async function freshTableName() {
    const t = await freshTable('policy');
    tables.push(t);
    return { name: t.tableName };
  }
  beforeAll(async () => {
    table = await freshTable('policy');
    tables.push(table);
  });
  afterAll(() => Promise.all(tables.map((t) => t.drop())));

  it('seeds the defaults as version 1 by system when the table has no policy', async () => {
    const store = await fresh();
    expect(await store.current()).toBeUndefined();
    const first = await currentOrSeed(store, seed, () => NOW);
    expect(first).toMatchObject({ version: 1, savedBy: 'system', preset: 'closeloop' });
    expect((await store.current())?.policy).toEqual(defaults);
  });

  it('ends two cold starts seeding at once with one version 1', async () => {
    const store = await fresh();
    const [a, b] = await Promise.all([currentOrSeed(store, seed, () => NOW), currentOrSeed(store, seed, () => NOW)]);
    expect([a.version, b.version]).toEqual([1, 1]);
    expect((await store.history(10)).items.map((v) => v.version)).toEqual([1]);
  });

  it('lets only one of two managers saving at once win: the other is told, nothing is lost', async () => {
    const store = await fresh();
    await currentOrSeed(store, seed, () => NOW);
    const results = await Promise.allSettled([
      store.save(aVersion(2)),
      store.save({ ...aVersion(2), savedBy: 'mgr-2' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(ConcurrentUpdateError);
    expect((await store.current())?.version).toBe(2);
    await expect(store.save(aVersion(4))).rejects.toBeInstanceOf(ConcurrentUpdateError);
  });

  it('lists the history newest first, a page at a time, without the documents', async () => {
    const store = await fresh();
    await currentOrSeed(store, seed, () => NOW);
    for (const n of [2, 3, 4]) await store.save(aVersion(n));
    const first = await store.history(2);
    expect(first.items.map((v) => v.version)).toEqual([4, 3]);
    expect(first.items[0]).not.toHaveProperty('policy');
    const next = await store.history(2, first.nextCursor);
    expect(next.items.map((v) => v.version)).toEqual([2, 1]);
  });

  it('fails loudly on a stored version edited by hand, while a running source keeps the version it had', async () => {
    const store = await fresh();
    await currentOrSeed(store, seed, () => NOW);
    let now = 0;
    const stale: number[] = [];
    const source = new PolicySource({ store, seed, ttlMs: 60_000, now: () => now, onStale: (_e, v) => stale.push(v) });
    expect((await source.current()).version).toBe(1);
    const broken = { ...defaults, deadlines: { ...defaults.deadlines, P1: { assign: { minutes: 0 } } } };
    await table.doc.send(
      new UpdateCommand({
        TableName: (store as unknown as { opts: { tableName: string } }).opts.tableName,
        Key: policyVersionKey(1),
        UpdateExpression: 'SET #d = :d',
        ExpressionAttributeNames: { '#d': 'document' },
        ExpressionAttributeValues: { ':d': JSON.stringify(broken) },
      }),
    );
    await expect(store.current()).rejects.toBeInstanceOf(StoredPolicyInvalidError);
    await expect(store.get(1)).rejects.toThrow(/deadlines\.P1\.assign\.minutes/);
    now += 61_000;
    expect((await source.current()).policy).toEqual(defaults);
    expect(stale).toEqual([1]);
  });
});
