import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import {
  AppError,
  BadRequestError,
  InvalidTransitionError,
  RateLimitedError,
  ValidationError,
} from '../errors/index.js';
import { negotiateLocale } from '../i18n/locale.js';
import { message } from '../i18n/messages.js';
import type { Locale } from '../model/complaint.js';
import { flushMetrics, logger } from '../observability.js';
import { type HttpResult, json } from './response.js';

export interface HttpRequest {
  event: APIGatewayProxyEventV2;
  locale: Locale;
  /** Parsed JSON body (only when the handler asked for one). */
  body: unknown;
  header(name: string): string | undefined;
  sourceIp: string;
  requestId: string;
}

export interface HttpHandlerOptions {
  /** Parse the body as JSON, rejecting anything larger than maxBodyBytes. */
  jsonBody?: { maxBodyBytes: number };
}

/**
 * The one HTTP edge every API function goes through: header normalisation, locale negotiation,
 * bounded JSON parsing, and the single place where typed errors become HTTP answers in the
 * caller's language. Nothing else in the code base builds an error response.
 */
export function httpHandler(
  fn: (request: HttpRequest, context: Context) => Promise<HttpResult>,
  options: HttpHandlerOptions = {},
) {
  return middy<APIGatewayProxyEventV2, HttpResult>()
    .use(httpHeaderNormalizer())
    .use(flushMetrics())
    .handler(async (event, context) => {
      const headers = event.headers ?? {};
      const locale = negotiateLocale(headers['accept-language']);
      const requestId = event.requestContext?.requestId ?? context.awsRequestId;
      try {
        const body = options.jsonBody ? parseJsonBody(event, options.jsonBody.maxBodyBytes) : undefined;
        return await fn(
          {
            event,
            locale,
            body,
            header: (name) => headers[name.toLowerCase()],
            sourceIp: event.requestContext?.http?.sourceIp ?? 'unknown',
            requestId,
          },
          context,
        );
      } catch (error) {
        return errorResponse(error, locale, requestId);
      }
    });
}

export function errorResponse(error: unknown, locale: Locale, requestId: string): HttpResult {
  if (error instanceof AppError) {
    const body: Record<string, unknown> = {
      error: error.code,
      message: message(locale, error.code, error.params),
      requestId,
    };
    if (error instanceof InvalidTransitionError) body.reason = error.reason;
    if (error instanceof ValidationError) {
      body.fields = Object.fromEntries(
        Object.entries(error.fields).map(([field, issue]) => [field, message(locale, issue.code, issue.params)]),
      );
    }
    const headers: Record<string, string> =
      error instanceof RateLimitedError ? { 'retry-after': String(error.retryAfterSeconds) } : {};
    if (error.statusCode >= 400 && error.statusCode < 500) logger.info('request refused', { code: error.code });
    return json(error.statusCode, body, headers);
  }
  logger.error('unhandled error', { error: error as Error });
  return json(500, { error: 'internal_error', message: message(locale, 'internal_error'), requestId });
}

function parseJsonBody(event: APIGatewayProxyEventV2, maxBodyBytes: number): unknown {
  const contentType = event.headers?.['content-type'];
  if (contentType && !/^application\/([a-z.+-]*\+)?json\b/i.test(contentType)) {
    throw new BadRequestError('unsupported_media_type');
  }
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.length > maxBodyBytes) throw new BadRequestError('body_too_large', { max: maxBodyBytes });
  if (bytes.length === 0) throw new BadRequestError('malformed_json');
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new BadRequestError('malformed_json');
  }
}
