import { httpHandler } from '../shared/http/handler.js';
import { html, json } from '../shared/http/response.js';
import { viewStatus } from '../shared/usecases/view-status.js';
import { clock, links, policyAndCalendar, store } from '../shared/wiring.js';
import { renderStatusPage } from '../web/status-page.js';

const deps = { store: store(), clock, linkKey: (await links()).key };
const { timezone } = policyAndCalendar().policy.calendar;

/** GET /status/{token}: a page for a person, JSON for a script (Accept: application/json). */
export const handler = httpHandler(async (request) => {
  const view = await viewStatus(deps, request.event.pathParameters?.token ?? '');
  if (request.header('accept')?.includes('application/json')) return json(200, view);
  return html(200, renderStatusPage(view, request.locale, timezone));
});
