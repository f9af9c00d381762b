import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../shared/policy/default-policy.js';
import { digestDue } from '../../shared/usecases/breach-digest.js';

describe('when the daily breach digest is due', () => {
  const inZone = (timezone: string) => ({ calendar: { ...defaultPolicy.calendar, timezone } });

  it('is due in the nine o’clock hour of the stored policy’s zone, not of a zone in code', () => {
    // 01:30 UTC is 09:30 in Shanghai and 20:30 the day before in New York.
    const at = new Date('2026-12-02T01:30:00Z');
    expect(digestDue(at, inZone('Asia/Shanghai'))).toBe(true);
    expect(digestDue(at, inZone('America/New_York'))).toBe(false);
    expect(digestDue(new Date('2026-12-02T14:05:00Z'), inZone('America/New_York'))).toBe(true);
  });

  it('meets nine o’clock once a day from hourly runs in a zone half an hour off UTC', () => {
    const runs = Array.from({ length: 24 }, (_, h) => new Date(Date.UTC(2026, 11, 2, h, 0)));
    expect(runs.filter((at) => digestDue(at, inZone('Asia/Kolkata')))).toHaveLength(1);
  });
});
