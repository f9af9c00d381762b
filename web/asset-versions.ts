/**
 * The version of each asset, as its links name it: a short hash of its body. Written by
 * `npx tsx infra/scripts/write-asset-versions.ts` and checked by test/unit/assets.test.ts, so the
 * pages link the current version without carrying every asset's body in their bundles. A stale
 * entry only costs caching: its URL is then served with no-cache, never as immutable.
 */
export const ASSET_VERSIONS = {
  'closeloop.css': '1sIkCpnIjAwY',
  'console.js': 's9wIBKGaueSO',
  'form.js': 'GEW-lTZIzuDp',
  'reply.js': 'w-kTSxRD9zsv',
  'survey.js': 'TTX1tjiUNCrX',
} as const;
