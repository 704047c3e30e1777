import { describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION, pastRetention, rawMailOf, retentionExpiry } from '../../../shared/domain/retention';

const at = (key: string) => ({ bucket: 'raw', key });

describe('rawMailOf', () => {
  it('lists the raw mail of the messages and of the history events that name one, each once, messages first', () => {
    expect(
      rawMailOf({
        messages: [{ raw: at('inbound/1') }, {}, { raw: at('inbound/2') }],
        history: [{ raw: at('inbound/note') }, {}, { raw: at('inbound/1') }],
      }),
    ).toEqual([at('inbound/1'), at('inbound/2'), at('inbound/note')]);
  });

  it('leaves out a refused staff mail’s raw mail: it expires as a set-aside mail, whatever the case does', () => {
    expect(
      rawMailOf({ messages: [{ raw: at('inbound/1') }], history: [{ type: 'refused', raw: at('inbound/refused') }] }),
    ).toEqual([at('inbound/1')]);
  });

  it('reads a case without history (records written before the lifecycle)', () => {
    expect(rawMailOf({ messages: [{ raw: at('inbound/1') }] })).toEqual([at('inbound/1')]);
    expect(rawMailOf({ messages: [] })).toEqual([]);
  });

  it('keeps objects of the same key in different buckets apart', () => {
    expect(rawMailOf({ messages: [{ raw: at('k') }, { raw: { bucket: 'other', key: 'k' } }] })).toHaveLength(2);
  });
});

describe('retentionExpiry', () => {
  it.each([
    ['CLOSED', DEFAULT_RETENTION.retentionDays],
    ['REDIRECTED', DEFAULT_RETENTION.redirectRetentionDays],
    ['QUARANTINED', DEFAULT_RETENTION.redirectRetentionDays],
  ] as const)('%s expires %i days after its instant', (status, days) => {
    const since = '2026-03-10T14:00:00.000Z';
    expect(retentionExpiry(status, since, DEFAULT_RETENTION)).toBe(Date.parse(since) / 1000 + days * 86_400);
  });

  it.each(['QUEUED', 'ASSIGNED', 'IN_PROGRESS', 'WAITING_MERCHANT'] as const)('%s never expires', (status) => {
    expect(retentionExpiry(status, '2026-03-10T14:00:00.000Z', DEFAULT_RETENTION)).toBeNull();
  });

  it('never deletes on a bad instant', () => {
    expect(retentionExpiry('CLOSED', 'not a date', DEFAULT_RETENTION)).toBeNull();
  });
});

// DynamoDB's TTL deletes lazily: every reader that shows, mails or adds to a case asks this first.
describe('pastRetention', () => {
  const settings = { retentionDays: 10, redirectRetentionDays: 5 };
  const now = new Date('2026-03-20T15:00:00.000Z');
  it.each([
    [
      'closed 10 days ago to the second',
      { status: 'CLOSED', createdAt: '2026-01-02T10:00:00.000Z', closedAt: '2026-03-10T15:00:00.000Z' },
      true,
    ],
    [
      'closed a second less than 10 days ago',
      { status: 'CLOSED', createdAt: '2026-01-02T10:00:00.000Z', closedAt: '2026-03-10T15:00:01.000Z' },
      false,
    ],
    ['redirected 5 days ago', { status: 'REDIRECTED', createdAt: '2026-03-15T15:00:00.000Z' }, true],
    ['quarantined 4 days ago', { status: 'QUARANTINED', createdAt: '2026-03-16T15:00:00.000Z' }, false],
    ['open for a year', { status: 'IN_PROGRESS', createdAt: '2025-03-01T12:00:00.000Z' }, false],
  ] as const)('%s → %s', (_label, record, past) => {
    expect(pastRetention(record, now, settings)).toBe(past);
  });
});
