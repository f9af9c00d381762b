import type { Locale } from '../../shared/model/complaint.js';
import { html, type SafeHtml } from '../../shared/templates/html.js';
import { copy } from './copy.js';

/** A countdown within this many minutes of its deadline is "due soon". */
export const DUE_SOON_MINUTES = 60;

/** A span of minutes as a person reads it: "45 min", "3 h 20 min", "2 d 4 h". */
export function formatSpan(totalMinutes: number, locale: Locale): string {
  const t = copy(locale).due;
  const m = Math.max(0, Math.round(totalMinutes));
  if (m < 60) return t.minutes(m);
  if (m < 24 * 60) return t.hours(Math.floor(m / 60), m % 60);
  return t.days(Math.floor(m / 1440), Math.floor((m % 1440) / 60));
}

export type DueState = 'overdue' | 'soon' | 'ok';

export function dueState(minutes: number): DueState {
  if (minutes < 0) return 'overdue';
  return minutes <= DUE_SOON_MINUTES ? 'soon' : 'ok';
}

/** The words of a countdown: overdue and due soon say so in words; the style only repeats it. */
export function dueText(minutes: number, working: boolean, locale: Locale): string {
  const t = copy(locale).due;
  const state = dueState(minutes);
  const span = formatSpan(Math.abs(minutes), locale);
  const text = state === 'overdue' ? t.overdue(span) : state === 'soon' ? t.soon(span) : t.ok(span);
  return `${text} (${working ? t.working : t.clock})`;
}

/**
 * A live countdown: the console script re-reads `data-minutes` and `data-running` every 30 s
 * (working time does not run at night), and the page is right without the script.
 */
export function countdown(
  left: { minutes: number; working: boolean; running: boolean } | undefined,
  deadline: string | undefined,
  locale: Locale,
): SafeHtml {
  if (!left || !deadline) return html`<span class="cl-due cl-muted">${copy(locale).due.none}</span>`;
  const state = dueState(left.minutes);
  return html`<time class="cl-due cl-due--${state}" datetime="${deadline}" data-deadline="${deadline}" data-minutes="${left.minutes}" data-working="${left.working ? '1' : '0'}" data-running="${left.running ? '1' : '0'}">${dueText(left.minutes, left.working, locale)}</time>`;
}
