import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { MiddlewareObj } from '@middy/core';

/** One logger and one metrics emitter per cold start, shared by every module of a function. */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'closeloop' });
export const metrics = new Metrics({ namespace: 'Closeloop', serviceName: 'closeloop' });
export { MetricUnit };

/**
 * Flushes metrics after every invocation, success or failure. Unlike Powertools' logMetrics it
 * stays quiet when an invocation recorded nothing (a status page view), instead of warning each time.
 */
export function flushMetrics(): MiddlewareObj {
  const flush = async () => {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  };
  return { after: flush, onError: flush };
}
