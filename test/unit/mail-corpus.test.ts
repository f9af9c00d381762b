import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMail } from '../../shared/mail/parse.js';
import { mismatches } from '../fixtures/mail/make/check.js';
import type { Expected } from '../fixtures/mail/make/corpus.js';

const dir = join(import.meta.dirname, '../fixtures/mail');
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, Expected>;

describe('the mail corpus, real client shapes in real charsets', () => {
  it('has at least 25 mails', () => {
    expect(Object.keys(expected).length).toBeGreaterThanOrEqual(25);
  });

  it.each(Object.entries(expected))('reads %s as a person would', async (file, wanted) => {
    const parsed = await parseMail(readFileSync(join(dir, file)));
    expect(mismatches(parsed, wanted)).toEqual([]);
  });
});
