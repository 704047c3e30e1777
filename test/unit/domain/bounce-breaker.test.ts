import { describe, expect, it } from 'vitest';
import {
  BOUNCE_KEYS_PER_HOUR,
  bounceHour,
  bounceKey,
  breakerApplies,
  breakerHours,
  breakerTripped,
  bouncesInLastHour,
  HELD_REPLY_FRESH_MS,
  HELD_REPLY_KEPT_MS,
  type HeldReply,
  heldReplyDates,
  heldReplyFresh,
  heldResendOrder,
  resendDomain,
} from '../../../shared/domain/bounce-breaker';
import { localConfig } from '../../../shared/domain/config';
import { OUTCOMES } from '../../../shared/domain/outcome';

describe('the bounce breaker (rt57)', () => {
  it.each([
    ['mid-hour', '2026-11-24T14:25:10.000Z', '2026-11-24T14:00:00.000Z', '2026-11-24T13:00:00.000Z'],
    ['at the top of the hour', '2026-11-24T14:00:00.000Z', '2026-11-24T14:00:00.000Z', '2026-11-24T13:00:00.000Z'],
    ['across midnight UTC', '2026-11-25T00:10:00.000Z', '2026-11-25T00:00:00.000Z', '2026-11-24T23:00:00.000Z'],
  ])('reads this UTC hour and the one before (%s)', (_, now, current, previous) => {
    const hours = breakerHours(new Date(now));
    expect([hours.current.toISOString(), hours.previous.toISOString()]).toEqual([current, previous]);
  });

  it.each([
    // [now, this hour, previous hour, last hour's estimate, why]
    ['2026-11-24T14:00:00.000Z', 0, 40, 40, 'at the top of the hour the whole previous hour is inside'],
    ['2026-11-24T14:30:00.000Z', 10, 40, 30, 'half of the previous hour is inside'],
    ['2026-11-24T14:45:00.000Z', 0, 40, 10, 'a quarter is'],
    ['2026-11-24T14:59:59.999Z', 5, 40, 5, 'almost none is'],
    ['2026-11-24T14:20:00.000Z', 31, 0, 31, 'this hour’s count alone'],
  ])('at %s, %i this hour and %i before count as %d: %s', (now, current, previous, expected) => {
    expect(bouncesInLastHour(new Date(now), { current, previous })).toBeCloseTo(expected, 3);
  });

  it.each([
    [29, 30, false],
    [29.9, 30, false],
    [30, 30, true],
    [250, 30, true],
    [0, 1, false],
    [1, 1, true],
  ])('%d bounces in the last hour against a limit of %i: held %s', (bounces, perHour, held) => {
    expect(breakerTripped(bounces, perHour)).toBe(held);
  });

  it('holds guidance only: an acknowledgement (ACCEPTED) never reads it', () => {
    expect(OUTCOMES.filter((outcome) => !breakerApplies(outcome))).toEqual(['ACCEPTED']);
  });

  it('defaults to 30 an hour: far above an honest hour, far below the hundreds SES reviews at', () => {
    expect(localConfig.autoReply.bounceBreakerPerHour).toBe(30);
  });
});

