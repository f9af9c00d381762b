import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { POLICY_PARTITION } from '../../shared/adapters/dynamo/keys.js';
import { denyStatementsOfRole, functionsByEntry, statementsOfRole, synthCloseloop } from './synth.js';

type Statement = ReturnType<typeof statementsOfRole>[number] & { Effect?: string; Condition?: unknown };
const list = (value: unknown): string[] => (Array.isArray(value) ? value : [value]) as string[];

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
      } else if (entry === 'functions/console.ts') {
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
});
