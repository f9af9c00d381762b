import { RateLimitedError } from '../shared/errors/index.js';
import { type HttpHandlerOptions, httpHandler } from '../shared/http/handler.js';
import { html, json } from '../shared/http/response.js';
import { httpRoutes } from '../shared/http/router.js';
import { logger } from '../shared/observability.js';
import { answerOfferFromLink } from '../shared/usecases/acceptance.js';
import { linkedComplaintId, replyAsCustomer } from '../shared/usecases/customer-responses.js';
import { confirmServiceAsCustomer } from '../shared/usecases/work-orders.js';
import { rateLimiter, withPolicy, withStaffDirectory, workflowStepDeps } from '../shared/wiring.js';
import { renderErrorPage } from '../web/layout.js';
import { renderOfferAnsweredPage, renderReplySentPage } from '../web/status-page.js';

const base = await workflowStepDeps();
const current = withPolicy(withStaffDirectory(base));
// Each reply lands on the timeline and may mail the owner: a leaked link must not become a firehose.
const limiter = rateLimiter();

/** A 5,000-character message in any script is well under this. */
const MAX_BODY_BYTES = 32 * 1024;

/** A refusal is shown to a person with the way back to their status page. */
const backToStatus: HttpHandlerOptions = {
  body: { maxBodyBytes: MAX_BODY_BYTES, form: true },
  errorPage: (refusal, locale, event) =>
    renderErrorPage(refusal, locale, `../${encodeURIComponent(event.pathParameters?.token ?? '')}?lang=${locale}`),
};

/**
 * The rate limit first, then the policy version the linked complaint recorded: a pause ends, and a
 * change is timed, on the calendar its clocks were set by.
 */
async function depsFor(sourceIp: string, token: string) {
  const limit = await limiter.hit(`reply#${sourceIp}`, base.clock.now());
  if (!limit.allowed) throw new RateLimitedError(limit.retryAfterSeconds);
  return current(await linkedComplaintId(base, token, 'status'));
}

/**
 * POST /status/{token}/reply: the customer answers a request for information (or simply writes
 * to us), as JSON from the status page's script or as a plain form post answered with a page.
 */
const reply = httpHandler(async (request) => {
  const token = request.event.pathParameters?.token ?? '';
  const deps = await depsFor(request.sourceIp, token);
  const body = request.fromForm ? { message: (request.body as Record<string, unknown>).message } : request.body;
  const result = await replyAsCustomer(deps, token, body);
  logger.appendKeys({ complaintId: result.complaint.id });
  if (request.wantsHtml) return html(200, renderReplySentPage(request.locale, token));
  return json(200, {
    ticketNumber: result.complaint.ticketNumber,
    status: result.complaint.status,
    resumed: result.resumed,
  });
}, backToStatus);

/** POST /status/{token}/acceptance: the customer accepts the solution they were told, or asks for a change (ACC). */
const acceptance = httpHandler(async (request) => {
  const token = request.event.pathParameters?.token ?? '';
  const deps = await depsFor(request.sourceIp, token);
  const form = request.body as Record<string, unknown>;
  const body = request.fromForm
    ? { answer: form.answer, ...(form.reason ? { reason: form.reason } : {}) }
    : request.body;
  const result = await answerOfferFromLink(deps, token, body);
  logger.appendKeys({ complaintId: result.complaint.id });
  if (request.wantsHtml) return html(200, renderOfferAnsweredPage(request.locale, token, result.answer));
  return json(200, {
    ticketNumber: result.complaint.ticketNumber,
    status: result.complaint.status,
    answer: result.answer,
  });
}, backToStatus);

/** POST /status/{token}/confirm-service: the customer signs a work order's service confirmation (WO). */
const confirmService = httpHandler(async (request) => {
  const token = request.event.pathParameters?.token ?? '';
  const deps = await depsFor(request.sourceIp, token);
  const form = request.body as Record<string, unknown>;
  const input = request.fromForm
    ? { workOrderId: form.workOrderId, ...(form.note ? { note: form.note } : {}) }
    : request.body;
  const confirmed = await confirmServiceAsCustomer(deps, token, input);
  logger.appendKeys({ complaintId: confirmed.complaint.id });
  if (request.wantsHtml) return html(200, renderReplySentPage(request.locale, token));
  return json(200, { ticketNumber: confirmed.complaint.ticketNumber, status: confirmed.complaint.status });
}, backToStatus);

export const handler = httpRoutes([
  { method: 'POST', path: '/status/{token}/reply', handler: reply },
  { method: 'POST', path: '/status/{token}/acceptance', handler: acceptance },
  { method: 'POST', path: '/status/{token}/confirm-service', handler: confirmService },
]);