// A merchant who writes during an attacker's hour is answered late, not never: within a day.
describe('counting a bounce once', () => {
  const NOW = new Date('2026-11-24T15:02:00.000Z');
  it.each([
    [
      'SES’s bounce time: a retry after the top of the hour counts in the same bucket',
      '2026-11-24T14:59:58.000Z',
      '2026-11-24T14:00:00.000Z',
    ],
    ['a bounce of this hour', '2026-11-24T15:00:01.000Z', '2026-11-24T15:00:00.000Z'],
    ['no time: now', undefined, '2026-11-24T15:00:00.000Z'],
    ['an unreadable time: now', 'ontem à tarde', '2026-11-24T15:00:00.000Z'],
    ['a time ahead of ours: now', '2026-11-24T17:30:00.000Z', '2026-11-24T15:00:00.000Z'],
  ])('bounceHour: %s', (_, bouncedAt, hour) => {
    expect(bounceHour(NOW, bouncedAt).toISOString()).toBe(hour);
  });

  it.each([
    [
      'the same mail and recipient, spelled otherwise: one key',
      ['0100018e-abc-000000', 'Inexistente@LojaQueFechou.com.br '],
      ['0100018e-abc-000000', 'inexistente@lojaquefechou.com.br'],
      true,
    ],
    [
      'another recipient of the same mail: another',
      ['0100018e-abc-000000', 'x1@devolve-tudo.example'],
      ['0100018e-abc-000000', 'x2@devolve-tudo.example'],
      false,
    ],
    [
      'the same recipient of another mail: another',
      ['0100018e-abc-000000', 'x1@devolve-tudo.example'],
      ['0100018e-abc-000001', 'x1@devolve-tudo.example'],
      false,
    ],
  ])('bounceKey: %s', (_, [mailA, toA], [mailB, toB], same) => {
    expect(bounceKey(mailA!, toA!) === bounceKey(mailB!, toB!)).toBe(same);
  });

  it('a key names no address in clear, and is short (the hour’s item keeps hundreds)', () => {
    const key = bounceKey('0100018e-abc-000000', 'inexistente@lojaquefechou.com.br');
    expect(key).toMatch(/^[0-9a-f]{16}$/);
    expect(BOUNCE_KEYS_PER_HOUR * key.length).toBeLessThan(400_000 / 40);
  });

  it('an item keeps far more keys than the breaker’s default needs to trip', () => {
    expect(BOUNCE_KEYS_PER_HOUR).toBeGreaterThanOrEqual(10 * localConfig.autoReply.bounceBreakerPerHour);
  });
});

describe('heldReplyFresh', () => {
  const HELD = '2026-11-24T14:20:00.000Z';
  it.each([
    ['the next sweep', '2026-11-24T14:25:00.000Z', true],
    ['the breaker clear by morning', '2026-11-25T08:00:00.000Z', true],
    ['exactly a day on', '2026-11-25T14:20:00.000Z', true],
    ['a day and a second on', '2026-11-25T14:20:01.000Z', false],
    ['three days on', '2026-11-27T14:20:00.000Z', false],
  ])('held at 14:20, at %s: %s', (_, now, fresh) => {
    expect(heldReplyFresh(HELD, new Date(now))).toBe(fresh);
  });

  it('a garbled instant is never fresh', () => {
    expect(heldReplyFresh('ontem', new Date(HELD))).toBe(false);
  });

  it('the window is a day', () => {
    expect(HELD_REPLY_FRESH_MS).toBe(86_400_000);
  });
});

describe('resendDomain: an attacker’s subdomains are one sender', () => {
  it.each([
    ['lojista@modasbella.com.br', 'modasbella.com.br'],
    ['Lojista@Mail.ModasBella.com.br', 'modasbella.com.br'],
    ['marina@gmail.com', 'gmail.com'],
    ['x1@a1.devolve-tudo.example', 'devolve-tudo.example'],
    ['x2@a2.b2.devolve-tudo.example', 'devolve-tudo.example'],
    ['ana@shop.co.uk', 'shop.co.uk'],
    ['contato@loja.net.br', 'loja.net.br'],
    ['joao@empresa.de', 'empresa.de'],
    ['<maria@uol.com.br>', 'uol.com.br'],
  ])('%s → %s', (address, domain) => {
    expect(resendDomain(address)).toBe(domain);
  });
});

