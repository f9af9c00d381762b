import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../shared/model/complaint.js';
import { timelineEvent } from '../../shared/model/events.js';
import { exportArchive, safeSegment } from '../../shared/privacy/export-archive.js';
import { ERASED, erasureChanges, mailObjectKeys, redactEvent } from '../../shared/privacy/redact.js';
import { complaintCounters } from '../../shared/reports/counters.js';
import { CustomerLookup, yearsBefore } from '../../shared/usecases/customer-privacy.js';
import { aComplaint } from '../support/complaint-factory.js';

const at = new Date('2026-11-20T08:00:00.000Z');

const personal = aComplaint({
  customer: {
    name: '王小明',
    email: 'xiaoming@example.com',
    phone: '138 0013 8000',
    customerId: 'C-77',
    tier: 'vip',
    locale: 'zh-CN',
  },
  subject: '水壶坏了',
  description: '我住在朝阳区幸福路 8 号，电话 13800138000，水壶漏电。',
  orderNumber: 'ORD-991',
  product: { model: 'K-200', serialNumber: 'SN-12345' },
  evidence: ['https://photos.example.com/xiaoming/kettle.jpg'],
  details: { occurredAt: '2026-11-19', occurredWhere: '家里厨房', alreadyTried: '重启' },
  status: 'closed',
  survey: { score: 2, verdict: 'dissatisfied', reason: '王先生说太慢', answeredAt: at.toISOString() },
  solution: { summary: '给王小明换新', proposedAt: at.toISOString(), proposedBy: 'agent.li', approval: 'not_required' },
  resolutionSummary: '已为王小明更换',
});

