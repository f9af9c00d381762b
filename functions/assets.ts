import { NotFoundError } from '../shared/errors/index.js';
import { httpHandler } from '../shared/http/handler.js';
import { serveAsset } from '../web/assets.js';

/**
 * GET /assets/{name}: the stylesheet and the pages' scripts (web/assets.ts), which the
 * Content-Security-Policy requires to come from our own origin. No table, no secret, no mail.
 */
export const handler = httpHandler(async (request) => {
  const { event } = request;
  const answer = serveAsset(
    event.pathParameters?.name ?? '',
    event.queryStringParameters?.v,
    request.header('if-none-match'),
  );
  if (!answer) throw new NotFoundError();
  return answer;
});
