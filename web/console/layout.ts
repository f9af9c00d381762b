import { oversees } from '../../shared/auth/staff.js';
import type { Grade, Locale } from '../../shared/model/complaint.js';
import type { GradeNames, StaffMember } from '../../shared/policy/types.js';
import { html, type SafeHtml } from '../../shared/templates/html.js';
import { assetPath } from '../assets.js';
import { type ConsoleCopy, copy } from './copy.js';

/** What every console page knows about its reader and its request. */
export interface ConsoleView {
  staff: StaffMember;
  csrf: string;
  locale: Locale;
  now: Date;
  /** The policy's zone: every time on the page is read in it, and names it. */
  timezone: string;
  /** This page's path and query, for the language switch. */
  path: string;
  /** A member of staff's name by id (the id itself when the directory no longer knows them). */
  nameOf(id: string | undefined): string | undefined;
  /** Everyone the complaint may be given to. */
  directory: StaffMember[];
  /** Minutes left until a deadline, measured the way the grade's deadlines are. */
  left(deadline: string, grade: Grade): { minutes: number; working: boolean; running: boolean };
  /** The policy's names of the grades (policy `gradeNames`); absent: the built-in labels. */
  gradeNames?: GradeNames;
}

export type NavItem = 'mine' | 'department' | 'board' | 'reports' | 'policy' | undefined;

/** The console's strict policy: our own script and stylesheet only, nothing inline, no framing. */
export const CONSOLE_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/**
 * Whose home is the board: everyone but an agent. Beside the overseers that is the engineers,
 * warehouse staff and legal reviewers, whose board holds only the complaints they may view.
 */
export const seesBoard = (staff: StaffMember) => staff.role !== 'agent';

const OTHER: Record<Locale, Locale> = { en: 'zh-CN', 'zh-CN': 'en' };

/** The same page in the other language; the console remembers the choice in a cookie. */
export function withLanguage(path: string, locale: Locale): string {
  const url = new URL(path, 'http://console.invalid');
  url.searchParams.set('lang', locale);
  url.searchParams.delete('fragment');
  return `${url.pathname}${url.search}`;
}

export function consolePage(view: ConsoleView, title: string, current: NavItem, body: SafeHtml): string {
  const t = copy(view.locale);
  const other = OTHER[view.locale];
  const nav: [NavItem, string, string][] = [
    ['mine', '/console', t.nav.mine],
    ['department', '/console/queues/department', t.nav.department],
    ...(seesBoard(view.staff) ? ([['board', '/console/board', t.nav.board]] as [NavItem, string, string][]) : []),
    // Issue 11 (REP): the report pages, for supervisors and above (served by functions/staff-reports.ts).
    ...(oversees(view.staff)
      ? ([['reports', '/console/reports/weekly', t.nav.reports]] as [NavItem, string, string][])
      : []),
    ...(view.staff.role === 'manager'
      ? ([['policy', '/console/policy', t.policy.nav]] as [NavItem, string, string][])
      : []),
  ];
  return consoleFrame(view, {
    title,
    words: {
      product: t.product,
      console: t.console,
      skip: t.skip,
      nav: t.nav.label,
      signedInAs: t.signedInAs,
      signOut: t.signOut,
      otherLanguageName: copy(other).languageName,
    },
    nav: nav.map(([item, href, label]) => ({ href, label, current: item === current })),
    who: html`${view.staff.name} <span class="cl-muted cl-small">${roleLine(view.staff, t)}</span>`,
    body,
  });
}

/** The words of the page frame: the report pages bring their own few, so their function carries no console copy. */
export interface FrameWords {
  product: string;
  console: string;
  skip: string;
  nav: string;
  signedInAs: string;
  signOut: string;
  /** The other language's name, in that language, for the switch. */
  otherLanguageName: string;
}

/** Every console page's frame: head, skip link, header with nav, language switch and sign-out, and main. */
export function consoleFrame(
  view: ConsoleView,
  page: {
    title: string;
    words: FrameWords;
    nav: { href: string; label: string; current: boolean }[];
    who: SafeHtml | string;
    body: SafeHtml;
  },
): string {
  const w = page.words;
  const other = OTHER[view.locale];
  return html`<!doctype html>
<html lang="${view.locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} · ${w.product}</title>
<link rel="stylesheet" href="${assetPath('closeloop.css')}">
<script src="${assetPath('console.js')}" defer></script>
</head>
<body class="cl-shell">
<a class="cl-sr-only" href="#main">${w.skip}</a>
<header class="cl-header">
  <a class="cl-product" href="/console">${w.product} <span class="cl-muted">${w.console}</span></a>
  <nav class="cl-nav" aria-label="${w.nav}"><ul class="cl-row">${page.nav.map(
    ({ href, label, current }) =>
      html`<li><a href="${href}"${current ? html` aria-current="page"` : ''}>${label}</a></li>`,
  )}</ul></nav>
  <div class="cl-row">
    <span><span class="cl-sr-only">${w.signedInAs} </span>${page.who}</span>
    <a href="${withLanguage(view.path, other)}" hreflang="${other}" lang="${other}">${w.otherLanguageName}</a>
    <form method="post" action="/console/sign-out" class="cl-form">
      <input type="hidden" name="csrf" value="${view.csrf}">
      <button type="submit" class="cl-button cl-button--quiet">${w.signOut}</button>
    </form>
  </div>
</header>
<main id="main" class="cl-main cl-stack">
${page.body}
</main>
</body>
</html>`.value;
}

function roleLine(staff: StaffMember, t: ConsoleCopy): string {
  return t.roles[staff.role];
}

/** A message about the page: an error, a success or a note; errors are announced as alerts. */
export function alert(kind: 'error' | 'success' | 'info', text: string, id?: string): SafeHtml {
  return html`<div class="cl-alert cl-alert--${kind}"${id ? html` id="${id}"` : ''} role="${kind === 'error' ? 'alert' : 'status'}">${text}</div>`;
}

/** Multi-line text a person wrote: each line escaped, line breaks kept. */
export function lines(text: string): SafeHtml {
  return html`${text.split(/\r?\n/).map((line, i) => (i === 0 ? html`${line}` : html`<br>${line}`))}`;
}
