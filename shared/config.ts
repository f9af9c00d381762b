import { z } from 'zod';

/**
 * Configuration, read and checked once per cold start: a missing or malformed variable fails
 * the function at init, loudly, instead of at the first customer's request.
 */
const Env = z.object({
  TABLE_NAME: z.string().min(3),
  STATE_MACHINE_ARN: z.string().min(1),
  MAIL_FROM: z.email(),
  SES_CONFIGURATION_SET: z.string().min(1).optional(),
  /** Base URL customers' links point at (the API's public URL). */
  PUBLIC_BASE_URL: z.url(),
  /** HMAC secret for customer links, given directly (local) ... */
  LINK_SIGNING_SECRET: z.string().min(32).optional(),
  /** ... or as a Secrets Manager secret ARN (AWS), fetched once at cold start. */
  LINK_SECRET_ARN: z.string().min(1).optional(),
  /** Submissions per client and minute; 0 turns the limit off (benchmarks). */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(20),
  /** Optional JSON that replaces parts of the default policy (operators' knob). */
  CLOSELOOP_POLICY: z.string().optional(),
});
export type Config = z.infer<typeof Env>;

let cached: Config | undefined;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  if (cached && env === process.env) return cached;
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Closeloop configuration is invalid: ${problems}`);
  }
  if (!parsed.data.LINK_SIGNING_SECRET && !parsed.data.LINK_SECRET_ARN) {
    throw new Error('Closeloop configuration is invalid: set LINK_SIGNING_SECRET or LINK_SECRET_ARN');
  }
  if (env === process.env) cached = parsed.data;
  return parsed.data;
}

/** For tests that change the environment between cases. */
export function resetConfigCache(): void {
  cached = undefined;
}
