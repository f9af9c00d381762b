import { RawMailBucketConfig, readConfig, TableConfig } from '../config.js';
import type { ExportDeps, PrivacyDeps } from '../usecases/customer-privacy.js';
import { clock, policyAndCalendar, store } from '../wiring.js';
import { DynamoPersonalData } from './dynamo-personal-data.js';
import { S3ExportArchives } from './s3-export-archives.js';
import { S3MailObjects } from './s3-mail-objects.js';
import { sentMailCopies } from './sent-mail.js';

/**
 * The erasing functions' adapters, once per cold start: the complaint store (its one write path),
 * the table beside it, the raw-mail bucket, and the copies of sent mail (none on AWS).
 */
export function privacyDeps(): PrivacyDeps {
  const { TABLE_NAME } = readConfig(TableConfig);
  const { INBOUND_MAIL_BUCKET } = readConfig(RawMailBucketConfig);
  return {
    store: store(),
    clock,
    ...policyAndCalendar(),
    personalData: new DynamoPersonalData({ tableName: TABLE_NAME }),
    mail: new S3MailObjects({ bucket: INBOUND_MAIL_BUCKET }),
    sentMail: sentMailCopies,
  };
}

/** The export's too: the raw-mail bucket also holds exports waiting for download. */
export function exportDeps(): ExportDeps {
  const { INBOUND_MAIL_BUCKET } = readConfig(RawMailBucketConfig);
  return { ...privacyDeps(), exports: new S3ExportArchives({ bucket: INBOUND_MAIL_BUCKET }) };
}
