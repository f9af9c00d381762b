import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import httpContentNegotiation from '@middy/http-content-negotiation';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import httpUrlencodeBodyParser from '@middy/http-urlencode-body-parser';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { BadRequestError } from '../errors/index.js';
import { DEFAULT_LOCALE, localeFromLanguageTag } from '../i18n/locale.js';
import { Locale } from '../model/complaint.js';
import { flushMetrics, logger } from '../observability.js';
import { type ErrorPage, errorResponse } from './errors.js';
import type { HttpResult } from './response.js';

export { errorResponse };

export interface HttpRequest {
  event: APIGatewayProxyEventV2;
  /** The caller's language: an explicit choice (`?lang=` or a form's `lang` field), else Accept-Language. */
  locale: Locale;
  /** Only the explicit choice; a customer page falls back to the complaint's language, not the browser's. */
  chosenLocale?: Locale;
  /** Parsed body: JSON as sent, or a form post as a flat record of strings. */
  body: unknown;
  /** True when a plain HTML form posted this (no script ran): the answer is a page, not JSON. */
  fromForm?: boolean;
  /** The caller would rather read a page than JSON (a browser navigating, a form post). */
  wantsHtml?: boolean;
  header(name: string): string | undefined;
  sourceIp: string;
  requestId: string;
}

export interface HttpHandlerOptions {
  /** Accept a JSON body of at most maxBodyBytes; with `form`, a plain HTML form post as well. */
  body?: { maxBodyBytes: number; form?: boolean };
  /**
   * What the endpoint answers when the caller does not say: pages for a link a person opens,
   * JSON for an API (a script's fetch sends Accept: *\/*).
   */
  prefers?: 'html' | 'json';
  /** How this endpoint shows a refusal to a person; without it, refusals are always JSON. */
  errorPage?: ErrorPage;
}

type Event = APIGatewayProxyEventV2;
/** What @middy/http-content-negotiation writes on the context. */
type NegotiatedContext = Context & { preferredLanguage?: string; preferredMediaType?: string };

const HTML = 'text/html';
const JSON_TYPE = 'application/json';

/**
 * The one HTTP edge every API function goes through, built from middy's own middlewares:
 * header normalisation, Accept-Language and Accept negotiation, a bounded body parsed as JSON or
 * as a form post, the Lambda context on every log line, and one place where errors become
 * answers. That place is ours, not @middy/http-error-handler: every refusal is translated into
 * the caller's language with its field messages, keeps headers such as Retry-After, and is shown
 * to a person as a page; http-error-handler answers with the raw error message as text/plain.
 */
export function httpHandler(
  fn: (request: HttpRequest, context: Context) => Promise<HttpResult>,
  options: HttpHandlerOptions = {},
) {
  const mediaTypes = options.prefers === 'html' ? [HTML, JSON_TYPE] : [JSON_TYPE, HTML];
  const chain = middy<Event, HttpResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(httpHeaderNormalizer())
    .use(flushMetrics())
    .use(
      httpContentNegotiation({
        parseCharsets: false,
        parseEncodings: false,
        // "zh" stands for every Chinese tag (zh-TW, zh-Hans...): we write Simplified Chinese for all of them.
        availableLanguages: ['en', 'zh-CN', 'zh'],
        availableMediaTypes: mediaTypes,
        failOnMismatch: false,
      }),
    )
    .use(refusalsInTheCallersLanguage(options.errorPage));
  if (options.body) {
    chain
      .use(boundedBody(options.body.maxBodyBytes))
      .use(httpJsonBodyParser({ disableContentTypeError: true }))
      .use(httpUrlencodeBodyParser({ disableContentTypeError: true }))
      .use(onlyParsedBodies(Boolean(options.body.form)));
  }
  return chain.handler(async (event, context) => fn(requestOf(event, context as NegotiatedContext), context));
}

