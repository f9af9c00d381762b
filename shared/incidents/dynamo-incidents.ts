import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { getDocumentClient } from '../adapters/dynamo/client.js';
import { eventItem } from '../adapters/dynamo/keys.js';
import { BadRequestError, ConcurrentUpdateError } from '../errors/index.js';
import type { TimelineEvent } from '../model/complaint.js';
import type { Page } from '../ports/index.js';
import type { Sighting } from './detect.js';
import type { Incident, IncidentEvent, LinkedComplaint } from './model.js';
import type { BatchPointer, IncidentStore } from './store.js';

/**
 * The incidents' items (every partition key starts with INCIDENT, so one IAM condition covers them):
 *   INCIDENT#BATCH#<batch> / SEEN#<receivedAt>#<complaint>  a complaint of the batch (the count is a Query here)
 *   INCIDENT#BATCH#<batch> / OPEN                           the batch's incident: the conditional write that
 *                                                           makes exactly one open incident per model and lot
 *   INCIDENTS / INCIDENT#<id>                               the incident (versioned); ids sort by opening time
 *   INCIDENT#<id> / EVENT#<at>#<eventId>                    its append-only timeline
 * Incidents are few (a batch defect is rare), so the list is one small partition, read newest first.
 */
export const INCIDENT_KEY_PREFIX = 'INCIDENT';
const LIST_PARTITION = 'INCIDENTS';
const batchPartition = (batchKey: string) => `INCIDENT#BATCH#${batchKey}`;
const SEEN = 'SEEN#';
const pointerKey = (batchKey: string) => ({ pk: batchPartition(batchKey), sk: 'OPEN' });
const incidentKey = (id: string) => ({ pk: LIST_PARTITION, sk: `INCIDENT#${id}` });
const incidentEventKey = (e: Pick<IncidentEvent, 'incidentId' | 'at' | 'eventId'>) => ({
  pk: `INCIDENT#${e.incidentId}`,
  sk: `EVENT#${e.at}#${e.eventId}`,
});

export class DynamoIncidentStore implements IncidentStore {
  private readonly doc: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(opts: { tableName: string; doc?: DynamoDBDocumentClient }) {
    this.doc = opts.doc ?? getDocumentClient();
    this.tableName = opts.tableName;
  }

