import { describe, expect, it } from 'vitest';
import { nextFiring, startSchedules } from '../../infra/local/schedules.js';

describe('schedules in the local runtime', () => {
  const digest = { expression: 'cron(0 9 * * ? *)', timezone: 'Asia/Shanghai' };

  it('fires a daily cron at 09:00 in its zone: later today before nine, tomorrow after', () => {
    expect(nextFiring(digest, new Date('2026-11-30T00:30:00Z'))?.toISOString()).toBe('2026-11-30T01:00:00.000Z');
    expect(nextFiring(digest, new Date('2026-11-30T01:00:00Z'))?.toISOString()).toBe('2026-12-01T01:00:00.000Z');
    expect(nextFiring({ expression: 'cron(0 9 * * ? *)' }, new Date('2026-11-30T10:00:00Z'))?.toISOString()).toBe(
      '2026-12-01T09:00:00.000Z',
    );
  });

  it('fires a rate every period and names what it cannot run instead of guessing', () => {
    expect(nextFiring({ expression: 'rate(15 minutes)' }, new Date('2026-11-30T00:00:00Z'))?.toISOString()).toBe(
      '2026-11-30T00:15:00.000Z',
    );
    expect(nextFiring({ expression: 'cron(0 9 ? * MON-FRI *)' }, new Date())).toBeUndefined();
  });

  it('invokes the function when workflow time reaches the firing, then arms the next one', async () => {
    // Workflow time runs 3,600 times faster: 08:59:58 in Beijing is 2 virtual seconds (under 1 ms) from nine.
    // The clock stands still until the schedule is armed, so a slow machine cannot let nine pass first.
    let virtual = Date.parse('2026-11-30T00:59:58Z');
    const clock = { now: () => new Date(virtual) };
    const invoked: { fn: string; event: unknown }[] = [];
    const fired = new Promise<void>((resolve) => {
      const running = startSchedules({
        schedules: [{ logicalId: 'Digest', functionLogicalId: 'DigestFn', ...digest }],
        functionName: (id) => `name-of-${id}`,
        clock,
        timeScale: 3600,
        invoke: async (fn, event) => {
          invoked.push({ fn, event });
          running.stop();
          resolve();
          return { sent: 1 };
        },
        log: () => {},
      });
      virtual = Date.parse('2026-11-30T01:00:00Z');
    });
    await fired;
    expect(invoked).toEqual([
      {
        fn: 'name-of-DigestFn',
        event: expect.objectContaining({ source: 'aws.scheduler', time: '2026-11-30T01:00:00.000Z' }),
      },
    ]);
  });

  it('runs an hourly schedule at most once a real second at ten hours a second, so it never starves the runtime', async () => {
    const start = Date.now();
    const scale = 36_000;
    const clock = { now: () => new Date(Date.parse('2026-11-30T00:00:00Z') + (Date.now() - start) * scale) };
    let runs = 0;
    const running = startSchedules({
      schedules: [{ logicalId: 'Digest', functionLogicalId: 'DigestFn', expression: 'rate(1 hour)' }],
      functionName: (id) => id,
      clock,
      timeScale: scale,
      invoke: async () => {
        runs++;
        return {};
      },
      log: () => {},
    });
    await new Promise((resolve) => setTimeout(resolve, 2500));
    running.stop();
    // Back to back it would have run about 25 times (every 0.1 s); a slower machine only runs it less.
    expect(runs).toBeGreaterThanOrEqual(1);
    expect(runs).toBeLessThanOrEqual(3);
  });
});