describe('heldResendOrder: the least-held domains first, then the oldest', () => {
  const reply = (to: string, minute: number): HeldReply => ({
    caseId: `email:${to}:${minute}`,
    heldAt: `2026-11-24T14:${String(minute).padStart(2, '0')}:00.000Z`,
    messageId: `<m${minute}@ouvidoria.example.com.br>`,
    to,
    headers: {},
    envelopeProven: true,
  });

  it('a merchant who wrote after forty of the attacker’s replies goes before them', () => {
    const attack = Array.from({ length: 40 }, (_, n) => reply(`x${n}@a${n % 4}.devolve-tudo.example`, n));
    const hers = reply('lojista@modasbella.com.br', 45);
    const order = heldResendOrder([...attack, hers]);
    expect(order[0]).toBe(hers);
    expect(order.slice(1)).toEqual(attack);
  });

  it('among domains held alike, the oldest first; a shared provider’s merchants before an attack', () => {
    const a = reply('marina@gmail.com', 10);
    const b = reply('lojista@modasbella.com.br', 5);
    const c = reply('carla@gmail.com', 2);
    const attack = [
      reply('x1@devolve-tudo.example', 1),
      reply('x2@devolve-tudo.example', 3),
      reply('x3@devolve-tudo.example', 4),
    ];
    expect(heldResendOrder([a, ...attack, b, c])).toEqual([b, c, a, ...attack]);
  });

  // rt60: made-up domains, one reply each, vouch for nothing (no SPF): they count as one domain.
  const unproven = (to: string, minute: number): HeldReply => {
    const { envelopeProven: _proven, ...rest } = reply(to, minute);
    return rest;
  };

  it('forty older replies to made-up domains go after a merchant', () => {
    const attack = Array.from({ length: 40 }, (_, n) => unproven(`contato@loja-${n}-nao-existe.com.br`, n));
    const hers = reply('lojista@modasbella.com.br', 50);
    expect(heldResendOrder([...attack, hers])).toEqual([hers, ...attack]);
  });

  it('a webform link (a typed address, unproven) still goes before an attack whose domain passes SPF', () => {
    const attack = Array.from({ length: 40 }, (_, n) => reply(`x${n}@devolve-tudo.example`, n));
    const link = { ...unproven('lojista@modasbella.com.br', 50), link: true as const };
    expect(heldResendOrder([...attack, link])).toEqual([link, ...attack]);
  });

  it('one inbox held many times (its spellings too) counts once in its domain’s load', () => {
    const attack = Array.from({ length: 5 }, (_, n) => reply(`x${n}@devolve-tudo.example`, n));
    const same = Array.from({ length: 30 }, (_, n) =>
      reply(n % 2 ? 'golpista.r.silva@gmail.com' : 'GolpistaRSilva+loja@googlemail.com', 10 + n),
    );
    const marina = reply('marina@gmail.com', 45);
    expect(heldResendOrder([...attack, ...same, marina])).toEqual([...same, marina, ...attack]);
  });

  it('leaves its input as it was', () => {
    const list = [reply('x1@devolve-tudo.example', 1), reply('x2@devolve-tudo.example', 2), reply('l@loja.com.br', 3)];
    const copy = [...list];
    heldResendOrder(list);
    expect(list).toEqual(copy);
  });
});

// A data-subject request reads the held-reply partitions that may still hold an item of hers.
describe('heldReplyDates', () => {
  it.each([
    ['mid-day', '2026-05-04T12:00:00.000Z', ['2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04']],
    ['just after midnight UTC', '2026-05-04T00:00:01.000Z', ['2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04']],
    ['across a month', '2026-06-01T09:00:00.000Z', ['2026-05-29', '2026-05-30', '2026-05-31', '2026-06-01']],
  ])('%s', (_, now, dates) => {
    expect(heldReplyDates(new Date(now))).toEqual(dates);
  });

  it('covers every item still kept, and a day of TTL lag', () => {
    const now = new Date('2026-05-04T12:00:00.000Z');
    const oldestKept = new Date(now.getTime() - HELD_REPLY_KEPT_MS - 86_400_000);
    expect(heldReplyDates(now)[0]! <= oldestKept.toISOString().slice(0, 10)).toBe(true);
    expect(HELD_REPLY_KEPT_MS).toBe(2 * 86_400_000);
  });
});
