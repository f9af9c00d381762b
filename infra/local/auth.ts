import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  calculateJwkThumbprint,
  exportJWK,
  exportPKCS8,
  generateKeyPair,
  importJWK,
  importPKCS8,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose';
import type { StaffMember } from '../../shared/policy/types.js';

/**
 * The local stand-in for the Cognito user pool: it signs tokens for the policy's staff directory
 * with an RSA key (RS256, as Cognito does) and publishes the public half as a JWKS, so whoever
 * checks a token does it exactly as on AWS. The local gateway's JWT authorizer accepts exactly these.
 * It exists only in the local runtime; on AWS staff sign in to Cognito and the HTTP API's JWT
 * authorizer checks Cognito's tokens.
 */

/** Served by the local gateway only; the CDK app has no such route. */
export const LOCAL_TOKEN_PATH = '/_local/token';
/** What a JWT authorizer's audience (the Cognito app client id on AWS) is locally. */
export const LOCAL_AUDIENCE = 'closeloop-local';
/** The console's app client locally: what CONSOLE_CLIENT_ID is, and the audience of the console's ID tokens. */
export const LOCAL_CONSOLE_CLIENT_ID = 'closeloop-console-local';
/** Cognito's default ID token lifetime is one hour; a local working day saves fetching tokens during a demo. */
export const LOCAL_TOKEN_LIFETIME_SECONDS = 12 * 3600;
/** What the console's code flow gets, as from Cognito: one hour. */
export const OAUTH_TOKEN_LIFETIME_SECONDS = 3600;

export interface LocalToken {
  token: string;
  expiresAt: string;
  user: StaffMember;
}

export class UnknownUserError extends Error {
  override name = 'UnknownUserError';
}

/** jose's key type (a WebCrypto CryptoKey, which this project's TypeScript libs do not name). */
type SigningKey = Awaited<ReturnType<typeof importPKCS8>>;

interface IssueOptions {
  /** Default LOCAL_AUDIENCE (the API's client). */
  audience?: string;
  /** Put in an ID token when the sign-in asked for one, as Cognito does. */
  nonce?: string;
  lifetimeSeconds?: number;
}

export class LocalIssuer {
  /** `<apiUrl>/_local`: like Cognito's issuer, a URL under the service that signs; its JWKS is `<issuer>/.well-known/jwks.json`. */
  readonly issuer: string;
  /** The audiences the local authorizer accepts: the API's client and the console's, as on AWS. */
  readonly audiences: readonly string[] = [LOCAL_AUDIENCE, LOCAL_CONSOLE_CLIENT_ID];
  private readonly staff: ReadonlyMap<string, StaffMember>;

  private constructor(
    opts: { apiUrl: string; staff: StaffMember[] },
    private readonly privateKey: SigningKey,
    private readonly publicKey: SigningKey,
    private readonly publicJwk: JWK & { kid: string },
  ) {
    this.issuer = `${opts.apiUrl}/_local`;
    this.staff = new Map(opts.staff.map((s) => [s.id, s]));
  }

  /**
   * An issuer with the RSA key kept in keyFile (PKCS#8 PEM, created on first use, readable by its
   * owner only), so tokens stay valid across restarts; without keyFile a fresh key per run.
   */
  static async create(opts: { apiUrl: string; staff: StaffMember[]; keyFile?: string }): Promise<LocalIssuer> {
    let privateKey: SigningKey;
    if (opts.keyFile && existsSync(opts.keyFile)) {
      privateKey = await importPKCS8(readFileSync(opts.keyFile, 'utf8'), 'RS256', { extractable: true });
    } else {
      ({ privateKey } = await generateKeyPair('RS256', { extractable: true }));
      if (opts.keyFile) {
        mkdirSync(dirname(opts.keyFile), { recursive: true });
        writeFileSync(opts.keyFile, await exportPKCS8(privateKey), { mode: 0o600 });
      }
    }
    const { kty, n, e } = await exportJWK(privateKey);
    const publicJwk = { kty, n, e };
    const kid = await calculateJwkThumbprint(publicJwk);
    const publicKey = (await importJWK(publicJwk, 'RS256')) as SigningKey;
    return new LocalIssuer(opts, privateKey, publicKey, { ...publicJwk, kid, alg: 'RS256', use: 'sig' });
  }

  /** The staff directory it signs for (the policy's `staff`). */
  get users(): StaffMember[] {
    return [...this.staff.values()];
  }

  get userIds(): string[] {
    return [...this.staff.keys()];
  }

  user(userId: string): StaffMember | undefined {
    return this.staff.get(userId);
  }

  /** What `/.well-known/jwks.json` answers: the public key only. */
  jwks(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
  }

