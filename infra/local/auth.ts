import { type JWTPayload, jwtVerify, SignJWT } from 'jose';
import type { StaffMember } from '../../shared/policy/types.js';

/**
 * The local stand-in for the Cognito user pool: it signs tokens for the policy's staff directory,
 * and the local gateway's JWT authorizer accepts exactly these. It exists only in the local runtime;
 * on AWS staff sign in to Cognito and the HTTP API's JWT authorizer checks Cognito's tokens.
 */

/** Served by the local gateway only; the CDK app has no such route. */
export const LOCAL_TOKEN_PATH = '/_local/token';
/** What a JWT authorizer's audience (the Cognito app client id on AWS) is locally. */
export const LOCAL_AUDIENCE = 'closeloop-local';
/** Cognito's default ID token lifetime is one hour; a local working day saves fetching tokens during a demo. */
export const LOCAL_TOKEN_LIFETIME_SECONDS = 12 * 3600;

export interface LocalToken {
  token: string;
  expiresAt: string;
  user: StaffMember;
}

export class UnknownUserError extends Error {
  override name = 'UnknownUserError';
}

export class LocalIssuer {
  /** `<apiUrl>/_local`: like Cognito's issuer, a URL under the service that signs. */
  readonly issuer: string;
  private readonly key: Uint8Array;
  private readonly staff: ReadonlyMap<string, StaffMember>;

  constructor(opts: { apiUrl: string; secret: string; staff: StaffMember[] }) {
    this.issuer = `${opts.apiUrl}/_local`;
    this.key = Buffer.from(opts.secret, 'utf8');
    this.staff = new Map(opts.staff.map((s) => [s.id, s]));
  }

  /** The staff directory it signs for (the policy's `staff`). */
  get users(): StaffMember[] {
    return [...this.staff.values()];
  }

  get userIds(): string[] {
    return [...this.staff.keys()];
  }

  /** A token shaped like a Cognito ID token: the username and the groups (one per role) are what the API reads. */
  async issue(userId: string, issuedAt: Date = new Date()): Promise<LocalToken> {
    const user = this.staff.get(userId);
    if (!user) {
      throw new UnknownUserError(`Unknown user ${JSON.stringify(userId)}; known users: ${this.userIds.join(', ')}`);
    }
    const iat = Math.floor(issuedAt.getTime() / 1000);
    const exp = iat + LOCAL_TOKEN_LIFETIME_SECONDS;
    const token = await new SignJWT({
      'cognito:username': user.id,
      'cognito:groups': [user.role],
      email: user.email,
      token_use: 'id',
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(this.issuer)
      .setAudience(LOCAL_AUDIENCE)
      .setSubject(user.id)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(this.key);
    return { token, expiresAt: new Date(exp * 1000).toISOString(), user };
  }

  /** The token's claims if this issuer signed it for the local audience and it has not expired; throws otherwise. */
  async verify(token: string): Promise<JWTPayload> {
    const { payload } = await jwtVerify(token, this.key, {
      issuer: this.issuer,
      audience: LOCAL_AUDIENCE,
      algorithms: ['HS256'],
    });
    return payload;
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
