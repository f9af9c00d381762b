import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ExecutionError, type RunOptions, StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { scaledClock } from '../../shared/clock.js';
import type { Clock } from '../../shared/ports/index.js';
import { localStateMachineArn } from './arns.js';
import { INTERPRETER_TASK_TIMEOUT_SECONDS, KEY, prepareDefinition, type TaskStep } from './sfn-definition.js';

/**
 * Step Functions on loopback: runs the deployable definition with aws-local-stepfunctions and
 * speaks the Step Functions JSON protocol, so unchanged @aws-sdk/client-sfn code (pointed here by
 * AWS_ENDPOINT_URL_SFN) starts executions, reads them and completes callback tasks.
 * Executions live in memory: nothing survives a restart.
 */

/** Invokes a function synchronously; rejects with an error whose `name` is the function's error type. */
export type FunctionInvoker = (functionNameOrArn: string, payload: unknown) => Promise<unknown>;

export interface LocalStateMachineInput {
  name: string;
  definition: Record<string, unknown>;
  arn?: string;
}

export interface LocalStepFunctionsOptions {
  stateMachines: LocalStateMachineInput[];
  invoke: FunctionInvoker;
  /**
   * How many definition seconds pass per real second (3600: an hour per second). Applies to Wait
   * states, the timeouts and heartbeats of tasks that wait for a token, and the execution timeout;
   * not to the timeouts of tasks that run a function (a function is not faster locally), nor to
   * Retry intervals.
   */
  timeScale?: number;
  /**
   * Workflow time, running `timeScale` times as fast as real time; a Wait's Timestamp is an instant
   * on this clock. Default: workflow time equals real time when the server is created.
   */
  clock?: Clock;
  log?: (line: string) => void;
}

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** An error in Step Functions' own shape: the SDK turns `name` into its exception class. */
export class SfnError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

interface HistoryEvent {
  timestamp: Date;
  type: string;
  details?: Record<string, unknown>;
}

/** A history event as GetExecutionHistory returns it. */
export type ExecutionHistoryEvent = { id: number; previousEventId: number; timestamp?: number; type: string } & Record<
  string,
  unknown
>;

export interface ExecutionSummary {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  startDate?: number;
  stopDate?: number;
}

type Settlement = { ok: true; output: unknown } | { ok: false; error: Error };

interface OpenTask {
  settle(result: Settlement): void;
  heartbeat(): void;
}

interface TokenRecord {
  executionArn: string;
  task?: OpenTask;
  closed: boolean;
}

interface Machine {
  name: string;
  arn: string;
  definitionText: string;
  interpreter: StateMachine;
  steps: ReturnType<typeof prepareDefinition>['steps'];
  timeoutSeconds?: number;
  createdAt: Date;
}

interface Execution {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  startDate: Date;
  stopDate?: Date;
  history: HistoryEvent[];
  /** Kept apart from `history`: state events arrive asynchronously and may trail the outcome. */
  closingEvent?: HistoryEvent;
  /** Settles once the interpreter's event log has closed, i.e. every state event is in `history`. */
  historyRecorded: Promise<void>;
  /** Billable state transitions so far: each state entered, and each retry of one (AWS bills both). */
  transitions: number;
  /** Aborts this execution's own timers (waits, task timeouts, heartbeats). */
  controller: AbortController;
  stopInterpreter(): void;
  unboundTokens: Set<string>;
  openTasks: Set<OpenTask>;
}

interface InterpreterErrors {
  /** The interpreter's own timeout error: `States.TaskFailed` deliberately does not match it, as on AWS. */
  Timeout: new () => Error;
  /** The interpreter's non-retryable, non-catchable runtime error. */
  Runtime: new (
    message: string,
  ) => Error;
}

const MAX_PAYLOAD_BYTES = 262_144;
const MAX_TIMER_MS = 2 ** 31 - 1;
const TOKEN_PREFIX = 'CLTT1';
const NAME_FORBIDDEN = /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/;

