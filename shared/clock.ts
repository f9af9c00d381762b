import type { Clock } from './ports/index.js';
import { systemClock } from './ports/index.js';

/**
 * Workflow time. On AWS it is the wall clock. The local runtime may scale it (one real second is
 * one hour) so that a demo or a test walks a three-day lifecycle in seconds; the local Step
 * Functions server divides its timers by the same factor, so deadlines computed here and timeouts
 * enforced there stay in step.
 *
 * virtual now = anchorVirtual + (real now - anchorReal) × scale
 */
export function scaledClock(opts: {
  scale: number;
  anchorRealMs: number;
  anchorVirtualMs: number;
  realNow?: () => number;
}): Clock {
  const realNow = opts.realNow ?? Date.now;
  if (!(opts.scale > 0) || !Number.isFinite(opts.scale))
    throw new RangeError(`time scale must be > 0, got ${opts.scale}`);
  return { now: () => new Date(opts.anchorVirtualMs + (realNow() - opts.anchorRealMs) * opts.scale) };
}

let injected: Clock | undefined;

/**
 * The clock the functions are wired with (shared/wiring.ts): the system clock, unless the local
 * runtime, which runs the handlers in its own process, has injected its scaled workflow clock.
 * Nothing here reads the environment: a deployed function cannot be put on another time by a
 * setting, and has no setting to carry.
 */
export const workflowClock: Clock = { now: () => (injected ?? systemClock).now() };

/**
 * Local runtime only: every handler in this process reads `clock` from now on. The function it
 * returns puts the system clock back, unless another runtime in the process has injected its own since.
 */
export function injectWorkflowClock(clock: Clock): () => void {
  injected = clock;
  return () => {
    if (injected === clock) injected = undefined;
  };
}
