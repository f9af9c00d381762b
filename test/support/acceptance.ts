import type { WorkflowPolicy } from '../../shared/policy/types.js';
import type { OutgoingMail } from '../../shared/ports/index.js';
import { answerOfferFromLink } from '../../shared/usecases/acceptance.js';
import type { StaffActionDeps } from '../../shared/usecases/staff-actions.js';

/**
 * The customer accepts the solution before it is carried out: the default policy asks them (003
 * 步骤3, 004 3.2.3), so a test that proposes and then resolves passes through their answer. Against a
 * running runtime the step is `acceptSolution` of test/support/lifecycle.ts (the mailbox, the link);
 * in-process, against the use cases, it is `acceptFromOfferMail` here: the same link, from the offer
 * mail the recording mailer holds.
 */

/** The policy without `workflow.acceptance`: for a test about what happens when nobody asks the customer. */
export function withoutAcceptance<P extends { workflow: WorkflowPolicy }>(policy: P): P {
  const { acceptance: _asked, ...workflow } = policy.workflow;
  return { ...policy, workflow };
}

/**
 * The customer follows the status link in the last offer mail sent for the complaint and accepts
 * (POST /status/{token}/acceptance, through its use case). Fails when no offer mail was sent.
 */
export async function acceptFromOfferMail(deps: StaffActionDeps, sent: readonly OutgoingMail[], complaintId: string) {
  const offer = sent.filter((m) => m.complaintId === complaintId && m.tags?.kind === 'solution_offer').at(-1);
  const token = offer?.text.match(/\/status\/([A-Za-z0-9._-]+)/)?.[1];
  if (!token) throw new Error(`no offer mail with a status link was sent for complaint ${complaintId}`);
  return answerOfferFromLink(deps, token, { answer: 'accept' });
}
