import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scaledClock } from '../../shared/clock.js';
import type { Clock } from '../../shared/ports/index.js';

/**
 * Workflow time for one run of the local runtime. The handlers (given this clock at wiring, shared/clock.ts) and
 * the Step Functions server's timers run on the same scale from the same anchor, so a deadline a
 * handler computes and the timeout that enforces it agree. With a data directory the virtual time
 * is kept across restarts, so stopping `npm start` never moves workflow time backwards.
 */

export interface WorkflowTime {
  clock: Clock;
  timeScale: number;
  /** Where the virtual clock started, and why. */
  startedAt: Date;
  origin: 'given' | 'resumed' | 'now';
  /**
   * Restarts the clock at the time it was asked to start at (clockStart), from this real moment,
   * so that the time spent loading handlers is not counted: a test's first request happens at
   * clockStart.
   */
  reanchor(): void;
  /** Persists the virtual time now and stops the periodic save. */
  stop(): void;
}

const STATE_FILE = 'clock.json';
/** A crash skips the save at stop; saving every second bounds how far back a restart can land. */
const SAVE_EVERY_MS = 1000;

interface SavedClock {
  virtualNow: string;
  timeScale: number;
  savedAt: string;
}

export function readSavedClock(dataDir: string): Date | undefined {
  const file = join(dataDir, STATE_FILE);
  if (!existsSync(file)) return undefined;
  const saved = JSON.parse(readFileSync(file, 'utf8')) as Partial<SavedClock>;
  const at = Date.parse(saved.virtualNow ?? '');
  return Number.isNaN(at) ? undefined : new Date(at);
}

/**
 * Where a run's virtual clock starts: the requested instant (or real now at scale 1, or with nothing
 * saved), but never before the time the last run reached. At another scale the saved time wins over
 * real now: time that passed while the runtime was stopped is not multiplied.
 */
export function workflowClockStart(opts: { realNow: number; timeScale: number; clockStart?: Date; saved?: Date }): {
  at: number;
  origin: WorkflowTime['origin'];
} {
  const requested = opts.clockStart?.getTime() ?? (opts.saved && opts.timeScale !== 1 ? undefined : opts.realNow);
  if (opts.saved && (requested === undefined || opts.saved.getTime() > requested)) {
    return { at: opts.saved.getTime(), origin: 'resumed' };
  }
  return { at: requested ?? opts.realNow, origin: opts.clockStart ? 'given' : 'now' };
}

export function startWorkflowTime(opts: { timeScale?: number; clockStart?: Date; dataDir?: string }): WorkflowTime {
  const timeScale = opts.timeScale ?? 1;
  if (!(timeScale > 0) || !Number.isFinite(timeScale)) {
    throw new RangeError(`timeScale must be a positive number, got ${opts.timeScale}`);
  }
  if (opts.clockStart && Number.isNaN(opts.clockStart.getTime()))
    throw new RangeError('clockStart is not a valid date');
  const realNow = Date.now();
  const saved = opts.dataDir ? readSavedClock(opts.dataDir) : undefined;
  const start = workflowClockStart({ realNow, timeScale, clockStart: opts.clockStart, saved });
  const anchor = { real: realNow, virtual: start.at };
  const clock: Clock = {
    now: () => scaledClock({ scale: timeScale, anchorRealMs: anchor.real, anchorVirtualMs: anchor.virtual }).now(),
  };

  const save = () => {
    if (!opts.dataDir) return;
    mkdirSync(opts.dataDir, { recursive: true });
    const state: SavedClock = {
      virtualNow: clock.now().toISOString(),
      timeScale,
      savedAt: new Date().toISOString(),
    };
    writeFileSync(join(opts.dataDir, STATE_FILE), `${JSON.stringify(state, null, 2)}\n`);
  };
  const timer = opts.dataDir ? setInterval(save, SAVE_EVERY_MS).unref() : undefined;
  save();

  return {
    clock,
    timeScale,
    startedAt: new Date(start.at),
    origin: start.origin,
    reanchor: () => {
      if (start.origin !== 'given') return;
      anchor.real = Date.now();
    },
    stop: () => {
      clearInterval(timer);
      save();
    },
  };
}
