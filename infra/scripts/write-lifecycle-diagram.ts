import { readFileSync, writeFileSync } from 'node:fs';
import { withLifecycleDiagram } from '../../shared/workflow/lifecycle-diagram.js';

/** Rewrites the README's lifecycle diagram from the lifecycle table: run it after changing the table. */
const path = new URL('../../README.md', import.meta.url);
writeFileSync(path, withLifecycleDiagram(readFileSync(path, 'utf8')));
