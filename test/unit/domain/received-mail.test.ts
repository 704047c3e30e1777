import { describe, expect, it } from 'vitest';
import {
  deliveryKey,
  headerAddress,
  OVERSIZED_PROBLEM,
  oversizedSubmission,
  type ReceivedEmail,
} from '../../../shared/domain/received-mail';
import { SubmissionSchema } from '../../../shared/domain/submission';

const mail: ReceivedEmail = {
  deliveryId: 'ses-big',
  receivedAt: '2026-03-02T13:15:00.000Z',
  verdicts: { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' },
  returnPath: 'bounces@lojadamaria.com.br',
  recipients: ['ouvidoria@ouvidoria.example.com.br'],
  from: 'Maria Aparecida <Maria@LojaDaMaria.com.br>',
  messageId: '<CAF=big-1@mail.gmail.com>',
  subject: 'Prints do chamado 48213',
  raw: { bucket: 'raw', key: 'inbound/ses-big' },
};

describe('headerAddress', () => {
  it.each([
    ['Maria <Maria@Loja.com.br>', 'maria@loja.com.br'],
    ['"Silva, Maria" <maria@loja.com.br>  ', 'maria@loja.com.br'],
    ['  MARIA@LOJA.COM.BR ', 'maria@loja.com.br'],
    ['', ''],
    [undefined, ''],
  ])('%j → %j', (value, expected) => {
    expect(headerAddress(value)).toBe(expected);
  });

  it('caps a hostile value at 320 characters', () => {
    expect(headerAddress('a'.repeat(5000))).toHaveLength(320);
  });

  it.each([
    ['Maria <ana@loja.com.br> <maria@loja.com.br>', 'maria@loja.com.br'],
    ['<"a@b"@loja.com.br>', '"a@b"@loja.com.br'],
    ['Maria <@loja.com.br>', 'maria <@loja.com.br>'],
    ['Maria <maria@>', 'maria <maria@>'],
    ['Maria <maria@loja.com.br> (loja)', 'maria <maria@loja.com.br> (loja)'],
    ['Maria <maria@loja.com.br', 'maria <maria@loja.com.br'],
  ])('only a last bracket that ends the value: %j → %j', (value, expected) => {
    expect(headerAddress(value)).toBe(expected);
  });

  // Every "@" was tried as the split by /<([^<>\s]+@[^<>\s]+)>\s*$/: quadratic (40 KB took 6.5 s).
  it('a bracket of many at-signs in one pass', () => {
    const started = performance.now();
    expect(headerAddress(`x <${'a@'.repeat(20_000)}`)).toHaveLength(320);
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('deliveryKey', () => {
  it('is the same for the same sender and Message-ID, however written', () => {
    const a = deliveryKey({ from: 'Maria <maria@lojadamaria.com.br>', messageId: '<id-1@mail.gmail.com>' });
    const b = deliveryKey({ from: 'MARIA@LOJADAMARIA.COM.BR', messageId: ' id-1@mail.gmail.com ' });
    expect(a).toMatch(/^[0-9a-f]{40}$/);
    expect(b).toBe(a);
  });

  it('keeps the value stored claims were made under (sha256 of "sender\\nMessage-ID", 40 hex digits)', () => {
    const key = deliveryKey({ from: 'maria@lojadamaria.com.br', messageId: '<id-1@mail.gmail.com>' });
    expect(key).toBe('70fbe48fce3dc5481fd7ae7025ca915c83f086eb');
  });

  it('differs when the sender or the Message-ID differs (a stranger cannot claim a merchant mail)', () => {
    const a = deliveryKey({ from: 'maria@lojadamaria.com.br', messageId: 'id-1@x' });
    expect(deliveryKey({ from: 'golpista@outro.com', messageId: 'id-1@x' })).not.toBe(a);
    expect(deliveryKey({ from: 'maria@lojadamaria.com.br', messageId: 'id-2@x' })).not.toBe(a);
  });

  it('is null without a sender or a Message-ID', () => {
    expect(deliveryKey({ from: undefined, messageId: 'id@x' })).toBeNull();
    expect(deliveryKey({ from: 'maria@x.com', messageId: undefined })).toBeNull();
    expect(deliveryKey({ from: 'maria@x.com', messageId: '<>' })).toBeNull();
  });
});

describe('oversizedSubmission', () => {
  it('is a valid submission from what the provider decoded, with the parse problem and the raw location', () => {
    const s = oversizedSubmission(mail, 'ses-big', 41_000_000);
    expect(s).toMatchObject({
      channel: 'email',
      sourceId: 'ses-big',
      receivedAt: mail.receivedAt,
      sender: { address: 'maria@lojadamaria.com.br' },
      returnPath: 'bounces@lojadamaria.com.br',
      subject: 'Prints do chamado 48213',
      messageId: 'CAF=big-1@mail.gmail.com',
      raw: mail.raw,
      verdicts: mail.verdicts,
      text: '',
      parseProblem: `${OVERSIZED_PROBLEM}: 41000000 bytes`,
    });
  });

  it('falls back to the envelope sender, then to a placeholder; clamps hostile lengths', () => {
    expect(oversizedSubmission({ ...mail, from: undefined }, 'x', 1).sender.address).toBe('bounces@lojadamaria.com.br');
    expect(oversizedSubmission({ ...mail, from: undefined, returnPath: '' }, 'x', 1).sender.address).toBe(
      'desconhecido@invalid',
    );
    const hostile = oversizedSubmission(
      {
        ...mail,
        subject: 's'.repeat(10_000),
        recipients: Array.from({ length: 500 }, (_, i) => `r${i}@x.com`),
        messageId: undefined,
      },
      'x',
      1,
    );
    expect(hostile.subject).toHaveLength(2000);
    expect(hostile.recipients).toHaveLength(100);
    expect(hostile).not.toHaveProperty('messageId');
    expect(SubmissionSchema.parse(hostile)).toEqual(hostile);
  });

  it('is what SubmissionSchema accepts, unchanged, however long what the provider decoded', () => {
    const long = (n: number) => `${'a'.repeat(n)}@x.com`;
    for (const input of [
      mail,
      {
        ...mail,
        from: long(1000),
        returnPath: long(2000),
        recipients: [long(5000)],
        messageId: `<${'m'.repeat(5000)}>`,
      },
      { ...mail, from: undefined, returnPath: long(400) },
    ]) {
      const s = oversizedSubmission(input, 'ses-big', 41_000_000);
      expect(SubmissionSchema.parse(s)).toEqual(s);
    }
  });
});
