import { describe, expect, it } from 'vitest';
import { BOUNCE_BREAKER_MAX_PER_HOUR, BOUNCE_KEYS_PER_HOUR } from '../../../shared/domain/bounce-breaker';
import { configSchema, localConfig, localConfigInput, parseConfig } from '../../../shared/domain/config';

describe('parseConfig', () => {
  it('fills every default of the local configuration', () => {
    expect(localConfig.autoReply).toMatchObject({ maxPerSenderPerOutcomePerDay: 1, bounceSuppressionDays: 60 });
    expect(localConfig.threading.reopenWindowDays).toBe(7);
    expect(localConfig.limits).toEqual({
      maxRawMailBytes: 25 * 1024 * 1024,
      webformPerIpPerHour: 20,
      maxOpenCasesPerSender: 5,
      webformConfirmLinkHours: 48,
      webformConfirmMailsPerAddressPerHour: 5,
      webformConfirmMailsPerAddressPerDay: 10,
    });
    // The local roster's ouvidora is the one setting given; the rest are defaults.
    expect(localConfig.lifecycle).toMatchObject({
      staffReplyLocalPart: 'caso',
      tokenLength: 16,
      supervisorIds: ['sofia'],
    });
    expect(localConfig.reminderBusinessDays).toBe(2);
    expect(localConfig.slaBusinessDays).toBe(10);
  });

  // Mend 62: the breaker's hour keeps BOUNCE_KEYS_PER_HOUR bounce keys and counts plainly past them; a
  // threshold near or past that would let repeated notifications count twice before it trips.
  it.each([
    [30, true],
    [BOUNCE_BREAKER_MAX_PER_HOUR, true],
    [BOUNCE_BREAKER_MAX_PER_HOUR + 1, false],
    [BOUNCE_KEYS_PER_HOUR, false],
  ])('autoReply.bounceBreakerPerHour %d accepted: %s', (bounceBreakerPerHour, accepted) => {
    const input = { ...localConfigInput, autoReply: { ...localConfigInput.autoReply, bounceBreakerPerHour } };
    if (accepted) expect(parseConfig(input).autoReply.bounceBreakerPerHour).toBe(bounceBreakerPerHour);
    else expect(() => parseConfig(input)).toThrow(/bounceBreakerPerHour/);
  });

  // Round 55: the stores' domain is optional (none: no address proves a store of ours) and must be a domain.
  it.each([
    [undefined, []],
    [['lojas.exemplo.com.br'], ['lojas.exemplo.com.br']],
  ])('storeDomains %j → %j', (storeDomains, parsed) => {
    expect(parseConfig({ ...localConfigInput, storeDomains }).storeDomains).toEqual(parsed);
  });

  it.each([['https://lojas.exemplo.com.br'], ['.lojas.exemplo.com.br'], ['Lojas.Exemplo.com.br'], ['localhost']])(
    'storeDomains refuses %j',
    (domain) => {
      expect(() => parseConfig({ ...localConfigInput, storeDomains: [domain] })).toThrow(/storeDomains/);
    },
  );

  it('an older file without the lifecycle block still parses', () => {
    const { lifecycle: _lifecycle, ...older } = { ...localConfigInput, lifecycle: undefined };
    expect(parseConfig(older).lifecycle.surveyLinkDays).toBe(30);
  });

  it('the no-reply pattern refuses system senders and lets people through', () => {
    const pattern = new RegExp(localConfig.autoReply.noReplySenderPattern, 'i');
    for (const local of ['mailer-daemon', 'postmaster', 'no-reply', 'noreply', 'nao_responda', 'bounces+x'])
      expect(pattern.test(local), local).toBe(true);
    for (const local of ['maria', 'lojista', 'contato', 'financeiro']) expect(pattern.test(local), local).toBe(false);
  });

  it('lists every problem by path, in one error', () => {
    const bad = {
      ...localConfigInput,
      fromAddress: 'not-an-address',
      officeHours: { days: [1], open: '9h', close: '17:00' },
      calendar: { ...localConfigInput.calendar, extraClosedDays: ['31/12/2026'] },
      limits: { maxRawMailBytes: 10 },
    };
    const error = (() => {
      try {
        parseConfig(bad);
      } catch (e) {
        return String(e);
      }
      return '';
    })();
    expect(error).toContain('Invalid Ouvidoria configuration:');
    expect(error).toContain('  - fromAddress:');
    expect(error).toContain('  - officeHours.open: use HH:MM (24 h)');
    expect(error).toMatch(/ {2}- calendar\.extraClosedDays\.0:/);
    expect(error).toContain('  - limits.maxRawMailBytes:');
    expect(() => parseConfig(null)).toThrow(/\(root\)/);
  });

  it.each([
    ['24-12', false],
    ['2026-02-31', false],
    ['2026-13-01', false],
    ['00-10', false],
    ['2027-02-29', false],
    ['12-24', true],
    ['02-29', true],
    ['2026-12-24', true],
    ['2028-02-29', true],
  ])('a closed day %j is a day of the calendar: %s', (day, valid) => {
    const input = { ...localConfigInput, calendar: { ...localConfigInput.calendar, extraClosedDays: [day] } };
    if (valid) expect(parseConfig(input).calendar.extraClosedDays).toEqual([day]);
    else expect(() => parseConfig(input)).toThrow(/calendar\.extraClosedDays\.0: not a day of the calendar/);
  });

  it.each([
    ['BR', undefined],
    ['br', 'calendar.country: only "BR" holidays are generated'],
    ['PT', 'calendar.country: only "BR" holidays are generated'],
  ])('calendar.country %s: refused unless the functions carry its holiday table', (country, problem) => {
    const input = { ...localConfigInput, calendar: { ...localConfigInput.calendar, country } };
    if (problem === undefined) expect(parseConfig(input).calendar.country).toBe('BR');
    else expect(() => parseConfig(input)).toThrow(problem);
  });

  it('rejects a staff reply local part that could not be an address part', () => {
    const result = configSchema().safeParse({ ...localConfigInput, lifecycle: { staffReplyLocalPart: 'Caso+X' } });
    expect(result.success).toBe(false);
  });
});
