import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildCloseloop, type CloseloopProps } from '../../infra/closeloop.js';
import { ENTRY_METADATA_KEY } from '../../infra/constructs/closeloop-function.js';

/**
 * Synthesizes the real app without bundling (the assertions are about the templates, and
 * esbuild would only make the tests slow).
 */
export function synthCloseloop(props: CloseloopProps = {}, context: Record<string, unknown> = {}) {
  const { app, stateful, stateless } = buildCloseloopApp(props, context);
  return { app, stateful, stateless, data: Template.fromStack(stateful), api: Template.fromStack(stateless) };
}

/** The app before synthesis, for tests that change it first. */
export function buildCloseloopApp(props: CloseloopProps = {}, context: Record<string, unknown> = {}) {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [], ...context } });
  return { app, ...buildCloseloop(app, props) };
}

export interface SynthesizedFunction {
  logicalId: string;
  roleLogicalId: string;
  properties: {
    Runtime: string;
    Architectures: string[];
    TracingConfig?: { Mode: string };
    Timeout: number;
    Environment: { Variables: Record<string, unknown> };
    LoggingConfig: { LogGroup: { Ref: string } };
  };
}

/** The stack's functions, keyed by the entry file their template metadata names. */
export function functionsByEntry(template: Template): Record<string, SynthesizedFunction> {
  const byEntry: Record<string, SynthesizedFunction> = {};
  for (const [logicalId, resource] of Object.entries(template.findResources('AWS::Lambda::Function'))) {
    // aws-cdk-lib's own providers (the deploy trigger's) are not ours and run nothing of ours.
    if (logicalId.startsWith('AWSCDK')) continue;
    const entry = resource.Metadata?.[ENTRY_METADATA_KEY];
    if (typeof entry !== 'string') throw new Error(`Function ${logicalId} has no ${ENTRY_METADATA_KEY} metadata`);
    byEntry[entry] = {
      logicalId,
      roleLogicalId: resource.Properties.Role['Fn::GetAtt'][0],
      properties: resource.Properties,
    };
  }
  return byEntry;
}

export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

/**
 * Every statement that allows something, of every policy attached to a role. The explicit denies (every
 * function but the policy admin may not write policy items) are `denyStatementsOfRole`'s.
 */
export function statementsOfRole(template: Template, roleLogicalId: string): Statement[] {
  return allStatementsOfRole(template, roleLogicalId).filter((s) => s.Effect !== 'Deny');
}

export function denyStatementsOfRole(template: Template, roleLogicalId: string): Statement[] {
  return allStatementsOfRole(template, roleLogicalId).filter((s) => s.Effect === 'Deny');
}

function allStatementsOfRole(template: Template, roleLogicalId: string): Statement[] {
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => policy.Properties.Roles.some((role: { Ref?: string }) => role.Ref === roleLogicalId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

export function actionsOf(statements: Statement[]): string[] {
  return statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
}

/**
 * The state machine's definition as JSON: the `Fn::Join` CDK writes is joined with each token
 * (function ARNs, the partition) replaced by a plausible value.
 */
export function stateMachineDefinition(template: Template): AslDefinition {
  const machines = Object.values(template.findResources('AWS::StepFunctions::StateMachine'));
  if (machines.length !== 1) throw new Error(`Expected one state machine, found ${machines.length}`);
  const [separator, parts] = machines[0]!.Properties.DefinitionString['Fn::Join'] as [string, unknown[]];
  const text = parts
    .map((part) => {
      if (typeof part === 'string') return part;
      const ref = part as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
      if (ref.Ref === 'AWS::Partition') return 'aws';
      if (ref['Fn::GetAtt']) return `arn:aws:lambda:eu-west-1:123456789012:function:${ref['Fn::GetAtt'][0]}`;
      throw new Error(`Unexpected token in the definition: ${JSON.stringify(part)}`);
    })
    .join(separator);
  return JSON.parse(text) as AslDefinition;
}

export interface AslState {
  Type: string;
  Resource?: string;
  Next?: string;
  End?: boolean;
  TimeoutSeconds?: number;
  TimeoutSecondsPath?: string;
  ResultPath?: string | null;
  ResultSelector?: Record<string, unknown>;
  /** A task on a function ARN gets the payload itself; `lambda:invoke` tasks wrap it as `Payload`. */
  Parameters?: Record<string, unknown> & { FunctionName?: string; Payload?: Record<string, unknown> };
  Retry?: { ErrorEquals: string[]; MaxAttempts?: number; IntervalSeconds?: number; BackoffRate?: number }[];
  Catch?: { ErrorEquals: string[]; ResultPath?: string; Next: string }[];
  Choices?: { Variable?: string; StringEquals?: string; Next: string }[];
  Default?: string;
  Error?: string;
  Cause?: string;
}

/** The logical id of the function a Lambda task calls, whichever of the two task forms it uses. */
export function taskFunctionLogicalId(task: AslState): string | undefined {
  const arn = task.Resource?.includes(':function:') ? task.Resource : task.Parameters?.FunctionName;
  return arn?.split(':function:')[1];
}

export interface AslDefinition {
  StartAt: string;
  States: Record<string, AslState>;
}
