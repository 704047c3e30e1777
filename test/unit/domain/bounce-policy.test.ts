import { describe, expect, it } from 'vitest';
import { bouncedDestinations, confirmedBounces, suppressedUntil } from '../../../shared/domain/bounce-policy';
import { localConfig } from '../../../shared/domain/config';

describe('suppressedUntil', () => {
  it('is now plus the configured number of days', () => {
    const now = new Date('2026-03-02T13:00:00.000Z');
    const days = localConfig.autoReply.bounceSuppressionDays;
    expect(suppressedUntil(now, localConfig).getTime() - now.getTime()).toBe(days * 86_400_000);
    const config = { ...localConfig, autoReply: { ...localConfig.autoReply, bounceSuppressionDays: 1 } };
    expect(suppressedUntil(now, config)).toEqual(new Date('2026-03-03T13:00:00.000Z'));
  });
});

describe('confirmedBounces', () => {
  it('keeps only failed recipients that our named mail was sent to, lower-cased, once', () => {
    expect(
      confirmedBounces(
        ['Maria@Loja.com.br', 'maria@loja.com.br', 'outro@x.com'],
        [['maria@loja.com.br'], ['ana@ouvidoria.example.com.br']],
      ),
    ).toEqual(['maria@loja.com.br']);
  });

  it('a report naming no mail of ours confirms nothing (a forged report silences nobody)', () => {
    expect(confirmedBounces(['maria@loja.com.br'], [])).toEqual([]);
  });

  it('a recipient the named mail never had is not confirmed', () => {
    expect(confirmedBounces(['vitima@loja.com.br'], [['maria@loja.com.br']])).toEqual([]);
  });
});

describe('bouncedDestinations — an SES bounce, read against the mail SES says it was about', () => {
  // Mend 51: her mailbox forwards to a dead address; SES names the forward's Final-Recipient, and the
  // stranger's address went to memory. Red team 52: suppressing hers instead silenced a merchant who
  // reads every mail (contato@ forwarding to her Gmail and to an old employee's dead inbox) — SPEC's
  // memory is for an address that hard-bounced. A forwarded copy's bounce now keeps nobody.
  const HER = 'contato@docelar.com.br';
  it.each<[string, string[], string[] | undefined, string[]]>([
    ['her own address bounced', ['Contato@DoceLar.com.br'], [HER], [HER]],
    ['the copy her mailbox forwarded bounced: neither hers nor the stranger’s', ['antiga.dona@gmail.com'], [HER], []],
    ['hers and a forwarded copy: hers once', [HER, 'antiga.dona@gmail.com', HER], [HER], [HER]],
    [
      'a mail to two addresses, an address it never had',
      ['antiga.dona@gmail.com'],
      [HER, 'financeiro@docelar.com.br'],
      [],
    ],
    [
      'a mail to two, one of them bounced: that one only',
      ['financeiro@docelar.com.br'],
      [HER, 'financeiro@docelar.com.br'],
      ['financeiro@docelar.com.br'],
    ],
    [
      'an event without its mail: as SES names them',
      ['Inexistente@Loja.com.br'],
      undefined,
      ['inexistente@loja.com.br'],
    ],
  ])('%s', (_label, bounced, destination, expected) => {
    expect(bouncedDestinations(bounced, destination)).toEqual(expected);
  });
});
