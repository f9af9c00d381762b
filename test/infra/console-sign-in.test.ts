import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { actionsOf, functionsByEntry, statementsOfRole, synthCloseloop } from './synth.js';

/** The console's sign-in on AWS: Cognito's managed login, the console's app client and the function behind it. */
/** The console's pages are another function's (console-stack.test.ts); these open and close its session. */
const SIGN_IN_ROUTE = / \/console\/(sign-in|callback|sign-out)$/;

describe("the console's sign-in on AWS", () => {
  const { api, data } = synthCloseloop();
  const consoleAuth = functionsByEntry(api)['functions/console-auth.ts']!;
  const apiEndpoint = { 'Fn::GetAtt': [Object.keys(api.findResources('AWS::ApiGatewayV2::Api'))[0]!, 'ApiEndpoint'] };

  it("gives the staff pool a domain with the newer managed login, and the console's client its branding", () => {
    data.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: Match.objectLike({ 'Fn::Join': ['', ['closeloop-', { Ref: 'AWS::AccountId' }]] }),
      ManagedLoginVersion: 2,
    });
    api.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', {
      ClientId: { Ref: Match.stringLikeRegexp('^ConsoleSignIn') },
      UseCognitoProvidedValues: true,
    });
  });

  it('registers a public client for the authorization code grant only, with OpenID scopes and the exact console URLs', () => {
    api.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      SupportedIdentityProviders: ['COGNITO'],
      CallbackURLs: [{ 'Fn::Join': ['', [apiEndpoint, '/console/callback']] }],
      LogoutURLs: [{ 'Fn::Join': ['', [apiEndpoint, '/console/sign-out']] }],
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
    });
    for (const client of Object.values(api.findResources('AWS::Cognito::UserPoolClient'))) {
      expect(client.Properties.AllowedOAuthFlows).not.toContain('implicit');
    }
  });

  it('tells the function where to sign in, whose tokens to trust and which client they are for', () => {
    const env = consoleAuth.properties.Environment.Variables;
    expect(Object.keys(env).sort()).toEqual([
      'CONSOLE_AUTH_URL',
      'CONSOLE_CLIENT_ID',
      'CONSOLE_ISSUER',
      'LINK_SECRET_ARN',
      'NODE_OPTIONS',
      'POWERTOOLS_SERVICE_NAME',
      'PUBLIC_BASE_URL',
      // Who may sign in: the staff directory, read from the user pool.
      'STAFF_USER_POOL_ID',
    ]);
    expect(env.PUBLIC_BASE_URL).toEqual(apiEndpoint);
    expect(env.CONSOLE_CLIENT_ID).toEqual({ Ref: expect.stringMatching(/^ConsoleSignIn/) });
    const authUrl = JSON.stringify(env.CONSOLE_AUTH_URL);
    expect(authUrl).toMatch(/"https:\/\/",\{"Fn::ImportValue":"Closeloop-Data:ExportsOutputRefStaffPoolSignIn/);
    expect(authUrl).toContain('.auth.');
    expect(authUrl).toContain('.amazoncognito.com');
    const issuer = JSON.stringify(env.CONSOLE_ISSUER);
    expect(issuer).toContain('https://cognito-idp.');
    expect(issuer).toMatch(/"Fn::ImportValue":"Closeloop-Data:ExportsOutputRefStaffPool/);
  });

  it('lets the function read the link-signing key and the staff directory, nothing else: no table, no mail, no workflow', () => {
    const actions = actionsOf(statementsOfRole(api, consoleAuth.roleLogicalId))
      .filter((a) => !a.startsWith('logs:') && !a.startsWith('xray:'))
      .sort();
    expect(actions).toEqual([
      'cognito-idp:ListUsersInGroup',
      'secretsmanager:DescribeSecret',
      'secretsmanager:GetSecretValue',
    ]);
  });

  it('serves sign-in, callback and sign-out without the JWT authorizer: they are how a browser gets a session', () => {
    const routes = Object.values(api.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties);
    const signIn = routes.filter((r) => SIGN_IN_ROUTE.test(r.RouteKey));
    const console = signIn.map((r) => r.RouteKey);
    expect(console.sort()).toEqual([
      'GET /console/callback',
      'GET /console/sign-in',
      'GET /console/sign-out',
      'POST /console/sign-out',
    ]);
    for (const route of signIn) {
      expect(route.AuthorizationType ?? 'NONE', route.RouteKey).toBe('NONE');
    }
  });
});