  async recordSighting(batchKey: string, s: Sighting): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: batchPartition(batchKey), sk: `${SEEN}${s.receivedAt}#${s.complaintId}`, ...s },
      }),
    );
  }

  async sightings(batchKey: string, from: string, to: string): Promise<Sighting[]> {
    const found: Sighting[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': batchPartition(batchKey),
            ':from': `${SEEN}${from}`,
            ':to': `${SEEN}${to}~`,
          },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of out.Items ?? []) {
        found.push({
          complaintId: item.complaintId as string,
          ticketNumber: item.ticketNumber as string,
          receivedAt: item.receivedAt as string,
        });
      }
      start = out.LastEvaluatedKey;
    } while (start);
    return found;
  }

  async batchPointer(batchKey: string): Promise<BatchPointer | undefined> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: pointerKey(batchKey), ConsistentRead: true }),
    );
    if (!out.Item) return undefined;
    const { incidentId, status, countAfter } = out.Item as BatchPointer;
    return { incidentId, status, ...(countAfter ? { countAfter } : {}) };
  }

  async open(incident: Incident, events: IncidentEvent[], complaintEvents: TimelineEvent[]): Promise<boolean> {
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { ...pointerKey(incident.batchKey), incidentId: incident.id, status: 'open' },
                ConditionExpression: 'attribute_not_exists(pk) OR #status = :closed',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':closed': 'closed' },
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: { ...incident, ...incidentKey(incident.id) },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            ...events.map((e) => ({ Put: { TableName: this.tableName, Item: { ...e, ...incidentEventKey(e) } } })),
            ...complaintEvents.map((e) => ({ Put: { TableName: this.tableName, Item: eventItem(e) } })),
          ],
        }),
      );
      return true;
    } catch (error) {
      if (
        error instanceof TransactionCanceledException &&
        error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
      ) {
        return false;
      }
      throw error;
    }
  }

  async link(
    incidentId: string,
    complaintId: string,
    linked: LinkedComplaint,
    event: IncidentEvent,
    complaintEvent: TimelineEvent,
  ): Promise<boolean> {
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: incidentKey(incidentId),
                UpdateExpression: 'SET linked.#c = :linked, version = version + :one',
                ConditionExpression: '#status = :open AND attribute_not_exists(linked.#c)',
                ExpressionAttributeNames: { '#c': complaintId, '#status': 'status' },
                ExpressionAttributeValues: { ':linked': linked, ':one': 1, ':open': 'open' },
              },
            },
            { Put: { TableName: this.tableName, Item: { ...event, ...incidentEventKey(event) } } },
            { Put: { TableName: this.tableName, Item: eventItem(complaintEvent) } },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (
        error instanceof TransactionCanceledException &&
        error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
      ) {
        return false;
      }
      throw error;
    }
  }

  async get(id: string): Promise<Incident | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: incidentKey(id) }));
    return out.Item ? fromItem(out.Item) : undefined;
  }

  async timeline(id: string): Promise<IncidentEvent[]> {
    const events: IncidentEvent[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :event)',
          ExpressionAttributeValues: { ':pk': `INCIDENT#${id}`, ':event': 'EVENT#' },
          ExclusiveStartKey: start,
        }),
      );
      for (const { pk: _pk, sk: _sk, ...event } of out.Items ?? []) events.push(event as IncidentEvent);
      start = out.LastEvaluatedKey;
    } while (start);
    return events;
  }

  async list(opts: { status?: Incident['status']; limit?: number; cursor?: string }): Promise<Page<Incident>> {
    const limit = opts.limit ?? 50;
    const items: Incident[] = [];
    let start = opts.cursor === undefined ? undefined : decodeCursor(opts.cursor);
    do {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :incident)',
          ...(opts.status
            ? {
                FilterExpression: '#status = :status',
                ExpressionAttributeNames: { '#status': 'status' },
              }
            : {}),
          ExpressionAttributeValues: {
            ':pk': LIST_PARTITION,
            ':incident': 'INCIDENT#',
            ...(opts.status ? { ':status': opts.status } : {}),
          },
          ScanIndexForward: false,
          Limit: limit - items.length,
          ExclusiveStartKey: start,
        }),
      );
      items.push(...(out.Items ?? []).map(fromItem));
      start = out.LastEvaluatedKey;
    } while (start && items.length < limit);
    return { items, ...(start ? { nextCursor: encodeCursor(start) } : {}) };
  }

  async update(
    incident: Incident,
    expectedVersion: number,
    events: IncidentEvent[],
    close?: { countAfter: string },
  ): Promise<void> {
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { ...incident, ...incidentKey(incident.id) },
                ConditionExpression: 'version = :expected',
                ExpressionAttributeValues: { ':expected': expectedVersion },
              },
            },
            ...events.map((e) => ({ Put: { TableName: this.tableName, Item: { ...e, ...incidentEventKey(e) } } })),
            ...(close
              ? [
                  {
                    Put: {
                      TableName: this.tableName,
                      Item: {
                        ...pointerKey(incident.batchKey),
                        incidentId: incident.id,
                        status: 'closed',
                        countAfter: close.countAfter,
                      },
                    },
                  },
                ]
              : []),
          ],
        }),
      );
    } catch (error) {
      if (
        error instanceof TransactionCanceledException &&
        error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
      ) {
        throw new ConcurrentUpdateError();
      }
      throw error;
    }
  }
}

function fromItem(item: Record<string, unknown>): Incident {
  const { pk: _pk, sk: _sk, ...incident } = item;
  return incident as unknown as Incident;
}

const encodeCursor = (key: Record<string, unknown>): string => Buffer.from(JSON.stringify(key)).toString('base64url');

/** A cursor is only one of our own LastEvaluatedKeys in the incidents' partition. */
function decodeCursor(cursor: string): Record<string, string> {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (key.pk === LIST_PARTITION && typeof key.sk === 'string' && key.sk.startsWith('INCIDENT#')) {
      return { pk: key.pk, sk: key.sk };
    }
  } catch {
    // Falls through to the refusal.
  }
  throw new BadRequestError('cursor_invalid');
}
