import { afterEach, describe, expect, it, vi } from 'vitest';
import { clockFrom } from '../../../shared/composition/clients';
import { settingsFromEnv } from '../../../shared/composition/settings';
import { configSeal, localConfig, localConfigInput } from '../../../shared/domain/config';
import { BUNDLED_CONFIG, configBundleDefine, ENV, RAW_MAIL_PREFIX } from '../../../shared/runtime-env';

const BASE = { [ENV.config]: JSON.stringify(localConfigInput), [ENV.tableName]: 'tabela' };

describe('settingsFromEnv', () => {
  it('reads the Lambda environment the stack sets', () => {
    const settings = settingsFromEnv({
      ...BASE,
      [ENV.ticketDirectory]: 'zendesk',
      [ENV.zendeskSubdomain]: 'loja',
      [ENV.zendeskSecretArn]: 'arn:aws:secretsmanager:us-east-1:1:secret:z',
      [ENV.rawMailBucket]: 'bucket',
      [ENV.messageTextBucket]: 'textos',
      [ENV.schedulerGroup]: 'grupo',
      [ENV.schedulerRoleArn]: 'arn:aws:iam::1:role/r',
    });
    expect(settings.tableName).toBe('tabela');
    expect(settings.ticketDirectory).toEqual({
      kind: 'zendesk',
      subdomain: 'loja',
      secretId: 'arn:aws:secretsmanager:us-east-1:1:secret:z',
    });
    expect(settings.rawMail).toEqual({ bucket: 'bucket', prefix: RAW_MAIL_PREFIX });
    expect(settings.messageTexts).toEqual({ bucket: 'textos' });
    expect(settingsFromEnv({ ...BASE, [ENV.ticketDirectory]: 'table' }).messageTexts).toBeUndefined();
    expect(settings.scheduler).toEqual({ group: 'grupo', roleArn: 'arn:aws:iam::1:role/r' });
    expect(settings.dynamoEndpoint).toBeUndefined();
  });

  it('names no ticket directory where TICKET_DIRECTORY is not set (only the intake looks tickets up)', () => {
    // No Zendesk settings are asked of the functions that never look a ticket up.
    expect(settingsFromEnv(BASE).ticketDirectory).toBeUndefined();
    expect(settingsFromEnv({ ...BASE, [ENV.ticketDirectory]: 'table' }).ticketDirectory).toEqual({ kind: 'table' });
  });

  it.each([
    [{}, /OUVIDORIA_CONFIG/],
    [{ [ENV.config]: BASE[ENV.config] }, /TABLE_NAME/],
    [{ ...BASE, [ENV.ticketDirectory]: 'planilha' }, /"zendesk" or "table"/],
    [{ ...BASE, [ENV.ticketDirectory]: 'zendesk' }, /ZENDESK_SUBDOMAIN/],
  ])('names what is missing or wrong (%#)', (env, message) => {
    expect(() => settingsFromEnv(env)).toThrow(message);
  });
});

describe('settingsFromEnv: the configuration synth sealed', () => {
  const sealed = JSON.stringify(localConfig);

  it('reads a sealed configuration as synth validated it, with its defaults', () => {
    const settings = settingsFromEnv({ ...BASE, [ENV.config]: sealed, [ENV.configSeal]: configSeal(sealed) });
    expect(settings.config).toEqual(localConfig);
  });

  it('does not validate again under a matching seal (the cold start skips the schema)', () => {
    // Only synth could have sealed this: no schema would accept it, so reading it proves none ran.
    const json = JSON.stringify({ ...localConfig, slaBusinessDays: 'dez' });
    expect(settingsFromEnv({ ...BASE, [ENV.config]: json, [ENV.configSeal]: configSeal(json) }).config).toMatchObject({
      slaBusinessDays: 'dez',
    });
  });

  it('validates a configuration edited by hand after synth (the seal no longer matches)', () => {
    const edited = JSON.stringify({ ...localConfig, slaBusinessDays: 'dez' });
    expect(() => settingsFromEnv({ ...BASE, [ENV.config]: edited, [ENV.configSeal]: configSeal(sealed) })).toThrow(
      /slaBusinessDays/,
    );
    // A valid edit is read, its omissions filled in by the defaults.
    const valid = JSON.stringify({ ...localConfigInput, slaBusinessDays: 12 });
    const settings = settingsFromEnv({ ...BASE, [ENV.config]: valid, [ENV.configSeal]: configSeal(sealed) });
    expect(settings.config).toEqual({ ...localConfig, slaBusinessDays: 12 });
  });

  it.each([
    ['no seal', undefined],
    ['an empty seal', ''],
    ['a seal of other bytes', configSeal(`${sealed} `)],
  ])('validates the configuration under %s', (_, seal) => {
    const json = JSON.stringify({ ...localConfig, timeZone: 7 });
    const env = { ...BASE, [ENV.config]: json, ...(seal === undefined ? {} : { [ENV.configSeal]: seal }) };
    expect(() => settingsFromEnv(env)).toThrow(/timeZone/);
  });
});

