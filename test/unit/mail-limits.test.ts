import { describe, expect, it } from 'vitest';
import { applyAttachmentPolicy, DEFAULT_ATTACHMENT_POLICY } from '../../shared/mail/limits.js';
import type { InboundAttachment } from '../../shared/mail/types.js';

const MB = 1024 * 1024;
function file(filename: string, contentType: string, size = 1000, head: number[] = [0xff, 0xd8]): InboundAttachment {
  const content = new Uint8Array(Math.min(size, 16));
  content.set(head.slice(0, content.length));
  return { filename, contentType, size, content };
}
const reasons = (files: InboundAttachment[]) =>
  applyAttachmentPolicy(files).refused.map(({ filename, reason }) => [filename, reason]);

describe('the default attachment policy', () => {
  it('keeps photos, PDFs, office documents, text and audio or video clips', () => {
    const files = [
      file('a.jpg', 'image/jpeg'),
      file('b.pdf', 'application/pdf'),
      file('c.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
      file('d.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
      file('e.txt', 'text/plain'),
      file('f.m4a', 'audio/mp4'),
      file('g.mov', 'video/quicktime'),
    ];
    expect(applyAttachmentPolicy(files).kept).toHaveLength(7);
  });

  it('refuses programs, scripts and archives, by type, by extension and by content', () => {
    expect(
      reasons([
        file('setup.exe', 'application/x-msdownload'),
        file('invoice.pdf.exe', 'application/pdf'),
        file('run.js', 'text/plain'),
        file('all.zip', 'application/zip'),
        file('photo.jpg', 'image/jpeg', 1000, [0x4d, 0x5a]),
        file('page.html', 'text/html'),
      ]),
    ).toEqual([
      ['setup.exe', 'type_not_allowed'],
      ['invoice.pdf.exe', 'type_not_allowed'],
      ['run.js', 'type_not_allowed'],
      ['all.zip', 'type_not_allowed'],
      ['photo.jpg', 'type_not_allowed'],
      ['page.html', 'type_not_allowed'],
    ]);
  });

  it('refuses a file over 10 MB, the 11th file, and what would take the total over 25 MB, and lists each', () => {
    expect(reasons([file('big.jpg', 'image/jpeg', 10 * MB + 1)])).toEqual([['big.jpg', 'file_too_large']]);
    const eleven = Array.from({ length: 11 }, (_, i) => file(`p${i}.jpg`, 'image/jpeg'));
    expect(reasons(eleven)).toEqual([['p10.jpg', 'too_many_files']]);
    const three = [
      file('a.jpg', 'image/jpeg', 9 * MB),
      file('b.jpg', 'image/jpeg', 9 * MB),
      file('c.jpg', 'image/jpeg', 9 * MB),
    ];
    expect(reasons(three)).toEqual([['c.jpg', 'total_too_large']]);
  });

  it('is data: an operator can allow another type', () => {
    const policy = { ...DEFAULT_ATTACHMENT_POLICY, allowedTypes: ['image/*'] };
    expect(applyAttachmentPolicy([file('b.pdf', 'application/pdf')], policy).refused).toHaveLength(1);
    expect(applyAttachmentPolicy([file('a.heic', 'image/heic')], policy).kept).toHaveLength(1);
  });
});
