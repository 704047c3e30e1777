import { describe, expect, it } from 'vitest';
import { localConfig, localConfigInput, parseConfig } from '../../../../shared/domain/config';
import {
  base32,
  isStaffReplyAddress,
  isStaffReplyMailbox,
  parseStaffReplyAddress,
  staffReplyAddress,
  staffReplyToken,
  verifyStaffReplyToken,
  withoutOwnAddress,
  withoutStaffReplyAddresses,
} from '../../../../shared/domain/lifecycle/reply-address';
import { PROTOCOL, SECRET } from '../../../support/lifecycle-fakes';

const DOMAIN = 'ouvidoria.example.com.br';

describe('base32', () => {
  it.each([
    ['', ''],
    ['f', 'my'],
    ['fo', 'mzxq'],
    ['foo', 'mzxw6'],
    ['foob', 'mzxw6yq'],
    ['fooba', 'mzxw6ytb'],
    ['foobar', 'mzxw6ytboi'],
  ])('RFC 4648 vector %j', (input, expected) => {
    expect(base32(Buffer.from(input))).toBe(expected);
  });
});

describe('staffReplyAddress', () => {
  const address = staffReplyAddress(PROTOCOL, 'ana', SECRET, localConfig);

  it('caso+<protocol>.<token>@<domain>, token 16 base32 characters', () => {
    expect(address).toMatch(/^caso\+OUV-2026-000123\.[a-z2-7]{16}@ouvidoria\.example\.com\.br$/);
  });

  it('is stable and differs per analyst, case and secret', () => {
    expect(staffReplyAddress(PROTOCOL, 'ana', SECRET, localConfig)).toBe(address);
    expect(staffReplyAddress(PROTOCOL, 'bruno', SECRET, localConfig)).not.toBe(address);
    expect(staffReplyAddress('OUV-2026-000124', 'ana', SECRET, localConfig).split('.')[1]).not.toBe(
      address.split('.')[1],
    );
    expect(staffReplyAddress(PROTOCOL, 'ana', `${SECRET}x`, localConfig)).not.toBe(address);
  });

  it('follows the configured local part and token length', () => {
    const config = parseConfig({ ...localConfigInput, lifecycle: { staffReplyLocalPart: 'equipe', tokenLength: 26 } });
    expect(staffReplyAddress(PROTOCOL, 'ana', SECRET, config)).toMatch(/^equipe\+OUV-2026-000123\.[a-z2-7]{26}@/);
  });

  it('refuses a bad protocol or a short secret', () => {
    expect(() => staffReplyAddress('OUV-26-1', 'ana', SECRET, localConfig)).toThrow(RangeError);
    expect(() => staffReplyAddress(PROTOCOL, 'ana', 'short', localConfig)).toThrow(RangeError);
  });

  it('parses and verifies for the analyst it was issued to, only', () => {
    const parsed = parseStaffReplyAddress(address, localConfig);
    expect(parsed).toEqual({
      protocol: PROTOCOL,
      token: address.slice(address.indexOf('.') + 1, address.indexOf('@')),
    });
    expect(verifyStaffReplyToken(parsed!, 'ana', SECRET, 16)).toBe(true);
    expect(verifyStaffReplyToken(parsed!, 'bruno', SECRET, 16)).toBe(false);
    expect(verifyStaffReplyToken(parsed!, 'ana', 'another-secret-0123456789', 16)).toBe(false);
  });

  it('tolerates letter case and header forms', () => {
    for (const form of [address.toUpperCase(), address.toLowerCase(), `Ouvidoria <${address}>`, ` <${address}> `]) {
      const parsed = parseStaffReplyAddress(form, localConfig);
      expect(parsed?.protocol).toBe(PROTOCOL);
      expect(verifyStaffReplyToken(parsed!, 'ana', SECRET, 16)).toBe(true);
    }
  });

  it('a flipped token character does not verify', () => {
    const parsed = parseStaffReplyAddress(address, localConfig)!;
    const flipped = { ...parsed, token: `${parsed.token.slice(0, -1)}${parsed.token.endsWith('a') ? 'b' : 'a'}` };
    expect(verifyStaffReplyToken(flipped, 'ana', SECRET, 16)).toBe(false);
  });

  it.each([
    ['other domain', `caso+${PROTOCOL}.abcdefghijklmnop@evil.example.com`],
    ['subdomain', `caso+${PROTOCOL}.abcdefghijklmnop@x.${DOMAIN}`],
    ['the ombudsman address', `ouvidoria@${DOMAIN}`],
    ['other local part', `casos+${PROTOCOL}.abcdefghijklmnop@${DOMAIN}`],
    ['no token', `caso+${PROTOCOL}@${DOMAIN}`],
    ['short token', `caso+${PROTOCOL}.abcdefghijklmno@${DOMAIN}`],
    ['long token', `caso+${PROTOCOL}.abcdefghijklmnopq@${DOMAIN}`],
    ['token outside base32', `caso+${PROTOCOL}.abcdefghijklmno1@${DOMAIN}`],
    ['bad protocol', `caso+OUV-26-000123.abcdefghijklmnop@${DOMAIN}`],
    ['padded protocol', `caso+OUV-2026-0000123.abcdefghijklmnop@${DOMAIN}`],
    ['two at signs', `caso+${PROTOCOL}.abcdefghijklmnop@x@${DOMAIN}`],
    ['extra part', `caso+${PROTOCOL}.abcdefghijklmnop.x@${DOMAIN}`],
    ['empty', ''],
    ['huge', `caso+${'a'.repeat(100_000)}@${DOMAIN}`],
  ])('refuses %s', (_what, candidate) => {
    expect(parseStaffReplyAddress(candidate, localConfig)).toBeNull();
    expect(isStaffReplyAddress(candidate, localConfig)).toBe(false);
  });

  it.each([
    // [recipient, is the staff reply mailbox]: what the receipt rule (caso@, labels stripped) delivers.
    [`caso+${PROTOCOL}.abcdefghijklmnop@${DOMAIN}`, true],
    [`caso+${PROTOCOL}.abcdefghijklmno@${DOMAIN}`, true],
    [`caso+${PROTOCOL}@${DOMAIN}`, true],
    [`caso@${DOMAIN}`, true],
    [`Caso+qualquer.coisa@${DOMAIN.toUpperCase()}.`, true],
    [`Equipe <caso+x@${DOMAIN}>`, true],
    [`"caso"@${DOMAIN}`, true],
    // The domain in another Unicode spelling that the mailer sends to as ours (withAsciiDomain).
    [`caso@${DOMAIN.replace('o', 'ｏ')}`, true],
    [`caso+x@${DOMAIN.replaceAll('.', '。')}`, true],
    [`caso@${DOMAIN.replace('o', '\u00ado')}`, true],
    [`caso@${DOMAIN.replace('o', 'о')}`, false],
    [`ouvidoria@${DOMAIN}`, false],
    [`casos+${PROTOCOL}.abcdefghijklmnop@${DOMAIN}`, false],
    [`caso+${PROTOCOL}.abcdefghijklmnop@evil.example.com`, false],
    [`caso+x@x.${DOMAIN}`, false],
    ['', false],
  ])('the staff reply mailbox: %j → %s', (candidate, mailbox) => {
    expect(isStaffReplyMailbox(candidate, localConfig)).toBe(mailbox);
  });

  it('tokens are the HMAC of protocol and analyst id (upper-case protocol)', () => {
    expect(staffReplyToken('ouv-2026-000123', 'ana', SECRET, 16)).toBe(staffReplyToken(PROTOCOL, 'ana', SECRET, 16));
  });
});