/** Step Functions' rule for execution names: 1-80 characters, no whitespace, brackets, wildcards, punctuation or control characters. */
function isValidExecutionName(name: string): boolean {
  if (name.length < 1 || name.length > 80 || NAME_FORBIDDEN.test(name)) return false;
  return [...name].every((c) => {
    const code = c.charCodeAt(0);
    return code > 0x1f && (code < 0x7f || code > 0x9f);
  });
}

/**
 * The interpreter does not export its timeout and runtime error classes, and only instances of
 * them behave as AWS's States.Timeout / States.Runtime in Retry and Catch. Two one-state machines
 * that fail at once hand us an instance of each.
 */
async function discoverInterpreterErrors(): Promise<InterpreterErrors> {
  const causeOf = async (definition: Record<string, unknown>): Promise<Error> => {
    const machine = new StateMachine(definition as unknown as StateMachineDefinition, {
      validationOptions: { noValidate: true },
    });
    const run = machine.run({}, { overrides: { taskResourceLocalHandlers: { T: () => new Promise(() => {}) } } });
    try {
      await run.result;
    } catch (err) {
      if (err instanceof ExecutionError && err.cause instanceof Error) return err.cause;
    }
    throw new Error('aws-local-stepfunctions changed: cannot find its error classes');
  };
  const [timeout, runtime] = await Promise.all([
    causeOf({
      StartAt: 'T',
      States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', TimeoutSeconds: 0.001, End: true } },
    }),
    causeOf({ StartAt: 'P', States: { P: { Type: 'Pass', InputPath: '$.missing', End: true } } }),
  ]);
  return {
    Timeout: timeout.constructor as new () => Error,
    Runtime: runtime.constructor as new (message: string) => Error,
  };
}

let discovered: Promise<InterpreterErrors> | undefined;
function interpreterErrors(): Promise<InterpreterErrors> {
  if (!discovered) discovered = discoverInterpreterErrors();
  return discovered;
}

/** Calls `fn` after `ms` unless `signal` aborts first; handles delays beyond a Node timer's range. */
function after(ms: number, fn: () => void, signal: AbortSignal): () => void {
  let timer: NodeJS.Timeout | undefined;
  const due = Date.now() + ms;
  const arm = () => {
    const left = due - Date.now();
    timer = setTimeout(left > MAX_TIMER_MS ? arm : fire, Math.min(Math.max(left, 0), MAX_TIMER_MS));
  };
  const fire = () => {
    signal.removeEventListener('abort', cancel);
    fn();
  };
  const cancel = () => clearTimeout(timer);
  if (signal.aborted) return () => {};
  signal.addEventListener('abort', cancel, { once: true });
  arm();
  return () => {
    cancel();
    signal.removeEventListener('abort', cancel);
  };
}

const epochSeconds = (date: Date | undefined): number | undefined => (date ? date.getTime() / 1000 : undefined);
const byteLength = (text: string): number => Buffer.byteLength(text, 'utf8');

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function collectStrings(value: unknown, into: (s: string) => void): void {
  if (typeof value === 'string') into(value);
  else if (Array.isArray(value)) for (const v of value) collectStrings(v, into);
  else if (isObject(value)) for (const v of Object.values(value)) collectStrings(v, into);
}

export class LocalStepFunctions {
  private readonly machines = new Map<string, Machine>();
  private readonly executions = new Map<string, Execution>();
  private readonly tokens = new Map<string, TokenRecord>();
  private readonly timeScale: number;
  private readonly clock: Clock;
  private readonly log: (line: string) => void;
  private server?: Server;
  private errors?: InterpreterErrors;

