import { json } from '../shared/http/response.js';
import { openApiDocument } from '../shared/openapi/document.js';

/** Built once per cold start: the description changes only with a deployment. */
const body = openApiDocument();

/**
 * GET /openapi.json: the OpenAPI 3.1 description of the public and staff API. The gateway sends
 * this function nothing else and it reads no input, so it skips the middy edge (headers,
 * languages, bodies, refusals) that every other API function needs: about 14 KB of bundle.
 */
export const handler = async () => json(200, body, { 'cache-control': 'public, max-age=300' });
