import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import type { LocalFunction } from './cdk-model.js';

type Handler = (event: unknown, context: Context) => unknown;

/**
 * A function failure as Lambda reports it: `errorType` is the thrown error's name, which Step
 * Functions uses as the task's error name (so Retry/Catch match custom errors as on AWS).
 */
export class LambdaFunctionError extends Error {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly trace: string[];

  constructor(errorType: string, errorMessage: string, trace: string[]) {
    // The message is Lambda's error payload, which Step Functions passes on as the error's Cause.
    super(JSON.stringify({ errorMessage, errorType, trace }));
    this.name = errorType;
    this.errorType = errorType;
    this.errorMessage = errorMessage;
    this.trace = trace;
  }

  static from(thrown: unknown): LambdaFunctionError {
    if (thrown instanceof Error) {
      return new LambdaFunctionError(thrown.name || 'Error', thrown.message, thrown.stack?.split('\n') ?? []);
    }
    return new LambdaFunctionError('Error', String(thrown), []);
  }
}

export class FunctionNotFoundError extends Error {
  override name = 'Lambda.ResourceNotFoundException';
}

function lambdaContext(fn: LocalFunction): Context {
  const deadline = Date.now() + fn.timeoutSeconds * 1000;
  const callbackStyle = () => {
    throw new Error('Closeloop handlers are async; callback-style completion is not supported locally');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: fn.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: fn.arn,
    memoryLimitInMB: String(fn.memorySize),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${fn.functionName}`,
    logStreamName: `local/[$LATEST]${process.pid}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: callbackStyle,
    fail: callbackStyle,
    succeed: callbackStyle,
  };
}

/** JSON in, JSON out, as across Lambda's invoke boundary: no shared objects, no Dates, no undefined. */
function overTheWire<T>(value: unknown): T {
  return JSON.parse(JSON.stringify(value ?? null)) as T;
}

/**
 * The functions of the app, run in this process from their TypeScript entries. Each entry is
 * imported once (one cold start per process, as one warm Lambda instance), after the runtime has
 * set the environment.
 */
export class LocalLambdas {
  private readonly byName = new Map<string, LocalFunction>();
  private readonly modules = new Map<string, Promise<Handler>>();

  constructor(
    functions: Record<string, LocalFunction>,
    private readonly projectRoot: string,
  ) {
    for (const fn of Object.values(functions)) this.byName.set(fn.functionName, fn);
  }

  /** Accepts what Lambda's Invoke accepts: a name, a full ARN, or either with a `:$LATEST` qualifier. */
  find(functionNameOrArn: string): LocalFunction {
    const name = functionNameOrArn.startsWith('arn:')
      ? functionNameOrArn.split(':')[6]
      : functionNameOrArn.split(':')[0];
    const fn = name === undefined ? undefined : this.byName.get(name);
    if (!fn) throw new FunctionNotFoundError(`Function not found: ${functionNameOrArn}`);
    return fn;
  }

  private handlerOf(fn: LocalFunction): Promise<Handler> {
    let loaded = this.modules.get(fn.entry);
    if (!loaded) {
      loaded = import(pathToFileURL(resolve(this.projectRoot, fn.entry)).href).then((mod: { handler?: unknown }) => {
        if (typeof mod.handler !== 'function') {
          throw new Error(`${fn.entry} (function ${fn.logicalId}) does not export a 'handler' function`);
        }
        return mod.handler as Handler;
      });
      this.modules.set(fn.entry, loaded);
    }
    return loaded;
  }

  /** Imports every handler now, so a broken entry fails the start instead of the first request. */
  async preload(): Promise<void> {
    await Promise.all([...this.byName.values()].map((fn) => this.handlerOf(fn)));
  }

  /** Synchronous invoke: resolves with the handler's JSON result, rejects with a LambdaFunctionError. */
  async invoke(functionNameOrArn: string, event: unknown): Promise<unknown> {
    const fn = this.find(functionNameOrArn);
    const handler = await this.handlerOf(fn);
    let result: unknown;
    try {
      result = await handler(overTheWire(event), lambdaContext(fn));
    } catch (err) {
      throw LambdaFunctionError.from(err);
    }
    return overTheWire(result);
  }
}
