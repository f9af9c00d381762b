import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rateWindowKey } from '../../shared/adapters/dynamo/keys.js';
import { DynamoRateLimiter } from '../../shared/adapters/dynamo/rate-limiter.js';
import { freshTable } from '../support/dynamo.js';

// A window boundary: windows start at epoch seconds divisible by their length.
const WINDOW_START = new Date('2026-11-20T02:00:00.000Z');
const at = (secondsIntoWindow: number) => new Date(WINDOW_START.getTime() + secondsIntoWindow * 1000);

describe('DynamoRateLimiter', () => {
  let table: Awaited<ReturnType<typeof freshTable>>;
  beforeAll(async () => {
    table = await freshTable('rate');
  });
  afterAll(() => table.drop());

  const limiter = (limitPerWindow: number, windowSeconds?: number) =>
    new DynamoRateLimiter({ doc: table.doc, tableName: table.tableName, limitPerWindow, windowSeconds });

  it('allows N hits in a window, then refuses with the seconds left until the window ends', async () => {
    const three = limiter(3);
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await three.hit('client-a', at(15)));

    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results[3]?.retryAfterSeconds).toBe(45);
  });

  it('rounds a partial second up, so a client that waits as told lands in the next window', async () => {
    const one = limiter(1);
    await one.hit('client-round', at(59.4));
    expect(await one.hit('client-round', at(59.4))).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('allows the client again in the next window', async () => {
    const two = limiter(2);
    for (let i = 0; i < 3; i++) await two.hit('client-b', at(10));
    expect((await two.hit('client-b', at(59))).allowed).toBe(false);
    expect((await two.hit('client-b', at(60))).allowed).toBe(true);
  });

  it('counts each client separately', async () => {
    const one = limiter(1);
    await one.hit('client-c', at(1));
    expect((await one.hit('client-c', at(2))).allowed).toBe(false);
    expect((await one.hit('client-d', at(2))).allowed).toBe(true);
  });

  it('counts concurrent hits exactly: of 20 at once with a limit of 5, exactly 5 pass', async () => {
    const five = limiter(5);
    const results = await Promise.all(Array.from({ length: 20 }, () => five.hit('client-burst', at(30))));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
  });

  it('uses the configured window length', async () => {
    const tenSeconds = limiter(1, 10);
    await tenSeconds.hit('client-e', at(3));
    expect(await tenSeconds.hit('client-e', at(4))).toEqual({ allowed: false, retryAfterSeconds: 6 });
    expect((await tenSeconds.hit('client-e', at(10))).allowed).toBe(true);
  });

  it('lets DynamoDB expire a window once it is over', async () => {
    await limiter(5).hit('client-ttl', at(20));
    const windowStart = WINDOW_START.getTime() / 1000;
    const { Item } = await table.doc.send(
      new GetCommand({ TableName: table.tableName, Key: rateWindowKey('client-ttl', windowStart) }),
    );
    expect(Item).toMatchObject({ count: 1, ttl: windowStart + 60 });
  });

  it('with a limit of 0 allows everything and writes nothing', async () => {
    const off = limiter(0);
    for (let i = 0; i < 30; i++) expect((await off.hit('client-off', at(5))).allowed).toBe(true);
    const { Item } = await table.doc.send(
      new GetCommand({
        TableName: table.tableName,
        Key: rateWindowKey('client-off', WINDOW_START.getTime() / 1000),
      }),
    );
    expect(Item).toBeUndefined();
  });

  it('refuses a negative limit or an empty window at construction', () => {
    expect(() => limiter(-1)).toThrow(RangeError);
    expect(() => limiter(5, 0)).toThrow(RangeError);
  });
});
