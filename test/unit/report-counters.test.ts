import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { complaintItem, eventItem } from '../../shared/adapters/dynamo/keys.js';
import type { Complaint, TimelineEvent } from '../../shared/model/complaint.js';
import { timelineEvent } from '../../shared/model/events.js';
import { counter, localDayAndHour } from '../../shared/reports/counters.js';
import { countersFor, readRecord, type StreamRecord } from '../../shared/reports/stream-records.js';
import { aComplaint } from '../support/complaint-factory.js';

const SHANGHAI = 'Asia/Shanghai';
const image = (item: Record<string, unknown>) => marshall(item, { removeUndefinedValues: true });

function complaintRecord(before: Complaint | undefined, after: Complaint): StreamRecord {
  return {
    eventID: 'e1',
    eventName: before ? 'MODIFY' : 'INSERT',
    dynamodb: {
      NewImage: image(complaintItem(after)),
      ...(before ? { OldImage: image(complaintItem(before)) } : {}),
    },
  };
}
const eventRecord = (event: TimelineEvent): StreamRecord => ({
  eventID: 'e2',
  eventName: 'INSERT',
  dynamodb: { NewImage: image(eventItem(event)) },
});

const counted = (record: StreamRecord, dims?: Complaint) =>
  countersFor(readRecord(record), SHANGHAI, () =>
    dims
      ? { department: dims.department, category: dims.category, channel: dims.channel, grade: dims.grade }
      : undefined,
  );

