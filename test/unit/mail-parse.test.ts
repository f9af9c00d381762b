import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseMail, safeFileName } from '../../shared/mail/parse.js';

const crlf = (lines: string[]) => Buffer.from(lines.join('\r\n'), 'latin1');
const b64 = (text: string, charset: string) => iconv.encode(text, charset).toString('base64');
const pct = (text: string, charset: string) =>
  [...iconv.encode(text, charset)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');

describe('parsing a raw mail', () => {
  it('gives message ids without angle brackets, and In-Reply-To and References as arrays in header order', async () => {
    const parsed = await parseMail(
      crlf([
        'From: a@example.com',
        'Message-ID: <m1@example.com>',
        'In-Reply-To: <p2@eu-west-1.amazonses.com>',
        'References: <p1@eu-west-1.amazonses.com>',
        ' <p2@eu-west-1.amazonses.com>',
        '',
        'hi',
      ]),
    );
    expect(parsed.messageId).toBe('m1@example.com');
    expect(parsed.inReplyTo).toEqual(['p2@eu-west-1.amazonses.com']);
    expect(parsed.references).toEqual(['p1@eu-west-1.amazonses.com', 'p2@eu-west-1.amazonses.com']);
  });

  it('reads a subject and a file name labelled gb2312 that hold GB18030-only characters', async () => {
    const parsed = await parseMail(
      crlf([
        'From: a@example.com',
        `Subject: =?gb2312?B?${b64('𠮷野家的投诉', 'gb18030')}?=`,
        'Content-Type: multipart/mixed; boundary="b"',
        '',
        '--b',
        'Content-Type: text/plain; charset=gb2312',
        'Content-Transfer-Encoding: base64',
        '',
        b64('正文', 'gb18030'),
        '--b',
        'Content-Type: image/jpeg',
        `Content-Disposition: attachment; filename*=gb2312''${pct('𠮷照片.jpg', 'gb18030')}`,
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from([0xff, 0xd8, 0xff, 0xe0]).toString('base64'),
        '--b--',
        '',
      ]),
    );
    expect(parsed.subject).toBe('𠮷野家的投诉');
    expect(parsed.newText).toBe('正文');
    expect(parsed.attachments.map((a) => a.filename)).toEqual(['𠮷照片.jpg']);
  });

  it('reads a body in a charset it does not know as UTF-8 instead of failing', async () => {
    const parsed = await parseMail(
      Buffer.concat([
        crlf(['From: a@example.com', 'Content-Type: text/plain; charset=x-made-up', '', '']),
        Buffer.from('héllo 你好\r\n'),
      ]),
    );
    expect(parsed.newText).toBe('héllo 你好');
  });

  it('keeps line breaks and header tricks out of the subject and display names', async () => {
    const parsed = await parseMail(
      crlf([
        'From: =?utf-8?Q?Eve=0D=0ABcc=3A_x=40evil.example?= <eve@example.com>',
        'Subject: =?utf-8?Q?Hello=0D=0ABcc=3A_x=40evil.example?=',
        '',
        'hi',
      ]),
    );
    expect(parsed.subject).toBe('Hello Bcc: x@evil.example');
    expect(parsed.from).toEqual({ address: 'eve@example.com', name: 'Eve Bcc: x@evil.example' });
  });

  it('makes the whole text of an HTML-only mail from its HTML, without wrapping long lines', async () => {
    const long = 'word '.repeat(40).trim();
    const parsed = await parseMail(
      crlf(['From: a@example.com', 'Content-Type: text/html; charset=utf-8', '', `<p>${long}</p><script>x()</script>`]),
    );
    expect(parsed.fullText).toBe(long);
    expect(parsed.html).toContain('<script>');
  });

  it('applies the size and type options over the default policy', async () => {
    const raw = crlf([
      'From: a@example.com',
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain',
      '',
      'see attached',
      '--b',
      'Content-Type: application/pdf; name="a.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('%PDF-1.7 0123456789').toString('base64'),
      '--b--',
      '',
    ]);
    expect((await parseMail(raw)).attachments).toHaveLength(1);
    expect((await parseMail(raw, { maxAttachmentBytes: 10 })).refusedAttachments).toEqual([
      { filename: 'a.pdf', contentType: 'application/pdf', size: 19, reason: 'file_too_large' },
    ]);
    expect((await parseMail(raw, { allowedTypes: ['image/*'] })).refusedAttachments?.[0]?.reason).toBe(
      'type_not_allowed',
    );
  });
});

describe('a safe attachment file name', () => {
  it('has no path, no control or bidi characters', () => {
    expect(safeFileName('../../etc/passwd.txt', 'text/plain')).toBe('passwd.txt');
    expect(safeFileName('C:\\Users\\me\\photo.jpg', 'image/jpeg')).toBe('photo.jpg');
    expect(safeFileName('photo\u202Egpj.exe', 'application/octet-stream')).toBe('photogpj.exe');
    expect(safeFileName('a\u0000b\r\nc.png', 'image/png')).toBe('abc.png');
  });

  it('is never empty and keeps its extension when cut to length', () => {
    expect(safeFileName(undefined, 'image/jpeg')).toBe('attachment.jpg');
    expect(safeFileName('...', 'application/pdf')).toBe('attachment.pdf');
    const long = safeFileName(`${'很'.repeat(300)}.pdf`, 'application/pdf');
    expect(Array.from(long)).toHaveLength(100);
    expect(long.endsWith('.pdf')).toBe(true);
  });
});

describe('mislabelled Western mail', () => {
  it('reads text labelled iso-8859-1 as windows-1252, so curly quotes and the euro sign survive', async () => {
    const body = iconv.encode('It’s €49 – twice.', 'windows-1252');
    const parsed = await parseMail(
      Buffer.concat([
        crlf([
          'From: a@example.com',
          `Subject: =?iso-8859-1?Q?It=92s_=8049?=`,
          'Content-Type: text/plain; charset=iso-8859-1',
          '',
          '',
        ]),
        body,
      ]),
    );
    expect(parsed.subject).toBe('It’s €49');
    expect(parsed.newText).toBe('It’s €49 – twice.');
  });

  it('keeps a subject as written, spacing and emoji included', async () => {
    const parsed = await parseMail(
      crlf([
        'From: a@example.com',
        `Subject: =?utf-8?B?${Buffer.from('Re:  👨‍👩‍👧 family plan').toString('base64')}?=`,
        '',
        'x',
      ]),
    );
    expect(parsed.subject).toBe('Re:  👨‍👩‍👧 family plan');
  });
});

describe('the whole text kept for staff', () => {
  it('comes from the HTML when the text part is only a placeholder', async () => {
    const parsed = await parseMail(
      crlf([
        'From: a@example.com',
        'Content-Type: multipart/alternative; boundary="b"',
        '',
        '--b',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'This is an HTML message.',
        '--b',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<p>The real complaint.</p>',
        '--b--',
        '',
      ]),
    );
    expect(parsed.fullText).toBe('The real complaint.');
    expect(parsed.newText).toBe('The real complaint.');
  });
});