describe('erasing a complaint', () => {
  const changes = erasureChanges(personal, at);
  const after = { ...personal, ...changes };

  it('keeps only the tier and language of the customer, and marks a name as erased', () => {
    expect(changes.customer).toEqual({ name: ERASED, tier: 'vip', locale: 'zh-CN' });
  });

  it('replaces every free text with the marker and drops the order number, serial number and evidence links', () => {
    expect(after.description).toBe(ERASED);
    expect(after.subject).toBe(ERASED);
    expect(after.details).toEqual({ occurredAt: '2026-11-19', occurredWhere: ERASED, alreadyTried: ERASED });
    expect(after.survey?.reason).toBe(ERASED);
    expect(after.solution?.summary).toBe(ERASED);
    expect(after.resolutionSummary).toBe(ERASED);
    expect('orderNumber' in changes && changes.orderNumber === undefined).toBe(true);
    expect('evidence' in changes && changes.evidence === undefined).toBe(true);
    expect(after.product).toEqual({ model: 'K-200' });
    const text = JSON.stringify(after);
    for (const secret of [
      '王小明',
      'xiaoming',
      '13800138000',
      '138 0013 8000',
      'C-77',
      'ORD-991',
      'SN-12345',
      '幸福路',
      '厨房',
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('keeps what the reports count: ticket, grade, category, department, channel, status, times, score and verdict', () => {
    for (const field of [
      'ticketNumber',
      'grade',
      'category',
      'department',
      'channel',
      'status',
      'receivedAt',
      'deadlines',
    ] as const) {
      expect(after[field]).toEqual(personal[field]);
    }
    expect(after.survey).toMatchObject({ score: 2, verdict: 'dissatisfied' });
    expect(after.personalDataErasedAt).toBe(at.toISOString());
  });

  it('adds no report counter when the erased complaint is written over the stored one', () => {
    expect(complaintCounters(personal, { ...after, version: personal.version + 1 }, 'Asia/Shanghai')).toEqual([]);
  });
});

describe('erasing timeline events', () => {
  const replied = timelineEvent(personal.id, 'customer_replied', at, 'customer', {
    message: '请打给 13800138000',
    via: 'email',
    mailKey: 'inbound/abc',
    attachments: [
      { key: 'attachments/inbound/abc/0-photo.jpg', filename: '王小明-发票.jpg', contentType: 'image/jpeg', size: 3 },
    ],
  });

  it('replaces what the customer wrote and the names of their files, and keeps where the raw mail was', () => {
    const redacted = redactEvent(replied) as Extract<TimelineEvent, { type: 'customer_replied' }>;
    expect(redacted.data.message).toBe(ERASED);
    expect(redacted.data.attachments?.[0]).toMatchObject({
      filename: ERASED,
      key: 'attachments/inbound/abc/0-photo.jpg',
    });
    expect(redacted.data.mailKey).toBe('inbound/abc');
  });

  it('keeps the machine words that say why the system acted', () => {
    const skipped = timelineEvent(personal.id, 'acknowledgement_skipped', at, 'system', { reason: 'rate_limited' });
    expect(redactEvent(skipped)).toBeUndefined();
  });

  it('leaves an event with nothing personal as it was written', () => {
    expect(
      redactEvent(
        timelineEvent(personal.id, 'assigned', at, 'agent.li', { ownerId: 'agent.li', previousOwnerId: null }),
      ),
    ).toBeUndefined();
  });

  it('finds every raw mail and attachment the timeline points to', () => {
    const received = timelineEvent(personal.id, 'received', at, 'customer', {
      channel: 'email',
      mailKey: 'inbound/first',
    });
    expect(mailObjectKeys([received, replied])).toEqual([
      'inbound/first',
      'inbound/abc',
      'attachments/inbound/abc/0-photo.jpg',
    ]);
  });
});

describe('the export archive', () => {
  it('holds a README in Chinese and English, a manifest, and each complaint with its timeline, sent mails, raw mails and attachments', () => {
    const received = timelineEvent(personal.id, 'received', at, 'customer', {
      channel: 'email',
      mailKey: 'inbound/first',
    });
    const ack = timelineEvent(personal.id, 'acknowledgement_sent', at, 'system', {
      messageId: 'ses-1',
      locale: 'zh-CN',
    });
    const zip = exportArchive(
      [
        {
          complaint: personal,
          timeline: [received, ack],
          objects: [
            { key: 'inbound/first', content: new TextEncoder().encode('Subject: hi\r\n\r\nhello') },
            { key: 'attachments/inbound/first/0-../../etc/passwd', content: new Uint8Array([1, 2, 3]) },
          ],
          missing: ['inbound/expired'],
        },
      ],
      at,
    );
    const files = unzipSync(zip);
    const folder = `complaints/${personal.ticketNumber}`;
    expect(Object.keys(files).sort()).toEqual(
      [
        'README.txt',
        'manifest.json',
        `${folder}/complaint.json`,
        `${folder}/timeline.json`,
        `${folder}/mails-sent.json`,
        `${folder}/mails-received/first.eml`,
        `${folder}/attachments/passwd`,
      ].sort(),
    );
    expect(strFromU8(files['README.txt']!)).toMatch(/客户数据导出[\s\S]*customer data export/);
    expect(JSON.parse(strFromU8(files[`${folder}/complaint.json`]!)).customer.email).toBe('xiaoming@example.com');
    expect(JSON.parse(strFromU8(files[`${folder}/mails-sent.json`]!))).toEqual([
      expect.objectContaining({ type: 'acknowledgement_sent' }),
    ]);
    expect(JSON.parse(strFromU8(files['manifest.json']!)).complaints[0].missing).toEqual(['inbound/expired']);
  });

  it('never lets a stored name climb out of its folder', () => {
    for (const name of ['../../etc/passwd', '..', '.', 'a\\..\\b', '']) {
      const segment = safeSegment(name);
      expect(segment).not.toMatch(/[/\\]/);
      expect(segment).not.toMatch(/^\.\.?$/);
      expect(segment.length).toBeGreaterThan(0);
    }
  });
});

describe('the customer named in a request', () => {
  it('is an email address or a phone number, nothing else', () => {
    expect(CustomerLookup.safeParse({ email: 'a@example.com' }).success).toBe(true);
    expect(CustomerLookup.safeParse({ phone: '+86 138 0013 8000' }).success).toBe(true);
    expect(CustomerLookup.safeParse({ email: 'not an address' }).success).toBe(false);
    expect(CustomerLookup.safeParse({ email: 'a@example.com', phone: '13800138000' }).success).toBe(false);
    expect(CustomerLookup.safeParse({}).success).toBe(false);
  });
});

describe('the retention cut-off', () => {
  it('is whole calendar years before now', () => {
    expect(yearsBefore(new Date('2026-12-01T06:00:00.000Z'), 3).toISOString()).toBe('2023-12-01T06:00:00.000Z');
  });
});
