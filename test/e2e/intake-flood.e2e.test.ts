import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime.js';
import { lifecycleRuntime } from '../support/lifecycle.js';

// A file of its own: handlers read their configuration once per process, as in Lambda, so a
// runtime with a different rate limit needs a fresh module registry (one per test file).
describe('intake under a flood', () => {
  let runtime: LocalRuntime;
  beforeAll(async () => {
    ({ runtime } = await lifecycleRuntime('flood', { env: { RATE_LIMIT_PER_MINUTE: '3' } }));
  });
  afterAll(() => runtime?.stop());

  it('refuses a client past its per-minute limit with 429 and a Retry-After', async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 5; i++) {
      last = await fetch(`${runtime.apiUrl}/complaints`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ customer: { email: `flood${i}@example.com` }, description: `Complaint ${i}` }),
      });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
