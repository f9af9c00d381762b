import { describe, expect, it } from 'vitest';
import { timelineEvent } from '../../shared/model/events.js';

const at = new Date('2026-11-24T02:00:00Z');

// `npm test` type-checks the tests: each @ts-expect-error below fails the run if the line compiles.
describe('the typed timeline', () => {
  it('takes only the event types it knows, each with the data of its shape', () => {
    // @ts-expect-error: not an event type
    timelineEvent('c-1', 'status_changed', at, 'system', {});
    // @ts-expect-error: a note's data is its text
    timelineEvent('c-1', 'note_added', at, 'agent.li', { body: 'Called back' });
    // @ts-expect-error: an assignment names its owner
    timelineEvent('c-1', 'assigned', at, 'agent.li');
    const note = timelineEvent('c-1', 'note_added', at, 'agent.li', { text: 'Called back' });
    expect(note).toMatchObject({ type: 'note_added', data: { text: 'Called back' } });
  });

  it('writes no data for an event type that has none', () => {
    expect(timelineEvent('c-1', 'survey_reminder_sent', at, 'workflow')).not.toHaveProperty('data');
  });
});
