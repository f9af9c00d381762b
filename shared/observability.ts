import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/** One logger and one metrics emitter per cold start, shared by every module of a function. */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'closeloop' });
export const metrics = new Metrics({ namespace: 'Closeloop', serviceName: 'closeloop' });
export { MetricUnit };
