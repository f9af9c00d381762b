/**
 * Turns a deployable state machine definition into the one the local interpreter
 * (aws-local-stepfunctions) runs, without changing what the definition means on AWS.
 *
 * The interpreter differs from Step Functions in three ways that matter here, so the runner owns
 * those parts itself:
 * - Task timeouts: it reads `TimeoutSecondsPath` from the input AFTER `Parameters` (AWS reads the
 *   state input), defaults to 60 s (AWS: none), and cannot scale time. Every Task therefore gets the
 *   largest timeout a Node timer can hold, and the real `TimeoutSeconds`/`TimeoutSecondsPath`
 *   (and heartbeat) values travel into the task override through extra `Parameters` keys, which the
 *   interpreter resolves against the state input exactly as AWS does; the runner enforces them,
 *   scaled.
 * - Waits: `waitTimeOverrides` are fixed per state, so scaled `SecondsPath`/`Timestamp` waits are
 *   impossible. Each Wait becomes a Task whose override sleeps the scaled time and returns its
 *   input unchanged (the Wait's InputPath/OutputPath are kept, so its output is the same).
 * - The execution's own `TimeoutSeconds` is removed and enforced (scaled) by the runner.
 * JSONata and variables are rejected: the interpreter would silently ignore them.
 */

export const KEY = {
  parameters: 'closeloop:parameters',
  timeoutSeconds: 'closeloop:timeoutSeconds',
  heartbeatSeconds: 'closeloop:heartbeatSeconds',
  input: 'closeloop:input',
  seconds: 'closeloop:seconds',
  timestamp: 'closeloop:timestamp',
} as const;

/** 2^31-1 ms, the longest a Node timer waits; longer values fire at once. */
export const INTERPRETER_TASK_TIMEOUT_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

export type TaskKind = 'lambda:invoke' | 'lambda:invoke.waitForTaskToken' | 'lambda-function';

export interface TaskStep {
  type: 'Task';
  kind: TaskKind;
  /** For a Task whose Resource is the function ARN itself. */
  functionArn?: string;
}

export interface WaitStep {
  type: 'Wait';
}

export interface PreparedDefinition {
  /** What the interpreter runs. */
  definition: Record<string, unknown>;
  /** Every Task and Wait, by state name: each gets a local override. */
  steps: Map<string, TaskStep | WaitStep>;
  /** The execution's TimeoutSeconds, enforced by the runner. */
  timeoutSeconds?: number;
}

export class UnsupportedDefinitionError extends Error {
  override name = 'UnsupportedDefinitionError';
}

type State = Record<string, unknown>;

const FORBIDDEN_FIELDS = ['Assign', 'Arguments', 'Output', 'Items', 'ItemBatcher', 'ItemReader'];

function classify(stateName: string, resource: unknown): TaskStep {
  if (typeof resource !== 'string') throw new UnsupportedDefinitionError(`Task '${stateName}' has no Resource string`);
  if (/^arn:aws[\w-]*:states:::lambda:invoke$/.test(resource)) return { type: 'Task', kind: 'lambda:invoke' };
  if (/^arn:aws[\w-]*:states:::lambda:invoke\.waitForTaskToken$/.test(resource)) {
    return { type: 'Task', kind: 'lambda:invoke.waitForTaskToken' };
  }
  if (/^arn:aws[\w-]*:lambda:[^:]+:\d+:function:[^:]+(:[^:]+)?$/.test(resource)) {
    return { type: 'Task', kind: 'lambda-function', functionArn: resource };
  }
  throw new UnsupportedDefinitionError(
    `Task '${stateName}' uses ${resource}; the local runner executes Lambda tasks only (lambda:invoke, lambda:invoke.waitForTaskToken, or a function ARN)`,
  );
}

function staticOrPath(state: State, field: string, key: string, stateName: string): Record<string, unknown> {
  const value = state[field];
  const path = state[`${field}Path`];
  if (value !== undefined && path !== undefined) {
    throw new UnsupportedDefinitionError(`State '${stateName}' sets both ${field} and ${field}Path`);
  }
  if (value !== undefined) return { [key]: value };
  if (typeof path === 'string') return { [`${key}.$`]: path };
  return {};
}

