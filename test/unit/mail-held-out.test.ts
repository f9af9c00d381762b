import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMail } from '../../shared/mail/parse.js';
import type { ParsedMail } from '../../shared/mail/types.js';

/**
 * The held-out corpus: twelve mails written by another engineer, apart from the parser, which was
 * never tuned on them (test/fixtures/mail-held-out, with its own generator and expectations). It
 * measures whether reading mail generalises beyond the corpus the parser was built against.
 */
interface HeldOut {
  subject: string;
  from: { address: string; name?: string };
  inReplyTo?: string[];
  newText: { exact?: string; contains?: string[]; notContains?: string[] };
  attachments: { filename: string; contentType: string; size: number }[] | null;
  automatic: { kind: string } | null;
  deliveryProblem: { kind: string; recipients: string[]; detailContains?: string } | null;
}

const dir = join(import.meta.dirname, '../fixtures/mail-held-out');
const { mails } = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as { mails: Record<string, HeldOut> };

function mismatches(parsed: ParsedMail, wanted: HeldOut): string[] {
  const wrong: string[] = [];
  const check = (what: string, ok: boolean, got: unknown) => {
    if (!ok) wrong.push(`${what}: got ${JSON.stringify(got)}`);
  };
  check('subject', parsed.subject === wanted.subject, parsed.subject);
  check('from', parsed.from?.address === wanted.from.address, parsed.from);
  if (wanted.from.name) check('from name', parsed.from?.name === wanted.from.name, parsed.from?.name);
  if (wanted.inReplyTo)
    check(
      'inReplyTo',
      wanted.inReplyTo.every((id) => parsed.inReplyTo.includes(id)),
      parsed.inReplyTo,
    );
  const text = parsed.newText.trim();
  if (wanted.newText.exact !== undefined) check('newText', text === wanted.newText.exact, text);
  for (const part of wanted.newText.contains ?? []) check(`newText contains "${part}"`, text.includes(part), text);
  for (const part of wanted.newText.notContains ?? []) check(`newText lacks "${part}"`, !text.includes(part), text);
  if (wanted.attachments) {
    const got = parsed.attachments.map(({ filename, contentType, size }) => ({ filename, contentType, size }));
    check('attachments', JSON.stringify(got) === JSON.stringify(wanted.attachments), got);
  }
  check('automatic', (parsed.automatic?.kind ?? null) === (wanted.automatic?.kind ?? null), parsed.automatic);
  if (wanted.deliveryProblem) {
    const got = parsed.deliveryProblem;
    check('delivery problem kind', got?.kind === wanted.deliveryProblem.kind, got);
    check(
      'delivery problem recipients',
      JSON.stringify(got?.recipients) === JSON.stringify(wanted.deliveryProblem.recipients),
      got?.recipients,
    );
    if (wanted.deliveryProblem.detailContains)
      check('delivery problem detail', got?.detail.includes(wanted.deliveryProblem.detailContains) ?? false, got);
  } else {
    check('no delivery problem', !parsed.deliveryProblem, parsed.deliveryProblem);
  }
  return wrong;
}

describe('mail the parser was never tuned on (held out)', () => {
  it.each(Object.entries(mails))('reads %s as a person would', async (file, wanted) => {
    const parsed = await parseMail(readFileSync(join(dir, file)));
    expect(mismatches(parsed, wanted)).toEqual([]);
  });
});
