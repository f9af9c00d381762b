import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../shared/errors/index.js';
import { defaultIntakePolicy } from '../../shared/policy/intake-policy.js';
import type { PolicyDocument } from '../../shared/policy/schema.js';
import { type DryRunSample, documentOf, dryRunPolicy, recentSamples } from '../../shared/usecases/policy-dry-run.js';
import { loadPart } from '../fixtures/grading/corpus.js';
import { aComplaint, anEvent } from '../support/complaint-factory.js';

const current: PolicyDocument = documentOf(defaultIntakePolicy);
const now = new Date('2026-12-01T02:00:00.000Z');

/** The development corpus as stored complaints: the fixture set the dry run grades. */
const samples: DryRunSample[] = loadPart('development').map((item) => ({
  ticketNumber: `corpus-${item.id}`,
  facts: { subject: item.subject, description: item.text, channel: 'web', customer: { tier: 'standard' } },
  label: item.grade,
}));

const withHazardAt = (grade: 'P1' | 'P2' | 'P3' | 'P4'): PolicyDocument => ({
  ...current,
  grading: {
    ...current.grading,
    rules: current.grading.rules.map((rule) => (rule.id === 'hazard' ? { ...rule, grade } : rule)),
  },
});

describe('the policy dry run', () => {
  it('changes nothing when the proposal is the policy in force', () => {
    const result = dryRunPolicy({ current, proposed: structuredClone(current), samples, now });
    expect(result.sampled).toBe(samples.length);
    expect(result.sections).toEqual([]);
    expect(result.changed).toEqual({ grade: 0, category: 0, department: 0, any: 0 });
    expect(result.changes).toEqual([]);
    expect(result.accuracy.current).toBe(result.accuracy.proposed);
    expect(result.deadlines).toBeUndefined();
  });

  it('shows the hazard complaints moving when a proposal lowers the hazard rule to P3', () => {
    const result = dryRunPolicy({ current, proposed: withHazardAt('P3'), samples, now });
    expect(result.sections).toEqual(['grading']);
    expect(result.changed.grade).toBeGreaterThan(0);
    expect(result.gradeMatrix.P1.P3).toBeGreaterThan(0);
    // Nothing is graded more severe by a rule that got milder.
    expect(result.gradeMatrix.P3.P1 + result.gradeMatrix.P4.P1).toBe(0);
    const fire = result.changes.find((c) => c.ticketNumber === 'corpus-zh-001');
    expect(fire).toMatchObject({ before: { grade: 'P1' }, after: { grade: 'P3' }, label: 'P1' });
    expect(fire!.reasons[0]).toMatch(/^P3 safety: /);
    expect(result.accuracy.proposed).toBeLessThan(result.accuracy.current);
  });

  it('lists at most 50 changed complaints but counts every one', () => {
    const everythingP4: PolicyDocument = {
      ...current,
      grading: { ...current.grading, rules: [], defaultGrade: 'P4' },
    };
    const result = dryRunPolicy({ current, proposed: everythingP4, samples, now });
    expect(result.changed.grade).toBeGreaterThan(50);
    expect(result.changes).toHaveLength(50);
    const moved = Object.values(result.gradeMatrix).reduce((sum, row) => sum + row.P4, 0);
    expect(moved).toBe(samples.length);
  });

  it('counts category and department moves when a routing default changes owner', () => {
    const proposed: PolicyDocument = {
      ...current,
      routing: {
        ...current.routing,
        departmentByCategory: { ...current.routing.departmentByCategory, logistics: 'customer_service' },
      },
    };
    const result = dryRunPolicy({ current, proposed, samples, now });
    expect(result.changed.grade).toBe(0);
    expect(result.changed.category).toBe(0);
    expect(result.departmentMoves).toEqual([
      {
        from: current.routing.departmentByCategory.logistics,
        to: 'customer_service',
        count: result.changed.department,
      },
    ]);
  });

  it('puts the deadlines of a complaint received now side by side when the deadlines change', () => {
    const proposed: PolicyDocument = {
      ...current,
      deadlines: { ...current.deadlines, P1: { ...current.deadlines.P1, assign: { minutes: 10 } } },
    };
    const result = dryRunPolicy({ current, proposed, samples: [], now });
    expect(result.sections).toEqual(['deadlines']);
    expect(result.deadlines?.receivedAt).toBe(now.toISOString());
    const p1 = result.deadlines?.rows.find((r) => r.grade === 'P1');
    expect(p1?.current.assign).toBe('2026-12-01T02:15:00.000Z');
    expect(p1?.proposed.assign).toBe('2026-12-01T02:10:00.000Z');
    expect(p1?.proposed.resolve).toBe(p1?.current.resolve);
  });

  it('moves the working-day deadlines of a new complaint when a day off is added to the calendar', () => {
    const proposed: PolicyDocument = {
      ...current,
      calendar: {
        ...current.calendar,
        holidays: [...current.calendar.holidays, { name: 'Company day', from: '2026-12-02', to: '2026-12-02' }],
      },
    };
    const result = dryRunPolicy({ current, proposed, samples: [], now });
    const p3 = result.deadlines?.rows.find((r) => r.grade === 'P3');
    expect(p3!.proposed.firstContact > p3!.current.firstContact).toBe(true);
    const p1 = result.deadlines?.rows.find((r) => r.grade === 'P1');
    expect(p1!.proposed).toEqual(p1!.current);
  });

  it('refuses a malformed proposal field by field before grading anything', () => {
    const { routing: _routing, ...withoutRouting } = current;
    let refusal: unknown;
    try {
      dryRunPolicy({ current, proposed: { ...withoutRouting, colour: 'blue' }, samples, now });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(ValidationError);
    expect(Object.keys((refusal as ValidationError).fields).sort()).toEqual(['colour', 'routing']);
  });

  it('refuses a calendar the working-time code cannot read, naming the calendar', () => {
    const proposed = { ...current, calendar: { ...current.calendar, workday: { start: '25:00', end: '18:00' } } };
    expect(() => dryRunPolicy({ current, proposed, samples, now })).toThrow(ValidationError);
  });
});

describe('the recent complaints a dry run grades', () => {
  const complaints = [
    aComplaint({ status: 'closed', grade: 'P3', receivedAt: '2026-11-20T01:00:00.000Z' }),
    aComplaint({ status: 'assigned', grade: 'P1', receivedAt: '2026-11-22T01:00:00.000Z' }),
    aComplaint({ status: 'closed', grade: 'P2', receivedAt: '2026-11-21T01:00:00.000Z' }),
    aComplaint({
      status: 'received',
      grade: 'P3',
      receivedAt: '2026-11-23T01:00:00.000Z',
      category: 'logistics',
      routingReasons: ['category logistics: chosen by customer'],
    }),
  ];
  const regradedId = complaints[2]!.id;
  /** The index as DynamoDB serves it: one (status, grade) partition, newest first, two per page. */
  const store = {
    async listByStatus(status: string, opts: { grade?: string; newestFirst?: boolean; cursor?: string } = {}) {
      const partition = complaints
        .filter((c) => c.status === status && c.grade === opts.grade)
        .sort((a, b) => (opts.newestFirst ? b.receivedAt.localeCompare(a.receivedAt) : 0));
      const from = opts.cursor ? Number(opts.cursor) : 0;
      const next = from + 2 < partition.length ? String(from + 2) : undefined;
      return { items: partition.slice(from, from + 2), ...(next ? { nextCursor: next } : {}) };
    },
    async listTimeline(id: string) {
      if (id !== regradedId) return [];
      return [
        anEvent(id, {
          type: 'regraded',
          data: { fromGrade: 'P2', toGrade: 'P4', reason: 'a question', deadlines: {} },
        }),
      ];
    },
  };

  it('takes the most recent complaints of every status, newest first, with the grade staff settled on', async () => {
    const taken = await recentSamples(store as never, 3);
    expect(taken.map((s) => s.ticketNumber)).toEqual(
      [complaints[3], complaints[1], complaints[2]].map((c) => c!.ticketNumber),
    );
    expect(taken[2]!.label).toBe('P4');
    expect(taken[0]!.facts.category).toBe('logistics');
    expect(taken[1]!.facts.category).toBeUndefined();
  });
});
