import { describe, expect, it } from 'vitest';
import { gradeComplaint } from '../../shared/grading/grade.js';
import { defaultGradingPolicy } from '../../shared/policy/grading-rules.js';

/**
 * The review flag (a decision's `review`, stored as the complaint's gradeReview and shown to
 * staff): a person checks the grade when the signals disagree or when nothing fired, and only then.
 */
const decide = (description: string) => gradeComplaint({ description }, defaultGradingPolicy);

describe('the grade review flag', () => {
  it('is raised when nothing fired, and says the default grade is a guess', () => {
    const decision = decide('Well. Not quite what I had in mind when I ordered it.');
    expect(decision.grade).toBe('P3');
    expect(decision.review).toEqual(['no signal fired: the default grade is a guess']);
  });

  it('is raised when a safety signal is negated and only a lower one fired', () => {
    const decision = decide('No smoke and no sparks, but the fan rattles loudly.');
    expect(decision.grade).toBe('P3');
    expect(decision.review?.join('\n')).toMatch(/^P1 safety read as negated: /);
  });

  it('is raised when a degree word lowered a lost core function', () => {
    const decision = decide('冰箱偶尔不制冷,过一会儿又好了。');
    expect(decision.grade).toBe('P3');
    expect(decision.review?.join('\n')).toMatch(/P2 core function down lowered to P3 by "偶尔"/);
  });

  it('is raised when a question carries serious content, graded by the content', () => {
    const decision = decide('请问插座冒火花了怎么办?');
    expect(decision.grade).toBe('P1');
    expect(decision.review).toContain('a question carrying P1 safety: graded by the content');
  });

  it('is not raised when the signals agree', () => {
    expect(decide('The kettle caught fire on the counter.').review).toBeUndefined();
    expect(decide('Do you deliver on Saturdays?').review).toBeUndefined();
    expect(decide('You charged me twice for the same order.').review).toBeUndefined();
  });
});
