import { describe, expect, it } from 'vitest';
import { type DlqWatchState, observeDlq } from '../../../shared/domain/dlq-watch';

const NOW = new Date('2026-03-24T13:00:00.000Z');
const DAY = 24 * 3600;
const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000).toISOString();

describe('observeDlq', () => {
  it.each<{ name: string; state: DlqWatchState; messages: number; age: number; next: DlqWatchState }>([
    { name: 'an empty queue never seen full', state: {}, messages: 0, age: 0, next: {} },
    {
      name: 'the first run to see a message starts the clock',
      state: {},
      messages: 1,
      age: 0,
      next: { firstSeenAt: NOW.toISOString() },
    },
    {
      name: 'a message forgotten for 7 days and 5 minutes',
      state: { firstSeenAt: ago(7 * DAY + 300) },
      messages: 3,
      age: 7 * DAY + 300,
      next: { firstSeenAt: ago(7 * DAY + 300) },
    },
    {
      name: 'one empty read (counts lag a minute) keeps the clock and reports the age',
      state: { firstSeenAt: ago(8 * DAY) },
      messages: 0,
      age: 8 * DAY,
      next: { firstSeenAt: ago(8 * DAY), emptySeenAt: NOW.toISOString() },
    },
    {
      name: 'a message after one empty read keeps the first instant',
      state: { firstSeenAt: ago(8 * DAY), emptySeenAt: ago(300) },
      messages: 1,
      age: 8 * DAY,
      next: { firstSeenAt: ago(8 * DAY) },
    },
    {
      name: 'the second empty read in a row: the queue was replayed',
      state: { firstSeenAt: ago(8 * DAY), emptySeenAt: ago(300) },
      messages: 0,
      age: 0,
      next: {},
    },
    {
      name: 'an unreadable stored instant restarts the clock rather than failing',
      state: { firstSeenAt: 'ontem' },
      messages: 2,
      age: 0,
      next: { firstSeenAt: NOW.toISOString() },
    },
  ])('$name', ({ state, messages, age, next }) => {
    expect(observeDlq(state, messages, NOW)).toEqual({ state: next, oldestAgeSeconds: age });
  });
});
