import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, type IBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { IReceiptRule, IReceiptRuleAction, ReceiptRuleActionConfig } from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { EXPORTS_PREFIX, RAW_MAIL_PREFIX } from '../../shared/mail/storage.js';

/**
 * Fixed names: the bucket policy names the one rule allowed to write (aws:SourceArn) without a
 * reference from the data stack to the API stack, and an account has one active rule set per
 * region anyway, so one Closeloop per account and region receives mail.
 */
export const RECEIPT_RULE_SET_NAME = 'closeloop-inbound';
export const RECEIPT_RULE_NAME = 'closeloop-customer-mail';

export interface InboundMailStoreProps {
  /** Raw messages expire after this many days; attachments copied out of them are kept. */
  rawMailRetentionDays: number;
}

/**
 * The bucket SES stores every inbound message in (under `inbound/`), where the inbound
 * function copies attachments (under `attachments/`), and where a customer's data export waits
 * for its download (under `exports/`). Encrypted, private, TLS only, and logged.
 */
export class InboundMailStore extends Construct {
  readonly bucket: Bucket;
  readonly accessLogs: Bucket;

  constructor(scope: Construct, id: string, props: InboundMailStoreProps) {
    super(scope, id);
    // Access to customers' mail is worth a record; the log bucket itself is the end of that chain.
    this.accessLogs = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      lifecycleRules: [{ id: 'AccessLogsExpire', expiration: Duration.days(props.rawMailRetentionDays) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.bucket = new Bucket(this, 'Bucket', {
      // SSE-S3, not a KMS key: SES's S3 action writes to it with no key policy to keep in step,
      // and the functions read it with s3:GetObject alone. A customer key would add cost and a
      // second grant per reader without narrowing who can read (the bucket policy and IAM do that).
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'inbound-mail/',
      lifecycleRules: [
        // The full original stays available to staff this long; the attachments that became
        // evidence on a complaint live under attachments/ and are kept as long as complaints are.
        { id: 'RawMailExpires', prefix: RAW_MAIL_PREFIX, expiration: Duration.days(props.rawMailRetentionDays) },
        // A customer's data export waits a day at most for its 15-minute download link (shared/privacy/s3-export-archives.ts).
        { id: 'ExportsExpire', prefix: EXPORTS_PREFIX, expiration: Duration.days(1) },
        { id: 'AbortIncompleteUploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Only SES, for this account, for Closeloop's own receipt rule, may write, and only raw mail.
    const stack = Stack.of(this);
    this.bucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'SesStoresInboundMail',
        principals: [new ServicePrincipal('ses.amazonaws.com')],
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects(`${RAW_MAIL_PREFIX}*`)],
        conditions: {
          StringEquals: {
            'aws:SourceAccount': Aws.ACCOUNT_ID,
            'aws:SourceArn': stack.formatArn({
              service: 'ses',
              resource: 'receipt-rule-set',
              resourceName: `${RECEIPT_RULE_SET_NAME}:receipt-rule/${RECEIPT_RULE_NAME}`,
            }),
          },
        },
      }),
    );
  }
}

/**
 * SES's S3 action without the bucket policy aws-ses-actions' S3 adds: that one allows any rule
 * of the account to write anywhere in the bucket; InboundMailStore's names this rule and prefix.
 */
export class StoreRawMail implements IReceiptRuleAction {
  constructor(private readonly bucket: IBucket) {}

  bind(_rule: IReceiptRule): ReceiptRuleActionConfig {
    return { s3Action: { bucketName: this.bucket.bucketName, objectKeyPrefix: RAW_MAIL_PREFIX } };
  }
}