describe('settingsFromEnv: the configuration bundled on AWS (not in the 4 KB environment)', () => {
  const { [ENV.config]: _json, ...withoutJson } = BASE;
  const bundle = (json: string) =>
    vi.stubEnv(
      BUNDLED_CONFIG.slice('process.env.'.length),
      JSON.parse(configBundleDefine(json)[BUNDLED_CONFIG] as string) as string,
    );
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it.each<{ name: string; bundled?: Record<string, unknown>; env: Record<string, string>; expected: RegExp | object }>([
    {
      name: 'the bundle alone: read as synth validated it (no schema: it would refuse "dez")',
      bundled: { ...localConfig, slaBusinessDays: 'dez', fromName: 'Ouvidoria — Lojistas' },
      env: {},
      expected: { slaBusinessDays: 'dez', fromName: 'Ouvidoria — Lojistas' },
    },
    {
      name: 'OUVIDORIA_CONFIG set by hand in the Lambda console wins over the bundle, validated',
      bundled: localConfig,
      env: { [ENV.config]: JSON.stringify({ ...localConfigInput, slaBusinessDays: 12 }) },
      expected: { slaBusinessDays: 12 },
    },
    {
      name: 'a wrong hand edit fails, naming the field, even with a bundle',
      bundled: localConfig,
      env: { [ENV.config]: JSON.stringify({ ...localConfig, timeZone: 7 }) },
      expected: /timeZone/,
    },
    {
      name: 'neither: says what is missing',
      env: {},
      expected: /OUVIDORIA_CONFIG \(and no configuration in the bundle\)/,
    },
  ])('$name', ({ bundled, env, expected }) => {
    if (bundled) bundle(JSON.stringify(bundled));
    const read = () => settingsFromEnv({ ...withoutJson, ...env }).config;
    if (expected instanceof RegExp) expect(read).toThrow(expected);
    else expect(read()).toMatchObject(expected);
  });
});

describe('settingsFromEnv: the origin the stack resolved at deploy (no webformOrigin configured)', () => {
  const { webformOrigin: _configured, ...withoutOrigin } = localConfig;
  const json = JSON.stringify(withoutOrigin);
  const apiAddress = 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com';

  it.each([
    ['sealed', configSeal(json)],
    ['not sealed (validated)', undefined],
  ])('takes the API address beside a JSON without one: %s', (_label, seal) => {
    const env = {
      ...BASE,
      [ENV.config]: json,
      [ENV.webformOrigin]: apiAddress,
      ...(seal ? { [ENV.configSeal]: seal } : {}),
    };
    expect(settingsFromEnv(env).config).toEqual({ ...localConfig, webformOrigin: apiAddress });
  });

  it.each([
    ['missing', undefined],
    ['not a web address', 'javascript:alert(1)'],
    ['not an address', 'execute-api'],
  ])('fails at once when the origin is %s, sealed or not', (_label, origin) => {
    for (const seal of [configSeal(json), undefined]) {
      const env = {
        ...BASE,
        [ENV.config]: json,
        ...(seal ? { [ENV.configSeal]: seal } : {}),
        ...(origin ? { [ENV.webformOrigin]: origin } : {}),
      };
      expect(() => settingsFromEnv(env)).toThrow(/webformOrigin/);
    }
  });

  it('a configured origin is read from the JSON when the stack passes none', () => {
    const sealed = JSON.stringify(localConfig);
    expect(
      settingsFromEnv({ ...BASE, [ENV.config]: sealed, [ENV.configSeal]: configSeal(sealed) }).config.webformOrigin,
    ).toBe(localConfig.webformOrigin);
  });
});

describe('clockFrom', () => {
  it('is fixed when a start instant is set', () => {
    expect(clockFrom({ now: '2026-11-27T21:00:00-03:00' }).now()).toEqual(new Date('2026-11-28T00:00:00Z'));
  });
  it('rejects a value that is not an instant', () => {
    expect(() => clockFrom({ now: 'sexta à noite' })).toThrow(/OUVIDORIA_NOW/);
  });
  it('is the system clock otherwise', () => {
    const before = Date.now();
    expect(clockFrom({}).now().getTime()).toBeGreaterThanOrEqual(before);
  });
});
