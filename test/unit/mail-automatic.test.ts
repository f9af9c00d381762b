import { describe, expect, it } from 'vitest';
import { type AutomaticInput, detectAutomatic } from '../../shared/mail/automatic.js';

function mail(headers: Record<string, string>, over: Partial<AutomaticInput> = {}): AutomaticInput {
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    header: (name) => lower.get(name.toLowerCase()),
    fromAddress: 'customer@example.com',
    subject: 'My order',
    contentType: 'text/plain',
    reportParts: [],
    ...over,
  };
}
const kind = (input: AutomaticInput) => detectAutomatic(input).automatic?.kind;
const part = (contentType: string, text: string) => ({ contentType, content: new TextEncoder().encode(text) });

describe('recognising machine-made mail', () => {
  it('takes Auto-Submitted as automatic for any value but "no", and says which header said so', () => {
    expect(detectAutomatic(mail({ 'Auto-Submitted': 'auto-replied' })).automatic).toEqual({
      kind: 'auto_reply',
      evidence: 'Auto-Submitted: auto-replied',
    });
    expect(kind(mail({ 'Auto-Submitted': 'auto-generated' }))).toBe('auto_reply');
    expect(kind(mail({ 'Auto-Submitted': 'no' }))).toBeUndefined();
  });

  it('takes X-Autoreply and X-Autorespond as automatic', () => {
    expect(kind(mail({ 'X-Autoreply': 'yes' }))).toBe('auto_reply');
    expect(kind(mail({ 'X-Autorespond': 'Out of office' }))).toBe('auto_reply');
  });

  it('tells list mail from bulk mail by Precedence and List-Id', () => {
    expect(kind(mail({ Precedence: 'list' }))).toBe('list');
    expect(kind(mail({ 'List-Id': '<dev.lists.example.com>' }))).toBe('list');
    expect(kind(mail({ Precedence: 'bulk', 'List-Unsubscribe': '<mailto:u@x>' }))).toBe('bulk');
    expect(kind(mail({ Precedence: 'junk' }))).toBe('bulk');
  });

  it('takes mailer-daemon and postmaster senders as automatic on their own', () => {
    expect(kind(mail({}, { fromAddress: 'MAILER-DAEMON@mx.example.com' }))).toBe('mailer_daemon');
    expect(kind(mail({}, { fromAddress: 'postmaster@example.com' }))).toBe('mailer_daemon');
  });

  it('does not take a subject that only looks automatic, or a noreply sender alone, as automatic', () => {
    expect(kind(mail({}, { subject: '自动回复：我的投诉' }))).toBeUndefined();
    expect(kind(mail({}, { subject: 'Out of Office' }))).toBeUndefined();
    expect(kind(mail({}, { fromAddress: 'noreply@shop.example.com' }))).toBeUndefined();
    expect(kind(mail({ 'X-Auto-Response-Suppress': 'All' }))).toBeUndefined();
  });

  it('takes two weak signs that agree as automatic', () => {
    expect(kind(mail({}, { subject: 'Automatic reply: case', fromAddress: 'no-reply@corp.example.com' }))).toBe(
      'auto_reply',
    );
    expect(kind(mail({ 'X-Auto-Response-Suppress': 'All' }, { subject: '自动回复: 投诉' }))).toBe('auto_reply');
    expect(kind(mail({ 'Return-Path': '<>' }, { subject: '退信' }))).toBe('auto_reply');
  });

  it('reads a delivery report: only the recipients that failed, and the diagnostic code', () => {
    const status = [
      'Reporting-MTA: dns; mx.example.com',
      '',
      'Final-Recipient: rfc822; Gone@Example.com',
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 user unknown',
      '',
      'Final-Recipient: rfc822; later@example.com',
      'Action: delayed',
      'Status: 4.4.1',
    ].join('\r\n');
    const verdict = detectAutomatic(
      mail(
        {},
        {
          contentType: 'multipart/report',
          reportType: 'delivery-status',
          reportParts: [part('message/delivery-status', status)],
        },
      ),
    );
    expect(verdict.automatic?.kind).toBe('delivery_report');
    expect(verdict.deliveryProblem).toEqual({
      kind: 'bounce',
      recipients: ['gone@example.com'],
      detail: '550 5.1.1 user unknown',
    });
  });

  it('reads a delay-only report as automatic with no delivery problem', () => {
    const status = 'Final-Recipient: rfc822; later@example.com\nAction: delayed\nStatus: 4.4.1\n';
    const verdict = detectAutomatic(
      mail(
        {},
        {
          contentType: 'multipart/report',
          reportType: 'delivery-status',
          reportParts: [part('message/delivery-status', status)],
        },
      ),
    );
    expect(verdict.automatic?.kind).toBe('delivery_report');
    expect(verdict.deliveryProblem).toBeUndefined();
  });

  it('reads a feedback report (ARF) as a complaint naming the recipient', () => {
    const verdict = detectAutomatic(
      mail(
        {},
        {
          contentType: 'multipart/report',
          reportType: 'feedback-report',
          reportParts: [
            part('message/feedback-report', 'Feedback-Type: abuse\nOriginal-Rcpt-To: <Someone@isp.example>\n'),
          ],
        },
      ),
    );
    expect(verdict.deliveryProblem).toEqual({
      kind: 'complaint',
      recipients: ['someone@isp.example'],
      detail: 'feedback: abuse',
    });
  });

  it('keeps control characters a sender put in a header out of the evidence', () => {
    const evidence = detectAutomatic(mail({ 'Auto-Submitted': 'auto-replied\r\nX-Injected: 1' })).automatic?.evidence;
    expect(evidence).toBe('Auto-Submitted: auto-replied X-Injected: 1');
  });
});

