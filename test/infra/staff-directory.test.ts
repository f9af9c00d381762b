import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { demoStaff } from '../../infra/local/demo-staff.js';
import { actionsOf, functionsByEntry, statementsOfRole, synthCloseloop } from './synth.js';

/** Every demo user's id and email: strings that must never reach AWS. */
const DEMO_STRINGS = demoStaff.flatMap((s) => [s.id, s.email]);

/**
 * The functions whose code reads the directory at its edge (shared/wiring.ts `withStaffDirectory`, or
 * `consoleSignIn`, which finds the member signing in).
 */
function functionsThatNeedStaff(entries: string[]): string[] {
  return entries
    .filter((entry) => /withStaffDirectory\(|withStaffMail\(|consoleSignIn\(/.test(readFileSync(entry, 'utf8')))
    .sort();
}

describe('the staff directory on AWS', () => {
  const { data, api } = synthCloseloop();
  const [, pool] = Object.entries(data.findResources('AWS::Cognito::UserPool'))[0]!;
  const functions = functionsByEntry(api);
  const entries = Object.keys(functions);

  it('reaches no deployed template: no demo user id or email in any resource, variable or output', () => {
    for (const template of [data, api]) {
      const text = JSON.stringify(template.toJSON());
      expect(DEMO_STRINGS.filter((demo) => text.includes(demo))).toEqual([]);
    }
  });

  it('gives every function that needs staff the user pool, and only those', () => {
    const needStaff = functionsThatNeedStaff(entries);
    expect(needStaff).toContain('functions/staff-action.ts');
    const withPool = entries.filter((e) => 'STAFF_USER_POOL_ID' in functions[e]!.properties.Environment.Variables);
    expect(withPool.sort()).toEqual(needStaff);
    for (const entry of withPool) {
      const variables = functions[entry]!.properties.Environment.Variables;
      expect(JSON.stringify(variables.STAFF_USER_POOL_ID), entry).toContain('Fn::ImportValue');
      expect(variables, entry).not.toHaveProperty('STAFF_DIRECTORY');
    }
  });

  it('lets those functions list a role group’s members on that pool, and nothing else in Cognito', () => {
    for (const [entry, fn] of Object.entries(functions)) {
      const statements = statementsOfRole(api, fn.roleLogicalId);
      const cognito = statements.filter((s) => actionsOf([s]).some((a) => a.startsWith('cognito-idp:')));
      if (!('STAFF_USER_POOL_ID' in fn.properties.Environment.Variables)) {
        expect(cognito, entry).toEqual([]);
        continue;
      }
      expect(cognito, entry).toHaveLength(1);
      expect(actionsOf(cognito), entry).toEqual(['cognito-idp:ListUsersInGroup']);
      // The pool's ARN, imported from the data stack: never a wildcard.
      expect(JSON.stringify(cognito[0]!.Resource), entry).toMatch(/Fn::ImportValue.*StaffPool/);
      expect(JSON.stringify(cognito[0]!.Resource), entry).not.toContain('*');
    }
  });

  it('keeps each member’s department and language as attributes of the pool', () => {
    const schema = pool.Properties.Schema as { Name: string; AttributeDataType: string; Mutable: boolean }[];
    expect(schema).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Name: 'department', AttributeDataType: 'String', Mutable: true }),
        expect.objectContaining({ Name: 'locale', Mutable: true }),
        expect.objectContaining({ Name: 'name', Mutable: true }),
      ]),
    );
  });

  it('lets no member of staff change their own department, which decides what they may do', () => {
    // The API's client lives with the pool; the console's client lives with the API (it needs its URL).
    const clients = [data, api].flatMap((template) =>
      Object.values(template.findResources('AWS::Cognito::UserPoolClient')).map((c) => c.Properties),
    );
    expect(clients.length).toBe(2);
    for (const client of clients) {
      // Unset would mean every attribute is writable with the member's own access token.
      expect(client.WriteAttributes).toBeDefined();
      expect(client.WriteAttributes).not.toContain('custom:department');
    }
  });
});
