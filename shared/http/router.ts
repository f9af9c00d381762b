import middy from '@middy/core';
import httpRouterHandler, { type Route } from '@middy/http-router';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { NotFoundError } from '../errors/index.js';
import { DEFAULT_LOCALE } from '../i18n/locale.js';
import { errorResponse } from './errors.js';
import type { HttpResult } from './response.js';

/**
 * One function serving several routes (a page's GET and its form's POST) with @middy/http-router.
 * Each route is a whole httpHandler, with its own body rules and error pages.
 */
export function httpRoutes(routes: Route<APIGatewayProxyEventV2, HttpResult>[]) {
  return middy<APIGatewayProxyEventV2, HttpResult>()
    .use({
      // Only a method or path the gateway should never have sent gets here: each route answers its own errors.
      onError: (request) => {
        request.response = errorResponse(request.error, DEFAULT_LOCALE, request.context.awsRequestId);
      },
    })
    .handler(
      httpRouterHandler({
        routes,
        notFoundResponse: () => {
          throw new NotFoundError();
        },
      }),
    );
}