describe('withoutOwnAddress — the writer’s own address in what she sends the merchant', () => {
  const OFFICE = localConfig.ombudsmanAddresses[0];
  it.each([
    ['alone on a line, other letter case', 'Ana\nANA.Souza@Empresa.com.br', `Ana\n${OFFICE}`],
    ['between separators', 'Ana | ana.souza@empresa.com.br | (11) 4000-1234', `Ana | ${OFFICE} | (11) 4000-1234`],
    [
      'another address that contains hers is left alone',
      'Escreva para xana.souza@empresa.com.br',
      'Escreva para xana.souza@empresa.com.br',
    ],
    ['a longer domain is left alone', 'ana.souza@empresa.com.br.net', 'ana.souza@empresa.com.br.net'],
  ])('%s', (_what, text, expected) => {
    expect(withoutOwnAddress(text, 'ana.souza@empresa.com.br', localConfig)).toBe(expected);
  });
});

describe('withoutStaffReplyAddresses — what an analyst writes never hands the merchant a staff address', () => {
  const ours = staffReplyAddress(PROTOCOL, 'ana', SECRET, localConfig);
  const OFFICE = 'ouvidoria@ouvidoria.example.com.br';
  it.each([
    ['her own case address, pasted', `Se preferir, escreva para ${ours}.`, `Se preferir, escreva para ${OFFICE}.`],
    ['in angle brackets, upper case', `Ouvidoria <${ours.toUpperCase()}>`, `Ouvidoria <${OFFICE}>`],
    ['a mailto link', `mailto:${ours}?subject=x`, `mailto:${OFFICE}?subject=x`],
    ['the bare mailbox', 'ou caso@ouvidoria.example.com.br', `ou ${OFFICE}`],
    ['a label of any shape', 'caso+qualquer-coisa@Ouvidoria.Example.com.br.', `${OFFICE}.`],
    ['twice on a line', `${ours}, ${ours}`, `${OFFICE}, ${OFFICE}`],
  ])('%s: written as the ombudsman address', (_, text, expected) => {
    expect(withoutStaffReplyAddresses(text, localConfig)).toBe(expected);
  });

  it.each([
    ['another local part', 'acaso@ouvidoria.example.com.br'],
    ['a dotted local part', 'ana.caso@ouvidoria.example.com.br'],
    ['another domain', 'caso+x@empresa.com.br'],
    ['a domain that only begins like ours', 'caso+x@ouvidoria.example.com.br.golpe.net'],
    ['the ombudsman address', OFFICE],
    ['the merchant', 'maria@lojadamaria.com.br'],
  ])('%s: left alone', (_, text) => {
    expect(withoutStaffReplyAddresses(text, localConfig)).toBe(text);
  });

  it('is linear on a long run of near misses', () => {
    const text = 'caso+'.repeat(50_000);
    const started = performance.now();
    expect(withoutStaffReplyAddresses(text, localConfig)).toBe(text);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
