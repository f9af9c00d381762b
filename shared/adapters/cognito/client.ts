import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { traced } from '../../tracing.js';

let client: CognitoIdentityProviderClient | undefined;

/** One Cognito client per cold start; region and credentials come from the SDK's environment. */
export function cognitoClient(): CognitoIdentityProviderClient {
  client ??= traced(new CognitoIdentityProviderClient({}));
  return client;
}