  constructor(private readonly options: LocalStepFunctionsOptions) {
    this.timeScale = options.timeScale ?? 1;
    if (!(this.timeScale > 0)) throw new Error(`timeScale must be a positive number, got ${options.timeScale}`);
    this.log = options.log ?? (() => {});
    const now = Date.now();
    this.clock = options.clock ?? scaledClock({ scale: this.timeScale, anchorRealMs: now, anchorVirtualMs: now });
    for (const sm of options.stateMachines) {
      // Validate what will deploy, then run the prepared copy (which is deliberately non-standard).
      new StateMachine(sm.definition as unknown as StateMachineDefinition, {
        validationOptions: { checkArn: true, checkPaths: true },
      });
      const prepared = prepareDefinition(sm.definition);
      const arn = sm.arn ?? localStateMachineArn(sm.name);
      this.machines.set(arn, {
        name: sm.name,
        arn,
        definitionText: JSON.stringify(sm.definition),
        interpreter: new StateMachine(prepared.definition as unknown as StateMachineDefinition, {
          validationOptions: { noValidate: true },
        }),
        steps: prepared.steps,
        timeoutSeconds: prepared.timeoutSeconds,
        createdAt: new Date(),
      });
    }
  }

  get stateMachineArns(): string[] {
    return [...this.machines.keys()];
  }

  private scaledMs(seconds: number): number {
    return (seconds * 1000) / this.timeScale;
  }

  // ---- API operations (the HTTP layer maps X-Amz-Target to these) ----

  async startExecution(req: { stateMachineArn?: string; name?: string; input?: string }) {
    this.errors ??= await interpreterErrors();
    const machine = this.machines.get(req.stateMachineArn ?? '');
    if (!machine)
      throw new SfnError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${req.stateMachineArn}'`);
    const name = req.name ?? randomUUID();
    if (!isValidExecutionName(name)) throw new SfnError('InvalidName', `Invalid Name: '${name}'`);
    const input = req.input ?? '{}';
    if (byteLength(input) > MAX_PAYLOAD_BYTES) {
      throw new SfnError('InvalidExecutionInput', 'Invalid Execution Input: the input exceeds 262144 bytes');
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(input);
    } catch {
      throw new SfnError('InvalidExecutionInput', `Invalid Execution Input: '${input.slice(0, 100)}' is not JSON`);
    }
    const executionArn = `${machine.arn.replace(':stateMachine:', ':execution:')}:${name}`;
    const existing = this.executions.get(executionArn);
    if (existing) {
      // As on AWS: repeating a start with the same name and input while it runs is idempotent.
      if (existing.status === 'RUNNING' && existing.input === input) {
        return { executionArn, startDate: epochSeconds(existing.startDate) };
      }
      throw new SfnError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }
    const execution = this.run(machine, executionArn, name, input, parsed);
    return { executionArn, startDate: epochSeconds(execution.startDate) };
  }

  describeExecution(req: { executionArn?: string }) {
    const e = this.execution(req.executionArn);
    return {
      ...summary(e),
      input: e.input,
      inputDetails: { included: true },
      output: e.output,
      outputDetails: e.output === undefined ? undefined : { included: true },
      error: e.error,
      cause: e.cause,
      redriveCount: 0,
    };
  }

  listExecutions(req: { stateMachineArn?: string; statusFilter?: string; maxResults?: number; nextToken?: string }) {
    if (!this.machines.has(req.stateMachineArn ?? '')) {
      throw new SfnError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${req.stateMachineArn}'`);
    }
    const all = [...this.executions.values()]
      .filter((e) => e.stateMachineArn === req.stateMachineArn && (!req.statusFilter || e.status === req.statusFilter))
      .sort((a, b) => b.startDate.getTime() - a.startDate.getTime());
    const start = req.nextToken ? Number(Buffer.from(req.nextToken, 'base64url').toString()) : 0;
    if (!Number.isInteger(start) || start < 0) throw new SfnError('InvalidToken', 'Invalid Token: nextToken');
    const size = req.maxResults && req.maxResults > 0 ? req.maxResults : 100;
    const page = all.slice(start, start + size);
    return {
      executions: page.map(summary),
      nextToken: start + size < all.length ? Buffer.from(String(start + size)).toString('base64url') : undefined,
    };
  }

