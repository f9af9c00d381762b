import { readFileSync } from 'node:fs';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { POLICY_PARTITION } from '../../shared/adapters/dynamo/keys.js';
import { denyStatementsOfRole, functionsByEntry, statementsOfRole, synthCloseloop } from './synth.js';

type Statement = ReturnType<typeof statementsOfRole>[number] & { Effect?: string; Condition?: unknown };
const list = (value: unknown): string[] => (Array.isArray(value) ? value : [value]) as string[];
const actionsOfStatement = (s: Statement) => list(s.Action);

/** The functions whose code reads the stored policy (shared/wiring.ts `withPolicy`, `policySource`). */
const readsPolicy = (entry: string) => /withPolicy\(|policySource\(/.test(readFileSync(entry, 'utf8'));

describe('the stored policy on AWS', () => {
  const { api } = synthCloseloop();
  const functions = functionsByEntry(api);

  it('passes no policy in any function’s environment: it lives in the table', () => {
    for (const [entry, fn] of Object.entries(functions)) {
      expect(fn.properties.Environment?.Variables ?? {}, entry).not.toHaveProperty('CLOSELOOP_POLICY');
    }
  });

  it('lets every function that reads the policy get it from the table by key', () => {
    const readers = Object.keys(functions).filter(readsPolicy);
    expect(readers).toContain('functions/wf-plan.ts');
    expect(readers).toContain('functions/submit-complaint.ts');
    for (const entry of readers) {
      const fn = functions[entry]!;
      expect(fn.properties.Environment.Variables, entry).toHaveProperty('TABLE_NAME');
      const allowed = (statementsOfRole(api, fn.roleLogicalId) as Statement[]).filter((s) => s.Effect !== 'Deny');
      expect(
        allowed.flatMap((s) => list(s.Action)),
        entry,
      ).toContain('dynamodb:GetItem');
    }
  });

  it('denies every function but the policy admin and the console (its manager page) any write to the policy items', () => {
    for (const [entry, fn] of Object.entries(functions)) {
      const denied = (denyStatementsOfRole(api, fn.roleLogicalId) as Statement[]).filter((s) =>
        JSON.stringify(s.Condition).includes(`"${POLICY_PARTITION}"`),
      );
      if (entry === 'functions/staff-policy.ts') {
        expect(denied, entry).toEqual([]);
        expect(fn.properties.Environment.Variables.POLICY_ADMIN).toBe('true');
      } else if (entry === 'functions/console.ts' || entry === 'functions/seed-policy.ts') {
        expect(denied, entry).toEqual([]);
      } else {
        expect(denied.flatMap((s) => list(s.Action)).sort(), entry).toEqual([
          'dynamodb:BatchWriteItem',
          'dynamodb:DeleteItem',
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
        ]);
      }
    }
  });

  it('stores version 1 at deploy: a trigger runs the seeding function after the table and its grant, which reach only policy items', () => {
    const seed = functions['functions/seed-policy.ts']!;
    api.hasResourceProperties(
      'Custom::Trigger',
      Match.objectLike({
        HandlerArn: { Ref: Match.stringLikeRegexp('^SeedPolicyFunctionCurrentVersion') },
        InvocationType: 'RequestResponse',
      }),
    );
    const [trigger] = Object.values(api.findResources('Custom::Trigger'));
    // After the function and its role's policy (the grant below): a seed without its grant would fail the deploy.
    const grant = Object.keys(api.findResources('AWS::IAM::Policy')).find((id) => id.startsWith('SeedPolicyRole'));
    expect(trigger!.DependsOn).toEqual(expect.arrayContaining([seed.logicalId, grant]));
    // The table is the data stack's: this stack, and so the trigger, is deployed after it.
    const { stateless, stateful } = synthCloseloop();
    expect(stateless.dependencies).toContain(stateful);

    api.hasResourceProperties(
      'AWS::IAM::Policy',
      Match.objectLike({
        Roles: [{ Ref: seed.roleLogicalId }],
        PolicyDocument: Match.objectLike({
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Allow',
              Action: ['dynamodb:GetItem', 'dynamodb:PutItem'],
              Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [POLICY_PARTITION] } },
            }),
          ]),
        }),
      }),
    );
    // Nothing else of the table: every DynamoDB grant it has is that one.
    const dynamo = statementsOfRole(api, seed.roleLogicalId).filter((s) =>
      actionsOfStatement(s).some((a) => a.startsWith('dynamodb:')),
    );
    expect(dynamo).toHaveLength(1);
  });
});
