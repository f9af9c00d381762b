import { describe, expect, it } from 'vitest';
import { complaintFromItem } from '../../shared/adapters/dynamo/keys.js';
import { defaultPolicy, loadPolicy } from '../../shared/policy/default-policy.js';
import { defaultIntakePolicy, loadIntakePolicy } from '../../shared/policy/intake-policy.js';

describe('an operator policy override', () => {
  it('reads an owner-assignment deadline still written as "acknowledge" as "assign"', () => {
    const deadlines = structuredClone(defaultPolicy.deadlines) as unknown as Record<string, Record<string, unknown>>;
    for (const row of Object.values(deadlines)) {
      row.acknowledge = row.assign;
      delete row.assign;
    }
    deadlines.P2!.acknowledge = { minutes: 30 };
    const policy = loadPolicy(JSON.stringify({ deadlines }));
    expect(policy.deadlines.P2.assign).toEqual({ minutes: 30 });
    expect(policy.deadlines.P1.assign).toEqual(defaultPolicy.deadlines.P1.assign);
  });

  it('fails at start, naming the grade and the deadline, when a grade lacks one', () => {
    const deadlines = structuredClone(defaultPolicy.deadlines) as unknown as Record<string, Record<string, unknown>>;
    delete deadlines.P3!.resolve;
    expect(() => loadPolicy(JSON.stringify({ deadlines }))).toThrow(/deadlines\.P3 lacks resolve/);
  });
});

describe('a complaint stored before the owner-assignment deadline was renamed', () => {
  it('still has its owner-assignment deadline when read', () => {
    const complaint = complaintFromItem({
      pk: 'COMPLAINT#1',
      sk: 'COMPLAINT',
      id: '1',
      deadlines: { acknowledge: '2026-11-24T03:00:00.000Z', firstContact: '2026-11-24T06:00:00.000Z' },
    });
    expect(complaint.deadlines).toEqual({
      assign: '2026-11-24T03:00:00.000Z',
      firstContact: '2026-11-24T06:00:00.000Z',
    });
  });
});

describe('the grading and routing rules, which only intake reads', () => {
  const grading = { ...defaultIntakePolicy.grading, rules: [] };

  it("takes an operator's grading section at intake, and leaves every other function without the rules", () => {
    const json = JSON.stringify({ grading, statusLinkTtlDays: 30 });
    expect(loadIntakePolicy(json).grading).toEqual(grading);
    expect(loadIntakePolicy(json).routing).toBe(defaultIntakePolicy.routing);
    expect(loadIntakePolicy(json).statusLinkTtlDays).toBe(30);
    const core = loadPolicy(json);
    expect(core.statusLinkTtlDays).toBe(30);
    expect('grading' in core).toBe(false);
  });

  it('still refuses a section nobody reads', () => {
    expect(() => loadIntakePolicy(JSON.stringify({ gradeing: grading }))).toThrow(/unknown sections: gradeing/);
  });
});
