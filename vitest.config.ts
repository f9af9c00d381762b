import { defineConfig } from 'vitest/config';

/**
 * Tests by kind, one project per folder, so a new file lands in its kind by where it is put:
 * - unit: pure code, no Java, no emulator, no network (`npx vitest run --project unit`);
 * - infra: the CDK app synthesized in memory; no Java either;
 * - integration, e2e, browser: against DynamoDB Local (one per run, started by the global setup
 *   only when one of these projects runs) and the local runtime.
 * Groups run in order, so a broken unit fails fast before the slow suites start.
 */
const EMULATORS = ['test/support/global-setup.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Two cores on CI; the emulators are shared by every worker.
    maxWorkers: 2,
    // Handlers log JSON and emit EMF metrics; a test asserts behaviour, not log lines.
    env: { POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true' },
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'infra', include: ['test/infra/**/*.test.ts'], sequence: { groupOrder: 1 } } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: EMULATORS,
          sequence: { groupOrder: 2 },
        },
      },
      {
        extends: true,
        test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], globalSetup: EMULATORS, sequence: { groupOrder: 3 } },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: EMULATORS,
          sequence: { groupOrder: 4 },
        },
      },
    ],
  },
});
