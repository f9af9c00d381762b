import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../infra/constructs/closeloop-function.js';
import { actionsOf, functionsByEntry, statementsOfRole, synthCloseloop } from './synth.js';

/** An ARN written as `Fn::Join` of strings and pseudo parameters, with plausible values for those. */
function resolveArn(value: unknown): string {
  if (typeof value === 'string') return value;
  const pseudo: Record<string, string> = {
    'AWS::Partition': 'aws',
    'AWS::Region': 'eu-west-1',
    'AWS::AccountId': '123456789012',
  };
  const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (join) return join[1].map(resolveArn).join(join[0]);
  const ref = (value as { Ref?: string }).Ref;
  if (ref && pseudo[ref]) return pseudo[ref];
  throw new Error(`Not a constructed ARN: ${JSON.stringify(value)}`);
}

/** A dependency cycle among a template's resources (Ref, Fn::GetAtt, Fn::Sub, DependsOn), or []. */
function findCycle(resources: Record<string, { DependsOn?: string | string[] }>): string[] {
  const edges = new Map<string, Set<string>>();
  for (const [id, resource] of Object.entries(resources)) {
    const targets = new Set<string>([resource.DependsOn ?? []].flat());
    const text = JSON.stringify(resource);
    for (const [, target] of text.matchAll(/"Ref":"([^"]+)"/g)) targets.add(target!);
    for (const [, target] of text.matchAll(/"Fn::GetAtt":\["([^"]+)"/g)) targets.add(target!);
    for (const [, target] of text.matchAll(/\$\{([A-Za-z0-9]+)[.}]/g)) targets.add(target!);
    edges.set(id, new Set([...targets].filter((t) => t in resources)));
  }
  const state = new Map<string, 'open' | 'done'>();
  const visit = (id: string, path: string[]): string[] => {
    if (state.get(id) === 'done') return [];
    if (state.get(id) === 'open') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'open');
    for (const next of edges.get(id) ?? []) {
      const cycle = visit(next, [...path, id]);
      if (cycle.length) return cycle;
    }
    state.set(id, 'done');
    return [];
  };
  for (const id of edges.keys()) {
    const cycle = visit(id, []);
    if (cycle.length) return cycle;
  }
  return [];
}

const ENTRIES = {
  submit: 'functions/submit-complaint.ts',
  status: 'functions/complaint-status.ts',
  form: 'functions/form-page.ts',
  acknowledge: 'functions/wf-acknowledge.ts',
  fault: 'functions/record-workflow-fault.ts',
  plan: 'functions/wf-plan.ts',
  park: 'functions/wf-park.ts',
  onTimer: 'functions/wf-on-timer.ts',
  sendResult: 'functions/wf-send-result.ts',
  archive: 'functions/wf-archive.ts',
  staffComplaint: 'functions/staff-complaint.ts',
  staffAction: 'functions/staff-action.ts',
  staffRegister: 'functions/staff-register.ts',
  survey: 'functions/survey.ts',
  customerReply: 'functions/customer-reply.ts',
  reconcile: 'functions/wf-reconcile.ts',
  digest: 'functions/breach-digest.ts',
  inboundMail: 'functions/inbound-mail.ts',
  mailEvents: 'functions/mail-events.ts',
  consoleAuth: 'functions/console-auth.ts',
  assets: 'functions/assets.ts',
  console: 'functions/console.ts',
  openApi: 'functions/openapi.ts',
  staffPolicy: 'functions/staff-policy.ts',
  policyDryRun: 'functions/policy-dry-run.ts',
  // Issue 11: fed by the table's stream (test/infra/report-aggregator.test.ts).
  reportAggregator: 'functions/report-aggregator.ts',
  // Issue 11 (WK): the Monday weekly report mail (test/infra/weekly-report.test.ts).
  weeklyReport: 'functions/weekly-report.ts',
  // Run by the deploy's trigger: policy version 1 (issue 9).
  policySeed: 'functions/seed-policy.ts',
  // Privacy (PRIV, issue 11): test/infra/privacy-stack.test.ts.
  staffCustomers: 'functions/staff-customers.ts',
  privacyRetention: 'functions/privacy-retention.ts',
  // Issue 11 (INC): batch-defect incidents (infra/constructs/incidents.ts).
  incidentDetector: 'functions/incident-detector.ts',
  incidentClock: 'functions/incident-clock.ts',
  staffIncidents: 'functions/staff-incidents.ts',
  // Issue 11 (REP): the reports API and the console's report pages.
  staffReports: 'functions/staff-reports.ts',
};

