import { httpHandler } from '../shared/http/handler.js';
import { html } from '../shared/http/response.js';
import { Locale } from '../shared/model/complaint.js';
import { renderFormPage } from '../web/form-page.js';

/**
 * GET /: the bilingual complaint form, posting JSON to POST /complaints on the same origin.
 * `?lang=zh-CN|en` (the page's language switch) wins over the browser's Accept-Language.
 */
export const handler = httpHandler(async (request) => {
  const chosen = Locale.safeParse(request.event.queryStringParameters?.lang);
  return html(200, renderFormPage(chosen.success ? chosen.data : request.locale));
});
