import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../shared/calendar/working-calendar.js';
import { PolicyNotStoredError } from '../../shared/errors/index.js';
import { defaultIntakePolicy } from '../../shared/policy/intake-policy.js';
import { PolicySource } from '../../shared/policy/policy-source.js';
import type { PolicyDocument } from '../../shared/policy/schema.js';
import type { Page, PolicyStore, PolicyVersion, PolicyVersionSummary } from '../../shared/ports/index.js';
import { warmedAtInit, withPolicy } from '../../shared/wiring.js';
import { demoStaff } from '../support/staff.js';

const { staff: _staff, ...defaults } = defaultIntakePolicy;

class MemoryPolicies implements PolicyStore {
  readonly versions: PolicyVersion[] = [];
  async current() {
    return this.versions.at(-1);
  }
  async get(version: number) {
    return this.versions.find((v) => v.version === version);
  }
  async history(): Promise<Page<PolicyVersionSummary>> {
    return { items: [] };
  }
  async save(version: PolicyVersion) {
    this.versions.push(version);
  }
}

const aVersion = (version: number, policy: PolicyDocument): PolicyVersion => ({
  version,
  policy,
  savedAt: '2026-12-01T00:00:00.000Z',
  savedBy: 'mgr-1',
  reason: 'test',
  changedSections: [],
});

describe('the policy at each invocation', () => {
  const store = new MemoryPolicies();
  let now = 0;
  const source = new PolicySource({
    store,
    seed: () => ({ policy: defaults, preset: 'closeloop', reason: 'seed' }),
    ttlMs: 60_000,
    now: () => now,
    onStale: () => undefined,
  });
  const withHoliday = {
    ...defaults,
    calendar: { ...defaults.calendar, holidays: [{ name: 'extra', from: '2026-12-07', to: '2026-12-07' }] },
  };
  const inner = {
    policy: { ...defaultIntakePolicy, staff: demoStaff },
    calendar: createCalendar(defaults.calendar),
  };
  const versionOf = async (id: string) => (id === 'old' ? 1 : id === 'legacy' ? undefined : 2);
  const current = withPolicy(inner, source, versionOf);

  it('seeds version 1 at first start and serves it, keeping the staff from the directory', async () => {
    const deps = await current();
    expect(deps.policyVersion).toBe(1);
    expect(deps.policy.staff).toBe(demoStaff);
    expect(store.versions).toHaveLength(1);
  });

  it('serves a newly saved version to new complaints once the cache expires, and an open complaint its own', async () => {
    await store.save(aVersion(2, withHoliday));
    expect((await current()).policyVersion).toBe(1);
    now += 60_001;
    const fresh = await current();
    expect(fresh.policyVersion).toBe(2);
    expect(fresh.calendar.isWorkingDay(new Date('2026-12-07T03:00:00Z'))).toBe(false);
    const open = await current('old');
    expect(open.policyVersion).toBe(1);
    expect(open.calendar.isWorkingDay(new Date('2026-12-07T03:00:00Z'))).toBe(true);
    expect((await current('legacy')).policyVersion).toBe(1);
    expect(await current('old')).toBe(open);
  });
});

describe('a function that grades, before version 1 is stored', () => {
  it('refuses with PolicyNotStoredError and tells the log, instead of grading with defaults', async () => {
    let told = 0;
    const source = new PolicySource({
      store: new MemoryPolicies(),
      ttlMs: 60_000,
      now: () => 0,
      onStale: () => undefined,
      onMissing: () => {
        told += 1;
      },
    });
    await expect(source.current()).rejects.toBeInstanceOf(PolicyNotStoredError);
    await expect(source.version(1)).rejects.toMatchObject({ statusCode: 503, code: 'policy_not_stored' });
    expect(told).toBe(2);
  });
});

describe('the policy warmed at a function’s init', () => {
  const { staff: _s, ...stored } = defaultIntakePolicy;
  const inner = { policy: { ...defaultIntakePolicy, staff: demoStaff }, calendar: createCalendar(stored.calendar) };

  it('is read and compiled before the first request, which then reads and compiles nothing', async () => {
    let reads = 0;
    const counting = new (class extends MemoryPolicies {
      override async current() {
        reads += 1;
        return super.current();
      }
    })();
    await counting.save(aVersion(1, stored));
    let compiled = 0;
    const source = new PolicySource({ store: counting, ttlMs: 60_000, now: () => 0, onStale: () => undefined });
    const current = await warmedAtInit(
      withPolicy(inner, source, undefined, (policy) => {
        compiled += 1;
        return policy;
      }),
    );
    expect({ reads, compiled }).toEqual({ reads: 1, compiled: 1 });
    expect((await current()).policyVersion).toBe(1);
    expect({ reads, compiled }).toEqual({ reads: 1, compiled: 1 });
  });

  it('leaves an empty table to the first request, which is refused as before', async () => {
    const source = new PolicySource({
      store: new MemoryPolicies(),
      ttlMs: 60_000,
      now: () => 0,
      onStale: () => undefined,
    });
    const current = await warmedAtInit(withPolicy(inner, source));
    await expect(current()).rejects.toBeInstanceOf(PolicyNotStoredError);
  });
});