  /** A token shaped like a Cognito ID token: the username and the groups (one per role) are what the API reads. */
  async issue(userId: string, issuedAt: Date = new Date(), opts: IssueOptions = {}): Promise<LocalToken> {
    const user = this.known(userId);
    const iat = Math.floor(issuedAt.getTime() / 1000);
    const exp = iat + (opts.lifetimeSeconds ?? LOCAL_TOKEN_LIFETIME_SECONDS);
    const token = this.sign(
      {
        'cognito:username': user.id,
        'cognito:groups': [user.role],
        email: user.email,
        name: user.name,
        token_use: 'id',
        auth_time: iat,
        ...(opts.nonce ? { nonce: opts.nonce } : {}),
      },
      user.id,
      iat,
      exp,
    ).setAudience(opts.audience ?? LOCAL_AUDIENCE);
    return { token: await token.sign(this.privateKey), expiresAt: new Date(exp * 1000).toISOString(), user };
  }

  /** A token shaped like a Cognito access token: no audience, the client in `client_id`. */
  async issueAccess(userId: string, clientId: string, scope: string, issuedAt: Date = new Date()): Promise<string> {
    const user = this.known(userId);
    const iat = Math.floor(issuedAt.getTime() / 1000);
    const token = this.sign(
      { 'cognito:groups': [user.role], token_use: 'access', scope, client_id: clientId, username: user.id },
      user.id,
      iat,
      iat + OAUTH_TOKEN_LIFETIME_SECONDS,
    );
    return token.sign(this.privateKey);
  }

  /**
   * The token's claims if this issuer signed it and it has not expired, for one of the accepted
   * clients (an ID token by `aud`, an access token by `client_id`, as API Gateway matches them);
   * throws otherwise.
   */
  async verify(token: string): Promise<JWTPayload> {
    const { payload } = await jwtVerify(token, this.publicKey, { issuer: this.issuer, algorithms: ['RS256'] });
    const audiences = [payload.aud ?? []].flat();
    const clientId = typeof payload.client_id === 'string' ? payload.client_id : undefined;
    const forUs = audiences.some((a) => this.audiences.includes(a)) || (clientId && this.audiences.includes(clientId));
    if (!forUs)
      throw Object.assign(new Error('token is for another client'), { code: 'ERR_JWT_CLAIM_VALIDATION_FAILED' });
    return payload;
  }

  private known(userId: string): StaffMember {
    const user = this.staff.get(userId);
    if (!user) {
      throw new UnknownUserError(`Unknown user ${JSON.stringify(userId)}; known users: ${this.userIds.join(', ')}`);
    }
    return user;
  }

  private sign(claims: JWTPayload, subject: string, iat: number, exp: number): SignJWT {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: this.publicJwk.kid })
      .setIssuer(this.issuer)
      .setSubject(subject)
      .setIssuedAt(iat)
      .setExpirationTime(exp);
  }
}

/**
 * Claims as an HTTP API JWT authorizer hands them to a payload 2.0 function: every value is a
 * string; numbers keep their digits ("1718722804"); an array becomes its items in brackets,
 * separated by spaces, so `cognito:groups: ["agent","supervisor"]` arrives as "[agent supervisor]"
 * (as reported from real deployments, e.g. aws-solutions-library-samples/guidance-for-claude-code-
 * with-amazon-bedrock#803). Nested objects do not occur in these tokens; JSON is our guess for them.
 */
export function apiGatewayClaims(payload: JWTPayload): Record<string, string> {
  const text = (value: unknown): string => {
    if (typeof value === 'string') return value;
    if (Array.isArray(value)) return `[${value.map(text).join(' ')}]`;
    if (typeof value === 'object' && value !== null) return JSON.stringify(value);
    return String(value);
  };
  return Object.fromEntries(Object.entries(payload).map(([name, value]) => [name, text(value)]));
}

/** `POST /_local/token {"user": "<staff id>"}` → 200 `{ token, expiresAt, user }`, or 400 naming the known users. */
export async function tokenRequest(issuer: LocalIssuer, body: Buffer): Promise<{ statusCode: number; body: unknown }> {
  const refuse = (message: string) => ({ statusCode: 400, body: { message, users: issuer.userIds } });
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return refuse('Send JSON: {"user": "<staff id>"}');
  }
  const user = (parsed as { user?: unknown } | null)?.user;
  if (typeof user !== 'string') return refuse('Send JSON: {"user": "<staff id>"}');
  try {
    return { statusCode: 200, body: await issuer.issue(user) };
  } catch (err) {
    if (err instanceof UnknownUserError) return refuse(err.message);
    throw err;
  }
}
