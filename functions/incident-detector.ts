import { unmarshall } from '@aws-sdk/util-dynamodb';
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { complaintFromItem } from '../shared/adapters/dynamo/keys.js';
import { readConfig, TableConfig } from '../shared/config.js';
import { DynamoIncidentStore } from '../shared/incidents/dynamo-incidents.js';
import { flushMetrics, logger } from '../shared/observability.js';
import type { StreamRecord } from '../shared/reports/stream-records.js';
import { detectIncident } from '../shared/usecases/incidents.js';
import { withStaffMail } from '../shared/wiring.js';

const { TABLE_NAME } = readConfig(TableConfig);
const current = withStaffMail({ incidents: new DynamoIncidentStore({ tableName: TABLE_NAME }) });

/** A complaint item written for the first time: the moment a complaint is received. */
function newComplaint(record: StreamRecord) {
  const image = record.dynamodb?.NewImage;
  if (record.eventName !== 'INSERT' || !image) return undefined;
  if (!image.pk?.S?.startsWith('COMPLAINT#') || image.sk?.S !== 'META') return undefined;
  return complaintFromItem(unmarshall(image));
}

/**
 * The table's stream → batch-defect incidents (shared/usecases/incidents.ts). Detection runs here,
 * after the complaint is stored and apart from intake: a failure never fails a submission, whatever
 * the channel (form, mail, staff registration), and the event source mapping retries from the record
 * that failed (ReportBatchItemFailures), then hands it to the dead-letter queue. A record delivered
 * twice changes nothing (a linked complaint is recognised).
 */
export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>()
  .use(flushMetrics())
  .handler(async (event) => {
    const deps = await current();
    for (const record of event.Records as StreamRecord[]) {
      const complaint = newComplaint(record);
      if (!complaint) continue;
      try {
        const result = await detectIncident(deps, complaint);
        if (result.kind !== 'none') {
          logger.info('complaint of a batch defect', {
            complaintId: complaint.id,
            incident: result.incident.id,
            kind: result.kind,
          });
        }
      } catch (error) {
        logger.error('incident detection failed; retried from this record', {
          complaintId: complaint.id,
          error: error as Error,
        });
        return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
      }
    }
    return { batchItemFailures: [] };
  });