/**
 * Only these start executions: intake, inbound mail that becomes a new complaint, and the
 * scheduled reconciler that restarts a lost or failed one.
 */
const STARTERS = [ENTRIES.submit, ENTRIES.staffRegister, ENTRIES.inboundMail, ENTRIES.reconcile];

/** The functions that mail customers or staff; their mail carries signed links. */
const MAIL_SENDERS = [
  ENTRIES.acknowledge,
  ENTRIES.onTimer,
  ENTRIES.sendResult,
  ENTRIES.staffAction,
  ENTRIES.survey,
  ENTRIES.customerReply,
  ENTRIES.inboundMail,
  // Tells the owner of each complaint whose address bounced to call instead.
  ENTRIES.mailEvents,
  // The console's actions are the staff actions: the same mails.
  ENTRIES.console,
];
/** Mails staff only, with plain staff links: it sends mail but signs nothing. */
const STAFF_MAILERS = [ENTRIES.digest, ENTRIES.weeklyReport, ENTRIES.incidentDetector, ENTRIES.incidentClock];
/** The functions that need staff read the directory from the user pool (test/infra/staff-directory.test.ts). */
const STAFF_READERS: string[] = [
  ENTRIES.onTimer,
  ENTRIES.staffComplaint,
  ENTRIES.staffAction,
  ENTRIES.survey,
  ENTRIES.customerReply,
  ENTRIES.digest,
  ENTRIES.inboundMail,
  ENTRIES.mailEvents,
  ENTRIES.acknowledge,
  ENTRIES.staffRegister,
  ENTRIES.consoleAuth,
  ENTRIES.console,
  ENTRIES.staffPolicy,
  ENTRIES.policyDryRun,
  ENTRIES.staffCustomers,
  ENTRIES.weeklyReport,
  ENTRIES.incidentDetector,
  ENTRIES.incidentClock,
  ENTRIES.staffIncidents,
  ENTRIES.staffReports,
];
/** The functions that wake a parked workflow step with a task token. */
const WAKERS = [
  ENTRIES.park,
  ENTRIES.staffAction,
  ENTRIES.survey,
  ENTRIES.customerReply,
  ENTRIES.inboundMail,
  ENTRIES.console,
];
/** Customer mail carries a Reply-To on the reply domain, so every sender knows it. */
const MAIL_CONFIGURATION = [
  'LINK_SECRET_ARN',
  'MAIL_FROM',
  'PUBLIC_BASE_URL',
  'REPLY_DOMAIN',
  'REPLY_LOCAL_PART',
  'SES_CONFIGURATION_SET',
  'TABLE_NAME',
];

const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

