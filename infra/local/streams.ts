import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type _Record,
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type Shard,
  type ShardIteratorType,
} from '@aws-sdk/client-dynamodb-streams';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './dynamodb.js';

/**
 * What an event source mapping on a DynamoDB stream does on AWS, for the local runtime: polls
 * DynamoDB Local's stream (DescribeStream, GetShardIterator, GetRecords), hands each batch to the
 * function as Lambda's DynamoDB event, retries from the record a failure names
 * (ReportBatchItemFailures), and keeps where it stopped in a file, so a restart goes on from there.
 * Without that file it starts at TRIM_HORIZON: records already counted are recognised by the
 * aggregator's markers and change nothing.
 */

export interface LocalStreamConsumer {
  logicalId: string;
  functionLogicalId: string;
  batchSize: number;
}

export interface StreamPollerOptions {
  endpoint: string;
  tableName: string;
  batchSize?: number;
  /** Real milliseconds between polls of an idle stream. */
  idleMs?: number;
  /** Where the position is kept between runs; unset: in memory only. */
  checkpointFile?: string;
  deliver(event: { Records: unknown[] }): Promise<unknown>;
  log?: (line: string) => void;
}

export interface StreamPoller {
  /** Resolves once every record written before the call has been delivered (or could not be). */
  drained(): Promise<void>;
  stop(): Promise<void>;
}

interface Checkpoint {
  streamArn: string;
  /** Last sequence number delivered, per shard; `null` for a shard read to its end. */
  shards: Record<string, string | null>;
}

export async function startStreamPoller(opts: StreamPollerOptions): Promise<StreamPoller> {
  const config = { endpoint: opts.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  const dynamo = new DynamoDBClient(config);
  const streams = new DynamoDBStreamsClient(config);
  const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: opts.tableName }));
  dynamo.destroy();
  const streamArn = Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`table ${opts.tableName} has no stream`);
  const batchSize = opts.batchSize ?? 100;
  const idleMs = opts.idleMs ?? 200;

  const saved = readCheckpoint(opts.checkpointFile);
  const checkpoint: Checkpoint = saved?.streamArn === streamArn ? saved : { streamArn, shards: {} };
  const iterators = new Map<string, string>();
  let stopped = false;
  let waiters: (() => void)[] = [];
  let wake: (() => void) | undefined;

  async function iteratorFor(shard: Shard, at?: { type: ShardIteratorType; sequence: string }): Promise<string> {
    const last = checkpoint.shards[shard.ShardId!];
    const position = at ?? (last ? { type: 'AFTER_SEQUENCE_NUMBER' as const, sequence: last } : undefined);
    const out = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shard.ShardId,
        ShardIteratorType: position?.type ?? 'TRIM_HORIZON',
        ...(position ? { SequenceNumber: position.sequence } : {}),
      }),
    );
    return out.ShardIterator!;
  }

  async function listShards(): Promise<Shard[]> {
    const shards: Shard[] = [];
    let start: string | undefined;
    do {
      const out = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start }));
      shards.push(...(out.StreamDescription?.Shards ?? []));
      start = out.StreamDescription?.LastEvaluatedShardId;
    } while (start);
    return shards;
  }

  /** One pass over every open shard; true when some shard had records. */
  async function pass(): Promise<boolean> {
    let busy = false;
    const shards = await listShards();
    const finished = (id: string | undefined) => id !== undefined && checkpoint.shards[id] === null;
    for (const shard of shards) {
      const id = shard.ShardId!;
      // A child shard is read once its parent is done, as on AWS, so one complaint's records stay in order.
      if (finished(id)) continue;
      const parent = shard.ParentShardId;
      if (parent && shards.some((s) => s.ShardId === parent) && !finished(parent)) continue;
      let iterator = iterators.get(id) ?? (await iteratorFor(shard));
      const out = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: batchSize }));
      const records = out.Records ?? [];
      if (records.length > 0) {
        busy = true;
        const failedAt = await deliver(records);
        if (failedAt) {
          // Retried from the record the function named, after a pause, as the mapping retries.
          iterators.set(id, await iteratorFor(shard, { type: 'AT_SEQUENCE_NUMBER', sequence: failedAt }));
          await sleep(1000);
          continue;
        }
        checkpoint.shards[id] = records.at(-1)!.dynamodb!.SequenceNumber!;
      }
      if (out.NextShardIterator) {
        iterator = out.NextShardIterator;
        iterators.set(id, iterator);
      } else {
        checkpoint.shards[id] = null;
        iterators.delete(id);
      }
      if (records.length > 0 || !out.NextShardIterator) writeCheckpoint(opts.checkpointFile, checkpoint);
    }
    return busy;
  }

  /** The first failed record's sequence number, if any. */
  async function deliver(records: _Record[]): Promise<string | undefined> {
    const event = { Records: records.map((r) => lambdaRecord(r, streamArn!)) };
    try {
      const result = (await opts.deliver(event)) as { batchItemFailures?: { itemIdentifier: string }[] } | undefined;
      return result?.batchItemFailures?.[0]?.itemIdentifier;
    } catch (error) {
      opts.log?.(`report aggregator failed, retrying the batch: ${(error as Error).message}`);
      return records[0]!.dynamodb!.SequenceNumber!;
    }
  }

  const running = (async () => {
    while (!stopped) {
      let busy = false;
      try {
        busy = await pass();
      } catch (error) {
        // An iterator expires (15 minutes on AWS) or the shard moved on: start again from the checkpoint.
        // Not idle: whoever waits for the stream to drain waits for a pass that succeeds.
        iterators.clear();
        if (!stopped) opts.log?.(`stream poll failed: ${(error as Error).message}`);
        await sleep(idleMs);
        continue;
      }
      if (!busy) {
        const done = waiters;
        waiters = [];
        for (const resolve of done) resolve();
        if (!stopped)
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, idleMs).unref();
          });
      }
    }
  })();

  return {
    drained: () =>
      new Promise<void>((resolve) => {
        // A pass that starts after this call sees every record written before it: wait for an idle one.
        let passes = 0;
        const onIdle = () => {
          passes += 1;
          if (passes >= 2 || stopped) resolve();
          else waiters.push(onIdle);
        };
        waiters.push(onIdle);
        wake?.();
      }),
    stop: async () => {
      stopped = true;
      wake?.();
      await running;
      for (const resolve of waiters.splice(0)) resolve();
      streams.destroy();
    },
  };
}

/** GetRecords' record in the shape Lambda delivers it (times in epoch seconds). */
function lambdaRecord(r: _Record, streamArn: string): Record<string, unknown> {
  const created = r.dynamodb?.ApproximateCreationDateTime;
  return {
    eventID: r.eventID,
    eventName: r.eventName,
    eventVersion: r.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: LOCAL_REGION,
    dynamodb: {
      ...r.dynamodb,
      ...(created ? { ApproximateCreationDateTime: Math.floor(new Date(created).getTime() / 1000) } : {}),
    },
    eventSourceARN: streamArn,
  };
}

function readCheckpoint(file: string | undefined): Checkpoint | undefined {
  if (!file || !existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Checkpoint;
  } catch {
    return undefined;
  }
}

function writeCheckpoint(file: string | undefined, checkpoint: Checkpoint): void {
  if (!file) return;
  mkdirSync(dirname(file), { recursive: true });
  // Written aside and renamed: a crash mid-write leaves the previous position, never half a file.
  writeFileSync(`${file}.tmp`, JSON.stringify(checkpoint));
  renameSync(`${file}.tmp`, file);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