  stopExecution(req: { executionArn?: string; error?: string; cause?: string }) {
    const e = this.execution(req.executionArn);
    this.finish(e, 'ABORTED', { error: req.error, cause: req.cause });
    return { stopDate: epochSeconds(e.stopDate) };
  }

  /** Each state entered appears as `<Type>StateEntered` (TaskStateEntered, ChoiceStateEntered...), as on AWS. */
  getExecutionHistory(req: { executionArn?: string; reverseOrder?: boolean; includeExecutionData?: boolean }) {
    const e = this.execution(req.executionArn);
    const events: ExecutionHistoryEvent[] = [...e.history, ...(e.closingEvent ? [e.closingEvent] : [])].map((h, i) => ({
      id: i + 1,
      previousEventId: i,
      timestamp: epochSeconds(h.timestamp),
      type: h.type,
      ...h.details,
    }));
    return { events: req.reverseOrder ? events.reverse() : events };
  }

  // ---- for tests and benchmarks (no AWS counterpart) ----

  /** Every execution of every state machine, newest first. */
  executionSummaries(): ExecutionSummary[] {
    return [...this.executions.values()].sort((a, b) => b.startDate.getTime() - a.startDate.getTime()).map(summary);
  }

  /** The full history; for an execution that has ended, only once its last state event is recorded. */
  async settledHistory(executionArn: string): Promise<ExecutionHistoryEvent[]> {
    const e = this.execution(executionArn);
    if (e.status !== 'RUNNING') await e.historyRecorded;
    return this.getExecutionHistory({ executionArn }).events;
  }

  /** State transitions as Step Functions bills them: every state entered, plus every retry. */
  async transitionCount(executionArn: string): Promise<number> {
    const e = this.execution(executionArn);
    if (e.status !== 'RUNNING') await e.historyRecorded;
    return e.transitions;
  }

  describeStateMachine(req: { stateMachineArn?: string }) {
    const m = this.machines.get(req.stateMachineArn ?? '');
    if (!m) throw new SfnError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${req.stateMachineArn}'`);
    return {
      stateMachineArn: m.arn,
      name: m.name,
      status: 'ACTIVE',
      definition: m.definitionText,
      roleArn: 'arn:aws:iam::000000000000:role/closeloop-local',
      type: 'STANDARD',
      creationDate: epochSeconds(m.createdAt),
    };
  }

  sendTaskSuccess(req: { taskToken?: string; output?: string }) {
    const task = this.openTask(req.taskToken);
    const output = req.output ?? '';
    let parsed: unknown;
    try {
      parsed = JSON.parse(output);
    } catch {
      throw new SfnError('InvalidOutput', 'Invalid Output: the output is not JSON');
    }
    if (byteLength(output) > MAX_PAYLOAD_BYTES)
      throw new SfnError('InvalidOutput', 'Invalid Output: over 262144 bytes');
    task.settle({ ok: true, output: parsed });
    return {};
  }

  sendTaskFailure(req: { taskToken?: string; error?: string; cause?: string }) {
    const task = this.openTask(req.taskToken);
    const failure = new Error(req.cause ?? '');
    failure.name = req.error ?? '';
    task.settle({ ok: false, error: failure });
    return {};
  }

  sendTaskHeartbeat(req: { taskToken?: string }) {
    this.openTask(req.taskToken).heartbeat();
    return {};
  }

  // ---- executions ----

  private execution(executionArn: string | undefined): Execution {
    const e = this.executions.get(executionArn ?? '');
    if (!e) throw new SfnError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    return e;
  }

