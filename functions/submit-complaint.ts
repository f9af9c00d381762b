import { randomUUID } from 'node:crypto';
import { preparePolicy } from '../shared/grading/prepare.js';
import { httpHandler } from '../shared/http/handler.js';
import { idempotencyKeyOf } from '../shared/http/headers.js';
import { html, json } from '../shared/http/response.js';
import { logger } from '../shared/observability.js';
import { type SubmitResult, submitComplaint } from '../shared/usecases/submit-complaint.js';
import { intakeDeps, storedPolicySource, warmedAtInit, withPolicy } from '../shared/wiring.js';
import { complaintFromForm, formValues, renderFormPage, renderSubmittedPage } from '../web/form-page.js';

const current = await warmedAtInit(withPolicy(await intakeDeps(), storedPolicySource(), undefined, preparePolicy));

/** A web form's complaint is far below this; anything larger is not a complaint. */
const MAX_BODY_BYTES = 32 * 1024;

/**
 * POST /complaints: JSON from the form's script or any client, or a plain form post from the
 * form without JavaScript, answered with a page (the form again, with what needs fixing).
 */
export const handler = httpHandler(
  async (request) => {
    const deps = await current();
    const { timezone } = deps.policy.calendar;
    const form = request.fromForm ? (request.body as Record<string, unknown>) : undefined;
    const result = await submitComplaint(deps, {
      body: form ? complaintFromForm(form, request.locale) : request.body,
      idempotencyKey: idempotencyKeyOf(
        request.header('idempotency-key') ??
          (typeof form?.idempotencyKey === 'string' ? form.idempotencyKey : undefined),
      ),
      clientKey: request.sourceIp,
      locale: request.locale,
    });
    logger.appendKeys({ complaintId: result.complaint.id });
    const headers: Record<string, string> = result.replayed ? { 'idempotency-replayed': 'true' } : {};
    if (request.wantsHtml) {
      const submitted = present(result);
      return html(201, renderSubmittedPage(submitted, request.locale, timezone), headers);
    }
    return json(201, present(result), headers);
  },
  {
    body: { maxBodyBytes: MAX_BODY_BYTES, form: true },
    errorPage: (refusal, locale, event) =>
      renderFormPage(locale, {
        idempotencyKey: idempotencyKeyFromForm(event.body),
        values: formValues(event.body),
        refusal,
      }),
  },
);

/** The form shown again keeps its key: sending it once more after a fix is still one complaint per filled-in form. */
function idempotencyKeyFromForm(body: unknown): string {
  const key = (body as { idempotencyKey?: unknown } | null)?.idempotencyKey;
  try {
    return (typeof key === 'string' && idempotencyKeyOf(key)) || randomUUID();
  } catch {
    return randomUUID();
  }
}

function present({ complaint, statusUrl, statusUrlExpiresAt }: SubmitResult) {
  return {
    id: complaint.id,
    ticketNumber: complaint.ticketNumber,
    status: complaint.status,
    grade: complaint.grade,
    category: complaint.category,
    department: complaint.department,
    receivedAt: complaint.receivedAt,
    acknowledgeBy: complaint.deadlines.assign,
    resolveBy: complaint.deadlines.resolve,
    deadlines: complaint.deadlines,
    statusUrl,
    statusUrlExpiresAt,
  };
}
