import { STATUSES, type Status } from '../model/complaint.js';
import { COMMANDS, type Command, LIFECYCLE, STEPS } from './lifecycle.js';

/**
 * The lifecycle as the README shows it, rendered from the table that enforces it
 * (`npm run docs:lifecycle` writes it; test/unit/lifecycle-diagram.test.ts fails when they differ),
 * so the picture cannot drift from what the code does.
 */
export function lifecycleDiagram(): string {
  const edges = new Map<string, Command[]>();
  const keeping: Command[] = [];
  for (const command of COMMANDS) {
    const row = LIFECYCLE[command];
    let moves = false;
    for (const from of STATUSES) {
      const to = row[from];
      if (to === undefined || to === from) continue;
      moves = true;
      const key = `${rank(from)}${rank(to)}${from} --> ${to}`;
      edges.set(key, [...(edges.get(key) ?? []), command]);
    }
    if (!moves) keeping.push(command);
  }
  const lines = ['stateDiagram-v2', `  [*] --> ${STATUSES[0]}`];
  // In lifecycle order (by the status left, then the one reached), whichever command was listed first.
  for (const [key, commands] of [...edges].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`  ${key.slice(4)}: ${commands.join(', ')}`);
  }
  lines.push(`  ${'closed' satisfies Status} --> [*]`);
  return [
    '```mermaid',
    ...lines,
    '```',
    '',
    `Commands that never move the status (accepted where the table says): ${keeping.map((c) => `\`${c}\``).join(', ')}.`,
    '',
    'While a complaint is open, the workflow waits in the first of these steps that holds, timed by its deadline:',
    '',
    ...markdownTable([
      ['step', 'timed by', 'progress mails'],
      ...STEPS.map((row) => [
        `\`${row.step}\``,
        row.deadline.map((d) => `\`${d}\``).join(', then ') || '—',
        row.progress ? 'yes' : 'no',
      ]),
    ]),
  ].join('\n');
}

/** Padded the way the formatter (biome) lays out Markdown tables, so formatting the README changes nothing. */
function markdownTable(rows: [string[], ...string[][]]): string[] {
  const [head, ...body] = rows;
  const widths = head.map((_, i) => Math.max(...rows.map((cells) => cells[i]?.length ?? 0)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)];
}

const rank = (status: Status) => String(STATUSES.indexOf(status)).padStart(2, '0');

export const DIAGRAM_START = '<!-- lifecycle diagram: npm run docs:lifecycle -->';
export const DIAGRAM_END = '<!-- /lifecycle diagram -->';

/** The README with its diagram block replaced by the current rendering. */
export function withLifecycleDiagram(readme: string): string {
  const start = readme.indexOf(DIAGRAM_START);
  const end = readme.indexOf(DIAGRAM_END);
  if (start < 0 || end < start) throw new Error(`README lacks the lifecycle diagram markers ${DIAGRAM_START}`);
  return `${readme.slice(0, start + DIAGRAM_START.length)}\n${lifecycleDiagram()}\n${readme.slice(end)}`;
}
