import { RawMailBucketConfig, readConfig, TableConfig } from '../config.js';
import type { PrivacyDeps } from '../usecases/customer-privacy.js';
import { clock, store } from '../wiring.js';
import { DynamoPersonalData } from './dynamo-personal-data.js';
import { S3MailObjects } from './s3-mail-objects.js';

/** The privacy functions' adapters, once per cold start: the table, and the raw-mail bucket. */
export function privacyDeps(): PrivacyDeps {
  const { TABLE_NAME } = readConfig(TableConfig);
  const { INBOUND_MAIL_BUCKET } = readConfig(RawMailBucketConfig);
  return {
    store: store(),
    personalData: new DynamoPersonalData({ tableName: TABLE_NAME }),
    mail: new S3MailObjects({ bucket: INBOUND_MAIL_BUCKET }),
    clock,
  };
}
