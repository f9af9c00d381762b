import type { Clock } from './ports/index.js';
import { systemClock } from './ports/index.js';

/**
 * Workflow time. On AWS it is the wall clock. The local runtime may scale it
 * (CLOSELOOP_TIME_SCALE=3600: one real second is one hour) so that a demo or a test walks a
 * three-day lifecycle in seconds; the local Step Functions server divides its timers by the
 * same factor, so deadlines computed here and timeouts enforced there stay in step.
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

/**
 * The clock the environment asks for: scaled when the local runtime set CLOSELOOP_TIME_SCALE,
 * else the system clock. The variables are read at every `now()` (a few string reads), so a
 * local runtime that restarts in the same process, or re-anchors once it has started, is
 * followed at once; in Lambda they never change.
 */
export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): Clock {
  return {
    now: () => {
      const scale = Number(env.CLOSELOOP_TIME_SCALE ?? 1);
      const anchorVirtual = env.CLOSELOOP_CLOCK_ANCHOR_VIRTUAL;
      if (scale === 1 && !anchorVirtual) return systemClock.now();
      const realNow = Date.now();
      const anchorReal = env.CLOSELOOP_CLOCK_ANCHOR_REAL;
      return scaledClock({
        scale,
        anchorRealMs: anchorReal ? Date.parse(anchorReal) : realNow,
        anchorVirtualMs: anchorVirtual ? Date.parse(anchorVirtual) : realNow,
        realNow: () => realNow,
      }).now();
    },
  };
}
