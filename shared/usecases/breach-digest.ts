import { logger, metrics } from '../observability.js';
import type { Policy } from '../policy/types.js';
import type { Clock, ComplaintStore, Mailer, OnceLedger } from '../ports/index.js';
import { breachDigestMail } from '../templates/staff-mails.js';
import { breachDigests } from '../workflow/breach-digest.js';
import { allPages } from './all-pages.js';
import { staffUrl } from './mail-links.js';

export interface BreachDigestDeps {
  /** Only the staff links' base: a digest carries no signed customer link, so it needs no signing key. */
  links: { baseUrl: string };
  store: Pick<ComplaintStore, 'listDueBefore'>;
  mailer: Mailer;
  ledger: OnceLedger;
  clock: Clock;
  policy: Policy;
}

export interface BreachDigestResult {
  /** Staff ids mailed this run. */
  sent: string[];
  /** Staff ids already mailed today (a retried or repeated run). */
  alreadySent: string[];
  failed: { staffId: string; error: string }[];
  complaints: number;
}

/**
 * A complaint at the top rung re-arms its escalation a day ahead (timer-decisions.ts), so every one
 * of them is due within this window: the by-deadline index holds them all, no Scan.
 */
const LOOK_AHEAD_MS = 2 * 24 * 3600 * 1000;
/** The ledger only has to outlive the day's retries. */
const LEDGER_DAYS = 3;

/** The calendar day in the policy's zone: a digest is "daily" by the reader's day, not UTC's. */
function localDay(now: Date, timezone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** The digest goes out in this hour of the stored policy's zone (the reference's morning review). */
export const DIGEST_HOUR = 9;

/**
 * The schedule runs every hour (infra/stacks/stateless-stack.ts): the digest is due in the run that
 * falls in DIGEST_HOUR in the zone of the policy in force, so a new zone saved by a manager moves it
 * without a deploy. Hourly runs meet every local hour once, whatever the zone's offset.
 */
export function digestDue(now: Date, policy: Pick<Policy, 'calendar'>): boolean {
  const hour = new Intl.DateTimeFormat('en-GB', {
    timeZone: policy.calendar.timezone,
    hour: '2-digit',
    hourCycle: 'h23',
  }).format(now);
  return Number(hour) === DIGEST_HOUR;
}

/**
 * Scheduled once a day: each person at the top of the ladder gets one mail listing every complaint
 * still breached there. At most one per person and day, however often the schedule or its retries
 * run; a mail that fails is given back to the ledger and the run fails, so the retry sends it.
 */
export async function sendBreachDigests(deps: BreachDigestDeps): Promise<BreachDigestResult> {
  const now = deps.clock.now();
  const horizon = new Date(now.getTime() + LOOK_AHEAD_MS).toISOString();
  const complaints = [];
  for await (const c of allPages((cursor) => deps.store.listDueBefore(horizon, { limit: 100, cursor }))) {
    complaints.push(c);
  }

  const timezone = deps.policy.calendar.timezone;
  const day = localDay(now, timezone);
  const result: BreachDigestResult = { sent: [], alreadySent: [], failed: [], complaints: 0 };
  const digests = breachDigests(complaints, deps.policy);
  result.complaints = new Set(digests.flatMap((d) => d.items.map((i) => i.complaint.id))).size;
  const expires = Math.floor(now.getTime() / 1000) + LEDGER_DAYS * 24 * 3600;

  for (const { staff, items } of digests) {
    const key = `breach-digest#${day}#${staff.id}`;
    if (!(await deps.ledger.claim(key, expires))) {
      result.alreadySent.push(staff.id);
      continue;
    }
    try {
      await deps.mailer.send(
        breachDigestMail({ staff, items, timezone, staffUrl: (complaint) => staffUrl(deps, complaint) }),
      );
      result.sent.push(staff.id);
    } catch (error) {
      await deps.ledger.release(key);
      const message = error instanceof Error ? error.message : String(error);
      result.failed.push({ staffId: staff.id, error: message });
      logger.error('breach digest not sent', { staffId: staff.id, error: message });
    }
  }
  metrics.addMetric('BreachDigestsSent', 'Count', result.sent.length);
  return result;
}
