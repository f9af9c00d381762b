import { readFileSync, writeFileSync } from 'node:fs';
import { ASSET_FILES } from '../../web/asset-files.js';
import { contentVersion } from '../../web/assets.js';

/**
 * Rewrites web/asset-versions.ts from the assets' current bodies: run it after changing the
 * stylesheet or a page script (test/unit/assets.test.ts fails until then).
 */
const entries = Object.entries(ASSET_FILES).map(([name, { body }]) => `  '${name}': '${contentVersion(body)}',`);
const path = new URL('../../web/asset-versions.ts', import.meta.url);
const source = readFileSync(path, 'utf8');
writeFileSync(path, source.replace(/= \{[\s\S]*?\} as const;/, `= {\n${entries.join('\n')}\n} as const;`));
console.log(entries.join('\n'));
