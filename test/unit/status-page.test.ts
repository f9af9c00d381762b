import { describe, expect, it } from 'vitest';
import type { StatusView } from '../../shared/usecases/view-status.js';
import { renderStatusPage } from '../../web/status-page.js';

const view: StatusView = {
  ticketNumber: '202611-0042',
  status: 'awaiting_customer',
  category: 'product_quality',
  subject: 'Kettle <b>leaks</b>',
  receivedAt: '2026-11-24T02:00:00.000Z',
  expectedResolutionBy: '2026-11-27T02:00:00.000Z',
  updatedAt: '2026-11-24T03:00:00.000Z',
  locale: 'en',
  history: [
    { type: 'received', at: '2026-11-24T02:00:00.000Z' },
    { type: 'info_requested', at: '2026-11-24T03:00:00.000Z' },
  ],
  question: { text: 'Photo of the base? <img src=x onerror=alert(1)>', answerBy: '2026-12-01T03:00:00.000Z' },
};

describe('the status page', () => {
  it('says where a merged complaint is handled now, in both languages, with no reply box', () => {
    const { question: _none, ...rest } = view;
    const merged: StatusView = {
      ...rest,
      status: 'closed',
      mergedInto: { ticketNumber: '202611-0041' },
      history: [...rest.history, { type: 'merged_into', at: '2026-11-24T04:00:00.000Z' }],
    };
    const en = renderStatusPage(merged, 'en', 'Asia/Shanghai', 'tok-1');
    expect(en).toContain('so we handle both under 202611-0041');
    expect(en).toContain('Handled together with your other complaint');
    expect(en).not.toContain('<form id="reply"');
    expect(renderStatusPage(merged, 'zh-CN', 'Asia/Shanghai')).toContain('合并在 202611-0041 下一并处理');
  });

  it('links the page of the complaint a duplicate was merged into, when the view carries its link', () => {
    const { question: _none, ...rest } = view;
    const url = 'https://complaints.example.com/status/tok-41?x="><script>';
    const page = renderStatusPage(
      { ...rest, status: 'closed', mergedInto: { ticketNumber: '202611-0041', statusUrl: url } },
      'en',
      'Asia/Shanghai',
      'tok-1',
    );
    expect(page).toContain('href="https://complaints.example.com/status/tok-41?x=&quot;&gt;&lt;script&gt;"');
    expect(page).toContain('Follow complaint 202611-0041');
    expect(page).not.toContain('The link to follow it is in the email');
  });

  it('shows the owner’s open question with a reply box, escaped', () => {
    const page = renderStatusPage(view, 'en', 'Asia/Shanghai', 'tok-1');
    expect(page).toContain('We need some information from you');
    expect(page).toContain('Photo of the base? &lt;img src=x onerror=alert(1)&gt;');
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('<form id="reply"');
    expect(page).toContain('Kettle &lt;b&gt;leaks&lt;/b&gt;');
  });

  it('has no reply box when nothing is asked, and speaks Chinese when asked to', () => {
    const { question: _none, ...answered } = view;
    const page = renderStatusPage({ ...answered, status: 'in_progress' }, 'zh-CN', 'Asia/Shanghai');
    expect(page).not.toContain('<form id="reply"');
    expect(page).toContain('处理中');
    expect(page).toContain('我们请您补充信息');
  });

  it('posts the reply as a plain form to its own address, in the page’s language, so it works without JavaScript', () => {
    const page = renderStatusPage(view, 'zh-CN', 'Asia/Shanghai', 'tok-1');
    expect(page).toContain('<form id="reply" method="post" action="tok-1/reply"');
    expect(page).toContain('<input type="hidden" name="lang" value="zh-CN">');
    expect(page).toMatch(/<label for="message">您的回复<\/label><textarea id="message" name="message"/);
  });

  it('offers the other language as a link to the same page', () => {
    expect(renderStatusPage(view, 'zh-CN', 'Asia/Shanghai', 'tok-1')).toContain('<a href="?lang=en"');
    expect(renderStatusPage(view, 'en', 'Asia/Shanghai', 'tok-1')).toContain('<a href="?lang=zh-CN"');
  });

  it('names the zone of every time it shows', () => {
    const page = renderStatusPage(view, 'en', 'Asia/Shanghai', 'tok-1');
    expect(page).toMatch(/27 Nov 2026 10:00 China Standard Time \(GMT\+8\)/);
  });
});
