import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  type CfnUserPoolClient,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
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

  constructor(scope: Construct, id: string) {
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