describe('machine-made mail in less common forms', () => {
  it('takes a vendor auto-reply header it has never seen by its name', () => {
    const input = mail({ 'X-Vendor-AutoReply': 'true' }, { headerNames: ['x-vendor-autoreply'] });
    expect(detectAutomatic(input).automatic).toEqual({ kind: 'auto_reply', evidence: 'x-vendor-autoreply: true' });
    expect(kind(mail({ 'X-Vendor-AutoReply': 'no' }, { headerNames: ['x-vendor-autoreply'] }))).toBeUndefined();
    const suppress = mail({ 'X-Auto-Response-Suppress': 'All' }, { headerNames: ['x-auto-response-suppress'] });
    expect(kind(suppress)).toBeUndefined();
  });

  it('reads the failed address of a daemon bounce that has no delivery-status part', () => {
    const exim = detectAutomatic(
      mail(
        { 'X-Failed-Recipients': 'Gone@Example.com' },
        {
          fromAddress: 'mailer-daemon@mx.example.com',
          text: 'SMTP error from remote mail server:\n550 5.1.1 No such user',
        },
      ),
    );
    expect(exim.deliveryProblem).toEqual({
      kind: 'bounce',
      recipients: ['gone@example.com'],
      detail: '550 5.1.1 No such user',
    });
    const qmail = detectAutomatic(
      mail(
        {},
        { fromAddress: 'MAILER-DAEMON@qq.example', text: 'Sorry.\n\n<lost@example.cn>:\n550 Mailbox not found\n' },
      ),
    );
    expect(qmail.deliveryProblem?.recipients).toEqual(['lost@example.cn']);
  });
});

describe('reports and bulk mail in their other forms', () => {
  it('reads a delivery report for an internationalised address (message/global-delivery-status)', () => {
    const status = 'Final-Recipient: utf-8; 王芳@例子.中国\nAction: failed\nStatus: 5.1.1\n';
    const verdict = detectAutomatic(
      mail(
        {},
        {
          contentType: 'multipart/report',
          reportType: 'delivery-status',
          reportParts: [part('message/global-delivery-status', status)],
        },
      ),
    );
    expect(verdict.deliveryProblem?.recipients).toEqual(['王芳@例子.中国']);
  });

  it('takes a noreply sender with List-Unsubscribe as bulk mail', () => {
    expect(kind(mail({ 'List-Unsubscribe': '<https://x/u>' }, { fromAddress: 'noreply@shop.example.com' }))).toBe(
      'bulk',
    );
    expect(kind(mail({ 'List-Unsubscribe': '<https://x/u>' }))).toBeUndefined();
  });
});