  private run(machine: Machine, executionArn: string, name: string, input: string, parsed: unknown): Execution {
    const startDate = new Date();
    const execution: Execution = {
      executionArn,
      stateMachineArn: machine.arn,
      name,
      status: 'RUNNING',
      input,
      startDate,
      history: [
        { timestamp: startDate, type: 'ExecutionStarted', details: { executionStartedEventDetails: { input } } },
      ],
      historyRecorded: Promise.resolve(),
      transitions: 0,
      controller: new AbortController(),
      stopInterpreter: () => {},
      unboundTokens: new Set(),
      openTasks: new Set(),
    };
    this.executions.set(executionArn, execution);
    const engine = this;
    const context = {
      Execution: {
        Id: executionArn,
        Name: name,
        RoleArn: 'arn:aws:iam::000000000000:role/closeloop-local',
        RedriveCount: 0,
      },
      StateMachine: { Id: machine.arn, Name: machine.name },
      // A fresh token per read, as each entry into a task state gets its own on AWS.
      Task: {
        get Token() {
          return engine.issueToken(execution);
        },
      },
    };
    const handlers: NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']> = {};
    for (const [stateName, step] of machine.steps) {
      handlers[stateName] = (stepInput) =>
        (step.type === 'Wait'
          ? this.runWait(execution, stateName, stepInput)
          : this.runTask(execution, stateName, step, stepInput)) as Promise<never>;
    }
    const run = machine.interpreter.run(parsed as never, {
      overrides: { taskResourceLocalHandlers: handlers },
      context,
    });
    execution.stopInterpreter = run.abort;
    execution.historyRecorded = this.recordHistory(execution, machine, run.eventLogs);
    if (machine.timeoutSeconds !== undefined) {
      after(
        this.scaledMs(machine.timeoutSeconds),
        () => this.finish(execution, 'TIMED_OUT', { error: 'States.Timeout', cause: 'The execution timed out' }),
        execution.controller.signal,
      );
    }
    run.result.then(
      (output) => {
        const text = JSON.stringify(output ?? null);
        if (byteLength(text) > MAX_PAYLOAD_BYTES) {
          this.finish(execution, 'FAILED', {
            error: 'States.DataLimitExceeded',
            cause: 'The output exceeds 262144 bytes',
          });
        } else {
          this.finish(execution, 'SUCCEEDED', { output: text });
        }
      },
      (err: unknown) => {
        const failure = err instanceof ExecutionError && err.cause instanceof Error ? err.cause : undefined;
        this.finish(execution, 'FAILED', {
          error: failure?.name ?? 'States.Runtime',
          cause: failure?.message ?? String(err),
        });
      },
    );
    return execution;
  }

  private async recordHistory(e: Execution, machine: Machine, events: AsyncGenerator<unknown>): Promise<void> {
    for await (const raw of events) {
      const event = raw as {
        type: string;
        timestamp: number;
        state?: { name: string; type: string; input?: unknown; output?: unknown };
        Error?: string;
        Cause?: unknown;
      };
      if (!event.state) continue;
      if (event.type === 'StateEntered' || event.type === 'StateRetried') e.transitions += 1;
      const stateType = machine.steps.get(event.state.name)?.type ?? event.state.type;
      const timestamp = new Date(event.timestamp);
      if (event.type === 'StateEntered') {
        e.history.push({
          timestamp,
          type: `${stateType}StateEntered`,
          details: {
            stateEnteredEventDetails: { name: event.state.name, input: JSON.stringify(event.state.input ?? null) },
          },
        });
      } else if (event.type === 'StateExited') {
        e.history.push({
          timestamp,
          type: `${stateType}StateExited`,
          details: {
            stateExitedEventDetails: { name: event.state.name, output: JSON.stringify(event.state.output ?? null) },
          },
        });
      } else if (event.type === 'StateFailed' && stateType === 'Task') {
        e.history.push({
          timestamp,
          type: 'TaskFailed',
          details: {
            taskFailedEventDetails: {
              resourceType: 'lambda',
              resource: event.state.name,
              error: event.Error,
              cause: String(event.Cause ?? ''),
            },
          },
        });
      }
    }
  }

