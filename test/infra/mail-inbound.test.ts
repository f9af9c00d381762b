import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { RECEIPT_RULE_NAME, RECEIPT_RULE_SET_NAME } from '../../infra/constructs/inbound-mail.js';
import { actionsOf, functionsByEntry, type Statement, statementsOfRole, synthCloseloop } from './synth.js';

const { data, api } = synthCloseloop({ mailFrom: 'complaints@shop.example', replyDomain: 'reply.shop.example' });
const functions = functionsByEntry(api);
const inbound = functions['functions/inbound-mail.ts']!;
const mailEvents = functions['functions/mail-events.ts']!;
const bucketId = Object.keys(data.findResources('AWS::S3::Bucket')).find((id) => id.startsWith('InboundMailBucket'))!;

/** The ARN pattern a statement grants, with the bucket's cross-stack import reduced to its logical id. */
function objectPattern(statement: Statement): string {
  const text = JSON.stringify(statement.Resource);
  const prefix = /"\/([a-z]+\/\*)"/.exec(text)?.[1];
  return text.includes(bucketId) && prefix ? `${bucketId}/${prefix}` : text;
}

describe('the SES receipt rule', () => {
  it('stores mail to the reply domain and the support address, then invokes the inbound function, over TLS, scanned', () => {
    api.hasResourceProperties('AWS::SES::ReceiptRuleSet', { RuleSetName: RECEIPT_RULE_SET_NAME });
    api.hasResourceProperties('AWS::SES::ReceiptRule', {
      Rule: Match.objectLike({
        Name: RECEIPT_RULE_NAME,
        Enabled: true,
        Recipients: ['reply.shop.example', 'support@reply.shop.example'],
        ScanEnabled: true,
        TlsPolicy: 'Require',
        Actions: [
          {
            S3Action: {
              BucketName: Match.objectLike({ 'Fn::ImportValue': Match.stringLikeRegexp(bucketId) }),
              ObjectKeyPrefix: 'inbound/',
            },
          },
          { LambdaAction: { FunctionArn: { 'Fn::GetAtt': [inbound.logicalId, 'Arn'] }, InvocationType: 'Event' } },
        ],
      }),
    });
  });

  it('lets SES invoke the inbound function only from this account', () => {
    api.hasResourceProperties('AWS::Lambda::Permission', {
      FunctionName: { 'Fn::GetAtt': [inbound.logicalId, 'Arn'] },
      Principal: 'ses.amazonaws.com',
      SourceAccount: { Ref: 'AWS::AccountId' },
    });
  });

  it('says how to activate the rule set, which CloudFormation cannot do', () => {
    api.hasOutput('ActivateReceiptRuleSet', {
      Value: {
        'Fn::Join': [
          '',
          Match.arrayWith([
            Match.stringLikeRegexp(`set-active-receipt-rule-set --rule-set-name ${RECEIPT_RULE_SET_NAME} `),
          ]),
        ],
      },
    });
  });
});

