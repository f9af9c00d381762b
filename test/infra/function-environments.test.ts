import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLocalModel } from '../../infra/local/cdk-model.js';

const run = promisify(execFile);

/** A value of the right form for each kind of CloudFormation expression the template holds. */
function standIn(name: string): string {
  if (name.endsWith('_ARN') && name.startsWith('STATE_MACHINE'))
    return 'arn:aws:states:us-east-1:000000000000:stateMachine:x';
  if (name.endsWith('_ARN')) return 'arn:aws:secretsmanager:us-east-1:000000000000:secret:link-key';
  if (name.endsWith('_URL') || name.endsWith('_ISSUER')) return 'https://api.example.com';
  if (name.endsWith('_POOL_ID')) return 'eu-west-1_Example01';
  return 'closeloop-table';
}

/**
 * Every Lambda must start with exactly the environment CDK gives it: a handler that reads a
 * variable its function was not given would pass every local test (the local runtime shares one
 * environment) and fail its first cold start on AWS. Each function is imported in a fresh Node
 * process with only its template environment; a stub answers the Secrets Manager fetch some
 * functions make at cold start.
 */
describe('each function’s template environment', () => {
  const model = loadLocalModel();
  let secrets: Server;
  let secretsUrl: string;

  it('runs the breach digest locally as on AWS: every hour, the function sending at nine in the policy’s zone', () => {
    const schedule = model.schedules.find(
      (s) => model.functions[s.functionLogicalId]?.entry === 'functions/breach-digest.ts',
    );
    expect(schedule).toMatchObject({ expression: 'rate(1 hour)' });
  });

  beforeAll(async () => {
    secrets = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.setHeader('content-type', 'application/x-amz-json-1.1');
        res.end(JSON.stringify({ ARN: 'arn:x', Name: 'link-key', SecretString: 's'.repeat(48) }));
      });
    });
    await new Promise<void>((resolve) => secrets.listen(0, '127.0.0.1', resolve));
    const address = secrets.address();
    secretsUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(() => new Promise<void>((resolve) => secrets.close(() => resolve())));

  it.each(Object.values(model.functions).map((f) => [f.entry, f] as const))(
    'starts %s with only what the template sets',
    async (_entry, fn) => {
      const env: Record<string, string> = {
        PATH: process.env.PATH ?? '',
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        AWS_ENDPOINT_URL_SECRETS_MANAGER: secretsUrl,
        POWERTOOLS_LOG_LEVEL: 'SILENT',
        POWERTOOLS_METRICS_DISABLED: 'true',
        ...Object.fromEntries(Object.keys(fn.tokenEnvironment).map((name) => [name, standIn(name)])),
        ...fn.environment,
      };
      delete env.NODE_OPTIONS;
      const entry = join(process.cwd(), fn.entry);
      const script = `const m = await import(${JSON.stringify(entry)}); if (typeof m.handler !== 'function') throw new Error('no handler export');`;
      await expect(
        run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
          env,
          cwd: process.cwd(),
          timeout: 60_000,
        }),
      ).resolves.toBeDefined();
    },
  );
});
