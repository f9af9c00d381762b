import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { buildCloseloop } from '../closeloop.js';
import { ENTRY_METADATA_KEY } from '../constructs/closeloop-function.js';
import { LOCAL_REGION } from './dynamodb.js';

/**
 * What the local runtime needs from the CDK app, read from the templates CDK synthesizes, so the
 * functions, routes and state machine that run locally are the ones that deploy.
 */

import { LOCAL_ACCOUNT, localFunctionArn, localStateMachineArn } from './arns.js';
import type { LocalSchedule } from './schedules.js';
import type { LocalStreamConsumer } from './streams.js';

export type { LocalSchedule, LocalStreamConsumer };
export { LOCAL_ACCOUNT, localFunctionArn, localStateMachineArn };

export interface LocalFunction {
  logicalId: string;
  stackName: string;
  /** Local function name; the logical id, so ARNs in the state machine map back to it. */
  functionName: string;
  arn: string;
  /** Source file relative to the project root; it exports `handler`. */
  entry: string;
  /** Variables whose value is a plain string in the template. */
  environment: Record<string, string>;
  /** Variables whose value is a CloudFormation expression (table name, state machine ARN...): name → expression, for messages. The runtime supplies their local values. */
  tokenEnvironment: Record<string, string>;
  timeoutSeconds: number;
  memorySize: number;
}

export interface LocalRoute {
  routeKey: string;
  /** Upper-case HTTP method, or ANY; `$default` routes have method ANY and path `$default`. */
  method: string;
  path: string;
  functionLogicalId: string;
  /** NONE or JWT: the only kinds the local gateway enforces. */
  authorizationType: 'NONE' | 'JWT';
  /** Logical id of the route's authorizer (a key of LocalModel.authorizers), for JWT routes. */
  authorizerId?: string;
}

/**
 * An HTTP API JWT authorizer. Its issuer and audience are CloudFormation expressions (Cognito's URL
 * and app client id) with no local value: the local gateway verifies tokens from its own issuer
 * instead (infra/local/auth.ts), and keeps these only to name them in messages.
 */
export interface LocalAuthorizer {
  logicalId: string;
  name: string;
  /** Lower-case header names the token is read from (`$request.header.Authorization` → `authorization`). */
  identityHeaders: string[];
  issuer: string;
  audience: string[];
}

export interface LocalCors {
  allowOrigins: string[];
  allowMethods: string[];
  allowHeaders: string[];
  exposeHeaders: string[];
  allowCredentials: boolean;
  maxAge?: number;
}

export interface LocalStateMachine {
  logicalId: string;
  name: string;
  arn: string;
  /** The parsed Amazon States Language definition, every token resolved to its local value. */
  definition: Record<string, unknown>;
}

/** An SES receipt rule: the recipients it takes mail for, where its S3 action stores it, the function it invokes. */
export interface LocalReceiptRule {
  name: string;
  recipients: string[];
  /** The S3 action's object key prefix. */
  objectKeyPrefix: string;
  /** Logical id of the function its Lambda action invokes. */
  functionLogicalId: string;
}

export interface LocalModel {
  functions: Record<string, LocalFunction>;
  /** SES receipt rules (mail the local SMTP port takes); absent in models cached before they existed. */
  receiptRules?: LocalReceiptRule[];
  routes: LocalRoute[];
  authorizers: Record<string, LocalAuthorizer>;
  cors?: LocalCors;
  stateMachines: LocalStateMachine[];
  /** EventBridge Scheduler schedules that invoke the app's functions (run in workflow time locally). */
  schedules: LocalSchedule[];
  /** Functions fed by the table's stream (event source mappings); absent in models cached before they existed. */
  streamConsumers?: LocalStreamConsumer[];
}

export interface SynthesizedStack {
  stackName: string;
  template: Template;
}

interface Template {
  Resources?: Record<string, Resource>;
  Outputs?: Record<string, { Value: unknown; Export?: { Name: unknown } }>;
}

interface Resource {
  Type: string;
  Properties?: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
}

/**
 * Synthesizes a CDK app in this process without bundling any function (the local runtime runs the
 * TypeScript entries directly) and returns its stacks' templates.
 */
export function synthesize(build: (app: App) => unknown): SynthesizedStack[] {
  const outdir = mkdtempSync(join(tmpdir(), 'closeloop-synth-'));
  try {
    const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] } });
    build(app);
    return app.synth().stacks.map((s) => ({ stackName: s.stackName, template: s.template as Template }));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

