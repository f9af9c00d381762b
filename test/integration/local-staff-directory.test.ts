import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { modelFromApp } from '../../infra/local/cdk-model.js';
import { type LocalRuntime, startLocalRuntime } from '../../infra/local/runtime.js';
import { parseStaffList } from '../../shared/adapters/staff-directory.js';
import type { StaffMember } from '../../shared/policy/types.js';
import { buildFixtureApp } from '../support/fixture-app.js';
import { demoStaff } from '../support/staff.js';

/** The local runtime plays the Cognito user pool: its handlers read the list it gives them, and its issuer signs for exactly those. */
describe('the local staff directory', () => {
  let runtime: LocalRuntime | undefined;
  afterEach(async () => {
    await runtime?.stop();
    runtime = undefined;
  });
  const start = (staff?: StaffMember[]) =>
    startLocalRuntime({
      model: modelFromApp(buildFixtureApp),
      dynamodbEndpoint: inject('dynamodbEndpoint'),
      tableName: `local-staff-${randomUUID().slice(0, 8)}`,
      quiet: true,
      staff,
    });

  it('is the demo staff unless told otherwise', async () => {
    runtime = await start();
    expect(parseStaffList(process.env.STAFF_DIRECTORY ?? '')).toEqual(demoStaff);
    expect(runtime.issuer.userIds).toEqual(demoStaff.map((s) => s.id));
  });

  it('is the list it is given, for the handlers and the token issuer alike', async () => {
    const only: StaffMember = {
      id: 'agent.wu',
      name: 'Wu Lei',
      email: 'wu@example.com',
      role: 'agent',
      department: 'quality',
      locale: 'zh-CN',
    };
    runtime = await start([only]);
    expect(parseStaffList(process.env.STAFF_DIRECTORY ?? '')).toEqual([only]);
    expect(runtime.issuer.userIds).toEqual(['agent.wu']);
    await expect(runtime.issuer.issue('agent.li')).rejects.toThrow(/Unknown user/);
  });
});
