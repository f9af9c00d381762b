import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AttributeType,
  Billing,
  ProjectionType,
  StreamViewType,
  TableEncryptionV2,
  TableV2,
} from 'aws-cdk-lib/aws-dynamodb';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { ConfigurationSet, ConfigurationSetTlsPolicy, EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import { INDEX_LIST, PARTITION_KEY, SORT_KEY, TTL_ATTRIBUTE } from '../../shared/adapters/dynamo/table-design.js';
import { STREAM_VIEW_TYPE } from '../../shared/reports/stream-records.js';
import { InboundMailStore } from '../constructs/inbound-mail.js';
import { StaffPool } from '../constructs/staff-pool.js';

export interface StatefulStackProps extends StackProps {
  /** Domain the complaint mail is sent from; SES verifies it through the DKIM records output here. */
  mailDomain: string;
  /** Domain customers' replies go to (its MX record points at SES); verified here when it is not mailDomain. */
  replyDomain: string;
  /** Days raw inbound mail is kept (attachments are kept as long as complaints). */
  rawMailRetentionDays: number;
}

/**
 * What must outlive any redeploy: the complaints table, the key that signs customers' links
 * (links already mailed must keep working), the SES identity (its DKIM records live in the
 * operator's DNS) and the staff's accounts.
 */
export class StatefulStack extends Stack {
  readonly table: TableV2;
  readonly linkSecret: Secret;
  readonly emailIdentity: EmailIdentity;
  readonly configurationSet: ConfigurationSet;
  readonly staff: StaffPool;
  readonly inboundMail: InboundMailStore;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);

    this.table = new TableV2(this, 'Complaints', {
      partitionKey: { name: PARTITION_KEY, type: AttributeType.STRING },
      sortKey: { name: SORT_KEY, type: AttributeType.STRING },
      billing: Billing.onDemand(),
      timeToLiveAttribute: TTL_ATTRIBUTE,
      globalSecondaryIndexes: INDEX_LIST.map((index) => ({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      })),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      // The AWS-managed key (aws/dynamodb) puts every use of the key in CloudTrail, unlike the
      // default DynamoDB-owned key, without a customer key's policy to maintain or monthly fee.
      // A CMK earns its keep only for cross-account access or crypto-shredding, neither needed here.
      encryption: TableEncryptionV2.awsManagedKey(),
      removalPolicy: RemovalPolicy.RETAIN,
      // Issue 11: the report aggregator keeps the figures from this stream (shared/reports/stream-records.ts
      // says why both images).
      dynamoStream: StreamViewType[STREAM_VIEW_TYPE],
    });

    this.linkSecret = new Secret(this, 'LinkSigningKey', {
      description: 'HMAC key that signs the status and survey links mailed to customers',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.configurationSet = new ConfigurationSet(this, 'MailConfiguration', {
      reputationMetrics: true,
      sendingEnabled: true,
      // Complaint mail carries personal data: never fall back to plain SMTP.
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
    });

    this.emailIdentity = new EmailIdentity(this, 'MailIdentity', {
      identity: Identity.domain(props.mailDomain),
      configurationSet: this.configurationSet,
    });

    // SES receives for a domain only once it is verified; a reply subdomain gets its own identity.
    const replyIdentity =
      props.replyDomain === props.mailDomain
        ? undefined
        : new EmailIdentity(this, 'ReplyIdentity', { identity: Identity.domain(props.replyDomain) });

    this.inboundMail = new InboundMailStore(this, 'InboundMail', {
      rawMailRetentionDays: props.rawMailRetentionDays,
    });

    this.staff = new StaffPool(this, 'Staff');

    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'StaffUserPoolId', {
      description: 'Create staff accounts here (username = staff id) and add each to its role groups',
      value: this.staff.userPool.userPoolId,
    });
    new CfnOutput(this, 'StaffClientId', {
      description: 'App client the staff console signs in with (SRP, no secret)',
      value: this.staff.client.userPoolClientId,
    });
    this.emailIdentity.dkimRecords.forEach((record, i) => {
      new CfnOutput(this, `DkimRecord${i + 1}`, {
        description: `CNAME to publish for ${props.mailDomain} so SES can verify it`,
        value: `${record.name} CNAME ${record.value}`,
      });
    });
    replyIdentity?.dkimRecords.forEach((record, i) => {
      new CfnOutput(this, `ReplyDkimRecord${i + 1}`, {
        description: `CNAME to publish for ${props.replyDomain} so SES can verify it`,
        value: `${record.name} CNAME ${record.value}`,
      });
    });
    new CfnOutput(this, 'ReplyMxRecord', {
      description: `MX record to publish for ${props.replyDomain}: SES receives customers' replies`,
      value: `${props.replyDomain} MX 10 inbound-smtp.${this.region}.amazonaws.com`,
    });
    new CfnOutput(this, 'InboundMailBucket', { value: this.inboundMail.bucket.bucketName });
  }
}
