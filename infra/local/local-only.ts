/**
 * Settings that mean something only to the local runtime (`npm start`, tests, benches). The
 * deployed functions never read them: workflow time is scaled by injecting a clock at wiring
 * (shared/clock.ts), not through the environment. test/infra/local-only-settings.test.ts checks
 * that no function's template environment, and no file under shared/ or functions/, names one.
 */
export const LOCAL_ONLY_SETTINGS = [
  'CLOSELOOP_TIME_SCALE',
  'CLOSELOOP_CLOCK_START',
  'CLOSELOOP_CLOCK_ANCHOR_REAL',
  'CLOSELOOP_CLOCK_ANCHOR_VIRTUAL',
  'CLOSELOOP_DATA_DIR',
  'SES_PORT',
  'SFN_PORT',
  'DYNAMODB_PORT',
  'SMTP_PORT',
  'S3_PORT',
] as const;