describe('the report counters kept as complaints change', () => {
  it('counts a new complaint as received on its local day and hour, under its department, and split by category, channel and grade', () => {
    // 17:30 UTC on 30 November is 01:30 on 1 December in Shanghai.
    const c = aComplaint({
      receivedAt: '2026-11-30T17:30:00.000Z',
      grade: 'P2',
      channel: 'email',
      category: 'billing',
      department: 'finance',
    });
    expect(counted(complaintRecord(undefined, c))).toEqual([
      {
        day: '2026-12-01',
        dims: { department: 'finance', category: 'billing', channel: 'email', grade: 'P2' },
        add: {
          received: 1,
          receivedH01: 1,
          received_category_billing: 1,
          received_channel_email: 1,
          received_grade_P2: 1,
        },
      },
    ]);
  });

  it('counts an assignment on time when it comes before the deadline and late when after', () => {
    const c = aComplaint({
      deadlines: { assign: '2026-11-20T04:00:00.000Z', firstContact: 'x', resolve: 'y' } as Complaint['deadlines'],
    });
    const onTime = { ...c, ownerId: 'agent.li', assignedAt: '2026-11-20T03:59:00.000Z', version: 2 };
    const late = { ...c, ownerId: 'agent.li', assignedAt: '2026-11-20T04:01:00.000Z', version: 2 };
    expect(counted(complaintRecord(c, onTime))[0]!.add).toEqual({ [counter.onTime('assign')]: 1 });
    expect(counted(complaintRecord(c, late))[0]!.add).toEqual({ [counter.late('assign')]: 1 });
  });

  it('counts nothing for a write that changes no fact the reports keep', () => {
    const c = aComplaint({ ownerId: 'agent.li', assignedAt: '2026-11-20T03:00:00.000Z' });
    expect(counted(complaintRecord(c, { ...c, nextDeadlineAt: '2026-11-21T00:00:00.000Z', version: 2 }))).toEqual([]);
  });

  it('counts first contact, solution and resolution each against its own deadline', () => {
    const c = aComplaint();
    const after: Complaint = {
      ...c,
      firstContactAt: '2026-11-22T00:00:00.000Z',
      solution: { summary: 's', proposedAt: '2026-11-24T03:00:00.000Z', proposedBy: 'a', approval: 'not_required' },
      resolvedAt: '2026-11-24T04:00:00.000Z',
    };
    const adds = Object.assign({}, ...counted(complaintRecord(c, after)).map((i) => i.add));
    expect(adds).toEqual({ firstContactOnTime: 1, solutionLate: 1, resolveOnTime: 1 });
  });

  it('adds the handling time of a step that ended, its count and its histogram bucket', () => {
    const c = aComplaint({ stepTimes: { await_owner: { startedAt: '2026-11-20T02:00:00.000Z' } } });
    const after = {
      ...c,
      stepTimes: {
        await_owner: { startedAt: '2026-11-20T02:00:00.000Z', endedAt: '2026-11-20T03:30:00.000Z' },
        await_contact: { startedAt: '2026-11-20T03:30:00.000Z' },
      },
    };
    expect(counted(complaintRecord(c, after))[0]!.add).toEqual({
      handlingMin_await_owner: 90,
      handlingN_await_owner: 1,
      handlingLe_await_owner_2: 1,
    });
  });

  it('counts the second round of a step after a reopen under the same step', () => {
    const round = { startedAt: '2026-11-20T02:00:00.000Z', endedAt: '2026-11-20T02:10:00.000Z' };
    const c = aComplaint({
      stepTimes: { await_contact: round, 'await_contact#2': { startedAt: '2026-11-21T02:00:00.000Z' } },
    });
    const after = {
      ...c,
      stepTimes: {
        ...c.stepTimes,
        'await_contact#2': { startedAt: '2026-11-21T02:00:00.000Z', endedAt: '2026-11-21T03:00:00.000Z' },
      },
    };
    expect(counted(complaintRecord(c, after))[0]!.add).toMatchObject({
      handlingMin_await_contact: 60,
      handlingN_await_contact: 1,
    });
  });

  it('tells a person regrading from a reopen raising the grade', () => {
    const c = aComplaint({ grade: 'P3' });
    const regraded = { ...c, grade: 'P2' as const, updatedAt: '2026-11-21T02:00:00.000Z' };
    const reopened = { ...regraded, reopenCount: 1, reopenedAt: '2026-11-21T02:00:00.000Z' };
    expect(counted(complaintRecord(c, regraded))[0]!.add).toEqual({ regraded: 1, regraded_P3_P2: 1 });
    expect(counted(complaintRecord(c, reopened))[0]!.add).toEqual({ reopened: 1 });
  });

  describe('grading accuracy: complaints whose grade a person left other than the initial one', () => {
    // Received on 20 November (Shanghai), regraded on the 25th and 27th.
    const c = aComplaint({ grade: 'P3', initialGrade: 'P3', receivedAt: '2026-11-20T02:00:00.000Z' });
    const regrade = (from: Complaint, grade: Complaint['grade'], at: string): Complaint => ({
      ...from,
      grade,
      gradeDiffers: grade !== 'P3',
      updatedAt: at,
      version: from.version + 1,
    });
    const away = regrade(c, 'P2', '2026-11-25T02:00:00.000Z');
    const further = regrade(away, 'P1', '2026-11-26T02:00:00.000Z');
    const back = regrade(further, 'P3', '2026-11-27T02:00:00.000Z');
    const differs = (before: Complaint | undefined, after: Complaint) =>
      counted(complaintRecord(before, after)).flatMap((inc) =>
        inc.add.gradeDiffers === undefined ? [] : [{ day: inc.day, by: inc.add.gradeDiffers }],
      );

    it('counts a complaint once when a regrade moves its grade away, on the day it was received', () => {
      expect(differs(undefined, c)).toEqual([]);
      expect(differs(c, away)).toEqual([{ day: '2026-11-20', by: 1 }]);
      // The regrade itself is still counted on its own day.
      expect(counted(complaintRecord(c, away)).find((inc) => inc.day === '2026-11-25')?.add).toEqual({
        regraded: 1,
        regraded_P3_P2: 1,
      });
    });

    it('does not count it again when a second regrade moves it further away', () => {
      expect(differs(away, further)).toEqual([]);
    });

    it('takes it back when a regrade returns the grade to the initial one', () => {
      expect(differs(further, back)).toEqual([{ day: '2026-11-20', by: -1 }]);
      const net = [c, away, further, back]
        .slice(1)
        .flatMap((after, n) => differs([c, away, further][n], after))
        .reduce((sum, d) => sum + d.by, 0);
      expect(net).toBe(0);
    });

    it('leaves a reopen’s automatic raise out: the policy raised the grade, nobody misgraded it', () => {
      const reopened = { ...c, grade: 'P2' as const, reopenCount: 1, reopenedAt: '2026-11-28T02:00:00.000Z' };
      expect(differs(c, reopened)).toEqual([]);
    });
  });

  it('counts a reroute under the new department, naming the one it left', () => {
    const c = aComplaint({ department: 'customer_service' });
    const [inc] = counted(complaintRecord(c, { ...c, department: 'quality', updatedAt: '2026-11-21T02:00:00.000Z' }));
    expect(inc!.dims.department).toBe('quality');
    expect(inc!.add).toEqual({ rerouted: 1, reroutedFrom_customer_service: 1 });
  });

  it('counts a duplicate merged into the customer’s other complaint as closed and merged, on the day it closed', () => {
    const c = aComplaint({ status: 'in_progress' });
    const at = '2026-11-21T02:00:00.000Z';
    const merged = { ...c, status: 'closed' as const, closedAt: at, closeReason: 'merged' as const, updatedAt: at };
    const [inc] = counted(complaintRecord(c, merged));
    expect(inc!.day).toBe('2026-11-21');
    expect(inc!.add).toEqual({ closed: 1, merged: 1 });
    const answered = { ...merged, closeReason: 'survey_answered' as const };
    expect(counted(complaintRecord(c, answered))[0]!.add).toEqual({ closed: 1 });
  });

  it('counts a breach by step and rung, and not the top rung daily reminder of the same breach', () => {
    const c = aComplaint();
    const breach = (digest?: true) =>
      timelineEvent(c.id, 'sla_breached', new Date('2026-11-20T05:00:00.000Z'), 'workflow', {
        step: 'await_owner',
        deadline: '2026-11-20T04:00:00.000Z',
        level: 3,
        role: 'manager',
        notified: ['manager.sun'],
        newDeadline: '2026-11-21T05:00:00.000Z',
        ...(digest ? { digest } : {}),
      });
    expect(counted(eventRecord(breach()), c)[0]!.add).toEqual({ breach_await_owner_3: 1 });
    expect(counted(eventRecord(breach(true)), c)).toEqual([]);
  });

  it('counts a dissatisfied survey answer with its score and reason, though the reopen clears it from the complaint', () => {
    const c = aComplaint();
    const answer = timelineEvent(c.id, 'survey_answered', new Date('2026-11-26T02:00:00.000Z'), 'customer', {
      score: 2,
      notFixed: true,
      reason: 'Still broken, 电话 13800138000',
      answeredAt: '2026-11-26T02:00:00.000Z',
    });
    const add = counted(eventRecord(answer), c)[0]!.add;
    expect(add).toEqual({
      surveyAnswered: 1,
      surveyScoreSum: 2,
      surveyScoreN: 1,
      surveyScore2: 1,
      dissatisfied: 1,
      dissatisfiedBecause_not_fixed: 1,
    });
    expect(JSON.stringify(add)).not.toContain('13800138000');
  });

  it('ignores timeline event types it does not count, including ones added after it was written', () => {
    const c = aComplaint();
    const unknown = {
      ...timelineEvent(c.id, 'note_added', new Date(), 'agent.li', { text: 'x' }),
      type: 'work_order_opened',
    } as unknown as TimelineEvent;
    expect(readRecord(eventRecord(unknown))).toEqual({ kind: 'ignored' });
    expect(readRecord(eventRecord(timelineEvent(c.id, 'note_added', new Date(), 'agent.li', { text: 'x' })))).toEqual({
      kind: 'ignored',
    });
  });

  it('ignores its own counter items, removals and items that are not complaints', () => {
    const counterItem: StreamRecord = {
      eventName: 'MODIFY',
      dynamodb: { NewImage: image({ pk: 'REPORT#DAY#2026-11-20', sk: 'finance', received: 3 }) },
    };
    const removal: StreamRecord = { eventName: 'REMOVE', dynamodb: { OldImage: image(complaintItem(aComplaint())) } };
    expect(readRecord(counterItem)).toEqual({ kind: 'ignored' });
    expect(readRecord(removal)).toEqual({ kind: 'ignored' });
  });

  it('reads the day in the operator zone across midnight', () => {
    expect(localDayAndHour('2026-11-30T16:00:00.000Z', SHANGHAI)).toEqual({ day: '2026-12-01', hour: 0 });
    expect(localDayAndHour('2026-11-30T15:59:59.000Z', SHANGHAI)).toEqual({ day: '2026-11-30', hour: 23 });
    expect(localDayAndHour('2026-11-30T15:59:59.000Z', 'Europe/London')).toEqual({ day: '2026-11-30', hour: 15 });
  });
});