  /** Ends an execution once: records the outcome and releases its timers, tasks and tokens. */
  private finish(
    e: Execution,
    status: Exclude<ExecutionStatus, 'RUNNING'>,
    outcome: { output?: string; error?: string; cause?: string },
  ): void {
    if (e.status !== 'RUNNING') return;
    e.status = status;
    e.stopDate = new Date();
    e.output = outcome.output;
    e.error = outcome.error;
    e.cause = outcome.cause;
    e.controller.abort();
    for (const token of e.unboundTokens) this.tokens.set(token, { executionArn: e.executionArn, closed: true });
    e.unboundTokens.clear();
    const ended = new Error(`Execution ${status}`);
    for (const task of e.openTasks) task.settle({ ok: false, error: ended });
    if (status === 'ABORTED' || status === 'TIMED_OUT') e.stopInterpreter();
    const type = {
      SUCCEEDED: 'ExecutionSucceeded',
      FAILED: 'ExecutionFailed',
      ABORTED: 'ExecutionAborted',
      TIMED_OUT: 'ExecutionTimedOut',
    }[status];
    const details =
      status === 'SUCCEEDED'
        ? { executionSucceededEventDetails: { output: e.output } }
        : { [`${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails`]: { error: e.error, cause: e.cause } };
    e.closingEvent = { timestamp: e.stopDate, type, details };
    this.log(`sfn ${e.name} ${status}${e.error ? ` ${e.error}` : ''}`);
  }

  // ---- task tokens ----

  private issueToken(e: Execution): string {
    const token = `${TOKEN_PREFIX}${Buffer.from(JSON.stringify({ e: e.executionArn, n: randomUUID() })).toString('base64url')}`;
    this.tokens.set(token, { executionArn: e.executionArn, closed: e.status !== 'RUNNING' });
    e.unboundTokens.add(token);
    return token;
  }

  private openTask(taskToken: string | undefined): OpenTask {
    if (!taskToken?.startsWith(TOKEN_PREFIX) || taskToken.length > 2048) {
      throw new SfnError('InvalidToken', 'Invalid Token: the task token is not valid');
    }
    const record = this.tokens.get(taskToken);
    if (!record || (!record.task && !record.closed)) {
      throw new SfnError('TaskDoesNotExist', 'Task Does Not Exist: no task is waiting for this token');
    }
    if (record.closed || !record.task) {
      throw new SfnError('TaskTimedOut', 'Task Timed Out: the task for this token has already been closed');
    }
    return record.task;
  }

  // ---- state overrides ----

  private positiveInteger(value: unknown, field: string, stateName: string, min: number): number | undefined {
    if (value === undefined) return undefined;
    if (!Number.isInteger(value) || (value as number) < min) {
      throw new this.errors!.Runtime(
        `${field} of '${stateName}' must be an integer >= ${min}, got ${JSON.stringify(value)}`,
      );
    }
    return value as number;
  }

  private runWait(e: Execution, stateName: string, wrapped: unknown): Promise<unknown> {
    const args = wrapped as Record<string, unknown>;
    let ms: number;
    if (args[KEY.timestamp] !== undefined) {
      const at = Date.parse(String(args[KEY.timestamp]));
      if (typeof args[KEY.timestamp] !== 'string' || Number.isNaN(at)) {
        throw new this.errors!.Runtime(`Timestamp of '${stateName}' is not an RFC 3339 timestamp`);
      }
      ms = Math.max(0, at - this.clock.now().getTime()) / this.timeScale;
    } else {
      ms = this.scaledMs(this.positiveInteger(args[KEY.seconds], 'Seconds', stateName, 0) ?? 0);
    }
    return new Promise((resolve) => after(ms, () => resolve(args[KEY.input]), e.controller.signal));
  }

