import { randomUUID } from 'node:crypto';
import { httpHandler } from '../shared/http/handler.js';
import { html } from '../shared/http/response.js';
import { renderFormPage } from '../web/form-page.js';

/**
 * GET /: the bilingual complaint form, posting to POST /complaints on the same origin (a plain
 * form post, or JSON from its script). `?lang=zh-CN|en` wins over the browser's Accept-Language.
 */
export const handler = httpHandler(
  async (request) => html(200, renderFormPage(request.locale, { idempotencyKey: randomUUID() })),
  { prefers: 'html' },
);
