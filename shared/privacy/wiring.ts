import { RawMailBucketConfig, readConfig, TableConfig } from '../config.js';
import type { PrivacyDeps } from '../usecases/customer-privacy.js';
import { workflowCoreDeps } from '../wiring.js';
import { DynamoPersonalData } from './dynamo-personal-data.js';
import { S3ExportArchives } from './s3-export-archives.js';
import { S3MailObjects } from './s3-mail-objects.js';
import { sentMailCopies } from './sent-mail.js';

/**
 * The privacy functions' adapters, once per cold start: the complaint's one write path (its
 * workflow ports stay unused: an erasure touches closed complaints only, and wakes nothing), the
 * table beside it, and the raw-mail bucket, which also holds exports waiting for download.
 */
export function privacyDeps(): PrivacyDeps {
  const { TABLE_NAME } = readConfig(TableConfig);
  const { INBOUND_MAIL_BUCKET } = readConfig(RawMailBucketConfig);
  return {
    ...workflowCoreDeps(),
    personalData: new DynamoPersonalData({ tableName: TABLE_NAME }),
    mail: new S3MailObjects({ bucket: INBOUND_MAIL_BUCKET }),
    exports: new S3ExportArchives({ bucket: INBOUND_MAIL_BUCKET }),
    sentMail: sentMailCopies,
  };
}
