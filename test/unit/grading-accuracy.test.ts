import { describe, expect, it } from 'vitest';
import { gradeComplaint } from '../../shared/grading/grade.js';
import { defaultGradingPolicy } from '../../shared/policy/grading-rules.js';
import { loadPart } from '../fixtures/grading/corpus.js';

/**
 * Keeps the grader where it stands on the development part of the grading corpus
 * (test/fixtures/grading): every one of its 535 grades right and every P1 found when this test
 * was last changed. The 167 items of a third writer who never saw the grader (ids w3-…) scored
 * 85.0 % (P1 recall 27/29) before the grader was changed for them; tuned on the half with an even
 * last digit only, the other half stayed at 85.9 % (73/85): item-sized fixes did not generalise.
 * The signals were then widened by rounds of new sentences written as probes (each round measured
 * before it was tuned on: 86 %, 73 %, 72 %, 72 %, 59 %, 78 %), which is the better estimate of how
 * they hold on unseen wording. The held-out part (191 items, 73 of them by the same third writer),
 * measured once after it, gave 80.1 % and P1 recall 90.0 % (45/50), short of issue 9's ≥ 90 % /
 * 100 %, so the held-out thresholds are not asserted here; `npm run bench:grading` prints both
 * parts, and the corpus README has every measurement.
 */
describe('grading accuracy on the development part of the corpus', () => {
  const items = loadPart('development');
  const outcomes = items.map((item) => ({
    item,
    grade: gradeComplaint({ subject: item.subject, description: item.text }, defaultGradingPolicy).grade,
  }));

  it('grades at least 98 % of the development complaints as labelled', () => {
    const right = outcomes.filter((o) => o.grade === o.item.grade).length;
    expect(right / items.length).toBeGreaterThanOrEqual(0.98);
  });

  it('finds every P1 complaint of the development part', () => {
    const missed = outcomes.filter((o) => o.item.grade === 'P1' && o.grade !== 'P1').map((o) => o.item.id);
    expect(missed).toEqual([]);
  });
});
