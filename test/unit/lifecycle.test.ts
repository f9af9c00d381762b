import { describe, expect, it } from 'vitest';
import { InvalidTransitionError } from '../../shared/errors/index.js';
import { message } from '../../shared/i18n/messages.js';
import { STATUSES } from '../../shared/model/complaint.js';
import { COMMANDS, LIFECYCLE, nextStatus, STEPS } from '../../shared/workflow/lifecycle.js';
import { WAIT_STEPS } from '../../shared/workflow/types.js';

describe('the lifecycle table', () => {
  it('refuses every (status, command) pair it has no row for with a 409 that names the status', () => {
    let refused = 0;
    for (const status of STATUSES) {
      for (const command of COMMANDS) {
        if (LIFECYCLE[command][status] !== undefined) continue;
        let error: unknown;
        try {
          nextStatus(status, command);
        } catch (e) {
          error = e;
        }
        expect(error, `${command} while ${status}`).toBeInstanceOf(InvalidTransitionError);
        expect(error).toMatchObject({ statusCode: 409, params: { status, command } });
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(80);
  });

  it('says in both languages which status stood in the way', () => {
    const error = (() => {
      try {
        return nextStatus('awaiting_customer', 'resolve');
      } catch (e) {
        return e as InvalidTransitionError;
      }
    })() as InvalidTransitionError;
    expect(message('en', 'invalid_transition', error.params)).toContain('Waiting for information from you');
    expect(message('zh-CN', 'invalid_transition', error.params)).toContain('等待您补充信息');
  });

  it('lets nothing but a note, a customer’s message, an erasure and the record of a merge touch a closed complaint, and none reopens it', () => {
    const accepted = COMMANDS.filter((command) => LIFECYCLE[command].closed !== undefined);
    expect(accepted.sort()).toEqual(['archive', 'customer_reply', 'erase_personal_data', 'merged_from', 'note']);
    for (const command of accepted) expect(nextStatus('closed', command)).toBe('closed');
  });

  it('lets regrade, reroute and escalate touch only work still under way, and never move the status', () => {
    for (const command of ['regrade', 'reroute', 'escalate'] as const) {
      for (const status of ['resolved', 'awaiting_survey', 'closed'] as const) {
        expect(() => nextStatus(status, command), `${command} while ${status}`).toThrow(InvalidTransitionError);
      }
      for (const status of ['received', 'assigned', 'in_progress', 'solution_proposed', 'reopened'] as const) {
        expect(nextStatus(status, command)).toBe(status);
      }
    }
    // While we wait on the customer the clock is paused: nothing is late, so nothing to escalate.
    expect(() => nextStatus('awaiting_customer', 'escalate')).toThrow(InvalidTransitionError);
    expect(nextStatus('awaiting_customer', 'regrade')).toBe('awaiting_customer');
  });

  it('gives every waiting step a row, and a deadline to every step the ladder escalates', () => {
    for (const step of WAIT_STEPS) expect(STEPS.some((row) => row.step === step)).toBe(true);
    for (const row of STEPS.filter((r) => r.progress)) expect(row.deadline.length > 0 || row.due).toBeTruthy();
  });
});
