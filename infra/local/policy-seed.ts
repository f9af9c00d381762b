import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoPolicyStore } from '../../shared/adapters/dynamo/policy-store.js';
import { loadIntakePolicy } from '../../shared/policy/intake-policy.js';
import { defaultSeed, seedPolicy } from '../../shared/policy/seed.js';

/**
 * The local runtime's first start seeds the table as a deployed stack does (the defaults, version 1),
 * unless CLOSELOOP_POLICY gives sections over the defaults: then those are version 1, so a test or a
 * developer can start a runtime under another policy. Only this seed reads the variable; no function
 * does, and a table that already holds a policy keeps it (change it through the admin API).
 */
export async function seedLocalPolicy(
  client: DynamoDBClient,
  tableName: string,
  overrideJson: string | undefined,
  log: (line: string) => void,
): Promise<void> {
  const store = new DynamoPolicyStore({ doc: DynamoDBDocumentClient.from(client), tableName });
  const seed = () => {
    if (!overrideJson) return defaultSeed();
    const { staff: _staff, ...policy } = loadIntakePolicy(overrideJson);
    return { policy, preset: 'closeloop', reason: 'CLOSELOOP_POLICY over the defaults, at first local start' };
  };
  const current = await seedPolicy(store, () => new Date(), seed);
  if (overrideJson && current.savedBy !== 'system')
    log('note: CLOSELOOP_POLICY ignored: the table already holds a policy');
  log(`policy version ${current.version} in force`);
}
