import type { Complaint } from '../model/complaint.js';
import { currentStep, effectiveDeadline } from './plan.js';
import type { WorkflowStep } from './types.js';

type StepTimes = NonNullable<Complaint['stepTimes']>;
export type ComplaintChanges = Partial<Omit<Complaint, 'id' | 'version'>>;

/** The complaint as it will be once `changes` are written (a change to undefined clears the field, as in the store). */
export function withChanges(c: Complaint, changes: ComplaintChanges): Complaint {
  const next = { ...c } as Record<string, unknown>;
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) delete next[name];
    else next[name] = value;
  }
  return next as unknown as Complaint;
}

/**
 * What else changes when a write moves the complaint from one workflow step to another: the step
 * it leaves ends and the one it enters starts (kept for the reports' handling times), and the
 * by-deadline index points at the new step's deadline. A step entered again after a reopen is
 * kept apart ("await_resolution#2") so the first round's times survive. While the complaint waits
 * for the customer the index keeps its deadline: the clock is paused, and the deadline moves on
 * when it resumes (shared/workflow/pause.ts). The escalation of a step the complaint has left is cleared.
 */
export function stepTransition(before: Complaint, after: Complaint, now: Date): ComplaintChanges {
  const from = currentStep(before);
  const to = currentStep(after);
  if (from === to) return {};
  const at = now.toISOString();
  const times: StepTimes = { ...(before.stepTimes ?? {}) };
  const open = openRound(times, from);
  if (open) {
    times[open] = { ...times[open]!, endedAt: at };
  } else {
    // Steps entered by a write that kept no times (the intake's first step) started at that write.
    const startedAt = before.stepTimes === undefined ? before.receivedAt : before.updatedAt;
    times[nextRound(times, from)] = { startedAt, endedAt: at };
  }
  times[nextRound(times, to)] = { startedAt: at };
  // An escalation belongs to the step it escalated: once that step is done it is history (on the
  // timeline), not state. A pause for the customer keeps it; the step resumes with it afterwards.
  const stale = after.escalation && to !== 'await_customer' && after.escalation.step !== to;
  return {
    stepTimes: times,
    ...(stale ? { escalation: undefined } : {}),
    ...(to === 'await_customer' ? {} : { nextDeadlineAt: effectiveDeadline(after, to) }),
  };
}

const roundOf = (key: string) => Number(key.split('#')[1] ?? 1);

function rounds(times: StepTimes, step: WorkflowStep): string[] {
  return Object.keys(times)
    .filter((key) => key === step || key.startsWith(`${step}#`))
    .sort((a, b) => roundOf(a) - roundOf(b));
}

function openRound(times: StepTimes, step: WorkflowStep): string | undefined {
  return rounds(times, step)
    .filter((key) => !times[key]!.endedAt)
    .at(-1);
}

function nextRound(times: StepTimes, step: WorkflowStep): string {
  const last = rounds(times, step).at(-1);
  return last === undefined ? step : `${step}#${roundOf(last) + 1}`;
}
