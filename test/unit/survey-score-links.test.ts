import { describe, expect, it } from 'vitest';
import type { Customer } from '../../shared/model/complaint.js';
import { surveyMail, surveyReminderMail } from '../../shared/templates/customer-mails.js';
import { chosenScore, renderSurveyPage } from '../../web/survey-page.js';
import { aComplaint } from '../support/complaint-factory.js';

const surveyUrl = 'https://cl.example.com/survey/tok-survey';
const english: Customer = { name: 'Ann Lee', email: 'ann@example.com', tier: 'standard', locale: 'en' };
const chinese: Customer = { name: '李娜', email: 'li@example.com', tier: 'standard', locale: 'zh-CN' };
const awaiting = { status: 'awaiting_survey' as const, resolvedAt: '2026-11-24T02:00:00.000Z' };

const hrefs = (html: string) => [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));

describe('the score links of the survey mail', () => {
  it('offers the five scores, with words in English, each opening the survey with that score chosen', () => {
    const mail = surveyMail({ complaint: aComplaint({ ...awaiting, customer: english }), surveyUrl, timezone: 'UTC' });
    const scoreLinks = hrefs(mail.html).filter((h) => h.includes('score='));

    expect(scoreLinks).toEqual([1, 2, 3, 4, 5].map((n) => `${surveyUrl}?score=${n}`));
    expect(mail.html).toContain('1 (very poor)');
    expect(mail.html).toContain('5 (excellent)');
    expect(mail.text).toContain(`4 (good): ${surveyUrl}?score=4`);
    expect(mail.text).toMatch(/nothing is recorded until you press/);
  });

  it('names the scores in Chinese for a Chinese customer, in the reminder too', () => {
    const mail = surveyReminderMail({
      complaint: aComplaint({ ...awaiting, customer: chinese }),
      surveyUrl,
      closesAt: '2026-11-30T02:00:00.000Z',
      timezone: 'Asia/Shanghai',
    });
    expect(mail.text).toContain(`1 分（很差）：${surveyUrl}?score=1`);
    expect(mail.text).toContain(`5 分（很好）：${surveyUrl}?score=5`);
  });
});

describe('the survey page opened from a score link', () => {
  it('has the score from the link chosen, and says nothing is recorded until it is sent', () => {
    const page = renderSurveyPage({ ticketNumber: '202611-0042', locale: 'en', postUrl: 'tok', score: 4 });
    expect(page).toMatch(/<input type="radio" name="score" value="4" checked>/);
    expect(page.match(/ checked/g)).toHaveLength(1);
    expect(page).toContain('You chose 4.');
  });

  it('chooses nothing for a score that is not one of the five', () => {
    for (const value of ['0', '6', '4.5', '4"><script>', '', undefined]) expect(chosenScore(value)).toBeUndefined();
    expect(chosenScore('5')).toBe(5);
    expect(renderSurveyPage({ ticketNumber: '202611-0042', locale: 'en', postUrl: 'tok' })).not.toMatch(/ checked/);
  });
});
