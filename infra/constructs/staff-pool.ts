import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnManagedLoginBranding,
  type CfnUserPoolClient,
  ClientAttributes,
  FeaturePlan,
  type IUserPool,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
  UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { DEPARTMENT_ATTRIBUTE } from '../../shared/adapters/cognito/attributes.js';
import { STAFF_ROLES, type StaffRole } from '../../shared/policy/types.js';

/** Declared without the prefix Cognito adds: `custom:department` is what the directory reads. */
const DEPARTMENT = DEPARTMENT_ATTRIBUTE.replace(/^custom:/, '');

const ROLE_DESCRIPTIONS: Record<StaffRole, string> = {
  agent: 'Handles complaints: takes ownership, contacts the customer, proposes and resolves',
  supervisor: 'Reassigns complaints and is told first when a deadline is missed',
  department_head: 'Approves solutions that need approval; second on the escalation ladder',
  manager: 'Last on the escalation ladder; told of P1 complaints and second reopenings',
  legal: 'Reviews the solutions of the grades the policy names (P1) before they are approved',
  engineer: 'Diagnoses, visits and verifies the steps of after-sales work orders',
  warehouse: 'Ships the parts and replacements of after-sales work orders',
};

/**
 * The staff's accounts. A Cognito username is the staff id in the policy's directory and the
 * Cognito groups are the roles (`cognito:groups` in the token), so the API needs nothing but the
 * token to know who acts and in which capacity. Accounts are created by an administrator only.
 */
export class StaffPool extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly groups: Record<StaffRole, UserPoolGroup>;
  /** Cognito's managed login (the newer version, with branding): where the console sends staff to sign in. */
  readonly domain: UserPoolDomain;

  constructor(scope: Construct, id: string, props: StaffPoolProps = {}) {
    super(scope, id);

    this.userPool = new UserPool(this, 'Pool', {
      selfSignUpEnabled: false,
      // The username is the staff id; staff may also sign in with their (verified) work email.
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      // The staff directory (shared/adapters/cognito/staff-directory.ts) reads the name, the department
      // (one of the routing's departments; an agent without one is not staff) and the language.
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: false, mutable: true },
        locale: { required: false, mutable: true },
      },
      customAttributes: { [DEPARTMENT]: new StringAttribute({ mutable: true, minLen: 1, maxLen: 32 }) },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 5,
      },
      // TOTP only: SMS codes can be intercepted and would need an SNS role and spend limit.
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      // Plus buys threat protection: compromised-credential checks and adaptive authentication
      // that blocks or challenges risky sign-ins, and logs them.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      // Staff accounts, their MFA devices and group memberships cannot be recreated by a deploy.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.client = this.userPool.addClient('ConsoleClient', {
      // A browser console cannot keep a secret.
      generateSecret: false,
      authFlows: { userSrp: true },
      // No hosted UI (yet): without this CDK would enable the implicit grant for https://example.com.
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      // One working day; then the password (and TOTP) again.
      refreshTokenValidity: Duration.hours(12),
    });

    this.domain = this.userPool.addDomain('SignIn', {
      cognitoDomain: { domainPrefix: props.domainPrefix ?? `closeloop-${Stack.of(this).account}` },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });

    // The department decides what an agent may see and do: only an administrator sets it. Without
    // this, any signed-in member could move themselves into another department (UpdateUserAttributes
    // with their own access token). Name and language are theirs to change.
    (this.client.node.defaultChild as CfnUserPoolClient).writeAttributes = new ClientAttributes()
      .withStandardAttributes({ fullname: true, locale: true })
      .attributes();

    this.groups = Object.fromEntries(
      STAFF_ROLES.map((role) => [
        role,
        new UserPoolGroup(this, `Group-${role}`, {
          userPool: this.userPool,
          groupName: role,
          description: ROLE_DESCRIPTIONS[role],
        }),
      ]),
    ) as Record<StaffRole, UserPoolGroup>;
  }
}

export interface StaffPoolProps {
  /**
   * The managed login's host name prefix (`<prefix>.auth.<region>.amazoncognito.com`), unique per
   * region; default `closeloop-<account id>`.
   */
  domainPrefix?: string;
}

/**
 * The console's app client: the authorization code grant only (no implicit grant, so no token ever
 * travels in a URL), PKCE by a public client without a secret, OpenID scopes, and exactly one callback
 * and one sign-out URL. It needs the API's URL, so it lives with the API (no cycle with the data stack).
 * Its managed-login pages get Cognito's default branding, which an operator can restyle in the editor.
 */
export function addConsoleClient(
  scope: Construct,
  id: string,
  props: { userPool: IUserPool; callbackUrl: string; logoutUrl: string },
): UserPoolClient {
  const client = new UserPoolClient(scope, id, {
    userPool: props.userPool,
    generateSecret: false,
    // What the managed login itself signs in with (passwords by SRP); the console never calls InitiateAuth.
    authFlows: { userSrp: true },
    oAuth: {
      flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
      scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
      callbackUrls: [props.callbackUrl],
      logoutUrls: [props.logoutUrl],
    },
    supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
    // As on the API client: the department decides what an agent may see and do, so only an
    // administrator sets it; a token of this client must not let its holder move departments.
    writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true, locale: true }),
    preventUserExistenceErrors: true,
    enableTokenRevocation: true,
    // The console keeps none of these past the callback (it opens its own session), so the shortest.
    accessTokenValidity: Duration.hours(1),
    idTokenValidity: Duration.hours(1),
    refreshTokenValidity: Duration.hours(1),
  });
  new CfnManagedLoginBranding(scope, `${id}Branding`, {
    userPoolId: props.userPool.userPoolId,
    clientId: client.userPoolClientId,
    useCognitoProvidedValues: true,
  });
  return client;
}