function rewriteTask(name: string, state: State): State {
  const {
    TimeoutSeconds: _t,
    TimeoutSecondsPath: _tp,
    HeartbeatSeconds: _h,
    HeartbeatSecondsPath: _hp,
    Parameters,
    ...rest
  } = state;
  return {
    ...rest,
    TimeoutSeconds: INTERPRETER_TASK_TIMEOUT_SECONDS,
    Parameters: {
      ...(Parameters === undefined ? { [`${KEY.parameters}.$`]: '$' } : { [KEY.parameters]: Parameters }),
      ...staticOrPath(state, 'TimeoutSeconds', KEY.timeoutSeconds, name),
      ...staticOrPath(state, 'HeartbeatSeconds', KEY.heartbeatSeconds, name),
    },
  };
}

function rewriteWait(name: string, state: State): State {
  const { Type: _type, Seconds, SecondsPath, Timestamp, TimestampPath, ...rest } = state;
  const given = [Seconds, SecondsPath, Timestamp, TimestampPath].filter((v) => v !== undefined);
  if (given.length !== 1) {
    throw new UnsupportedDefinitionError(
      `Wait '${name}' must set exactly one of Seconds, SecondsPath, Timestamp, TimestampPath`,
    );
  }
  return {
    ...rest,
    Type: 'Task',
    Resource: 'arn:aws:states:::closeloop:wait',
    TimeoutSeconds: INTERPRETER_TASK_TIMEOUT_SECONDS,
    Parameters: {
      [`${KEY.input}.$`]: '$',
      ...staticOrPath(state, 'Seconds', KEY.seconds, name),
      ...staticOrPath(state, 'Timestamp', KEY.timestamp, name),
    },
  };
}

function rewriteStates(states: unknown, steps: PreparedDefinition['steps'], where: string): Record<string, State> {
  if (typeof states !== 'object' || states === null) throw new UnsupportedDefinitionError(`${where} has no States`);
  const out: Record<string, State> = {};
  for (const [name, raw] of Object.entries(states as Record<string, State>)) {
    const jsonata = raw.QueryLanguage !== undefined && raw.QueryLanguage !== 'JSONPath';
    const forbidden = jsonata ? 'QueryLanguage' : FORBIDDEN_FIELDS.find((field) => field in raw);
    if (forbidden) {
      throw new UnsupportedDefinitionError(
        `State '${name}' uses ${forbidden}; the local interpreter supports JSONPath only and would silently ignore it`,
      );
    }
    if (steps.has(name)) throw new UnsupportedDefinitionError(`State name '${name}' is used twice`);
    let state: State = raw;
    switch (raw.Type) {
      case 'Task':
        steps.set(name, classify(name, raw.Resource));
        state = rewriteTask(name, raw);
        break;
      case 'Wait':
        steps.set(name, { type: 'Wait' });
        state = rewriteWait(name, raw);
        break;
      case 'Parallel':
        state = {
          ...raw,
          Branches: (raw.Branches as State[]).map((branch, i) => ({
            ...branch,
            States: rewriteStates(branch.States, steps, `Branch ${i} of '${name}'`),
          })),
        };
        break;
      case 'Map': {
        const field = raw.ItemProcessor ? 'ItemProcessor' : 'Iterator';
        const processor = raw[field] as State;
        state = { ...raw, [field]: { ...processor, States: rewriteStates(processor.States, steps, `Map '${name}'`) } };
        break;
      }
    }
    out[name] = state;
  }
  return out;
}

export function prepareDefinition(definition: Record<string, unknown>): PreparedDefinition {
  if ('QueryLanguage' in definition && definition.QueryLanguage !== 'JSONPath') {
    throw new UnsupportedDefinitionError(
      'The local interpreter supports JSONPath only; it would silently ignore JSONata',
    );
  }
  const steps: PreparedDefinition['steps'] = new Map();
  const { TimeoutSeconds, ...rest } = definition;
  return {
    definition: { ...rest, States: rewriteStates(definition.States, steps, 'The definition') },
    steps,
    timeoutSeconds: typeof TimeoutSeconds === 'number' ? TimeoutSeconds : undefined,
  };
}
