import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { INDEX_LIST, PARTITION_KEY, SORT_KEY, TTL_ATTRIBUTE } from '../../shared/adapters/dynamo/table-design.js';
import { STAFF_ROLES } from '../../shared/policy/types.js';
import { synthCloseloop } from './synth.js';

describe('the data stack', () => {
  const { data } = synthCloseloop();

  it('keys the complaints table by the string keys of the table design', () => {
    data.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: PARTITION_KEY, KeyType: 'HASH' },
        { AttributeName: SORT_KEY, KeyType: 'RANGE' },
      ],
      AttributeDefinitions: Match.arrayWith([
        { AttributeName: PARTITION_KEY, AttributeType: 'S' },
        { AttributeName: SORT_KEY, AttributeType: 'S' },
      ]),
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
    });
  });

  it('builds every index of the table design, projecting all attributes', () => {
    const table = Object.values(data.findResources('AWS::DynamoDB::GlobalTable'))[0]!;
    const indexes = table.Properties.GlobalSecondaryIndexes as { IndexName: string }[];
    expect(indexes.map((i) => i.IndexName).sort()).toEqual(INDEX_LIST.map((i) => i.indexName).sort());

    for (const index of INDEX_LIST) {
      expect(indexes).toContainEqual({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      });
      expect(table.Properties.AttributeDefinitions).toEqual(
        expect.arrayContaining([
          { AttributeName: index.partitionKey, AttributeType: 'S' },
          { AttributeName: index.sortKey, AttributeType: 'S' },
        ]),
      );
    }
  });

  it('keeps complaints through mistakes: point-in-time recovery, deletion protection, retained on delete', () => {
    data.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        Replicas: [
          Match.objectLike({
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            DeletionProtectionEnabled: true,
          }),
        ],
      }),
    });
  });

  it('encrypts the table with a KMS key whose use shows up in CloudTrail', () => {
    data.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
    });
  });

  it('generates a link-signing key of at least 32 characters and keeps it on delete', () => {
    const secrets = Object.values(data.findResources('AWS::SecretsManager::Secret'));
    expect(secrets).toHaveLength(1);
    expect(secrets[0]!.DeletionPolicy).toBe('Retain');
    expect(secrets[0]!.Properties.GenerateSecretString.PasswordLength).toBeGreaterThanOrEqual(32);
  });

  it('sets up SES for the sender domain with reputation metrics and sending enabled', () => {
    data.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'example.com' });
    data.hasResourceProperties('AWS::SES::ConfigurationSet', {
      ReputationOptions: { ReputationMetricsEnabled: true },
      SendingOptions: { SendingEnabled: true },
    });
  });
});

describe('the staff accounts', () => {
  const { data } = synthCloseloop();
  const pools = data.findResources('AWS::Cognito::UserPool');
  const [poolId, pool] = Object.entries(pools)[0]!;

  it('keeps one user pool through deletes and mistakes', () => {
    expect(Object.keys(pools)).toHaveLength(1);
    expect(pool).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    expect(pool.Properties.DeletionProtection).toBe('ACTIVE');
  });

  it('lets only an administrator create accounts, signed in by staff id or verified email', () => {
    expect(pool.Properties).toMatchObject({
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      AliasAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
    });
  });

  it('asks for long, complex passwords, offers TOTP (never SMS) and runs threat protection', () => {
    expect(pool.Properties.Policies.PasswordPolicy).toMatchObject({
      MinimumLength: 12,
      RequireLowercase: true,
      RequireUppercase: true,
      RequireNumbers: true,
      RequireSymbols: true,
    });
    expect(pool.Properties).toMatchObject({
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
    });
  });

  it('has one group per staff role, which the tokens carry as cognito:groups', () => {
    const groups = Object.values(data.findResources('AWS::Cognito::UserPoolGroup')).map((g) => g.Properties);
    expect(groups.map((g) => g.GroupName).sort()).toEqual([...STAFF_ROLES].sort());
    for (const group of groups) expect(group.UserPoolId, group.GroupName).toEqual({ Ref: poolId });
  });

  it('has a console client without a secret, for SRP sign-in and refresh only', () => {
    const clients = Object.values(data.findResources('AWS::Cognito::UserPoolClient')).map((c) => c.Properties);
    expect(clients).toHaveLength(1);
    expect(clients[0]).toMatchObject({
      UserPoolId: { Ref: poolId },
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      AllowedOAuthFlowsUserPoolClient: false,
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
    });
  });

  it('outputs the pool and client ids the console and the operator need', () => {
    const outputs = data.toJSON().Outputs;
    expect(outputs.StaffUserPoolId.Value).toEqual({ Ref: poolId });
    const clientId = Object.keys(data.findResources('AWS::Cognito::UserPoolClient'))[0];
    expect(outputs.StaffClientId.Value).toEqual({ Ref: clientId });
  });
});

describe('operator settings', () => {
  it('derives the SES identity from a mailFrom given as context', () => {
    const { data } = synthCloseloop({}, { mailFrom: 'care@shop.example' });
    data.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'shop.example' });
  });

  it('lets an explicit mailDomain override the derived one', () => {
    const { data } = synthCloseloop({}, { mailFrom: 'care@mail.shop.example', mailDomain: 'shop.example' });
    data.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'shop.example' });
  });

  it('refuses a mailFrom that is not an email address', () => {
    expect(() => synthCloseloop({ mailFrom: 'complaints' })).toThrow(/mailFrom/);
  });
});
