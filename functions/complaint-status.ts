import { httpHandler } from '../shared/http/handler.js';
import { html, json } from '../shared/http/response.js';
import { viewStatus } from '../shared/usecases/view-status.js';
import { clock, links, policyAndCalendar, store } from '../shared/wiring.js';
import { renderErrorPage } from '../web/layout.js';
import { renderStatusPage } from '../web/status-page.js';

const deps = { store: store(), clock, links: await links() };
const { timezone } = policyAndCalendar().policy.calendar;

/**
 * GET /status/{token}: a page for a person, JSON for a script (Accept: application/json). The
 * page speaks the complaint's language unless the reader picks the other one (`?lang=`).
 */
export const handler = httpHandler(
  async (request) => {
    const token = request.event.pathParameters?.token ?? '';
    const view = await viewStatus(deps, token);
    if (!request.wantsHtml) return json(200, view);
    return html(200, renderStatusPage(view, request.chosenLocale ?? view.locale, timezone, token));
  },
  { prefers: 'html', errorPage: (refusal, locale) => renderErrorPage(refusal, locale, null) },
);
