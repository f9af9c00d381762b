import { httpHandler } from '../shared/http/handler.js';
import { html, json } from '../shared/http/response.js';
import { httpRoutes } from '../shared/http/router.js';
import { logger } from '../shared/observability.js';
import { answerSurvey, linkedComplaintId, viewSurvey } from '../shared/usecases/customer-responses.js';
import { withPolicy, withStaffDirectory, workflowStepDeps } from '../shared/wiring.js';
import { renderErrorPage } from '../web/layout.js';
import { chosenScore, renderSurveyAnsweredPage, renderSurveyPage, surveyFromForm } from '../web/survey-page.js';

const base = await workflowStepDeps();
const current = withPolicy(withStaffDirectory(base));
/** The deps under the policy version the linked complaint was taken in under (its reopen rules, its clocks). */
const forLink = async (token: string) => current(await linkedComplaintId(base, token, 'survey'));

const MAX_BODY_BYTES = 16 * 1024;

/**
 * GET /survey/{token}: the page, in the language of the complaint unless the reader picks the
 * other one (`?lang=`); its form posts back to its own address. A score link from the mail
 * (`?score=4`) only chooses that score on the page: a GET records nothing, because mail scanners
 * open every link in a mail.
 */
const page = httpHandler(
  async (request) => {
    const token = request.event.pathParameters?.token ?? '';
    const view = await viewSurvey(await forLink(token), token);
    const locale = request.chosenLocale ?? view.locale;
    return html(
      200,
      renderSurveyPage({
        ticketNumber: view.ticketNumber,
        locale,
        answered: !view.pending,
        postUrl: token,
        score: chosenScore(request.event.queryStringParameters?.score),
      }),
    );
  },
  { prefers: 'html', errorPage: (refusal, locale) => renderErrorPage(refusal, locale, null) },
);

/** POST /survey/{token}: the answer, as JSON from the page's script or a plain form post answered with a page. */
const answer = httpHandler(
  async (request) => {
    const body = request.fromForm ? surveyFromForm(request.body) : request.body;
    const token = request.event.pathParameters?.token ?? '';
    const result = await answerSurvey(await forLink(token), token, body);
    logger.appendKeys({ complaintId: result.complaint.id });
    if (request.wantsHtml) return html(200, renderSurveyAnsweredPage(request.locale, result.outcome));
    return json(200, {
      ticketNumber: result.complaint.ticketNumber,
      status: result.complaint.status,
      outcome: result.outcome,
      reopened: result.outcome === 'reopened',
    });
  },
  {
    body: { maxBodyBytes: MAX_BODY_BYTES, form: true },
    errorPage: (refusal, locale) => renderErrorPage(refusal, locale),
  },
);

export const handler = httpRoutes([
  { method: 'GET', path: '/survey/{token}', handler: page },
  { method: 'POST', path: '/survey/{token}', handler: answer },
]);
