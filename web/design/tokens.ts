/**
 * The design tokens of Closeloop's one visual system. The stylesheet (styles.ts) writes them as CSS
 * custom properties; test/unit/design-contrast.test.ts checks every pair in CONTRAST_PAIRS against
 * WCAG AA in both schemes, so a colour change cannot lower contrast without a failing test.
 */

/** The colours one scheme defines; every scheme defines all of them. */
export interface ColorScheme {
  /** The page behind the cards. */
  bg: string;
  /** Cards, inputs, the header. */
  surface: string;
  /** A row under the pointer. */
  surfaceHover: string;
  /** Table heads, quiet badges, disabled inputs. */
  sunken: string;
  text: string;
  /** Secondary text: hints, labels of facts, the footer. */
  muted: string;
  /** Decorative lines only (card edges, table rules): nothing a person must see to use a control. */
  border: string;
  /** The edge of a control (inputs, buttons): at least 3:1 against what surrounds it. */
  borderStrong: string;
  /** Links, the primary button, the current tab, the focus ring. */
  accent: string;
  accentHover: string;
  /** Text on the accent (the primary button). */
  onAccent: string;
  /** Info messages and the P3 badge. */
  accentSoft: string;
  danger: string;
  dangerHover: string;
  onDanger: string;
  dangerSoft: string;
  success: string;
  successSoft: string;
  warning: string;
  warningSoft: string;
  focus: string;
}

export const COLORS: { light: ColorScheme; dark: ColorScheme } = {
  light: {
    bg: '#f5f6f8',
    surface: '#ffffff',
    surfaceHover: '#f3f6fb',
    sunken: '#eef1f5',
    text: '#1a2230',
    muted: '#556070',
    border: '#d9dee5',
    borderStrong: '#6b7686',
    accent: '#1d4ed8',
    accentHover: '#1e3a8a',
    onAccent: '#ffffff',
    accentSoft: '#e8efff',
    danger: '#b3261e',
    dangerHover: '#8c1d18',
    onDanger: '#ffffff',
    dangerSoft: '#fdecea',
    success: '#1e7b34',
    successSoft: '#e7f5ea',
    warning: '#8a5a00',
    warningSoft: '#fff4de',
    focus: '#1d4ed8',
  },
  dark: {
    bg: '#0f131a',
    surface: '#161b23',
    surfaceHover: '#1b222c',
    sunken: '#1f2631',
    text: '#e6eaf0',
    muted: '#a3adbb',
    border: '#2c3440',
    borderStrong: '#738094',
    accent: '#7fb2ff',
    accentHover: '#a9cbff',
    onAccent: '#0b1220',
    accentSoft: '#1a2a44',
    danger: '#ff8a80',
    dangerHover: '#ffb4ab',
    onDanger: '#2b0705',
    dangerSoft: '#3a1715',
    success: '#6fd08c',
    successSoft: '#12301c',
    warning: '#f0b54a',
    warningSoft: '#33260a',
    focus: '#7fb2ff',
  },
};

export type ColorToken = keyof ColorScheme;

/** WCAG 2.x AA: 4.5:1 for text, 3:1 for large text and for the edges and indicators of controls (1.4.11). */
export const AA_TEXT = 4.5;
export const AA_UI = 3;

/**
 * Every foreground the stylesheet puts on a background, with the ratio it needs. A new pairing
 * in styles.ts belongs here too.
 */
