import { describe, expect, it } from 'vitest';
import { LinkExpiredError, NotFoundError } from '../../shared/errors/index.js';
import { signCustomerLink, verifyCustomerLink } from '../../shared/links/status-link.js';
import type { Complaint } from '../../shared/model/complaint.js';
import { formatTicketNumber } from '../../shared/model/ticket.js';
import { acknowledgementMail } from '../../shared/templates/acknowledgement.js';
import { escapeHtml, html } from '../../shared/templates/html.js';

const secret = new TextEncoder().encode('a-test-secret-that-is-long-enough-0123456789');
const now = new Date('2026-11-24T02:00:00Z');

describe('customer status links', () => {
  const sign = (complaintId: string, expiresAt: Date, key = secret) =>
    signCustomerLink({ complaintId, purpose: 'status', baseUrl: 'https://cl.example.com/', expiresAt, secret: key });

  it('lead to the one complaint they were made for', async () => {
    const link = await sign('c-1', new Date(now.getTime() + 86_400_000));
    expect(link.url).toBe(`https://cl.example.com/status/${link.token}`);
    await expect(verifyCustomerLink(link.token, 'status', secret, now)).resolves.toEqual({ complaintId: 'c-1' });
  });

  it('stop working when they expire, and say so', async () => {
    const link = await sign('c-1', new Date(now.getTime() + 60_000));
    const later = new Date(now.getTime() + 120_000);
    await expect(verifyCustomerLink(link.token, 'status', secret, later)).rejects.toBeInstanceOf(LinkExpiredError);
  });

  it('reveal nothing when tampered with, forged, or used for another purpose', async () => {
    const link = await sign('c-1', new Date(now.getTime() + 86_400_000));
    const [header, payload, signature] = link.token.split('.');
    const otherPayload = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), sub: 'c-2' }),
    ).toString('base64url');
    await expect(
      verifyCustomerLink(`${header}.${otherPayload}.${signature}`, 'status', secret, now),
    ).rejects.toBeInstanceOf(NotFoundError);
    const forged = await sign('c-2', new Date(now.getTime() + 86_400_000), new TextEncoder().encode('x'.repeat(40)));
    await expect(verifyCustomerLink(forged.token, 'status', secret, now)).rejects.toBeInstanceOf(NotFoundError);
    await expect(verifyCustomerLink(link.token, 'survey', secret, now)).rejects.toBeInstanceOf(NotFoundError);
    await expect(verifyCustomerLink('garbage', 'status', secret, now)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('ticket numbers', () => {
  it('read as month of receipt and sequence', () => {
    expect(formatTicketNumber('202611', 7)).toBe('202611-0007');
    expect(formatTicketNumber('202611', 10_000)).toBe('202611-10000');
    expect(() => formatTicketNumber('2026-11', 1)).toThrow();
    expect(() => formatTicketNumber('202611', 0)).toThrow();
  });
});

describe('HTML escaping', () => {
  it('escapes every interpolated value and keeps our own markup', () => {
    const name = `<img src=x onerror="alert('x')">`;
    expect(html`<p>${name}</p>`.value).toBe('<p>&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;</p>');
    expect(html`<ul>${[html`<li>${'a&b'}</li>`]}</ul>`.value).toBe('<ul><li>a&amp;b</li></ul>');
    expect(escapeHtml('`')).toBe('&#96;');
  });
});

function complaint(overrides: Partial<Complaint> = {}): Complaint {
  return {
    id: 'c-1',
    ticketNumber: '202611-0042',
    status: 'received',
    grade: 'P3',
    gradeReasons: [],
    category: 'logistics',
    department: 'supply_chain',
    routingReasons: [],
    customer: { name: 'Ann <b>Lee</b>', email: 'ann@example.com', tier: 'standard', locale: 'en' },
    channel: 'web',
    description: 'Parcel is late <script>alert(1)</script>',
    receivedAt: '2026-09-30T09:00:00.000Z',
    deadlines: {
      assign: '2026-09-30T11:00:00.000Z',
      firstContact: '2026-10-08T09:00:00.000Z',
      solution: '2026-10-09T09:00:00.000Z',
      resolve: '2026-10-10T09:00:00.000Z',
    },
    version: 1,
    updatedAt: '2026-09-30T09:00:00.000Z',
    ...overrides,
  };
}

describe('the acknowledgement mail', () => {
  const statusUrl = 'https://cl.example.com/status/abc';

  it('tells an English customer the ticket number, what happens next, by when, and the status link', () => {
    const mail = acknowledgementMail({ complaint: complaint(), statusUrl, timezone: 'Asia/Shanghai' });
    expect(mail.to).toBe('ann@example.com');
    expect(mail.subject).toBe('We have received your complaint (202611-0042)');
    expect(mail.text).toContain('202611-0042');
    expect(mail.text).toContain('October 8, 2026 at 5:00');
    expect(mail.text).toContain('October 10, 2026');
    expect(mail.text).toContain(statusUrl);
    expect(mail.html).toContain(`href="${statusUrl}"`);
  });

  it('writes to a Chinese customer in Chinese, with Beijing time', () => {
    const mail = acknowledgementMail({
      complaint: complaint({ customer: { name: '李娜', email: 'li@example.com', tier: 'standard', locale: 'zh-CN' } }),
      statusUrl,
      timezone: 'Asia/Shanghai',
    });
    expect(mail.subject).toBe('您的投诉已受理（编号 202611-0042）');
    expect(mail.text).toContain('尊敬的李娜：');
    expect(mail.text).toContain('2026年10月8日');
    expect(mail.text).toContain('物流配送');
  });

  it('escapes the customer’s name in the HTML and keeps customer words out of the subject', () => {
    const mail = acknowledgementMail({ complaint: complaint(), statusUrl, timezone: 'Asia/Shanghai' });
    expect(mail.html).toContain('Ann &lt;b&gt;Lee&lt;/b&gt;');
    expect(mail.html).not.toContain('<b>Lee</b>');
    expect(mail.subject).not.toContain('Ann');
    expect(mail.html).not.toContain('<script>');
  });
});
