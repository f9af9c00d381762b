import { describe, expect, it } from 'vitest';
import { IntakeConfig, LinkConfig, MailConfig, readConfig, TableConfig, WorkflowConfig } from '../../shared/config.js';

/** What an operator reads when a function refuses to start. */
const problem = (read: () => unknown) => {
  try {
    read();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the configuration was accepted');
};

describe('configuration read at cold start', () => {
  it('names a missing variable', () => {
    expect(problem(() => readConfig(TableConfig, {}))).toMatch(/TABLE_NAME: .*(missing|undefined)/);
  });

  it('says how long a value must be', () => {
    expect(problem(() => readConfig(TableConfig, { TABLE_NAME: 'ab' }))).toMatch(/TABLE_NAME: .*3/);
    expect(
      problem(() => readConfig(LinkConfig, { PUBLIC_BASE_URL: 'https://x.example', LINK_SIGNING_SECRET: 'short' })),
    ).toMatch(/LINK_SIGNING_SECRET: .*32/);
  });

  it('says what a malformed value should look like', () => {
    expect(problem(() => readConfig(WorkflowConfig, { STATE_MACHINE_ARN: 'machine' }))).toMatch(
      /STATE_MACHINE_ARN: .*"arn:"/,
    );
    expect(problem(() => readConfig(MailConfig, { MAIL_FROM: 'nobody' }))).toMatch(/MAIL_FROM: .*email/i);
    expect(problem(() => readConfig(IntakeConfig, { RATE_LIMIT_PER_MINUTE: '1.5' }))).toMatch(
      /RATE_LIMIT_PER_MINUTE: .*int/,
    );
    expect(problem(() => readConfig(IntakeConfig, { RATE_LIMIT_PER_MINUTE: '-1' }))).toMatch(
      /RATE_LIMIT_PER_MINUTE: .*0/,
    );
  });

  it('lists every problem at once, the whole-section rule included', () => {
    expect(problem(() => readConfig(LinkConfig, { PUBLIC_BASE_URL: 'nope' }))).toMatch(
      /PUBLIC_BASE_URL: .*URL.*; env: set LINK_SIGNING_SECRET or LINK_SECRET_ARN/i,
    );
  });

  it('reads good values, with defaults', () => {
    expect(readConfig(IntakeConfig, {})).toEqual({ RATE_LIMIT_PER_MINUTE: 20 });
    expect(readConfig(IntakeConfig, { RATE_LIMIT_PER_MINUTE: '0' })).toEqual({ RATE_LIMIT_PER_MINUTE: 0 });
  });
});