export const CONTRAST_PAIRS: readonly { fg: ColorToken; bg: ColorToken; min: number; where: string }[] = [
  { fg: 'text', bg: 'bg', min: AA_TEXT, where: 'body text on the page' },
  { fg: 'text', bg: 'surface', min: AA_TEXT, where: 'text in a card, an input' },
  { fg: 'text', bg: 'surfaceHover', min: AA_TEXT, where: 'a table row under the pointer' },
  { fg: 'text', bg: 'sunken', min: AA_TEXT, where: 'a quiet badge, a status, a disabled input' },
  { fg: 'muted', bg: 'bg', min: AA_TEXT, where: 'the footer' },
  { fg: 'muted', bg: 'surface', min: AA_TEXT, where: 'hints, fact labels, a due date that is not close' },
  { fg: 'muted', bg: 'sunken', min: AA_TEXT, where: 'table heads' },
  { fg: 'accent', bg: 'surface', min: AA_TEXT, where: 'links and quiet buttons' },
  { fg: 'accent', bg: 'bg', min: AA_TEXT, where: 'links on the page' },
  { fg: 'accentHover', bg: 'surface', min: AA_TEXT, where: 'a link under the pointer' },
  { fg: 'accent', bg: 'accentSoft', min: AA_TEXT, where: 'a quiet button under the pointer, the P3 badge' },
  { fg: 'onAccent', bg: 'accent', min: AA_TEXT, where: 'the primary button' },
  { fg: 'onAccent', bg: 'accentHover', min: AA_TEXT, where: 'the primary button under the pointer' },
  { fg: 'danger', bg: 'surface', min: AA_TEXT, where: 'a field’s error message' },
  { fg: 'danger', bg: 'dangerSoft', min: AA_TEXT, where: 'an overdue deadline' },
  { fg: 'onDanger', bg: 'danger', min: AA_TEXT, where: 'the danger button, the P1 badge' },
  { fg: 'onDanger', bg: 'dangerHover', min: AA_TEXT, where: 'the danger button under the pointer' },
  { fg: 'text', bg: 'dangerSoft', min: AA_TEXT, where: 'an error alert' },
  { fg: 'text', bg: 'successSoft', min: AA_TEXT, where: 'a success alert' },
  { fg: 'success', bg: 'successSoft', min: AA_TEXT, where: 'a success alert’s mark' },
  { fg: 'text', bg: 'accentSoft', min: AA_TEXT, where: 'an info alert, a chosen option' },
  { fg: 'text', bg: 'warningSoft', min: AA_TEXT, where: 'text beside a deadline due soon' },
  { fg: 'warning', bg: 'warningSoft', min: AA_TEXT, where: 'a deadline due soon, the P2 badge' },
  { fg: 'warning', bg: 'surface', min: AA_TEXT, where: 'the P2 badge’s mark on a card' },
  { fg: 'borderStrong', bg: 'surface', min: AA_UI, where: 'the edge of an input or a button' },
  { fg: 'borderStrong', bg: 'bg', min: AA_UI, where: 'the edge of a control on the page' },
  { fg: 'focus', bg: 'surface', min: AA_UI, where: 'the focus ring in a card' },
  { fg: 'focus', bg: 'bg', min: AA_UI, where: 'the focus ring on the page' },
  { fg: 'danger', bg: 'bg', min: AA_UI, where: 'the edge of an invalid input' },
  { fg: 'accent', bg: 'sunken', min: AA_UI, where: 'the current tab’s bar, a checked option' },
];

/** Type scale (rem), a minor third from 1rem: headings stay calm in Chinese as in Latin. */
export const TYPE_SCALE = {
  xs: '0.75rem',
  sm: '0.875rem',
  base: '1rem',
  lg: '1.125rem',
  xl: '1.375rem',
  '2xl': '1.75rem',
  '3xl': '2.25rem',
} as const;

/** Spacing scale (rem), on a 4 px grid. */
export const SPACE = {
  '1': '0.25rem',
  '2': '0.5rem',
  '3': '0.75rem',
  '4': '1rem',
  '5': '1.5rem',
  '6': '2rem',
  '7': '3rem',
} as const;

export const RADIUS = { sm: '4px', md: '8px', lg: '12px', pill: '999px' } as const;

/** Latin first (system UI), then the CJK faces of macOS, Windows and Linux, so both scripts read as one. */
export const FONT_SANS =
  'system-ui, -apple-system, "Segoe UI", Roboto, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif';
export const FONT_MONO =
  'ui-monospace, "SF Mono", "Cascadia Mono", Menlo, Consolas, "Noto Sans Mono CJK SC", monospace';