export class UnsupportedTemplateError extends Error {
  override name = 'UnsupportedTemplateError';
}

const PSEUDO_PARAMETERS: Record<string, string> = {
  'AWS::Partition': 'aws',
  'AWS::Region': LOCAL_REGION,
  'AWS::AccountId': LOCAL_ACCOUNT,
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::NoValue': '',
};

/** Resolves CloudFormation expressions across all stacks to the values they have locally. */
class Resolver {
  private readonly resources = new Map<string, { stackName: string; resource: Resource }>();
  private readonly exports = new Map<string, { stackName: string; value: unknown }>();

  constructor(stacks: SynthesizedStack[]) {
    for (const { stackName, template } of stacks) {
      for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
        if (this.resources.has(logicalId)) {
          throw new UnsupportedTemplateError(
            `Logical id ${logicalId} appears in two stacks; the local runtime names functions by logical id`,
          );
        }
        this.resources.set(logicalId, { stackName, resource });
      }
      for (const output of Object.values(template.Outputs ?? {})) {
        if (typeof output.Export?.Name === 'string')
          this.exports.set(output.Export.Name, { stackName, value: output.Value });
      }
    }
  }

  entries(): [string, { stackName: string; resource: Resource }][] {
    return [...this.resources.entries()];
  }

  resource(logicalId: string, where: string): Resource {
    const found = this.resources.get(logicalId)?.resource;
    if (!found) throw new UnsupportedTemplateError(`${where}: no resource with logical id ${logicalId}`);
    return found;
  }

  /** Follows Fn::ImportValue to the exporting stack's expression. */
  private imported(name: unknown, where: string): { stackName: string; value: unknown } {
    const found = typeof name === 'string' ? this.exports.get(name) : undefined;
    if (!found)
      throw new UnsupportedTemplateError(`${where}: Fn::ImportValue ${describe(name)} has no matching export`);
    return found;
  }

  /** The logical id of the resource an expression points at (Ref, GetAtt, or an import of one). */
  target(value: unknown, where: string): { logicalId: string; attribute?: string } {
    if (isObject(value)) {
      if (typeof value.Ref === 'string' && !value.Ref.startsWith('AWS::')) return { logicalId: value.Ref };
      const getAtt = value['Fn::GetAtt'];
      if (Array.isArray(getAtt) && typeof getAtt[0] === 'string' && typeof getAtt[1] === 'string') {
        return { logicalId: getAtt[0], attribute: getAtt[1] };
      }
      if ('Fn::ImportValue' in value) return this.target(this.imported(value['Fn::ImportValue'], where).value, where);
    }
    throw new UnsupportedTemplateError(`${where}: expected a Ref or Fn::GetAtt, found ${describe(value)}`);
  }

  /** The local string value of an expression. */
  string(value: unknown, stackName: string, where: string): string {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (!isObject(value)) throw new UnsupportedTemplateError(`${where}: cannot resolve ${describe(value)}`);
    const join = value['Fn::Join'];
    if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
      return join[1].map((part) => this.string(part, stackName, where)).join(join[0]);
    }
    if ('Fn::ImportValue' in value) {
      const exported = this.imported(value['Fn::ImportValue'], where);
      return this.string(exported.value, exported.stackName, where);
    }
    if ('Fn::Sub' in value && typeof value['Fn::Sub'] === 'string') {
      return value['Fn::Sub'].replace(/\$\{([^}!]+)\}/g, (_, expr: string) => {
        const [logicalId, attribute] = expr.split('.', 2) as [string, string | undefined];
        return this.string(attribute ? { 'Fn::GetAtt': [logicalId, attribute] } : { Ref: logicalId }, stackName, where);
      });
    }
    if (typeof value.Ref === 'string') {
      if (value.Ref === 'AWS::StackName') return stackName;
      const pseudo = PSEUDO_PARAMETERS[value.Ref];
      if (pseudo !== undefined) return pseudo;
    }
    const { logicalId, attribute } = this.target(value, where);
    const resource = this.resource(logicalId, where);
    switch (`${resource.Type}${attribute ? `.${attribute}` : ''}`) {
      // Locally a function is named, and an integration identified, by its logical id.
      case 'AWS::Lambda::Function':
      case 'AWS::ApiGatewayV2::Integration':
        return logicalId;
      case 'AWS::Lambda::Function.Arn':
        return localFunctionArn(logicalId);
      case 'AWS::StepFunctions::StateMachine':
        return localStateMachineArn(stateMachineName(logicalId, resource));
      case 'AWS::StepFunctions::StateMachine.Name':
        return stateMachineName(logicalId, resource);
      default:
        throw new UnsupportedTemplateError(
          `${where}: the local runtime has no value for ${describe(value)} (${resource.Type}); teach infra/local/cdk-model.ts`,
        );
    }
  }
}

