import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { AppError, InvalidTransitionError, RateLimitedError, ValidationError } from '../errors/index.js';
import { message } from '../i18n/messages.js';
import type { Locale } from '../model/complaint.js';
import { logger } from '../observability.js';
import { type HttpResult, html, json } from './response.js';

/** A refusal as a person reads it: one sentence, and one per field that needs fixing. */
export interface Refusal {
  statusCode: number;
  code: string;
  message: string;
  fields?: Record<string, string>;
}

/**
 * How an endpoint a person uses shows a refusal as a page (a form post without JavaScript);
 * it gets the request so that a form can be shown again with what the person typed.
 */
export type ErrorPage = (refusal: Refusal, locale: Locale, event: APIGatewayProxyEventV2) => string;

/** The single place where typed errors become HTTP answers, in the caller's language. */
export function errorResponse(
  error: unknown,
  locale: Locale,
  requestId: string,
  page?: { render: ErrorPage; event: APIGatewayProxyEventV2 },
): HttpResult {
  if (!(error instanceof AppError)) {
    logger.error('unhandled error', { error: error as Error });
    const refusal = { statusCode: 500, code: 'internal_error', message: message(locale, 'internal_error') };
    return page
      ? html(500, page.render(refusal, locale, page.event))
      : json(500, { error: refusal.code, message: refusal.message, requestId });
  }
  const refusal: Refusal = {
    statusCode: error.statusCode,
    code: error.code,
    message: message(locale, error.code, error.params),
  };
  if (error instanceof ValidationError) {
    refusal.fields = Object.fromEntries(
      Object.entries(error.fields).map(([field, issue]) => [field, message(locale, issue.code, issue.params)]),
    );
  }
  const headers: Record<string, string> =
    error instanceof RateLimitedError ? { 'retry-after': String(error.retryAfterSeconds) } : {};
  if (error.statusCode < 500) logger.info('request refused', { code: error.code });
  if (page) return html(error.statusCode, page.render(refusal, locale, page.event), headers);
  const body: Record<string, unknown> = { error: refusal.code, message: refusal.message, requestId };
  if (error instanceof InvalidTransitionError) body.reason = error.reason;
  if (refusal.fields) body.fields = refusal.fields;
  return json(error.statusCode, body, headers);
}
