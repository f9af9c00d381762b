import { describe, expect, it } from 'vitest';
import { CATEGORIES, DEPARTMENTS, GRADES, LOCALES } from '../../shared/model/complaint.js';
import { type CorpusItem, loadPart, PARTS, partOf } from '../fixtures/grading/corpus.js';

/**
 * The grading corpus itself (test/fixtures/grading/README.md), not the grader: its figures are
 * `npm run bench:grading`'s. What is checked here keeps the measurement honest: every label is a
 * value the product knows, both parts can measure every grade and category, and no item is
 * where its id's hash does not put it.
 */
const parts = Object.fromEntries(PARTS.map((part) => [part, loadPart(part)])) as Record<
  (typeof PARTS)[number],
  CorpusItem[]
>;
const all = PARTS.flatMap((part) => parts[part]);
const normalized = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();

describe('grading corpus', () => {
  it('holds at least 300 complaints', () => {
    expect(all.length).toBeGreaterThanOrEqual(300);
  });

  it('gives every item a unique id', () => {
    const ids = all.map((item) => item.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('labels every item with valid enum values, a text and a reason', () => {
    const invalid = all.filter(
      (item) =>
        !GRADES.includes(item.grade) ||
        !CATEGORIES.includes(item.category) ||
        !DEPARTMENTS.includes(item.department) ||
        !LOCALES.includes(item.locale) ||
        typeof item.text !== 'string' ||
        item.text.trim() === '' ||
        typeof item.why !== 'string' ||
        item.why.trim() === '' ||
        (item.subject !== undefined && item.subject.trim() === ''),
    );
    expect(invalid.map((item) => item.id)).toEqual([]);
  });

  it.each(PARTS)('has every grade, category and locale in the %s part', (part) => {
    const items = parts[part];
    expect(GRADES.filter((grade) => !items.some((item) => item.grade === grade))).toEqual([]);
    expect(CATEGORIES.filter((category) => !items.some((item) => item.category === category))).toEqual([]);
    expect(LOCALES.filter((locale) => !items.some((item) => item.locale === locale))).toEqual([]);
  });

  it('duplicates no text, within a part or across the parts', () => {
    const texts = all.map((item) => normalized(item.text));
    const duplicated = all.filter((_, i) => texts.indexOf(texts[i]!) !== i).map((item) => item.id);
    expect(duplicated).toEqual([]);
  });

  it.each(PARTS)('keeps in the %s part only the ids its hash puts there', (part) => {
    expect(parts[part].filter((item) => partOf(item.id) !== part).map((item) => item.id)).toEqual([]);
  });

  it('holds out about 30 % of the items', () => {
    const share = parts['held-out'].length / all.length;
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.4);
  });
});
