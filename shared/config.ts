import * as z from 'zod/mini';

/**
 * Configuration, read and checked once per cold start: a missing or malformed variable fails
 * the function at init, loudly, instead of at the first customer's request. Each function
 * reads only the sections it needs (a state-machine task cannot be given the machine's own ARN).
 */
export const TableConfig = z.object({ TABLE_NAME: z.string().check(z.minLength(3)) });

export const WorkflowConfig = z.object({ STATE_MACHINE_ARN: z.string().check(z.startsWith('arn:')) });

export const MailConfig = z.object({
  MAIL_FROM: z.email(),
  SES_CONFIGURATION_SET: z.optional(z.string().check(z.minLength(1))),
});

/** The API's public URL alone, for functions that link staff to a complaint but sign nothing. */
export const PublicUrlConfig = z.object({ PUBLIC_BASE_URL: z.url() });

/** Where customers' replies go: the per-complaint reply addresses and the bucket SES stores inbound mail in. */
export const InboundMailConfig = z.object({
  /** The domain SES receives mail for (its MX record points at SES), e.g. reply.example.com. */
  REPLY_DOMAIN: z.string().check(z.regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i)),
  /** The local part before '+' in reply addresses. */
  REPLY_LOCAL_PART: z._default(z.string().check(z.regex(/^[a-z0-9._-]+$/i)), 'reply'),
  INBOUND_MAIL_BUCKET: z.string().check(z.minLength(3)),
});

/** Privacy (PRIV): the functions that export or erase raw mail need the bucket only, not the mail domain. */
export const RawMailBucketConfig = z.object({ INBOUND_MAIL_BUCKET: z.string().check(z.minLength(3)) });

export const LinkConfig = z
  .object({
    /** Base URL customers' links point at (the API's public URL). */
    PUBLIC_BASE_URL: z.url(),
    /** HMAC secret for customer links, given directly (local) ... */
    LINK_SIGNING_SECRET: z.optional(z.string().check(z.minLength(32))),
    /** ... or as a Secrets Manager secret ARN (AWS), fetched once at cold start. */
    LINK_SECRET_ARN: z.optional(z.string().check(z.startsWith('arn:'))),
  })
  .check(
    z.refine((c) => Boolean(c.LINK_SIGNING_SECRET || c.LINK_SECRET_ARN), {
      error: 'set LINK_SIGNING_SECRET or LINK_SECRET_ARN',
    }),
  );

/** The console's sign-in: Cognito's managed login on AWS, the local runtime's provider locally. */
export const ConsoleAuthConfig = z.object({
  /** The provider's base URL: `/oauth2/authorize`, `/oauth2/token` and `/logout` are under it. */
  CONSOLE_AUTH_URL: z.url(),
  /** The ID tokens' issuer; its JWKS is `<issuer>/.well-known/jwks.json`. */
  CONSOLE_ISSUER: z.url(),
  /** The console's app client: the ID tokens' audience. */
  CONSOLE_CLIENT_ID: z.string().check(z.minLength(1)),
  PUBLIC_BASE_URL: z.url(),
});

/**
 * Where the functions that need staff find them: the Cognito user pool on AWS, or a JSON list of
 * members given directly (the local runtime's demo staff). Exactly one: a function that needs staff
 * and has neither must not start with an empty directory, where nobody could sign in or be told.
 */
export const StaffDirectoryConfig = z
  .object({
    STAFF_USER_POOL_ID: z.optional(z.string().check(z.regex(/^[\w-]+_[0-9a-zA-Z]+$/))),
    STAFF_DIRECTORY: z.optional(z.string().check(z.minLength(2))),
  })
  .check(
    z.refine((c) => Boolean(c.STAFF_USER_POOL_ID) !== Boolean(c.STAFF_DIRECTORY), {
      error: 'set STAFF_USER_POOL_ID (the Cognito user pool) or STAFF_DIRECTORY (a JSON list of members), not both',
    }),
  );

export const IntakeConfig = z.object({
  /** Submissions per client and minute; 0 turns the limit off (benchmarks). */
  RATE_LIMIT_PER_MINUTE: z._default(z.coerce.number().check(z.int(), z.minimum(0)), 20),
});

export function readConfig<T extends z.ZodMiniType>(schema: T, env: NodeJS.ProcessEnv = process.env): z.infer<T> {
  const parsed = schema.safeParse(env, { reportInput: true });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'env'}: ${describe(i)}`).join('; ');
    throw new Error(`Closeloop configuration is invalid: ${problems}`);
  }
  return parsed.data;
}

/**
 * An operator's sentence for a configuration problem. zod/mini carries no message texts (its
 * English locale would add 2.6 KB to every function for a message that is read once, at a failed
 * cold start), so the few kinds of problem these schemas can report are worded here.
 */
function describe(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      // Never the value itself: it may be a secret.
      return issue.input === undefined
        ? 'missing'
        : `must be a${issue.expected === 'int' ? 'n' : ''} ${issue.expected}`;
    case 'too_small':
      return issue.origin === 'string'
        ? `must be at least ${issue.minimum} characters long`
        : `must be at least ${issue.minimum}`;
    case 'invalid_format':
      return issue.format === 'starts_with'
        ? `must start with "${(issue as { prefix?: string }).prefix}"`
        : `is not a valid ${issue.format === 'url' ? 'URL' : issue.format}`;
    default:
      return issue.message;
  }
}