describe('the API stack', () => {
  const { api } = synthCloseloop();
  const functions = functionsByEntry(api);
  const fn = (entry: string) => {
    const found = functions[entry];
    if (!found) throw new Error(`No function runs ${entry}`);
    return found;
  };

  it('builds exactly one function per entry file of ENTRIES, each pointing at an entry file that exports a handler', () => {
    expect(Object.keys(functions).sort()).toEqual(Object.values(ENTRIES).sort());
    for (const entry of Object.keys(functions)) {
      const path = join(PROJECT_ROOT, entry);
      expect(existsSync(path), entry).toBe(true);
      expect(readFileSync(path, 'utf8'), entry).toMatch(/export (const|async function|function) handler\b/);
    }
  });

  it('runs every function on Node 22, arm64, with X-Ray and its own log group', () => {
    for (const { properties } of Object.values(functions)) {
      expect(properties.Runtime).toBe('nodejs22.x');
      expect(properties.Architectures).toEqual(['arm64']);
      expect(properties.TracingConfig).toEqual({ Mode: 'Active' });
      expect(properties.Environment.Variables).toMatchObject({
        POWERTOOLS_SERVICE_NAME: 'closeloop',
        NODE_OPTIONS: '--enable-source-maps',
      });
      const logGroupId = properties.LoggingConfig.LogGroup.Ref;
      expect(api.findResources('AWS::Logs::LogGroup')[logGroupId]?.Properties.RetentionInDays).toBe(30);
    }
  });

  it('gives each function exactly the configuration its code reads', () => {
    const names = (entry: string) =>
      Object.keys(fn(entry).properties.Environment.Variables)
        .filter((name) => !['POWERTOOLS_SERVICE_NAME', 'NODE_OPTIONS', 'STAFF_USER_POOL_ID'].includes(name))
        .sort();
    for (const entry of Object.values(ENTRIES)) {
      expect('STAFF_USER_POOL_ID' in fn(entry).properties.Environment.Variables, entry).toBe(
        STAFF_READERS.includes(entry),
      );
    }
    expect(names(ENTRIES.submit)).toEqual([
      'LINK_SECRET_ARN',
      'MAIL_FROM',
      'PUBLIC_BASE_URL',
      'RATE_LIMIT_PER_MINUTE',
      'STATE_MACHINE_ARN',
      'TABLE_NAME',
    ]);
    expect(names(ENTRIES.staffRegister)).toEqual([
      'LINK_SECRET_ARN',
      'PUBLIC_BASE_URL',
      'RATE_LIMIT_PER_MINUTE',
      'STATE_MACHINE_ARN',
      'TABLE_NAME',
    ]);
    expect(names(ENTRIES.status)).toEqual(['LINK_SECRET_ARN', 'PUBLIC_BASE_URL', 'TABLE_NAME']);
    expect(names(ENTRIES.form)).toEqual(['PUBLIC_BASE_URL']);
    for (const entry of MAIL_SENDERS.filter((e) => e !== ENTRIES.inboundMail)) {
      expect(names(entry), entry).toEqual(MAIL_CONFIGURATION);
    }
    expect(names(ENTRIES.inboundMail)).toEqual(
      [...MAIL_CONFIGURATION, 'INBOUND_MAIL_BUCKET', 'STATE_MACHINE_ARN'].sort(),
    );
    expect(names(ENTRIES.digest)).toEqual(['MAIL_FROM', 'PUBLIC_BASE_URL', 'SES_CONFIGURATION_SET', 'TABLE_NAME']);
    expect(names(ENTRIES.policyDryRun)).toEqual(['LINK_SECRET_ARN', 'PUBLIC_BASE_URL', 'TABLE_NAME']);
    for (const entry of [ENTRIES.staffCustomers, ENTRIES.privacyRetention]) {
      expect(names(entry), entry).toEqual(['INBOUND_MAIL_BUCKET', 'TABLE_NAME']);
    }
    for (const entry of [ENTRIES.fault, ENTRIES.plan, ENTRIES.park, ENTRIES.archive, ENTRIES.staffComplaint]) {
      expect(names(entry), entry).toEqual(['TABLE_NAME']);
    }
  });

  it('never gives a function the state machine’s ARN to wake it: task tokens name their execution', () => {
    for (const [entry, { properties }] of Object.entries(functions)) {
      if (STARTERS.includes(entry)) continue;
      expect(properties.Environment.Variables.STATE_MACHINE_ARN, entry).toBeUndefined();
    }
  });

  it('uses the operator defaults: complaints@example.com, 20 submissions a minute', () => {
    expect(fn(ENTRIES.submit).properties.Environment.Variables).toMatchObject({
      MAIL_FROM: 'complaints@example.com',
      RATE_LIMIT_PER_MINUTE: '20',
    });
  });

  it('points customer links at the API endpoint', () => {
    const apiId = Object.keys(api.findResources('AWS::ApiGatewayV2::Api'))[0]!;
    for (const entry of [ENTRIES.submit, ENTRIES.status, ENTRIES.form, ...MAIL_SENDERS]) {
      expect(fn(entry).properties.Environment.Variables.PUBLIC_BASE_URL, entry).toEqual({
        'Fn::GetAtt': [apiId, 'ApiEndpoint'],
      });
    }
  });

  it('routes each path to the function that serves it, with payload format 2.0', () => {
    const integrations = api.findResources('AWS::ApiGatewayV2::Integration');
    const entryByLogicalId = Object.fromEntries(Object.entries(functions).map(([entry, f]) => [f.logicalId, entry]));
    const routed: Record<string, string> = {};
    for (const route of Object.values(api.findResources('AWS::ApiGatewayV2::Route'))) {
      const integrationId = route.Properties.Target['Fn::Join'][1][1].Ref as string;
      const integration = integrations[integrationId]!.Properties;
      expect(integration).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
      routed[route.Properties.RouteKey] = entryByLogicalId[integration.IntegrationUri['Fn::GetAtt'][0]]!;
    }
    expect(routed).toEqual({
      'GET /': ENTRIES.form,
      'POST /complaints': ENTRIES.submit,
      'GET /status/{token}': ENTRIES.status,
      'POST /status/{token}/reply': ENTRIES.customerReply,
      'POST /status/{token}/acceptance': ENTRIES.customerReply,
      'POST /status/{token}/confirm-service': ENTRIES.customerReply,
      'GET /survey/{token}': ENTRIES.survey,
      'POST /survey/{token}': ENTRIES.survey,
      'GET /assets/{name}': ENTRIES.assets,
      'GET /openapi.json': ENTRIES.openApi,
      'GET /staff/complaints': ENTRIES.staffComplaint,
      'POST /staff/complaints': ENTRIES.staffRegister,
      'GET /staff/complaints/{id}': ENTRIES.staffComplaint,
      'POST /staff/complaints/{id}/{action}': ENTRIES.staffAction,
      'GET /staff/policy': ENTRIES.staffPolicy,
      'PUT /staff/policy': ENTRIES.staffPolicy,
      'GET /staff/policy/versions': ENTRIES.staffPolicy,
      'GET /staff/policy/versions/{version}': ENTRIES.staffPolicy,
      'POST /staff/policy/rollback': ENTRIES.staffPolicy,
      'GET /staff/policy/presets': ENTRIES.staffPolicy,
      'GET /staff/policy/presets/{name}': ENTRIES.staffPolicy,
      'GET /console/sign-in': ENTRIES.consoleAuth,
      'GET /console/callback': ENTRIES.consoleAuth,
      'GET /console/sign-out': ENTRIES.consoleAuth,
      'POST /console/sign-out': ENTRIES.consoleAuth,
      'GET /console': ENTRIES.console,
      'GET /console/{proxy+}': ENTRIES.console,
      'POST /console/{proxy+}': ENTRIES.console,
      'POST /staff/policy/dry-run': ENTRIES.policyDryRun,
      'POST /console/policy/dry-run': ENTRIES.policyDryRun,
      'POST /staff/customers/export': ENTRIES.staffCustomers,
      'POST /staff/customers/erase': ENTRIES.staffCustomers,
      'GET /staff/incidents': ENTRIES.staffIncidents,
      'GET /staff/incidents/{id}': ENTRIES.staffIncidents,
      'POST /staff/incidents/{id}/{action}': ENTRIES.staffIncidents,
      'GET /staff/reports/{kind}': ENTRIES.staffReports,
      'POST /staff/reports/{kind}/{period}/actions': ENTRIES.staffReports,
      'GET /console/reports/{kind}': ENTRIES.staffReports,
      'POST /console/reports/{kind}/{period}/actions': ENTRIES.staffReports,
    });
  });

  it('lets only staff with a token of the staff pool’s console client through the /staff routes', () => {
    const routes = Object.values(api.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties);
    const staffRoutes = routes.filter((r) => r.RouteKey.includes(' /staff/'));
    // The complaint routes, the policy admin's seven and its dry run (issue 9), the customer's export and
    // erasure (PRIV), the incidents' three (INC) and the reports' two (REP).
    expect(staffRoutes).toHaveLength(19);
    const authorizers = api.findResources('AWS::ApiGatewayV2::Authorizer');
    expect(Object.keys(authorizers)).toHaveLength(1);
    const [authorizerId, authorizer] = Object.entries(authorizers)[0]!;
    for (const route of staffRoutes) {
      expect(route, route.RouteKey).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } });
    }
    expect(authorizer.Properties).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
    });
    const { Issuer, Audience } = authorizer.Properties.JwtConfiguration;
    const issuer = JSON.stringify(Issuer);
    expect(issuer).toContain('https://cognito-idp.');
    expect(issuer).toContain('{"Ref":"AWS::Region"},".amazonaws.com/"');
    expect(issuer).toMatch(/"Fn::ImportValue":"Closeloop-Data:ExportsOutputRefStaffPool[0-9A-F]{8}/);
    expect(Audience).toEqual([
      { 'Fn::ImportValue': expect.stringMatching(/StaffPoolConsoleClient/) },
      { Ref: expect.stringMatching(/^ConsoleSignIn/) },
    ]);
  });

  it('lets customers reach their routes without logging in: the signed link is their key', () => {
    const routes = Object.values(api.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties);
    const customerRoutes = routes.filter((r) => !r.RouteKey.includes(' /staff/') && !r.RouteKey.includes(' /console'));
    expect(customerRoutes).toHaveLength(10);
    for (const route of customerRoutes) expect(route.AuthorizationType ?? 'NONE', route.RouteKey).toBe('NONE');
  });

  it('answers CORS preflights: POST and GET, the form’s headers and the staff token, any origin by default', () => {
    api.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      CorsConfiguration: {
        AllowOrigins: ['*'],
        AllowMethods: Match.arrayEquals(['POST', 'GET', 'OPTIONS']),
        AllowHeaders: Match.arrayEquals(['content-type', 'idempotency-key', 'accept-language', 'authorization']),
        AllowCredentials: false,
        MaxAge: 3600,
      },
    });
  });

  it('logs every request and throttles the default stage', () => {
    api.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
    });
  });

  it('lets the status page read complaints but never write them', () => {
    const actions = actionsOf(statementsOfRole(api, fn(ENTRIES.status).roleLogicalId));
    expect(actions).toContain('dynamodb:GetItem');
    expect(actions.filter((a) => WRITE_ACTIONS.includes(a) || a === 'dynamodb:*')).toEqual([]);
  });

  it('keeps the form page away from the table altogether', () => {
    const actions = actionsOf(statementsOfRole(api, fn(ENTRIES.form).roleLogicalId));
    expect(actions.filter((a) => a.startsWith('dynamodb:'))).toEqual([]);
  });

  it('grants table access on the table itself only, never scans or deletes', () => {
    for (const [entry, { roleLogicalId }] of Object.entries(functions)) {
      for (const statement of statementsOfRole(api, roleLogicalId)) {
        const actions = actionsOf([statement]);
        if (!actions.some((a) => a.startsWith('dynamodb:'))) continue;
        expect(actions, entry).not.toContain('dynamodb:Scan');
        // Erasure (PRIV) deletes an address's bounce record, keyed by the address, and nothing else.
        const erasesAddress =
          [ENTRIES.staffCustomers, ENTRIES.privacyRetention].includes(entry) &&
          JSON.stringify(statement.Condition) === '{"ForAllValues:StringLike":{"dynamodb:LeadingKeys":["ADDRESS#*"]}}';
        if (!erasesAddress) expect(actions, entry).not.toContain('dynamodb:DeleteItem');
        expect(JSON.stringify(statement.Resource), entry).not.toContain('*');
      }
    }
  });

  it('lets only the mail senders send mail, from the configured sender and identity', () => {
    for (const [entry, { roleLogicalId }] of Object.entries(functions)) {
      const sends = statementsOfRole(api, roleLogicalId).filter((s) =>
        actionsOf([s]).some((a) => a.startsWith('ses:')),
      );
      if (![...MAIL_SENDERS, ...STAFF_MAILERS].includes(entry)) {
        expect(sends, entry).toEqual([]);
        continue;
      }
      expect(sends, entry).toHaveLength(1);
      expect(sends[0]!.Action, entry).toBe('ses:SendEmail');
      expect(sends[0]!.Condition, entry).toEqual({ StringEquals: { 'ses:FromAddress': 'complaints@example.com' } });
      const resources = JSON.stringify(sends[0]!.Resource);
      expect(resources, entry).toContain(':identity/');
      expect(resources, entry).toContain(':configuration-set/');
      expect(resources, entry).not.toContain('"*"');
    }
  });

  it('lets intake read, put and update table items, and nothing it never does, such as ConditionCheckItem', () => {
    const { roleLogicalId } = functions[ENTRIES.submit]!;
    api.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: roleLogicalId }],
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({ Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'] }),
        ]),
      }),
    });
    expect(actionsOf(statementsOfRole(api, roleLogicalId))).not.toContain('dynamodb:ConditionCheckItem');
  });

  it('lets staff registration read, put and update table items as intake does, and nothing more', () => {
    const actions = actionsOf(statementsOfRole(api, fn(ENTRIES.staffRegister).roleLogicalId)).filter((a) =>
      a.startsWith('dynamodb:'),
    );
    expect(actions.sort()).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
  });

  it('lets only intake, staff registration and the reconciler start workflow executions', () => {
    for (const [entry, { roleLogicalId }] of Object.entries(functions)) {
      const starts = actionsOf(statementsOfRole(api, roleLogicalId)).includes('states:StartExecution');
      expect(starts, entry).toBe(STARTERS.includes(entry));
    }
  });

  it('raises an alarm on every fault the code records instead of losing', () => {
    for (const metric of ['WorkflowStartFailed', 'WorkflowStepFailed', 'MailFailed', 'WorkflowWakeFailed']) {
      api.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'Closeloop',
        MetricName: metric,
        Dimensions: [{ Name: 'service', Value: 'closeloop' }],
        Threshold: 1,
        TreatMissingData: 'notBreaching',
      });
    }
  });

  it('runs the reconciler every 15 minutes, reading only the open-complaints index', () => {
    api.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(15 minutes)',
      Targets: Match.arrayWith([
        Match.objectLike({ Arn: { 'Fn::GetAtt': [functions[ENTRIES.reconcile]!.logicalId, 'Arn'] } }),
      ]),
    });
    const statements = statementsOfRole(api, functions[ENTRIES.reconcile]!.roleLogicalId);
    const dynamo = statements.filter((st) => actionsOf([st]).some((a) => a.startsWith('dynamodb:')));
    expect(actionsOf(dynamo)).toEqual(['dynamodb:Query']);
    expect(JSON.stringify(dynamo[0]!.Resource)).toContain('/index/byDeadline');
  });

  it('runs the breach digest every hour (it sends at nine in the stored policy’s zone), reading only the open-complaints index', () => {
    api.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(1 hour)',
      Target: Match.objectLike({
        Arn: { 'Fn::GetAtt': [functions[ENTRIES.digest]!.logicalId, 'Arn'] },
        RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 2 }),
      }),
    });
    const statements = statementsOfRole(api, functions[ENTRIES.digest]!.roleLogicalId);
    const query = statements.filter((st) => actionsOf([st]).includes('dynamodb:Query'));
    expect(query).toHaveLength(1);
    expect(JSON.stringify(query[0]!.Resource)).toContain('/index/byDeadline');
    // The stored policy by key (its zone) and the once-a-day ledger, and nothing else of the table.
    const writes = actionsOf(statements).filter((a) => a.startsWith('dynamodb:') && a !== 'dynamodb:Query');
    expect(writes.sort()).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
  });

  it('lets wf-park and the staff and customer actions wake this workflow’s parked steps, and nothing else', () => {
    const machine = Object.values(api.findResources('AWS::StepFunctions::StateMachine'))[0]!;
    const machineArn = `arn:aws:states:eu-west-1:123456789012:stateMachine:${machine.Properties.StateMachineName}`;
    for (const [entry, { roleLogicalId }] of Object.entries(functions)) {
      const stateActions = actionsOf(statementsOfRole(api, roleLogicalId)).filter((a) => a.startsWith('states:'));
      const wakes = statementsOfRole(api, roleLogicalId).filter((s) =>
        actionsOf([s]).includes('states:SendTaskSuccess'),
      );
      if (!WAKERS.includes(entry)) {
        expect(wakes, entry).toEqual([]);
        continue;
      }
      expect(
        stateActions.filter((a) => !(STARTERS.includes(entry) && a === 'states:StartExecution')),
        entry,
      ).toEqual(['states:SendTaskSuccess']);
      expect(wakes, entry).toHaveLength(1);
      // The ARN is spelled out from the machine's fixed name (a reference would be a cycle for wf-park).
      expect(resolveArn(wakes[0]!.Resource), entry).toBe(machineArn);
    }
  });

  it('wires the workflow and its functions without a dependency cycle', () => {
    expect(findCycle(api.toJSON().Resources)).toEqual([]);
  });

  it('grants each function only the table actions its work needs', () => {
    const tableActions = (entry: string) =>
      actionsOf(statementsOfRole(api, fn(entry).roleLogicalId))
        .filter((a) => a.startsWith('dynamodb:'))
        .sort();
    expect(tableActions(ENTRIES.plan)).toEqual(['dynamodb:GetItem']);
    expect(tableActions(ENTRIES.park)).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem']);
    expect(tableActions(ENTRIES.fault)).toEqual(['dynamodb:PutItem']);
    expect(tableActions(ENTRIES.status)).toEqual(['dynamodb:GetItem', 'dynamodb:Query']);
    // The staff queues: the table's items, and Query on its indexes (one statement each).
    expect(tableActions(ENTRIES.staffComplaint)).toEqual(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Query']);
    const indexGrant = statementsOfRole(api, fn(ENTRIES.staffComplaint).roleLogicalId).find((s) =>
      JSON.stringify(s.Resource).includes('/index/'),
    );
    expect(indexGrant?.Action).toBe('dynamodb:Query');
    expect(JSON.stringify(indexGrant?.Resource)).toContain('/index/byOwner');
    // Versioned updates with their events; only the two timeline readers may Query.
    const changers = [ENTRIES.onTimer, ENTRIES.sendResult, ENTRIES.archive, ENTRIES.staffAction, ENTRIES.survey];
    for (const entry of [...changers, ENTRIES.customerReply]) {
      expect(tableActions(entry), entry).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
    }
    // Inbound mail finds complaints by sender (the customer-email index), then changes or creates them.
    for (const entry of [ENTRIES.inboundMail, ENTRIES.mailEvents]) {
      expect(tableActions(entry), entry).toEqual([
        'dynamodb:ConditionCheckItem',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:Query',
        'dynamodb:Query',
        'dynamodb:UpdateItem',
      ]);
    }
  });

  it('lets the functions that sign or check links read the signing key, and no other', () => {
    for (const [entry, { roleLogicalId }] of Object.entries(functions)) {
      const reads = actionsOf(statementsOfRole(api, roleLogicalId)).includes('secretsmanager:GetSecretValue');
      expect(reads, entry).toBe(
        [
          ENTRIES.submit,
          ENTRIES.staffRegister,
          ENTRIES.status,
          ENTRIES.consoleAuth,
          // The console's policy dry run opens the console session, whose key derives from it.
          ENTRIES.policyDryRun,
          // The console's report pages (issue 11) open the session the same way.
          ENTRIES.staffReports,
          ...MAIL_SENDERS,
        ].includes(entry),
      );
    }
  });

  it('writes function logs only to the function’s own log group', () => {
    for (const [entry, { roleLogicalId, properties }] of Object.entries(functions)) {
      const logGroupId = properties.LoggingConfig.LogGroup.Ref;
      const logStatements = statementsOfRole(api, roleLogicalId).filter((s) =>
        actionsOf([s]).some((a) => a.startsWith('logs:')),
      );
      expect(logStatements.length, entry).toBeGreaterThan(0);
      for (const statement of logStatements) {
        expect(statement.Resource, entry).toEqual({ 'Fn::GetAtt': [logGroupId, 'Arn'] });
      }
    }
  });

  it('attaches the account-wide AWSLambdaBasicExecutionRole to no role of ours, only to aws-cdk-lib’s trigger provider', () => {
    const withIt = Object.entries(api.findResources('AWS::IAM::Role'))
      .filter(([, role]) => JSON.stringify(role).includes('AWSLambdaBasicExecutionRole'))
      .map(([id]) => id);
    // The provider that runs the policy seed at deploy (infra/nag.ts says why it is accepted).
    expect(withIt).toEqual([expect.stringMatching(/^AWSCDKTriggerCustomResourceProvider/)]);
  });
});

describe('operator settings for the API', () => {
  it('takes browser origins from context, as a comma-separated list', () => {
    const { api } = synthCloseloop({}, { allowedOrigins: 'https://shop.example, https://www.shop.example' });
    api.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ AllowOrigins: ['https://shop.example', 'https://www.shop.example'] }),
    });
  });

  it('takes the sender and the rate limit from context', () => {
    const { api } = synthCloseloop({}, { mailFrom: 'care@shop.example', rateLimitPerMinute: '5' });
    const submit = functionsByEntry(api)[ENTRIES.submit]!;
    expect(submit.properties.Environment.Variables).toMatchObject({
      MAIL_FROM: 'care@shop.example',
      RATE_LIMIT_PER_MINUTE: '5',
    });
  });
});
