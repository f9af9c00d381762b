import { afterEach, describe, expect, it, vi } from 'vitest';
import { deliveryProblemDeps, inboundMailDeps } from '../../shared/usecases/receive-mail.js';

/** What every mailing function is given (the stack's mail environment) and what the inbound function adds. */
const MAILING = {
  TABLE_NAME: 'closeloop',
  AWS_REGION: 'eu-west-1',
  MAIL_FROM: 'service@example.com',
  PUBLIC_BASE_URL: 'https://api.example.com',
  LINK_SIGNING_SECRET: 'wiring-test-secret-0123456789abcdef',
  // Every customer mail carries a reply address on this domain.
  REPLY_DOMAIN: 'reply.example.com',
};
const INBOUND = {
  ...MAILING,
  INBOUND_MAIL_BUCKET: 'closeloop-inbound',
  STATE_MACHINE_ARN: 'arn:aws:states:eu-west-1:123456789012:stateMachine:closeloop',
};

describe('the inbound mail wiring', () => {
  afterEach(() => vi.unstubAllEnvs());
  const stub = (env: Record<string, string>) => {
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  };

  it('builds the inbound function’s ports from its environment, reply addresses keyed by the link key', async () => {
    stub(INBOUND);
    const deps = await inboundMailDeps();
    expect(deps.replyAddresses).toMatchObject({ localPart: 'reply', domain: 'reply.example.com' });
    expect(new TextDecoder().decode(deps.replyAddresses.key)).toBe(MAILING.LINK_SIGNING_SECRET);
  });

  it('builds the bounce function’s ports without the inbound bucket or the state machine', async () => {
    stub(MAILING);
    vi.stubEnv('INBOUND_MAIL_BUCKET', undefined);
    vi.stubEnv('STATE_MACHINE_ARN', undefined);
    const deps = await deliveryProblemDeps();
    expect(deps.addressHealth).toBeDefined();
    await expect(inboundMailDeps()).rejects.toThrow(/INBOUND_MAIL_BUCKET/);
  });
});
