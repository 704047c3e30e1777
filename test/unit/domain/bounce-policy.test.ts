import { describe, expect, it } from 'vitest';
import { confirmedBounces, suppressedUntil } from '../../../shared/domain/bounce-policy';
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
