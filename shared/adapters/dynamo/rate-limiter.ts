import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RateLimiter } from '../../ports/index.js';
import { getDocumentClient } from './client.js';
import { rateWindowKey } from './keys.js';
import { TTL_ATTRIBUTE } from './table-design.js';

export interface DynamoRateLimiterOptions {
  tableName: string;
  /** Hits allowed per client and window; 0 turns the limiter off. */
  limitPerWindow: number;
  windowSeconds?: number;
  /** Defaults to the per-cold-start client; tests pass one bound to DynamoDB Local. */
  doc?: DynamoDBDocumentClient;
}

/**
 * Fixed-window counter: one item per client and window, one atomic ADD per hit, removed by TTL.
 * A fixed window lets a client burst up to twice the limit across a window boundary; that is
 * acceptable for abuse protection and costs a single write per request.
 */
export class DynamoRateLimiter implements RateLimiter {
  private readonly doc: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly limit: number;
  private readonly windowSeconds: number;

  constructor(opts: DynamoRateLimiterOptions) {
    const windowSeconds = opts.windowSeconds ?? 60;
    if (!Number.isInteger(opts.limitPerWindow) || opts.limitPerWindow < 0) {
      throw new RangeError('limitPerWindow must be a whole number >= 0');
    }
    if (!Number.isInteger(windowSeconds) || windowSeconds < 1) {
      throw new RangeError('windowSeconds must be a whole number >= 1');
    }
    this.doc = opts.doc ?? getDocumentClient();
    this.tableName = opts.tableName;
    this.limit = opts.limitPerWindow;
    this.windowSeconds = windowSeconds;
  }

  async hit(clientKey: string, now: Date): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
    if (this.limit === 0) return { allowed: true, retryAfterSeconds: 0 };
    const windowStart = Math.floor(now.getTime() / 1000 / this.windowSeconds) * this.windowSeconds;
    const windowEnd = windowStart + this.windowSeconds;
    const out = await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: rateWindowKey(clientKey, windowStart),
        UpdateExpression: 'ADD #count :one SET #ttl = :ttl',
        ExpressionAttributeNames: { '#count': 'count', '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: { ':one': 1, ':ttl': windowEnd },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return {
      allowed: Number(out.Attributes?.count) <= this.limit,
      // Never 0 while refusing: a client told "retry after 0 s" would hammer the same window.
      retryAfterSeconds: Math.max(1, Math.ceil(windowEnd - now.getTime() / 1000)),
    };
  }
}
