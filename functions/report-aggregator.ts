import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { getDocumentClient } from '../shared/adapters/dynamo/client.js';
import { readConfig, TableConfig } from '../shared/config.js';
import { flushMetrics, logger, MetricUnit, metrics } from '../shared/observability.js';
import { aggregate } from '../shared/reports/aggregate.js';
import { DynamoCounterStore } from '../shared/reports/dynamo-counters.js';
import type { StreamRecord } from '../shared/reports/stream-records.js';
import { policySource } from '../shared/wiring.js';

const { TABLE_NAME } = readConfig(TableConfig);
const counters = new DynamoCounterStore({ doc: getDocumentClient(), tableName: TABLE_NAME });
const policies = policySource();

/**
 * The table's stream → the report counters (shared/reports). Each record is counted exactly once
 * (a marker written in the same transaction); a failure names the first record not counted, so the
 * event source mapping retries from it (ReportBatchItemFailures), halving the batch on error, and
 * after its retries hands the batch to the dead-letter queue. Locally the runtime polls DynamoDB
 * Local's stream and calls this same handler (infra/local/streams.ts).
 */
export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>()
  .use(flushMetrics())
  .handler(async (event) => {
    const { policy } = await policies.current();
    const result = await aggregate(event.Records as StreamRecord[], {
      counters,
      timezone: policy.calendar.timezone,
      // Real time, not workflow time: the markers' TTL is DynamoDB's to enforce.
      nowEpochSeconds: () => Math.floor(Date.now() / 1000),
    });
    metrics.addMetric('ReportRecordsApplied', MetricUnit.Count, result.applied);
    if (result.replayed > 0) metrics.addMetric('ReportRecordsReplayed', MetricUnit.Count, result.replayed);
    if (result.failedAt === undefined) return { batchItemFailures: [] };
    logger.error('report counters not applied; retried from this record', {
      sequenceNumber: result.failedAt,
      error: result.error as Error,
    });
    return { batchItemFailures: [{ itemIdentifier: result.failedAt }] };
  });