describe('the inbound mail bucket', () => {
  it('is encrypted, private, TLS only and logged', () => {
    data.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'inbound-mail/' }),
    });
    data.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucketId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('expires raw mail after 400 days and a waiting privacy export after a day, and keeps attachments', () => {
    const bucket = data.findResources('AWS::S3::Bucket')[bucketId]!;
    const rules = bucket.Properties.LifecycleConfiguration.Rules as { Prefix?: string; ExpirationInDays?: number }[];
    expect(rules).toContainEqual(
      expect.objectContaining({ Prefix: 'inbound/', ExpirationInDays: 400, Status: 'Enabled' }),
    );
    expect(rules).toContainEqual(
      expect.objectContaining({ Prefix: 'exports/', ExpirationInDays: 1, Status: 'Enabled' }),
    );
    expect(rules.filter((r) => r.ExpirationInDays !== undefined).map((r) => r.Prefix)).toEqual([
      'inbound/',
      'exports/',
    ]);
  });

  it('takes the raw-mail retention from context', () => {
    const { data: custom } = synthCloseloop({}, { rawMailRetentionDays: '30' });
    custom.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([Match.objectLike({ Prefix: 'inbound/', ExpirationInDays: 30 })]),
      },
    });
  });

  it('lets only SES, for this account and this receipt rule, put raw mail', () => {
    data.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucketId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'ses.amazonaws.com' },
            Action: 's3:PutObject',
            Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/inbound/*']] },
            Condition: {
              StringEquals: {
                'aws:SourceAccount': { Ref: 'AWS::AccountId' },
                'aws:SourceArn': {
                  'Fn::Join': [
                    '',
                    Match.arrayWith([
                      Match.stringLikeRegexp(
                        `receipt-rule-set/${RECEIPT_RULE_SET_NAME}:receipt-rule/${RECEIPT_RULE_NAME}$`,
                      ),
                    ]),
                  ],
                },
              },
            },
          }),
        ]),
      },
    });
  });
});

describe("the inbound function's grants", () => {
  const statements = statementsOfRole(api, inbound.roleLogicalId);

  it('reads raw mail and writes attachments, each only under its prefix, and nothing else in S3', () => {
    const s3 = statements.filter((s) => actionsOf([s]).some((a) => a.startsWith('s3:')));
    expect(s3.map((s) => [actionsOf([s]), objectPattern(s)])).toEqual([
      [['s3:GetObject'], `${bucketId}/inbound/*`],
      [['s3:PutObject'], `${bucketId}/attachments/*`],
    ]);
  });

  it('has no wildcard action and no "*" resource beyond X-Ray', () => {
    expect(actionsOf(statements).filter((a) => a.includes('*'))).toEqual([]);
    const onEverything = statements.filter((s) => [s.Resource].flat().includes('*'));
    expect(actionsOf(onEverything).sort()).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
  });

  it('sends mail only as the configured sender, and starts and wakes workflows', () => {
    expect(statements).toContainEqual(
      expect.objectContaining({
        Action: 'ses:SendEmail',
        Condition: { StringEquals: { 'ses:FromAddress': 'complaints@shop.example' } },
      }),
    );
    expect(actionsOf(statements)).toEqual(expect.arrayContaining(['states:StartExecution', 'states:SendTaskSuccess']));
  });

  it('gets the reply domain, the bucket and what mailing needs', () => {
    expect(inbound.properties.Environment.Variables).toMatchObject({
      REPLY_DOMAIN: 'reply.shop.example',
      REPLY_LOCAL_PART: 'reply',
      INBOUND_MAIL_BUCKET: { 'Fn::ImportValue': expect.stringContaining(bucketId) },
      MAIL_FROM: 'complaints@shop.example',
      TABLE_NAME: expect.anything(),
      STATE_MACHINE_ARN: expect.anything(),
    });
  });
});

describe('every function that mails a customer', () => {
  it('knows the reply domain, so its mail carries a Reply-To that comes back', () => {
    // The daily breach digest, the weekly report and the incidents' notices mail staff only: no customer
    // ever replies to them.
    const staffOnly = [
      'functions/breach-digest.ts',
      'functions/weekly-report.ts',
      'functions/incident-detector.ts',
      'functions/incident-clock.ts',
    ];
    const mailers = Object.entries(functions).filter(
      ([entry, fn]) =>
        !staffOnly.includes(entry) && actionsOf(statementsOfRole(api, fn.roleLogicalId)).includes('ses:SendEmail'),
    );
    expect(mailers.length).toBeGreaterThan(3);
    for (const [entry, fn] of mailers) {
      expect({ entry, ...fn.properties.Environment.Variables }).toMatchObject({
        entry,
        REPLY_DOMAIN: 'reply.shop.example',
        REPLY_LOCAL_PART: 'reply',
      });
    }
  });
});

describe('bounces and complaints', () => {
  it('are published by the configuration set to a topic the mail-events function is subscribed to', () => {
    const [topicId] = Object.keys(api.findResources('AWS::SNS::Topic'));
    api.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({
        Enabled: true,
        MatchingEventTypes: ['bounce', 'complaint'],
        SnsDestination: { TopicARN: { Ref: topicId } },
      }),
    });
    api.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      TopicArn: { Ref: topicId },
      Endpoint: { 'Fn::GetAtt': [mailEvents.logicalId, 'Arn'] },
    });
  });

  it('let the mail-events function mark the address and mail the owners, but never store mail or start a workflow', () => {
    const actions = actionsOf(statementsOfRole(api, mailEvents.roleLogicalId));
    expect(actions.filter((a) => /^(s3|states):/.test(a))).toEqual([]);
    expect(actions).toEqual(
      expect.arrayContaining([
        'dynamodb:Query',
        'dynamodb:UpdateItem',
        'secretsmanager:GetSecretValue',
        'ses:SendEmail',
      ]),
    );
    // Its ports are the bounce ports (deliveryProblemDeps): no inbound bucket, no state machine.
    const names = Object.keys(mailEvents.properties.Environment.Variables);
    expect(names).not.toContain('INBOUND_MAIL_BUCKET');
    expect(names).not.toContain('STATE_MACHINE_ARN');
    expect(names).toEqual(expect.arrayContaining(['TABLE_NAME', 'MAIL_FROM', 'REPLY_DOMAIN', 'LINK_SECRET_ARN']));
  });
});
