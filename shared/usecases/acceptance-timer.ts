import type { Complaint } from '../model/complaint.js';
import { timelineEvent } from '../model/events.js';
import { ownerReminderMail } from '../templates/staff-mails.js';
import { type AcceptanceDue, answerPending } from '../workflow/acceptance.js';
import type { Decision, Notice } from './change-complaint.js';
import { type LinkDeps, staffUrl } from './mail-links.js';

/**
 * The workflow's side of the customer's acceptance (ACC): silence accepts, or the owner is reminded.
 * Apart from shared/usecases/acceptance.ts so the timer function carries none of the staff actions.
 */

/** What the workflow's timer writes when the customer's answer is outstanding (shared/usecases/workflow-steps.ts). */
export function acceptanceTimerChange(
  c: Complaint,
  now: Date,
  due: AcceptanceDue | undefined,
): Pick<Decision, 'changes' | 'events'> | undefined {
  const s = c.solution;
  if (!due || !s?.offer || !answerPending(c)) return undefined;
  const at = now.toISOString();
  if (due === 'silence') {
    return {
      changes: { solution: { ...s, acceptance: { answer: 'accepted', at, via: 'silence', by: 'workflow' } } },
      events: [timelineEvent(c.id, 'solution_accepted', now, 'workflow', { via: 'silence' })],
    };
  }
  return {
    changes: { solution: { ...s, offer: { ...s.offer, remindedAt: at } } },
    events: [
      timelineEvent(c.id, 'owner_reminded', now, 'workflow', {
        ownerId: c.ownerId ?? 'unassigned',
        reason: 'acceptance_due',
      }),
    ],
  };
}

/** The owner hears that the silence accepted (they may go ahead), or that the customer must be asked. */
export function acceptanceTimerNotices(deps: LinkDeps, c: Complaint, due: AcceptanceDue | undefined): Notice[] {
  const owner = deps.policy.staff.find((s) => s.id === c.ownerId);
  if (!due || !owner) return [];
  const reason = due === 'silence' ? 'offer_accepted' : 'acceptance_due';
  return [
    {
      kind: `owner_reminder:${owner.id}`,
      mail: ownerReminderMail({
        complaint: c,
        staff: owner,
        reason,
        timezone: deps.policy.calendar.timezone,
        staffUrl: staffUrl(deps, c),
      }),
    },
  ];
}