function requestOf(event: Event, context: NegotiatedContext): HttpRequest {
  const headers = event.headers ?? {};
  const fromForm = isForm(headers['content-type']);
  const chosenLocale = chosenLocaleOf(event, fromForm);
  return {
    event,
    locale: chosenLocale ?? negotiatedLocale(context),
    chosenLocale,
    body: event.body,
    fromForm,
    wantsHtml: fromForm || context.preferredMediaType === HTML,
    header: (name) => headers[name.toLowerCase()],
    sourceIp: event.requestContext?.http?.sourceIp ?? 'unknown',
    requestId: event.requestContext?.requestId ?? context.awsRequestId,
  };
}

function negotiatedLocale(context: NegotiatedContext): Locale {
  // Without an Accept-Language header the negotiator offers our first language; with one we do not speak, nothing.
  return context.preferredLanguage ? localeFromLanguageTag(context.preferredLanguage) : DEFAULT_LOCALE;
}

function chosenLocaleOf(event: Event, fromForm: boolean): Locale | undefined {
  const fromQuery = Locale.safeParse(event.queryStringParameters?.lang);
  if (fromQuery.success) return fromQuery.data;
  if (fromForm && event.body && typeof event.body === 'object') {
    const fromField = Locale.safeParse((event.body as Record<string, unknown>).lang);
    if (fromField.success) return fromField.data;
  }
  return undefined;
}

const isForm = (contentType: string | undefined) => /^application\/x-www-form-urlencoded\b/i.test(contentType ?? '');

/**
 * Refuses an oversized body before any parser reads it (middy's parsers have no limit of their
 * own). A form post percent-encodes every byte outside ASCII as three characters, so the same
 * Chinese description is three times longer as a form than as JSON: it gets three times the room.
 */
function boundedBody(maxBodyBytes: number): MiddlewareObj<Event> {
  return {
    before: ({ event }) => {
      const fromForm = isForm(event.headers?.['content-type']);
      const limit = fromForm ? maxBodyBytes * 3 : maxBodyBytes;
      const raw = typeof event.body === 'string' ? event.body : '';
      const bytes = event.isBase64Encoded ? Buffer.byteLength(raw, 'base64') : Buffer.byteLength(raw, 'utf8');
      if (bytes > limit) throw new BadRequestError('body_too_large', { max: limit });
      if (bytes === 0 && !fromForm) throw new BadRequestError('malformed_json');
    },
  };
}

/** A body neither parser took (text/plain, multipart, a form where only JSON is accepted) is refused by name. */
function onlyParsedBodies(formAccepted: boolean): MiddlewareObj<Event> {
  return {
    before: ({ event }) => {
      const fromForm = isForm(event.headers?.['content-type']);
      if (typeof event.body === 'string' || (fromForm && !formAccepted)) {
        throw new BadRequestError('unsupported_media_type');
      }
      if (fromForm && event.body === undefined) event.body = {} as unknown as string;
    },
  };
}

/**
 * Our one error mapper as a middy middleware. Errors from middy's own parsers are translated
 * first: malformed JSON is a 415 in middy 6 (422 in 7), but our clients have always had a 400.
 */
function refusalsInTheCallersLanguage(errorPage: ErrorPage | undefined): MiddlewareObj<Event, HttpResult> {
  return {
    onError: (request) => {
      const context = request.context as NegotiatedContext;
      const event = request.event;
      const fromForm = isForm(event.headers?.['content-type']);
      const locale = chosenLocaleOf(event, fromForm) ?? negotiatedLocale(context);
      const wantsHtml = fromForm || context.preferredMediaType === HTML;
      const requestId = event.requestContext?.requestId ?? request.context.awsRequestId;
      const page = wantsHtml && errorPage ? { render: errorPage, event } : undefined;
      request.response = errorResponse(fromMiddy(request.error), locale, requestId, page);
    },
  };
}

function fromMiddy(error: unknown): unknown {
  const cause = (error as { cause?: { package?: string } } | null)?.cause;
  if (cause?.package === '@middy/http-json-body-parser') return new BadRequestError('malformed_json');
  if (cause?.package === '@middy/http-urlencode-body-parser') return new BadRequestError('malformed_form');
  return error;
}
