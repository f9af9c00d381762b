import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { traced } from '../tracing.js';

let pending: Promise<Uint8Array> | undefined;

/**
 * The link-signing key: given directly in the environment (local runtime), or fetched once per
 * cold start from Secrets Manager (AWS), so a key rotation needs no redeploy of code.
 */
export function linkSigningKey(config: {
  LINK_SIGNING_SECRET?: string;
  LINK_SECRET_ARN?: string;
}): Promise<Uint8Array> {
  pending ??= (async () => {
    if (config.LINK_SIGNING_SECRET) return new TextEncoder().encode(config.LINK_SIGNING_SECRET);
    const client = traced(new SecretsManagerClient({}));
    const secret = await client.send(new GetSecretValueCommand({ SecretId: config.LINK_SECRET_ARN }));
    client.destroy();
    if (!secret.SecretString || secret.SecretString.length < 32) {
      throw new Error('The link-signing secret is missing or shorter than 32 characters');
    }
    return new TextEncoder().encode(secret.SecretString);
  })();
  pending.catch(() => {
    pending = undefined; // a failed fetch must not poison every later invocation
  });
  return pending;
}