function stateMachineName(logicalId: string, resource: Resource): string {
  const name = resource.Properties?.StateMachineName;
  return typeof name === 'string' ? name : logicalId;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  return JSON.stringify(value)?.slice(0, 200) ?? String(value);
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function readFunction(logicalId: string, stackName: string, resource: Resource): LocalFunction {
  const entry = resource.Metadata?.[ENTRY_METADATA_KEY];
  if (typeof entry !== 'string') {
    throw new UnsupportedTemplateError(
      `Function ${logicalId} (${stackName}) has no '${ENTRY_METADATA_KEY}' metadata naming its source file`,
    );
  }
  const variables = (resource.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)
    ?.Variables;
  const environment: Record<string, string> = {};
  const tokenEnvironment: Record<string, string> = {};
  for (const [name, value] of Object.entries(variables ?? {})) {
    if (typeof value === 'string') environment[name] = value;
    else tokenEnvironment[name] = describe(value);
  }
  const timeout = resource.Properties?.Timeout;
  const memory = resource.Properties?.MemorySize;
  return {
    logicalId,
    stackName,
    functionName: logicalId,
    arn: localFunctionArn(logicalId),
    entry,
    environment,
    tokenEnvironment,
    timeoutSeconds: typeof timeout === 'number' ? timeout : 3,
    memorySize: typeof memory === 'number' ? memory : 128,
  };
}

function readRoute(resolver: Resolver, logicalId: string, stackName: string, resource: Resource): LocalRoute {
  const where = `Route ${logicalId}`;
  const routeKey = resource.Properties?.RouteKey;
  if (typeof routeKey !== 'string') throw new UnsupportedTemplateError(`${where}: RouteKey is not a plain string`);
  const target = resolver.string(resource.Properties?.Target, stackName, where);
  const integrationId = /^integrations\/(.+)$/.exec(target)?.[1];
  if (!integrationId) throw new UnsupportedTemplateError(`${where}: Target ${target} is not an integration`);
  const integration = resolver.resource(integrationId, where);
  const props = integration.Properties ?? {};
  if (props.IntegrationType !== 'AWS_PROXY' || props.PayloadFormatVersion !== '2.0') {
    throw new UnsupportedTemplateError(
      `${where}: only Lambda proxy integrations with payload format 2.0 run locally (found ${describe(props.IntegrationType)} ${describe(props.PayloadFormatVersion)})`,
    );
  }
  const fn = resolver.target(props.IntegrationUri, where);
  if (resolver.resource(fn.logicalId, where).Type !== 'AWS::Lambda::Function') {
    throw new UnsupportedTemplateError(`${where}: integration ${integrationId} does not point at a Lambda function`);
  }
  const [method, path] = routeKey === '$default' ? ['ANY', '$default'] : routeKey.split(' ', 2);
  if (!method || !path) throw new UnsupportedTemplateError(`${where}: cannot read RouteKey ${routeKey}`);
  const authorizationType = resource.Properties?.AuthorizationType ?? 'NONE';
  if (authorizationType !== 'NONE' && authorizationType !== 'JWT') {
    throw new UnsupportedTemplateError(
      `${where}: AuthorizationType ${describe(authorizationType)} does not run locally (NONE and JWT do)`,
    );
  }
  if (stringList(resource.Properties?.AuthorizationScopes).length > 0) {
    throw new UnsupportedTemplateError(`${where}: the local gateway does not check AuthorizationScopes`);
  }
  return {
    routeKey,
    method: method.toUpperCase(),
    path,
    functionLogicalId: fn.logicalId,
    authorizationType,
    ...(authorizationType === 'JWT'
      ? { authorizerId: resolver.target(resource.Properties?.AuthorizerId, where).logicalId }
      : {}),
  };
}

function readAuthorizer(logicalId: string, resource: Resource): LocalAuthorizer {
  const where = `Authorizer ${logicalId}`;
  const props = resource.Properties ?? {};
  if (props.AuthorizerType !== 'JWT') {
    throw new UnsupportedTemplateError(
      `${where}: AuthorizerType ${describe(props.AuthorizerType)} does not run locally (JWT does)`,
    );
  }
  const identityHeaders = stringList(props.IdentitySource).map((source) => {
    const header = /^\$request\.header\.(.+)$/.exec(source)?.[1];
    if (!header) throw new UnsupportedTemplateError(`${where}: identity source ${source} is not a request header`);
    return header.toLowerCase();
  });
  const jwt = isObject(props.JwtConfiguration) ? props.JwtConfiguration : {};
  const audience = Array.isArray(jwt.Audience) ? jwt.Audience.map(describe) : [];
  return {
    logicalId,
    name: typeof props.Name === 'string' ? props.Name : logicalId,
    identityHeaders: identityHeaders.length ? identityHeaders : ['authorization'],
    issuer: describe(jwt.Issuer),
    audience,
  };
}

function readCors(value: unknown): LocalCors | undefined {
  if (!isObject(value)) return undefined;
  return {
    allowOrigins: stringList(value.AllowOrigins),
    allowMethods: stringList(value.AllowMethods).map((m) => m.toUpperCase()),
    allowHeaders: stringList(value.AllowHeaders).map((h) => h.toLowerCase()),
    exposeHeaders: stringList(value.ExposeHeaders).map((h) => h.toLowerCase()),
    allowCredentials: value.AllowCredentials === true,
    maxAge: typeof value.MaxAge === 'number' ? value.MaxAge : undefined,
  };
}

function readStateMachine(
  resolver: Resolver,
  logicalId: string,
  stackName: string,
  resource: Resource,
): LocalStateMachine {
  const where = `State machine ${logicalId}`;
  const props = resource.Properties ?? {};
  let text: string;
  if (props.DefinitionString !== undefined) text = resolver.string(props.DefinitionString, stackName, where);
  else if (isObject(props.Definition)) text = JSON.stringify(props.Definition);
  else throw new UnsupportedTemplateError(`${where}: only DefinitionString or Definition can be read locally`);
  if (isObject(props.DefinitionSubstitutions)) {
    for (const [key, value] of Object.entries(props.DefinitionSubstitutions)) {
      text = text.split(`\${${key}}`).join(resolver.string(value, stackName, `${where} substitution ${key}`));
    }
  }
  let definition: unknown;
  try {
    definition = JSON.parse(text);
  } catch (err) {
    throw new UnsupportedTemplateError(`${where}: definition is not JSON after resolving tokens: ${String(err)}`);
  }
  if (!isObject(definition)) throw new UnsupportedTemplateError(`${where}: definition is not an object`);
  const name = stateMachineName(logicalId, resource);
  return { logicalId, name, arn: localStateMachineArn(name), definition };
}

function readSchedule(logicalId: string, resource: Resource): LocalSchedule {
  const props = resource.Properties ?? {};
  const arn = (props.Target as { Arn?: { 'Fn::GetAtt'?: [string, string] } } | undefined)?.Arn?.['Fn::GetAtt'];
  if (typeof props.ScheduleExpression !== 'string' || !arn) {
    throw new UnsupportedTemplateError(`Schedule ${logicalId}: needs a ScheduleExpression and a function target`);
  }
  return {
    logicalId,
    expression: props.ScheduleExpression,
    ...(typeof props.ScheduleExpressionTimezone === 'string' ? { timezone: props.ScheduleExpressionTimezone } : {}),
    functionLogicalId: arn[0],
  };
}

function readStreamConsumer(resolver: Resolver, logicalId: string, resource: Resource): LocalStreamConsumer {
  const props = resource.Properties ?? {};
  return {
    logicalId,
    functionLogicalId: resolver.target(props.FunctionName, `Event source mapping ${logicalId}`).logicalId,
    batchSize: typeof props.BatchSize === 'number' ? props.BatchSize : 100,
  };
}

function readReceiptRule(resolver: Resolver, logicalId: string, resource: Resource): LocalReceiptRule {
  const where = `Receipt rule ${logicalId}`;
  const rule = isObject(resource.Properties?.Rule) ? resource.Properties.Rule : {};
  const actions = Array.isArray(rule.Actions) ? rule.Actions.filter(isObject) : [];
  const s3 = actions.find((a) => isObject(a.S3Action))?.S3Action as Record<string, unknown> | undefined;
  const lambda = actions.find((a) => isObject(a.LambdaAction))?.LambdaAction as Record<string, unknown> | undefined;
  if (!s3 || !lambda) {
    throw new UnsupportedTemplateError(`${where}: the local runtime runs rules with an S3 action and a Lambda action`);
  }
  return {
    name: typeof rule.Name === 'string' ? rule.Name : logicalId,
    recipients: stringList(rule.Recipients),
    objectKeyPrefix: typeof s3.ObjectKeyPrefix === 'string' ? s3.ObjectKeyPrefix : '',
    functionLogicalId: resolver.target(lambda.FunctionArn, where).logicalId,
  };
}

/** Reads functions, routes, CORS, state machines, schedules and receipt rules out of synthesized templates. */
export function modelFromTemplates(stacks: SynthesizedStack[]): LocalModel {
  const resolver = new Resolver(stacks);
  const model: LocalModel = {
    functions: {},
    routes: [],
    authorizers: {},
    stateMachines: [],
    schedules: [],
    receiptRules: [],
    streamConsumers: [],
  };
  let apis = 0;
  for (const [logicalId, { stackName, resource }] of resolver.entries()) {
    switch (resource.Type) {
      case 'AWS::Lambda::Function':
        // CDK's own helper functions (custom resources, log retention) carry no entry and do not run locally.
        if (resource.Metadata?.[ENTRY_METADATA_KEY] !== undefined) {
          model.functions[logicalId] = readFunction(logicalId, stackName, resource);
        }
        break;
      case 'AWS::ApiGatewayV2::Route':
        model.routes.push(readRoute(resolver, logicalId, stackName, resource));
        break;
      case 'AWS::ApiGatewayV2::Authorizer':
        model.authorizers[logicalId] = readAuthorizer(logicalId, resource);
        break;
      case 'AWS::ApiGatewayV2::Api':
        apis += 1;
        if (apis > 1)
          throw new UnsupportedTemplateError('The local gateway serves one HTTP API; the app defines several');
        model.cors = readCors(resource.Properties?.CorsConfiguration);
        break;
      case 'AWS::StepFunctions::StateMachine':
        model.stateMachines.push(readStateMachine(resolver, logicalId, stackName, resource));
        break;
      case 'AWS::SES::ReceiptRule':
        model.receiptRules!.push(readReceiptRule(resolver, logicalId, resource));
        break;
      case 'AWS::Scheduler::Schedule':
        model.schedules.push(readSchedule(logicalId, resource));
        break;
      // The app has one table: a mapping is read as that table's stream (infra/local/streams.ts polls it).
      case 'AWS::Lambda::EventSourceMapping':
        model.streamConsumers!.push(readStreamConsumer(resolver, logicalId, resource));
        break;
    }
  }
  for (const schedule of model.schedules) {
    if (!model.functions[schedule.functionLogicalId]) {
      throw new UnsupportedTemplateError(
        `Schedule ${schedule.logicalId} invokes ${schedule.functionLogicalId}, which has no '${ENTRY_METADATA_KEY}' metadata`,
      );
    }
  }
  for (const route of model.routes) {
    if (!model.functions[route.functionLogicalId]) {
      throw new UnsupportedTemplateError(
        `Route ${route.routeKey} calls function ${route.functionLogicalId}, which has no '${ENTRY_METADATA_KEY}' metadata`,
      );
    }
    if (route.authorizerId && !model.authorizers[route.authorizerId]) {
      throw new UnsupportedTemplateError(
        `Route ${route.routeKey} uses authorizer ${route.authorizerId}, which is not a JWT authorizer`,
      );
    }
  }
  return model;
}

/** Synthesizes an app and reads its local model. */
export function modelFromApp(build: (app: App) => unknown): LocalModel {
  return modelFromTemplates(synthesize(build));
}

/** The local model of the Closeloop app itself (infra/closeloop.ts), with its default settings. */
export function loadLocalModel(): LocalModel {
  return modelFromApp((app) => buildCloseloop(app));
}
