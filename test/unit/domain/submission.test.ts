import { describe, expect, it } from 'vitest';
import { AUTO_REPLY_HEADERS } from '../../../shared/domain/auto-reply-policy';
import { SubmissionSchema } from '../../../shared/domain/submission';

const minimal = {
  channel: 'email',
  sourceId: 'ses-1',
  receivedAt: '2026-03-10T10:00:00-03:00',
  sender: { address: 'maria@lojadamaria.com.br' },
};

describe('SubmissionSchema', () => {
  it('fills the defaults of a minimal submission', () => {
    expect(SubmissionSchema.parse(minimal)).toEqual({
      ...minimal,
      recipients: [],
      subject: '',
      text: '',
      references: [],
      headers: {},
      attachments: [],
    });
  });

  it('keeps attachment metadata, inline false by default', () => {
    const s = SubmissionSchema.parse({ ...minimal, attachments: [{ contentType: 'application/pdf', size: 10 }] });
    expect(s.attachments).toEqual([{ contentType: 'application/pdf', size: 10, inline: false }]);
  });

  it.each([
    ['an unknown channel', { channel: 'fax' }],
    ['an empty source id', { sourceId: '' }],
    ['a date without offset', { receivedAt: '2026-03-10 10:00' }],
    ['an unknown verdict', { verdicts: { spam: 'OK', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' } }],
    ['a negative attachment size', { attachments: [{ contentType: 'x', size: -1 }] }],
    ['a hostile subject length', { subject: 's'.repeat(2001) }],
    ['too many references', { references: Array.from({ length: 201 }, (_, i) => `r${i}@x`) }],
    ['too many recipients', { recipients: Array.from({ length: 101 }, (_, i) => `r${i}@x.com`) }],
  ])('rejects %s', (_name, overrides) => {
    expect(SubmissionSchema.safeParse({ ...minimal, ...overrides }).success).toBe(false);
  });

  it('keeps only lower-case header names the auto-reply policy reads', () => {
    for (const name of AUTO_REPLY_HEADERS) expect(name).toBe(name.toLowerCase());
    expect(AUTO_REPLY_HEADERS).toContain('auto-submitted');
    expect(AUTO_REPLY_HEADERS).toContain('list-id');
  });
});