  private runTask(e: Execution, stateName: string, step: TaskStep, wrapped: unknown): Promise<unknown> {
    if (e.status !== 'RUNNING') return Promise.reject(new Error(`Execution ${e.status}`));
    const args = wrapped as Record<string, unknown>;
    const params = args[KEY.parameters];
    const timeoutSeconds = this.positiveInteger(args[KEY.timeoutSeconds], 'TimeoutSeconds', stateName, 1);
    const heartbeatSeconds = this.positiveInteger(args[KEY.heartbeatSeconds], 'HeartbeatSeconds', stateName, 1);
    // A task that waits for a token waits for people: its timeout and heartbeat are workflow time. Any other task
    // waits for a function, which takes as long here as anywhere: its timeout stays in real seconds.
    const scale = step.kind === 'lambda:invoke.waitForTaskToken' ? this.timeScale : 1;
    const timerMs = (seconds: number) => (seconds * 1000) / scale;
    if (timeoutSeconds !== undefined && timeoutSeconds > INTERPRETER_TASK_TIMEOUT_SECONDS * scale) {
      this.log(`sfn warning: '${stateName}' timeout of ${timeoutSeconds}s exceeds what the interpreter can wait`);
    }
    const lambda = step.kind === 'lambda-function' ? undefined : lambdaParameters(stateName, params);
    const signal = e.controller.signal;
    const { promise, settle } = settleable();
    const cancels: (() => void)[] = [];
    const timedOut = (message: string) => () => {
      const error = new this.errors!.Timeout();
      error.message = message;
      settle({ ok: false, error });
    };
    if (timeoutSeconds !== undefined) {
      cancels.push(after(timerMs(timeoutSeconds), timedOut('States.Timeout'), signal));
    }

    if (lambda && step.kind === 'lambda:invoke.waitForTaskToken') {
      const tokens: string[] = [];
      collectStrings(params, (s) => {
        if (e.unboundTokens.delete(s)) tokens.push(s);
      });
      if (tokens.length === 0) this.log(`sfn warning: '${stateName}' waits for a task token but passes none on`);
      let cancelHeartbeat = () => {};
      const armHeartbeat = () => {
        cancelHeartbeat();
        if (heartbeatSeconds !== undefined) {
          // AWS reports a missed heartbeat as States.HeartbeatTimeout, which a States.Timeout catcher also matches; the interpreter matches names exactly, so it surfaces as States.Timeout here.
          cancelHeartbeat = after(timerMs(heartbeatSeconds), timedOut('States.HeartbeatTimeout'), signal);
        }
      };
      const task: OpenTask = { settle, heartbeat: armHeartbeat };
      for (const token of tokens) this.tokens.set(token, { executionArn: e.executionArn, task, closed: false });
      e.openTasks.add(task);
      armHeartbeat();
      cancels.push(
        () => cancelHeartbeat(),
        () => e.openTasks.delete(task),
        () => {
          for (const token of tokens) this.tokens.set(token, { executionArn: e.executionArn, closed: true });
        },
      );
      const invocation = this.options.invoke(lambda.FunctionName, lambda.Payload);
      if (lambda.InvocationType === 'Event') {
        invocation.catch((err: Error) => this.log(`sfn '${stateName}' async invoke failed: ${err.name}`));
      } else {
        // A failing synchronous invoke fails the task; its result is ignored, the token decides.
        invocation.catch((error: Error) => settle({ ok: false, error }));
      }
    } else if (lambda) {
      const invocation = this.options.invoke(lambda.FunctionName, lambda.Payload);
      if (lambda.InvocationType === 'Event') {
        invocation.catch((err: Error) => this.log(`sfn '${stateName}' async invoke failed: ${err.name}`));
        settle({ ok: true, output: { Payload: '', StatusCode: 202 } });
      } else {
        invocation.then(
          (result) => settle({ ok: true, output: { ExecutedVersion: '$LATEST', Payload: result, StatusCode: 200 } }),
          (error: Error) => settle({ ok: false, error }),
        );
      }
    } else {
      this.options.invoke(step.functionArn!, params).then(
        (output) => settle({ ok: true, output }),
        (error: Error) => settle({ ok: false, error }),
      );
    }
    return promise.finally(() => {
      for (const cancel of cancels) cancel();
    });
  }

