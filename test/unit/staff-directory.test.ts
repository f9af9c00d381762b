import {
  CognitoIdentityProviderClient,
  ListUsersInGroupCommand,
  type ListUsersInGroupCommandOutput,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { CognitoStaffDirectory, type SkippedUser } from '../../shared/adapters/cognito/staff-directory.js';
import { CachedStaffDirectory, parseStaffList, StaticStaffDirectory } from '../../shared/adapters/staff-directory.js';
import { readConfig, StaffDirectoryConfig } from '../../shared/config.js';
import { defaultPolicy, loadPolicy } from '../../shared/policy/default-policy.js';
import type { StaffMember } from '../../shared/policy/types.js';
import { STAFF_ROLES } from '../../shared/policy/types.js';
import type { StaffDirectory } from '../../shared/ports/index.js';
import { withStaffDirectory } from '../../shared/wiring.js';
import { demoStaff } from '../support/staff.js';

const POOL_ID = 'eu-west-1_Staff0001';

/** A user as ListUsersInGroup returns one. */
function user(username: string, attributes: Record<string, string>, enabled = true): UserType {
  return {
    Username: username,
    Enabled: enabled,
    UserStatus: 'CONFIRMED',
    Attributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
  };
}

/**
 * A user pool in memory behind a real SDK client: ListUsersInGroup answers a page of at most
 * `Limit` users with a NextToken, as Cognito does; anything else (or another pool) is refused.
 */
function fakeCognito(groups: Record<string, UserType[]>) {
  const client = new CognitoIdentityProviderClient({ region: 'eu-west-1' });
  const calls: { group: string; token?: string }[] = [];
  client.send = (async (command: unknown) => {
    if (!(command instanceof ListUsersInGroupCommand)) throw new Error('only ListUsersInGroup is allowed');
    const { UserPoolId, GroupName = '', Limit = 60, NextToken } = command.input;
    if (UserPoolId !== POOL_ID) throw new Error(`no pool ${UserPoolId}`);
    calls.push({ group: GroupName, token: NextToken });
    const members = groups[GroupName] ?? [];
    const start = NextToken ? Number(NextToken) : 0;
    const end = start + Limit;
    return {
      Users: members.slice(start, end),
      ...(end < members.length ? { NextToken: String(end) } : {}),
      $metadata: {},
    } satisfies ListUsersInGroupCommandOutput;
  }) as CognitoIdentityProviderClient['send'];
  return { client, calls, groups };
}

const li = user('agent.li', {
  email: 'li.na@example.com',
  name: 'Li Na',
  'custom:department': 'customer_service',
  locale: 'zh-CN',
});
const wang = user('supervisor.wang', { email: 'wang.fang@example.com', name: 'Wang Fang', locale: 'zh' });

describe('the staff directory read from the Cognito user pool', () => {
  it('makes each member of a role group a member of staff, with department and language from their attributes', async () => {
    const cognito = fakeCognito({ agent: [li], supervisor: [wang] });
    const members = await new CognitoStaffDirectory({ client: cognito.client, userPoolId: POOL_ID }).members();
    expect(members).toEqual([
      {
        id: 'agent.li',
        name: 'Li Na',
        email: 'li.na@example.com',
        role: 'agent',
        department: 'customer_service',
        locale: 'zh-CN',
      },
      // A supervisor without a department serves every department, as the role rules say.
      { id: 'supervisor.wang', name: 'Wang Fang', email: 'wang.fang@example.com', role: 'supervisor', locale: 'zh-CN' },
    ]);
  });

  it('reads every page of a large group', async () => {
    const agents = Array.from({ length: 130 }, (_, i) =>
      user(`agent.${String(i).padStart(3, '0')}`, { email: `a${i}@example.com`, 'custom:department': 'quality' }),
    );
    const cognito = fakeCognito({ agent: agents });
    const members = await new CognitoStaffDirectory({ client: cognito.client, userPoolId: POOL_ID }).members();
    expect(members).toHaveLength(130);
    expect(cognito.calls.filter((c) => c.group === 'agent').map((c) => c.token)).toEqual([undefined, '60', '120']);
  });

  it('gives someone in several role groups the highest of those roles', async () => {
    const head = user('head.zhao', { email: 'zhao@example.com', 'custom:department': 'quality' });
    const cognito = fakeCognito({ agent: [head], department_head: [head] });
    const [member] = await new CognitoStaffDirectory({ client: cognito.client, userPoolId: POOL_ID }).members();
    expect(member).toMatchObject({ id: 'head.zhao', role: 'department_head' });
  });

  it('leaves out a disabled user, and knows nobody who is in no role group', async () => {
    const leaver = user('agent.gone', { email: 'gone@example.com', 'custom:department': 'quality' }, false);
    const cognito = fakeCognito({ agent: [li, leaver], contractors: [user('outsider', { email: 'o@example.com' })] });
    const members = await new CognitoStaffDirectory({ client: cognito.client, userPoolId: POOL_ID }).members();
    expect(members.map((m) => m.id)).toEqual(['agent.li']);
    // Only the role groups are asked for.
    expect(new Set(cognito.calls.map((c) => c.group))).toEqual(new Set(STAFF_ROLES));
  });

  it('leaves out an agent without a department and anyone whose department is misspelled, and says why', async () => {
    const noDepartment = user('agent.new', { email: 'new@example.com' });
    const typo = user('supervisor.typo', { email: 'typo@example.com', 'custom:department': 'Quality ' });
    const skipped: SkippedUser[] = [];
    const cognito = fakeCognito({ agent: [noDepartment, li], supervisor: [typo] });
    const directory = new CognitoStaffDirectory({
      client: cognito.client,
      userPoolId: POOL_ID,
      onSkipped: (s) => skipped.push(s),
    });
    expect((await directory.members()).map((m) => m.id)).toEqual(['agent.li']);
    expect(skipped).toEqual([
      { username: 'agent.new', reason: 'agent_without_department' },
      { username: 'supervisor.typo', reason: 'unknown_department' },
    ]);
  });

  it('reads a Chinese locale in any spelling as zh-CN, another language as English, and none as Chinese', async () => {
    const of = (locale?: string) =>
      user(`m.${locale ?? 'none'}`, { email: 'm@example.com', ...(locale ? { locale } : {}) });
    const cognito = fakeCognito({ manager: [of('zh_CN'), of('zh-Hans'), of('en-GB'), of('fr'), of()] });
    const members = await new CognitoStaffDirectory({ client: cognito.client, userPoolId: POOL_ID }).members();
    expect(Object.fromEntries(members.map((m) => [m.id, m.locale]))).toEqual({
      'm.zh_CN': 'zh-CN',
      'm.zh-Hans': 'zh-CN',
      'm.en-GB': 'en',
      'm.fr': 'en',
      'm.none': 'zh-CN',
    });
  });

  it('names someone without a name attribute by their username', async () => {
    const cognito = fakeCognito({ manager: [user('manager.sun', { email: 'sun@example.com' })] });
    const [member] = await new CognitoStaffDirectory({ client: cognito.client, userPoolId: POOL_ID }).members();
    expect(member?.name).toBe('manager.sun');
  });
});

/** A directory whose answer a test changes, counting its reads. */
function changingDirectory(initial: StaffMember[]) {
  let staff = initial;
  let failure: Error | undefined;
  const directory = {
    reads: 0,
    set: (next: StaffMember[]) => {
      staff = next;
    },
    fail: (error: Error | undefined) => {
      failure = error;
    },
    async members() {
      directory.reads++;
      if (failure) throw failure;
      return staff;
    },
  };
  return directory;
}

function manualClock(start = Date.parse('2026-11-30T09:00:00Z')) {
  let now = start;
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

const MINUTE = 60_000;
const agentLi = demoStaff.find((s) => s.id === 'agent.li')!;
const agentChen = demoStaff.find((s) => s.id === 'agent.chen')!;

describe('the staff directory as one container sees it', () => {
  it('asks the pool once per few minutes, not once per request', async () => {
    const inner = changingDirectory([agentLi]);
    const clock = manualClock();
    const cached = new CachedStaffDirectory(inner, { ttlMs: 5 * MINUTE, maxStaleMs: 15 * MINUTE, clock });
    await Promise.all([cached.members(), cached.members()]);
    clock.advance(4 * MINUTE);
    await cached.members();
    expect(inner.reads).toBe(1);
  });

  it('lets a leaver go and a new hire in once the few minutes are over, without a deploy', async () => {
    const inner = changingDirectory([agentLi]);
    const clock = manualClock();
    const cached = new CachedStaffDirectory(inner, { ttlMs: 5 * MINUTE, maxStaleMs: 15 * MINUTE, clock });
    expect((await cached.members()).map((s) => s.id)).toEqual(['agent.li']);
    inner.set([agentChen]);
    clock.advance(5 * MINUTE - 1);
    expect((await cached.members()).map((s) => s.id)).toEqual(['agent.li']);
    clock.advance(1);
    expect((await cached.members()).map((s) => s.id)).toEqual(['agent.chen']);
  });

  it('serves the last list while the pool cannot be read, but not for long', async () => {
    const inner = changingDirectory([agentLi]);
    const clock = manualClock();
    const stale: number[] = [];
    const cached = new CachedStaffDirectory(inner, {
      ttlMs: 5 * MINUTE,
      maxStaleMs: 15 * MINUTE,
      clock,
      onStale: (_error, age) => stale.push(age),
    });
    await cached.members();
    inner.fail(new Error('TooManyRequestsException'));
    clock.advance(10 * MINUTE);
    expect((await cached.members()).map((s) => s.id)).toEqual(['agent.li']);
    expect(stale).toEqual([10 * MINUTE]);
    clock.advance(10 * MINUTE);
    await expect(cached.members()).rejects.toThrow('TooManyRequestsException');
    inner.fail(undefined);
    expect((await cached.members()).map((s) => s.id)).toEqual(['agent.li']);
  });

  it('fails a cold container whose first read fails, rather than run with nobody', async () => {
    const inner = changingDirectory([agentLi]);
    inner.fail(new Error('AccessDeniedException'));
    const cached = new CachedStaffDirectory(inner, { ttlMs: MINUTE, maxStaleMs: MINUTE, clock: manualClock() });
    await expect(cached.members()).rejects.toThrow('AccessDeniedException');
  });
});

describe('the policy a function that needs staff works with', () => {
  it('has the directory’s current members as its staff at each invocation', async () => {
    const inner = changingDirectory([agentLi]);
    const current = withStaffDirectory({ policy: defaultPolicy, other: 1 }, inner as StaffDirectory);
    const first = await current();
    expect(first.policy.staff).toEqual([agentLi]);
    expect(first.other).toBe(1);
    expect(await current()).toBe(first);
    inner.set([agentChen]);
    expect((await current()).policy.staff).toEqual([agentChen]);
    // The calendar and deadlines are the ones the function was built with.
    expect((await current()).policy.calendar).toBe(defaultPolicy.calendar);
  });

  it('has no staff by default: nobody is staff until a directory says so', () => {
    expect(defaultPolicy.staff).toEqual([]);
    expect(() => loadPolicy(JSON.stringify({ staff: demoStaff }))).toThrow(/unknown sections: staff/);
  });
});

describe('the staff directory configuration', () => {
  const problem = (env: Record<string, string>) => {
    try {
      readConfig(StaffDirectoryConfig, env);
    } catch (error) {
      return (error as Error).message;
    }
    return 'accepted';
  };

  it('fails a function that needs staff and is given no directory', () => {
    expect(problem({})).toMatch(/STAFF_USER_POOL_ID .* or STAFF_DIRECTORY/);
  });

  it('refuses both a user pool and a list: which one holds would be a guess', () => {
    expect(problem({ STAFF_USER_POOL_ID: POOL_ID, STAFF_DIRECTORY: '[]' })).toMatch(/not both/);
  });

  it('takes a user pool id in Cognito’s form only', () => {
    expect(problem({ STAFF_USER_POOL_ID: POOL_ID })).toBe('accepted');
    expect(problem({ STAFF_USER_POOL_ID: 'arn:aws:cognito-idp:eu-west-1:1:userpool/x' })).toMatch(/STAFF_USER_POOL_ID/);
  });

  it('reads a list of members, and refuses a malformed one at cold start', async () => {
    const members = parseStaffList(JSON.stringify(demoStaff));
    expect(await new StaticStaffDirectory(members).members()).toEqual(demoStaff);
    expect(() => parseStaffList('[{"id":"x"}]')).toThrow(/STAFF_DIRECTORY must be a list of staff members/);
    expect(() => parseStaffList(JSON.stringify([{ ...agentLi, department: 'sales' }]))).toThrow(/0\.department/);
    expect(() => parseStaffList('agent.li')).toThrow(/not valid JSON/);
  });
});
