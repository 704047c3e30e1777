import { describe, expect, it } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  emlEnvelope,
  parseSendMailArgs,
  localRoster,
  resolveStaffSender,
  SEND_MAIL_USAGE,
} from '../../../../scripts/local/send-mail';
import { parseStaffReplyAddress, verifyStaffReplyToken } from '../../../../shared/domain/lifecycle/reply-address';
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

  const STAFF_EML = [
    'From: Bruno Oliveira <bruno.oliveira@ouvidoria.example.com.br>',
    'To: caso+OUV-2026-000003.5xdqbkobswd6ud6x@ouvidoria.example.com.br',
    'Subject: RE: [OUV-2026-000003] Novo caso',
    '',
    'To: not-a-header@example.com',
  ].join('\r\n');
  it.each([
    // An analyst's answer saved as .eml reaches the case address it names, from the analyst.
    [
      STAFF_EML,
      [],
      'bruno.oliveira@ouvidoria.example.com.br',
      'caso+OUV-2026-000003.5xdqbkobswd6ud6x@ouvidoria.example.com.br',
    ],
    [
      'From: carla@docesdacarla.com.br\nTo:\n  "Ouvidoria" <ouvidoria@ouvidoria.example.com.br>\n\nOlá',
      [],
      'carla@docesdacarla.com.br',
      'ouvidoria@ouvidoria.example.com.br',
    ],
    [
      STAFF_EML,
      ['--from', 'x@y.com', '--to', 'ouvidoria@ouvidoria.example.com.br'],
      'x@y.com',
      'ouvidoria@ouvidoria.example.com.br',
    ],
    ['Subject: sem remetente\n\nOlá', [], 'lojista@modasbella.com.br', 'ouvidoria@ouvidoria.example.com.br'],
  ])('--eml: the envelope comes from the file’s From/To unless given (%#)', (raw, flags, from, to) => {
    const args = parseSendMailArgs(['--eml', 'a.eml', ...flags], {});
    if (args === 'help') throw new Error('unexpected help');
    expect(emlEnvelope(raw, args.from, args.to)).toEqual({ from, to });
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

  it('--as <analyst> --case <protocol>: from the analyst, to the case reply address signed with the local secret', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'send-mail-'));
    const secret = 'segredo-local-de-teste-0123456789abcdef';
    await writeFile(join(dataDir, 'reply-secret'), secret);
    const args = parseSendMailArgs(
      ['--as', 'ana', '--case', 'ouv-2026-000007', '--data-dir', dataDir, '--text', '#encerrar procedente\nResolvido.'],
      {},
    );
    if (args === 'help') throw new Error('unexpected help');
    const resolved = await resolveStaffSender(args);
    expect(resolved.from).toBe('ana.souza@ouvidoria.example.com.br');
    expect(resolved.subject).toBe('RE: [OUV-2026-000007]');
    const address = parseStaffReplyAddress(resolved.to, localConfig);
    expect(address?.protocol).toBe('OUV-2026-000007');
    expect(address && verifyStaffReplyToken(address, 'ana', secret, localConfig.lifecycle.tokenLength)).toBe(true);
    await expect(
      resolveStaffSender({ ...args, asStaff: { id: 'ninguem', protocol: 'OUV-2026-000007', dataDir } }),
    ).rejects.toThrow(/No roster member "ninguem" in events\/local-seed.json\. Known: ana <ana.souza@/);
    await expect(
      resolveStaffSender({
        ...args,
        asStaff: { id: 'ana', protocol: 'OUV-2026-000007', dataDir: join(dataDir, 'nada') },
      }),
    ).rejects.toThrow(/npm start/);
    expect(() => parseSendMailArgs(['--as', 'ana', '--text', 'x'], {})).toThrow('--as and --case go together');
  });

  describe('--as names any member of the running roster, by id or address', () => {
    // The stack's roster: the seed's Ana, and Eduardo added with `npm run staff -- add edu …`.
    const roster = async () => ({
      members: [
        { id: 'ana', name: 'Ana Souza', email: 'ana.souza@ouvidoria.example.com.br' },
        { id: 'edu', name: 'Eduardo Lima', email: 'eduardo.lima@ouvidoria.example.com.br' },
      ],
      source: "the local stack's roster (http://127.0.0.1:8000)",
    });
    it.each([
      ['edu', 'eduardo.lima@ouvidoria.example.com.br', 'edu'],
      ['eduardo.lima@ouvidoria.example.com.br', 'eduardo.lima@ouvidoria.example.com.br', 'edu'],
      ['Ana.Souza@Ouvidoria.Example.com.br', 'ana.souza@ouvidoria.example.com.br', 'ana'],
    ])('--as %s → From %s, the reply token signed for %s', async (who, from, id) => {
      const dataDir = await mkdtemp(join(tmpdir(), 'send-mail-'));
      const secret = 'segredo-local-de-teste-0123456789abcdef';
      await writeFile(join(dataDir, 'reply-secret'), secret);
      const args = parseSendMailArgs(
        ['--as', who, '--case', 'OUV-2026-000007', '--data-dir', dataDir, '--text', '#aguardar'],
        {},
      );
      if (args === 'help') throw new Error('unexpected help');
      const resolved = await resolveStaffSender(args, roster);
      expect(resolved.from).toBe(from);
      const address = parseStaffReplyAddress(resolved.to, localConfig);
      expect(address && verifyStaffReplyToken(address, id, secret, localConfig.lifecycle.tokenLength)).toBe(true);
    });

    it('an unknown member: the error says where it looked and whom it knows', async () => {
      const args = parseSendMailArgs(['--as', 'bruno', '--case', 'OUV-2026-000007', '--text', '#aguardar'], {});
      if (args === 'help') throw new Error('unexpected help');
      await expect(resolveStaffSender(args, roster)).rejects.toThrow(
        `No roster member "bruno" in the local stack's roster (http://127.0.0.1:8000). Known: ana <ana.souza@ouvidoria.example.com.br>, edu <eduardo.lima@ouvidoria.example.com.br>`,
      );
    });

    it('the local stack not running: the seed file, and the error says so', async () => {
      const { members, source } = await localRoster({ DYNAMODB_PORT: '1' })();
      expect(members.map((m) => m.id)).toContain('ana');
      expect(source).toBe('events/local-seed.json (the local stack at http://127.0.0.1:1 did not answer)');
    });
  });
});
