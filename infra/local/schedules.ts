import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns';
import type { Clock } from '../../shared/ports/index.js';

/** An EventBridge Scheduler schedule of the app that invokes one of its functions. */
export interface LocalSchedule {
  logicalId: string;
  /** As in the template: `cron(0 9 * * ? *)` or `rate(15 minutes)`. */
  expression: string;
  /** IANA zone the cron expression is read in (ScheduleExpressionTimezone); UTC when absent. */
  timezone?: string;
  /** The function the schedule invokes. */
  functionLogicalId: string;
}

/**
 * The next instant a schedule fires after `after`, or undefined for an expression the local runtime
 * does not run. Only what the app uses: a daily `cron(M H * * ? *)` and `rate(N minute(s)|hour(s)|day(s))`.
 */
export function nextFiring(schedule: Pick<LocalSchedule, 'expression' | 'timezone'>, after: Date): Date | undefined {
  const daily = /^cron\((\d{1,2}) (\d{1,2}) \* \* \? \*\)$/.exec(schedule.expression);
  if (daily) {
    const zone = schedule.timezone ?? 'UTC';
    const local = new TZDate(after.getTime(), zone);
    if (Number.isNaN(local.getTime()) || Number.isNaN(local.getFullYear())) return undefined;
    let at = new TZDate(
      local.getFullYear(),
      local.getMonth(),
      local.getDate(),
      Number(daily[2]),
      Number(daily[1]),
      zone,
    );
    if (at.getTime() <= after.getTime()) at = addDays(at, 1);
    return new Date(at.getTime());
  }
  const rate = /^rate\((\d+) (minute|hour|day)s?\)$/.exec(schedule.expression);
  if (rate) {
    const unitMs = { minute: 60_000, hour: 3_600_000, day: 86_400_000 }[rate[2] as 'minute' | 'hour' | 'day'];
    return new Date(after.getTime() + Number(rate[1]) * unitMs);
  }
  return undefined;
}

/** The least real time between two runs of one schedule (see `arm`). */
export const MIN_REAL_GAP_MS = 1000;

export interface RunningSchedules {
  stop(): void;
}

/**
 * Runs the app's schedules in workflow time, as EventBridge Scheduler runs them on AWS: at the
 * scaled moment each fires, its function is invoked with a scheduler-shaped event. A run that fails
 * is logged (on AWS the scheduler retries it; locally the next firing comes round).
 */
export function startSchedules(opts: {
  schedules: LocalSchedule[];
  functionName: (logicalId: string) => string;
  clock: Clock;
  timeScale: number;
  invoke: (functionName: string, event: unknown) => Promise<unknown>;
  log: (line: string) => void;
}): RunningSchedules {
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;

  const arm = (schedule: LocalSchedule, afterRun = false) => {
    const now = opts.clock.now();
    const next = nextFiring(schedule, now);
    if (!next) {
      opts.log(`schedule ${schedule.logicalId} (${schedule.expression}) does not run locally`);
      return;
    }
    // At a high time scale an hourly schedule would run back to back (every 0.1 s at 10 hours a
    // second) and starve the rest of the runtime: after a run, the next waits at least a real second.
    const realDelay = Math.max(afterRun ? MIN_REAL_GAP_MS : 0, (next.getTime() - now.getTime()) / opts.timeScale);
    // setTimeout holds at most ~24.8 days: a longer wait wakes early, finds the firing not yet due, and arms again.
    const timer = setTimeout(
      async () => {
        timers.delete(timer);
        if (stopped) return;
        if (opts.clock.now().getTime() >= next.getTime()) {
          try {
            const result = await opts.invoke(opts.functionName(schedule.functionLogicalId), {
              source: 'aws.scheduler',
              'detail-type': 'Scheduled Event',
              time: next.toISOString(),
              resources: [schedule.logicalId],
              detail: {},
            });
            opts.log(`schedule ${schedule.logicalId} ran: ${JSON.stringify(result)}`);
          } catch (err) {
            opts.log(`schedule ${schedule.logicalId} failed: ${err instanceof Error ? err.message : String(err)}`);
          }
        }
        if (!stopped) arm(schedule, true);
      },
      Math.min(realDelay, 2 ** 31 - 1),
    ).unref();
    timers.add(timer);
  };

  for (const schedule of opts.schedules) arm(schedule);
  return {
    stop: () => {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
