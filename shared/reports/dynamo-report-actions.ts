import { type DynamoDBDocumentClient, PutCommand, QueryCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { ReportAction } from './load-report.js';
import type { PeriodKind } from './report.js';
import { actionPartition, type ReportActionStore } from './report-actions.js';

/** Improvement actions in the complaints table, one item each (shared/reports/report-actions.ts). */
export class DynamoReportActions implements ReportActionStore {
  constructor(private readonly opts: { doc: DynamoDBDocumentClient; tableName: string }) {}

  async add(action: ReportAction): Promise<void> {
    await this.opts.doc.send(
      new PutCommand({
        TableName: this.opts.tableName,
        Item: { pk: actionPartition(action.kind, action.period), sk: `${action.recordedAt}#${action.id}`, action },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  /** One Query: a report's actions are a handful, oldest first. */
  async actionsOn(kind: PeriodKind, period: string): Promise<ReportAction[]> {
    const found: ReportAction[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out: QueryCommandOutput = await this.opts.doc.send(
        new QueryCommand({
          TableName: this.opts.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': actionPartition(kind, period) },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of out.Items ?? []) found.push(item.action as ReportAction);
      start = out.LastEvaluatedKey;
    } while (start);
    return found;
  }
}
