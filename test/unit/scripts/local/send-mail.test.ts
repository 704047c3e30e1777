import { describe, expect, it } from 'vitest';
import { parseSendMailArgs, SEND_MAIL_USAGE } from '../../../../scripts/local/send-mail';
import { localConfig } from '../../../../shared/domain/config';

describe('parseSendMailArgs', () => {
  it('defaults: the seeded merchant to the office address on 127.0.0.1:2525', () => {
    expect(parseSendMailArgs(['--text', 'Olá'], {})).toEqual({
      from: 'lojista@modasbella.com.br',
      to: localConfig.ombudsmanAddresses[0],
      text: 'Olá',
      headers: {},
      host: '127.0.0.1',
      port: 2525,
    });
  });

  it('reads every option; SMTP_PORT when no --port; repeatable headers', () => {
    const args = parseSendMailArgs(
      [
        '--from',
        'carla@docesdacarla.com.br',
        '--name',
        'Carla Mendes',
        '--subject',
        'Chamado #52310',
        '--html',
        '<p>Olá</p>',
        '--in-reply-to',
        '<ack@ouvidoria>',
        '--header',
        'Auto-Submitted: auto-replied',
        '--header',
        'X-Test:  um: dois ',
      ],
      { SMTP_PORT: '2626' },
    );
    expect(args).toMatchObject({
      from: 'carla@docesdacarla.com.br',
      name: 'Carla Mendes',
      subject: 'Chamado #52310',
      html: '<p>Olá</p>',
      inReplyTo: '<ack@ouvidoria>',
      headers: { 'Auto-Submitted': 'auto-replied', 'X-Test': 'um: dois' },
      port: 2626,
    });
    expect(parseSendMailArgs(['--eml', 'a.eml', '--port', '25'], { SMTP_PORT: '2626' })).toMatchObject({
      eml: 'a.eml',
      port: 25,
    });
  });

  it('help, and clear errors for bad input', () => {
    expect(parseSendMailArgs(['--help'])).toBe('help');
    expect(SEND_MAIL_USAGE).toContain('--eml <file>');
    expect(() => parseSendMailArgs(['--subject', 'x'], {})).toThrow('Give --text, --html or --eml');
    expect(() => parseSendMailArgs(['--text', 'x', '--port', '70000'], {})).toThrow('Invalid port: 70000');
    expect(() => parseSendMailArgs(['--text', 'x'], { SMTP_PORT: 'abc' })).toThrow('Invalid port: abc');
    expect(() => parseSendMailArgs(['--text', 'x', '--header', 'sem dois pontos'], {})).toThrow(/Name: value/);
    expect(() => parseSendMailArgs(['--nope'], {})).toThrow();
  });
});
