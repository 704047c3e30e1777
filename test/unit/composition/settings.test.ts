import { describe, expect, it } from 'vitest';
import { clockFrom } from '../../../shared/composition/clients';
import { settingsFromEnv } from '../../../shared/composition/settings';
import { localConfigInput } from '../../../shared/domain/config';
import { ENV, RAW_MAIL_PREFIX } from '../../../shared/runtime-env';

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
