import { describe, expect, it } from 'vitest';
import { ForbiddenError, InvalidTransitionError, ValidationError } from '../../shared/errors/index.js';
import { errorResponse } from '../../shared/http/handler.js';
import { matchComplaint } from '../../shared/mail/match.js';
import type { ArrivedMail, ParsedMail } from '../../shared/mail/types.js';
import type { Complaint } from '../../shared/model/complaint.js';
import { planNext } from '../../shared/workflow/plan.js';
import { calendar, policy, staffActionHarness, tokenOf } from '../support/staff-action-harness.js';

describe('merging the same customer’s duplicate complaint', () => {
  const h = staffActionHarness('merge-complaints');
  const { given, owned, contacted, withSolution, resolved, act, expectUnchanged, types } = h;
  const customer = (c: Complaint) => c.customer;

  /** The complaint that goes on, and the same customer's second one about the same matter. */
  async function pair(duplicate: Partial<Complaint> = {}, goingOn: Partial<Complaint> = contacted('agent.li')) {
    const first = await given(goingOn);
    const second = await given({ customer: { ...customer(first), name: 'Li Wei (phone)' }, ...duplicate });
    return { first, second };
  }

  it('closes the duplicate as merged, records it on both timelines, tells the customer once and wakes only the duplicate’s workflow', async () => {
    const { first, second } = await pair(owned('agent.li'));
    const { complaint: merged } = await act('agent.li', second, 'merge', {
      into: first.ticketNumber,
      reason: 'The same broken kettle, reported again by phone.',
    });

    expect(merged).toMatchObject({
      status: 'closed',
      closeReason: 'merged',
      mergedInto: { complaintId: first.id, ticketNumber: first.ticketNumber },
    });
    expect(await types(second)).toEqual(['merged_into']);
    const [onFirst] = await h.store.listTimeline(first.id);
    expect(onFirst).toMatchObject({
      type: 'merged_from',
      actor: 'agent.li',
      data: { complaintId: second.id, ticketNumber: second.ticketNumber, reason: expect.stringContaining('kettle') },
    });
    // The complaint that goes on keeps its status, owner and deadlines.
    const goingOn = (await h.store.getComplaint(first.id))!;
    expect(goingOn).toMatchObject({ status: first.status, ownerId: 'agent.li', deadlines: first.deadlines });

    const mails = h.mailer.to(customer(first).email!);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain(first.ticketNumber);
    expect(mails[0]!.subject).toContain(second.ticketNumber);
    expect(mails[0]!.text).toContain('/status/');

    // The duplicate's execution learns it is closed; the one that goes on is not disturbed.
    const stored = (await h.store.getComplaint(second.id))!;
    expect(h.workflow.to(tokenOf(second))).toEqual([planNext(stored, h.now, policy, calendar)]);
    expect(h.workflow.to(tokenOf(first))).toEqual([]);
  });

  it('finds the complaint that goes on by its ticket number as staff type it, with spaces around it', async () => {
    const { first, second } = await pair(owned('agent.li'));
    const { complaint } = await act('agent.li', second, 'merge', { into: ` ${first.ticketNumber} `, reason: 'Same' });
    expect(complaint.mergedInto?.ticketNumber).toBe(first.ticketNumber);
  });

  it('recognises the same customer by phone number however it is written', async () => {
    const first = await given({
      ...contacted('agent.li'),
      customer: { name: 'Wang', phone: '+86 138-0013-8000', tier: 'standard', locale: 'zh-CN' },
    });
    const second = await given({
      ...owned('agent.li'),
      customer: { name: 'Wang', phone: '138 0013 8000', tier: 'standard', locale: 'zh-CN' },
    });
    const { complaint } = await act('agent.li', second, 'merge', { into: first.ticketNumber, reason: 'Same call' });
    expect(complaint.status).toBe('closed');
    // No address: nothing to mail, and nothing fails for it.
    expect(h.mailer.sent).toEqual([]);
  });

  it('refuses to merge another customer’s complaint, with a 409 that names it in the caller’s language, and changes nothing', async () => {
    const first = await given(contacted('agent.li'));
    const stranger = await given(owned('agent.li'));
    const refusal = act('agent.li', stranger, 'merge', { into: first.ticketNumber, reason: 'Looks the same' });
    await expect(refusal).rejects.toMatchObject({ reason: 'not_the_same_customer' });
    const error = await refusal.catch((e: unknown) => e);
    const zh = errorResponse(error, 'zh-CN', 'req-1');
    expect(zh.statusCode).toBe(409);
    expect(zh.body).toContain(first.ticketNumber);
    expect(zh.body).toContain('同一客户');
    await expectUnchanged(stranger);
    await expectUnchanged(first);
  });

  it('answers a ticket nobody may see, or that does not exist, as an unknown complaint (422), never as a hint that it exists', async () => {
    const { second } = await pair(owned('agent.li'));
    const elsewhere = await given({ department: 'finance', customer: customer(second) });
    for (const into of ['209912-9999', elsewhere.ticketNumber]) {
      await expect(act('agent.li', second, 'merge', { into, reason: 'Same' })).rejects.toBeInstanceOf(ValidationError);
    }
    await expectUnchanged(second);
  });

  it('refuses to merge into itself, into a closed or resolved complaint, or while the duplicate still has work of its own', async () => {
    const { first, second } = await pair(owned('agent.li'));
    await expect(act('agent.li', second, 'merge', { into: second.ticketNumber, reason: 'Same' })).rejects.toMatchObject(
      { reason: 'merge_into_itself' },
    );
    const done = await given({ ...resolved(), customer: customer(first) });
    await expect(act('agent.li', second, 'merge', { into: done.ticketNumber, reason: 'Same' })).rejects.toMatchObject({
      reason: 'merge_target_not_open',
    });
    const deciding = await given({ ...withSolution('pending'), status: 'in_progress', customer: customer(first) });
    await expect(
      act('agent.li', deciding, 'merge', { into: first.ticketNumber, reason: 'Same' }),
    ).rejects.toMatchObject({ reason: 'merge_work_open' });
    // A proposed solution is decided first: the lifecycle has no merge from that status.
    const proposed = await given({ ...withSolution('not_required'), customer: customer(first) });
    await expect(
      act('agent.li', proposed, 'merge', { into: first.ticketNumber, reason: 'Same' }),
    ).rejects.toBeInstanceOf(InvalidTransitionError);
    // The customer holds an offer of the duplicate's own solution: they answer it first.
    const offered = await given({
      ...withSolution('not_required'),
      status: 'in_progress',
      customer: customer(first),
      solution: { ...withSolution('not_required').solution!, offerDueAt: h.minutesAgo(-60) },
    });
    await expect(act('agent.li', offered, 'merge', { into: first.ticketNumber, reason: 'Same' })).rejects.toMatchObject(
      {
        reason: 'merge_work_open',
        params: { what: 'an offer to the customer' },
      },
    );
    for (const c of [second, deciding, proposed, offered]) await expectUnchanged(c);
  });

  it('lets an agent merge only a complaint they own; a supervisor merges any of their department’s', async () => {
    const { first, second } = await pair(owned('agent.chen'));
    await expect(act('agent.li', second, 'merge', { into: first.ticketNumber, reason: 'Same' })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expectUnchanged(second);
    const { complaint } = await act('supervisor.wang', second, 'merge', { into: first.ticketNumber, reason: 'Same' });
    expect(complaint.status).toBe('closed');
  });

  it('completes a merge retried after a fault between its two writes, without a second mail or a second record', async () => {
    const { first, second } = await pair(owned('agent.li'));
    // The fault: the write on the complaint that goes on is throttled after the duplicate closed.
    const appendEvents = h.store.appendEvents.bind(h.store);
    h.store.appendEvents = async () => {
      throw new Error('ProvisionedThroughputExceededException');
    };
    await expect(act('agent.li', second, 'merge', { into: first.ticketNumber, reason: 'Same' })).rejects.toThrow(
      'ProvisionedThroughputExceededException',
    );
    h.store.appendEvents = appendEvents;
    expect((await h.store.getComplaint(second.id))?.status).toBe('closed');
    expect(await types(first)).toEqual([]);
    const again = await act('agent.li', second, 'merge', { into: first.ticketNumber, reason: 'Same' });
    expect(again.events).toEqual([]);
    expect(await types(first)).toEqual(['merged_from']);
    expect(h.mailer.to(customer(first).email!)).toHaveLength(1);
  });

  it('delivers the customer’s later mail to the duplicate’s thread to the complaint that goes on', async () => {
    const { first, second } = await pair(owned('agent.li'));
    await act('agent.li', second, 'merge', { into: first.ticketNumber, reason: 'Same' });
    const parsed = {
      from: { address: customer(first).email! },
      to: [],
      cc: [],
      inReplyTo: [],
      references: [],
      subject: `Re: ${second.ticketNumber}`,
    } as unknown as ParsedMail;
    const arrived = { recipients: [] } as unknown as ArrivedMail;
    const match = await matchComplaint(
      {
        store: h.store,
        threads: { complaintForMessageId: async () => undefined },
        replyAddresses: { domain: 'reply.example.com' } as never,
      },
      parsed,
      arrived,
    );
    expect(match).toMatchObject({ complaint: { id: first.id }, matchedBy: 'ticket_number' });
  });
});
