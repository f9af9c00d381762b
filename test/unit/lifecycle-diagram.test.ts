import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lifecycleDiagram, withLifecycleDiagram } from '../../shared/workflow/lifecycle-diagram.js';

describe('the README lifecycle diagram', () => {
  it('is the one rendered from the lifecycle table (run npm run docs:lifecycle after changing the table)', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(withLifecycleDiagram(readme)).toBe(readme);
  });

  it('draws every status change the table allows, labelled with the commands that make it', () => {
    const diagram = lifecycleDiagram();
    expect(diagram).toContain('received --> acknowledged: acknowledge');
    expect(diagram).toMatch(/awaiting_survey --> closed: [^\n]*survey_satisfied[^\n]*survey_unanswered/);
    expect(diagram).toMatch(/resolved --> reopened: [^\n]*reopen/);
    expect(diagram).not.toMatch(/closed --> (?!\[\*\])/);
  });

  it('lists the commands that keep the status and the waiting steps with their deadlines', () => {
    const diagram = lifecycleDiagram();
    expect(diagram).toMatch(/never move the status[^\n]*`note`[^\n]*`timer`/);
    expect(diagram).toMatch(/\| `await_owner` +\| `assign` +\| yes +\|/);
    expect(diagram).toMatch(/\| `await_solution` +\| `solution`, then `resolve` +\| yes +\|/);
  });
});
