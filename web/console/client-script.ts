import { copy } from './copy.js';
import { DUE_SOON_MINUTES } from './due.js';

/** The countdown words of both languages, as the server writes them (web/console/due.ts), for the script. */
const WORDS = Object.fromEntries(
  (['en', 'zh-CN'] as const).map((locale) => {
    const t = copy(locale).due;
    return [
      locale,
      {
        overdue: t.overdue('{}'),
        soon: t.soon('{}'),
        ok: t.ok('{}'),
        working: t.working,
        clock: t.clock,
        min: t.minutes(0).replace('0', '{m}'),
        h: t.hours(0, 0).replace('0', '{h}'),
        hm: t.hours(1, 2).replace('1', '{h}').replace('2', '{m}'),
        d: t.days(0, 0).replace('0', '{d}'),
        dh: t.days(1, 2).replace('1', '{d}').replace('2', '{h}'),
      },
    ];
  }),
);

/**
 * The console's one script, served as /assets/console.js (the Content-Security-Policy allows scripts
 * from our own origin only, never inline). Every page works without it; with it:
 * - each countdown (`time[data-minutes]`) ticks every 30 s while its clock runs (`data-running`:
 *   working time stands still at night), in the same words and states the server writes;
 * - each live region (`[data-live]`: a queue table, the board) is fetched again with
 *   `?fragment=table` every 60 s and when the window regains focus, and swapped in place, unless the
 *   reader is typing in it or has typed something not yet sent;
 * - choosing a standard remedy in the propose form fills in its remedy and amount.
 */
export const CONSOLE_SCRIPT = `(() => {
  'use strict';
  const WORDS = ${JSON.stringify(WORDS)};
  const SOON = ${DUE_SOON_MINUTES};
  const w = WORDS[document.documentElement.lang === 'zh-CN' ? 'zh-CN' : 'en'];
  const fill = (s, v) => s.replace(/\\{(\\w*)\\}/g, (_, k) => String(k ? v[k] : v['']));
  const span = (total) => {
    const m = Math.max(0, Math.round(total));
    if (m < 60) return fill(w.min, { m });
    if (m < 1440) return m % 60 ? fill(w.hm, { h: Math.floor(m / 60), m: m % 60 }) : fill(w.h, { h: m / 60 });
    const d = Math.floor(m / 1440), h = Math.floor((m % 1440) / 60);
    return h ? fill(w.dh, { d, h }) : fill(w.d, { d });
  };
  const render = (el) => {
    const minutes = Number(el.dataset.minutes);
    if (!Number.isFinite(minutes)) return;
    const state = minutes < 0 ? 'overdue' : minutes <= SOON ? 'soon' : 'ok';
    const text = fill(w[state], { '': span(Math.abs(minutes)) });
    el.textContent = text + ' (' + (el.dataset.working === '1' ? w.working : w.clock) + ')';
    el.classList.remove('cl-due--overdue', 'cl-due--soon', 'cl-due--ok');
    el.classList.add('cl-due--' + state);
  };
  let last = Date.now();
  const tick = () => {
    const elapsed = (Date.now() - last) / 60000;
    last = Date.now();
    for (const el of document.querySelectorAll('time[data-minutes]')) {
      if (el.dataset.running === '1') el.dataset.minutes = String(Number(el.dataset.minutes) - elapsed);
      render(el);
    }
  };
  const refresh = async () => {
    for (const region of document.querySelectorAll('[data-live]')) {
      if (region.contains(document.activeElement) && document.activeElement !== document.body) continue;
      // Nor while something typed in one of its forms (the board's incident cards) waits to be sent.
      if ([...region.querySelectorAll('textarea, input:not([type=hidden])')].some((f) => f.value !== f.defaultValue)) continue;
      const url = region.dataset.live;
      try {
        const res = await fetch(url + (url.includes('?') ? '&' : '?') + 'fragment=table', {
          credentials: 'same-origin',
          headers: { accept: 'text/html' },
        });
        if (res.status !== 200 || res.redirected) continue;
        const template = document.createElement('template');
        template.innerHTML = await res.text();
        const fresh = template.content.firstElementChild;
        if (fresh && fresh.dataset.live !== undefined) region.replaceWith(fresh);
      } catch {
        // Offline or signed out: the page stays as it is; the next refresh tries again.
      }
    }
    last = Date.now();
  };
  // The propose form's standard remedy (web/console/propose-form.ts) fills in its remedy and amount.
  for (const picker of document.querySelectorAll('select[data-standard]')) {
    picker.addEventListener('change', () => {
      const chosen = picker.selectedOptions[0];
      const form = picker.form;
      if (!chosen || !chosen.value || !form) return;
      if (form.elements.remedy) form.elements.remedy.value = chosen.dataset.remedy || '';
      if (form.elements.amount) form.elements.amount.value = chosen.dataset.amount || '';
    });
  }
  setInterval(tick, 30000);
  setInterval(refresh, 60000);
  window.addEventListener('focus', refresh);
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') refresh(); });
})();
`;
