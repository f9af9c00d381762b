/**
 * What one complaint's lifecycle costs on AWS, counted while the local runtime runs it: Lambda
 * invocations and their measured durations (patched onto the local Lambda runner), DynamoDB
 * requests and the capacity units DynamoDB reports for them (a middleware on the handlers'
 * document client), and mails (the SES emulator's store). Step Functions transitions come from
 * the execution history.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { LocalLambdas } from '../../infra/local/lambda.js';
import { getDocumentClient } from '../../shared/adapters/dynamo/client.js';

/** us-east-1 list prices, 2026; arm64 Lambda, on-demand DynamoDB, Standard workflows. */
export const PRICES = {
  transition: 0.025 / 1000,
  lambdaRequest: 0.2 / 1_000_000,
  lambdaGbSecond: 0.0000133334,
  writeRequestUnit: 0.625 / 1_000_000,
  readRequestUnit: 0.125 / 1_000_000,
  mail: 0.1 / 1000,
};

export function describePrices(): string {
  return [
    'Prices assumed (us-east-1 list, arm64, on-demand): Step Functions Standard $0.025 per 1,000 transitions;',
    'Lambda $0.20 per 1M requests and $0.0000133334 per GB-s (duration rounded up to 1 ms, at the memory',
    'each function is deployed with); DynamoDB $0.625 per 1M write and $0.125 per 1M read request units;',
    'SES $0.10 per 1,000 mails. Not included: API Gateway ($1.00 per 1M HTTP API requests), CloudWatch',
    'Logs and X-Ray, storage. Durations are measured on this machine against emulators: an estimate.',
  ].join('\n');
}

export interface Usage {
  lambda: { invocations: number; gbSeconds: number; byFunction: Record<string, { invocations: number; ms: number }> };
  dynamodb: { reads: number; writes: number; readUnits: number; writeUnits: number };
}

const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'TransactWriteItems', 'BatchWriteItem']);

/**
 * Starts counting what the app's functions use. Calls made by `ignore`d functions (the bench's
 * own polling of a complaint) are left out, and so are calls outside any function.
 */
export function meterUsage(ignore: (entry: string) => boolean) {
  const current = new AsyncLocalStorage<string>();
  const usage: Usage = {
    lambda: { invocations: 0, gbSeconds: 0, byFunction: {} },
    dynamodb: { reads: 0, writes: 0, readUnits: 0, writeUnits: 0 },
  };
  const invoke = LocalLambdas.prototype.invoke;
  LocalLambdas.prototype.invoke = async function (this: LocalLambdas, name: string, event: unknown) {
    const fn = this.find(name);
    const entry = fn.entry.replace(/^functions\//, '').replace(/\.ts$/, '');
    if (ignore(fn.entry)) return current.run('', () => invoke.call(this, name, event));
    const started = performance.now();
    try {
      return await current.run(entry, () => invoke.call(this, name, event));
    } finally {
      const ms = Math.ceil(performance.now() - started);
      usage.lambda.invocations += 1;
      usage.lambda.gbSeconds += (fn.memorySize / 1024) * (ms / 1000);
      const used = usage.lambda.byFunction[entry] ?? { invocations: 0, ms: 0 };
      used.invocations += 1;
      used.ms += ms;
      usage.lambda.byFunction[entry] = used;
    }
  };
  return {
    usage,
    /** Once the handlers are loaded (their client exists): count what they ask DynamoDB. */
    meterDynamo() {
      getDocumentClient().middlewareStack.add(
        (next, context) => async (args) => {
          if (!current.getStore()) return next(args);
          (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
          const result = await next(args);
          const write = WRITES.has(context.commandName?.replace(/Command$/, '') ?? '');
          if (write) usage.dynamodb.writes += 1;
          else usage.dynamodb.reads += 1;
          const consumed = [(result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity ?? []].flat() as {
            CapacityUnits?: number;
            ReadCapacityUnits?: number;
            WriteCapacityUnits?: number;
          }[];
          for (const c of consumed) {
            usage.dynamodb.readUnits += c.ReadCapacityUnits ?? (write ? 0 : (c.CapacityUnits ?? 0));
            usage.dynamodb.writeUnits += c.WriteCapacityUnits ?? (write ? (c.CapacityUnits ?? 0) : 0);
          }
          return result;
        },
        { step: 'initialize', name: 'benchConsumedCapacity' },
      );
    },
    stop() {
      LocalLambdas.prototype.invoke = invoke;
    },
  };
}
