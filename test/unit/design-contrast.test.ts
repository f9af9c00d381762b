import { describe, expect, it } from 'vitest';
import { STYLESHEET } from '../../web/design/styles.js';
import { AA_TEXT, AA_UI, COLORS, CONTRAST_PAIRS } from '../../web/design/tokens.js';

/** WCAG 2.x relative luminance of an sRGB colour written #rrggbb. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const channel = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/*
 * The ratios as computed on 2026-11-30 (light / dark), for the reader of a future change:
 * text on bg 14.76 / 15.41, text on surface 15.96 / 14.31, muted on surface 6.38 / 7.61,
 * muted on sunken (table heads) 5.63 / 6.71, accent (links) on surface 6.70 / 7.99,
 * on-accent on accent (primary button) 6.70 / 8.66, danger on surface 6.54 / 7.57,
 * danger on danger-soft (overdue) 5.72 / 7.00, on-danger on danger (P1) 6.54 / 8.10,
 * warning on warning-soft (due soon, P2) 5.43 / 8.02, success on success-soft 4.74 / 7.56,
 * input edges (border-strong on surface) 4.60 / 4.32, focus ring on surface 6.70 / 7.99.
 */
describe('the colour tokens', () => {
  it('compute contrast as WCAG does', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  it.each(['light', 'dark'] as const)('meet AA for every text and control pairing of the %s scheme', (scheme) => {
    const failing = CONTRAST_PAIRS.map(({ fg, bg, min, where }) => ({
      pair: `${fg} on ${bg} (${where})`,
      ratio: Math.round(contrast(COLORS[scheme][fg], COLORS[scheme][bg]) * 100) / 100,
      min,
    })).filter(({ ratio, min }) => ratio < min);
    expect(failing).toEqual([]);
  });

  it('hold only the edges and indicators of controls to 3:1; everything else is text at 4.5:1', () => {
    for (const { min, where } of CONTRAST_PAIRS) {
      if (min === AA_UI) expect(where).toMatch(/edge|ring|bar|checked/);
      else expect(min, where).toBe(AA_TEXT);
    }
  });

  it('are the ones the stylesheet declares, in both schemes', () => {
    for (const [name, value] of Object.entries(COLORS.light)) {
      const property = `--cl-color-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
      expect(STYLESHEET).toContain(`${property}:${value};`);
      expect(STYLESHEET).toContain(`${property}:${COLORS.dark[name as keyof typeof COLORS.dark]};`);
    }
  });

  it('style every colour the stylesheet uses through a token, so no pairing escapes this test', () => {
    const outsideTokens = STYLESHEET.replace(/--cl-color-[a-z-]+:#[0-9a-f]{6};/g, '').match(/#[0-9a-f]{3,8}\b/gi);
    // Print is ink on paper: black text, grey rules.
    expect(outsideTokens?.filter((c) => !['#fff', '#000', '#999', '#444'].includes(c)) ?? []).toEqual([]);
  });
});
