import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../infra/constructs/closeloop-function.js';
import { actionsOf, functionsByEntry, statementsOfRole, synthCloseloop } from './synth.js';

const ENTRIES = {
  submit: 'functions/submit-complaint.ts',
  status: 'functions/complaint-status.ts',
  form: 'functions/form-page.ts',
  acknowledge: 'functions/send-acknowledgement.ts',
  fault: 'functions/record-workflow-fault.ts',
};

const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

describe('the API stack', () => {
  const { api } = synthCloseloop();
  const functions = functionsByEntry(api);
  const fn = (entry: string) => {
    const found = functions[entry];
    if (!found) throw new Error(`No function runs ${entry}`);
    return found;
  };

  it('builds exactly the five functions, each pointing at an entry file that exports a handler', () => {
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
        .filter((name) => !['POWERTOOLS_SERVICE_NAME', 'NODE_OPTIONS'].includes(name))
        .sort();
    expect(names(ENTRIES.submit)).toEqual([
      'LINK_SECRET_ARN',
      'MAIL_FROM',
      'PUBLIC_BASE_URL',
      'RATE_LIMIT_PER_MINUTE',
      'STATE_MACHINE_ARN',
      'TABLE_NAME',
    ]);
    expect(names(ENTRIES.status)).toEqual(['LINK_SECRET_ARN', 'PUBLIC_BASE_URL', 'TABLE_NAME']);
    expect(names(ENTRIES.form)).toEqual(['PUBLIC_BASE_URL']);
    expect(names(ENTRIES.acknowledge)).toEqual([
      'LINK_SECRET_ARN',
      'MAIL_FROM',
      'PUBLIC_BASE_URL',
      'SES_CONFIGURATION_SET',
      'TABLE_NAME',
    ]);
    expect(names(ENTRIES.fault)).toEqual(['TABLE_NAME']);
  });

  it('uses the operator defaults: complaints@example.com, 20 submissions a minute', () => {
    expect(fn(ENTRIES.submit).properties.Environment.Variables).toMatchObject({
      MAIL_FROM: 'complaints@example.com',
      RATE_LIMIT_PER_MINUTE: '20',
    });
  });

  it('points customer links at the API endpoint', () => {
    const apiId = Object.keys(api.findResources('AWS::ApiGatewayV2::Api'))[0]!;
    for (const entry of [ENTRIES.submit, ENTRIES.status, ENTRIES.form, ENTRIES.acknowledge]) {
      expect(fn(entry).properties.Environment.Variables.PUBLIC_BASE_URL, entry).toEqual({
        'Fn::GetAtt': [apiId, 'ApiEndpoint'],
      });
    }
  });

  it('routes each public path to the function that serves it, with payload format 2.0', () => {
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
    });
  });

  it('answers CORS preflights for the form: POST and GET, its three headers, any origin by default', () => {
    api.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      CorsConfiguration: {
        AllowOrigins: ['*'],
        AllowMethods: Match.arrayEquals(['POST', 'GET', 'OPTIONS']),
        AllowHeaders: Match.arrayEquals(['content-type', 'idempotency-key', 'accept-language']),
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
        expect(actions, entry).not.toContain('dynamodb:DeleteItem');
        expect(JSON.stringify(statement.Resource), entry).not.toContain('*');
      }
    }
  });

  it('lets only the acknowledgement step send mail, from the configured sender and identity', () => {
    for (const [entry, { roleLogicalId }] of Object.entries(functions)) {
      const sends = statementsOfRole(api, roleLogicalId).filter((s) =>
        actionsOf([s]).some((a) => a.startsWith('ses:')),
      );
      if (entry !== ENTRIES.acknowledge) {
        expect(sends, entry).toEqual([]);
        continue;
      }
      expect(sends).toHaveLength(1);
      expect(sends[0]!.Action).toBe('ses:SendEmail');
      expect(sends[0]!.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'complaints@example.com' } });
      const resources = JSON.stringify(sends[0]!.Resource);
      expect(resources).toContain(':identity/');
      expect(resources).toContain(':configuration-set/');
      expect(resources).not.toContain('"*"');
    }
  });

  it('lets only the intake function start workflow executions', () => {
    for (const [entry, { roleLogicalId }] of Object.entries(functions)) {
      const starts = actionsOf(statementsOfRole(api, roleLogicalId)).includes('states:StartExecution');
      expect(starts, entry).toBe(entry === ENTRIES.submit);
    }
  });

  it('lets the functions that sign or check links read the signing key, and no other', () => {
    for (const [entry, { roleLogicalId }] of Object.entries(functions)) {
      const reads = actionsOf(statementsOfRole(api, roleLogicalId)).includes('secretsmanager:GetSecretValue');
      expect(reads, entry).toBe([ENTRIES.submit, ENTRIES.status, ENTRIES.acknowledge].includes(entry));
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

  it('does not attach the account-wide AWSLambdaBasicExecutionRole', () => {
    expect(JSON.stringify(api.findResources('AWS::IAM::Role'))).not.toContain('AWSLambdaBasicExecutionRole');
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