  // ---- HTTP ----

  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    const server = createServer((req, res) => {
      this.handleHttp(req, res).catch((err: unknown) => {
        this.log(`sfn internal error: ${err instanceof Error ? err.stack : String(err)}`);
        if (!res.headersSent) sendJson(res, 500, { __type: 'InternalFailure', message: 'Internal failure' });
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    return `http://${host}:${(server.address() as AddressInfo).port}`;
  }

  /** Stops the HTTP server and every running execution (their state is in memory and dies with the process). */
  async close(): Promise<void> {
    for (const e of this.executions.values()) {
      this.finish(e, 'ABORTED', { error: 'Closeloop.LocalRuntimeStopped', cause: 'The local runtime stopped' });
    }
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = String(req.headers['x-amz-target'] ?? '');
    const op = target.startsWith('AWSStepFunctions.') ? target.slice('AWSStepFunctions.'.length) : '';
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > 4 * MAX_PAYLOAD_BYTES) {
        sendJson(res, 413, { __type: 'ValidationException', message: 'Request too large' });
        return;
      }
      chunks.push(chunk);
    }
    let body: Record<string, unknown>;
    try {
      const text = Buffer.concat(chunks).toString('utf8');
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      sendJson(res, 400, { __type: 'SerializationException', message: 'The request body is not JSON' });
      return;
    }
    const operations: Record<string, (b: never) => unknown> = {
      StartExecution: (b) => this.startExecution(b),
      DescribeExecution: (b) => this.describeExecution(b),
      ListExecutions: (b) => this.listExecutions(b),
      StopExecution: (b) => this.stopExecution(b),
      GetExecutionHistory: (b) => this.getExecutionHistory(b),
      DescribeStateMachine: (b) => this.describeStateMachine(b),
      SendTaskSuccess: (b) => this.sendTaskSuccess(b),
      SendTaskFailure: (b) => this.sendTaskFailure(b),
      SendTaskHeartbeat: (b) => this.sendTaskHeartbeat(b),
    };
    const operation = req.method === 'POST' ? operations[op] : undefined;
    if (!operation) {
      sendJson(res, 400, { __type: 'UnknownOperationException', message: `Unknown operation ${target}` });
      return;
    }
    try {
      sendJson(res, 200, await operation(body as never));
    } catch (err) {
      if (!(err instanceof SfnError)) throw err;
      sendJson(res, 400, { __type: `com.amazonaws.swf.service.v2.model#${err.name}`, message: err.message });
    }
  }
}

function summary(e: Execution): ExecutionSummary {
  return {
    executionArn: e.executionArn,
    stateMachineArn: e.stateMachineArn,
    name: e.name,
    status: e.status,
    startDate: epochSeconds(e.startDate),
    stopDate: epochSeconds(e.stopDate),
  };
}

function lambdaParameters(
  stateName: string,
  params: unknown,
): { FunctionName: string; Payload: unknown; InvocationType?: string } {
  if (!isObject(params) || typeof params.FunctionName !== 'string') {
    throw new Error(`Task '${stateName}' calls lambda:invoke without a FunctionName`);
  }
  return {
    FunctionName: params.FunctionName,
    Payload: params.Payload ?? {},
    InvocationType: typeof params.InvocationType === 'string' ? params.InvocationType : undefined,
  };
}

/** A promise settled at most once, from outside (the first of result, token, timeout or abort wins). */
function settleable(): { promise: Promise<unknown>; settle: (s: Settlement) => void } {
  let settle!: (s: Settlement) => void;
  const promise = new Promise<unknown>((resolve, reject) => {
    settle = (s) => (s.ok ? resolve(s.output) : reject(s.error));
  });
  return { promise, settle };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.0',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
  });
  res.end(text);
}
