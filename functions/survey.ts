import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { httpHandler } from '../shared/http/handler.js';
import { html, json } from '../shared/http/response.js';
import { answerSurvey, viewSurvey } from '../shared/usecases/customer-responses.js';
import { workflowStepDeps } from '../shared/wiring.js';
import { renderSurveyPage } from '../web/survey-page.js';

const deps = await workflowStepDeps();

const MAX_BODY_BYTES = 16 * 1024;

/** GET /survey/{token}: the page, in the language of the mail that carried the link; it posts back to its own address. */
const page = httpHandler(async (request) => {
  const token = request.event.pathParameters?.token ?? '';
  const view = await viewSurvey(deps, token);
  return html(
    200,
    renderSurveyPage({ ticketNumber: view.ticketNumber, locale: view.locale, answered: !view.pending, postUrl: token }),
  );
});

/** POST /survey/{token}: the answer; tells the page whether the complaint closed or was reopened. */
const answer = httpHandler(
  async (request) => {
    const result = await answerSurvey(deps, request.event.pathParameters?.token ?? '', request.body);
    return json(200, {
      ticketNumber: result.complaint.ticketNumber,
      status: result.complaint.status,
      outcome: result.outcome,
      reopened: result.outcome === 'reopened',
    });
  },
  { jsonBody: { maxBodyBytes: MAX_BODY_BYTES } },
);

export const handler = (event: APIGatewayProxyEventV2, context: Context) =>
  event.requestContext.http.method === 'GET' ? page(event, context) : answer(event, context);
