import { describe, expect, it } from 'vitest';
import { maskEmail } from '../../../shared/domain/mask';

describe('maskEmail', () => {
  it.each([
    ['joao.silva@loja.com.br', 'j***@l***.com.br'],
    ['Ana@Gmail.com', 'a***@g***.com'],
    ['x@mail.loja.com.br', 'x***@m***.com.br'],
    ['maria+ouvidoria@empresa.net.br', 'm***@e***.net.br'],
    ['contato@loja.br', 'c***@l***.br'],
    ['contato@loja.co.uk', 'c***@l***.co.uk'],
    ['suporte@sub.example.com', 's***@s***.com'],
    ['"joão silva"@loja.com.br', '"***@l***.com.br'],
    ['  pedro@exemplo.org  ', 'p***@e***.org'],
    ['root@localhost', 'r***@***'],
    ['😀lojista@😀loja.com.br', '😀***@😀***.com.br'],
    ['\ud83dx@\ude00loja.com.br', '\ud83d***@\ude00***.com.br'],
  ])('%j → %j', (input, expected) => {
    expect(maskEmail(input)).toBe(expected);
  });

  it.each(['not-an-email', '@loja.com.br', 'joao@', 'joao silva'])('never echoes %j', (input) => {
    expect(maskEmail(input)).toBe('***');
  });

  it.each([undefined, null, '', '   '])('empty for %j', (input) => {
    expect(maskEmail(input)).toBe('');
  });

  it('never contains the full local part or domain name', () => {
    const out = maskEmail('fernanda.costa@minhaloja.com.br');
    expect(out).not.toContain('fernanda');
    expect(out).not.toContain('minhaloja');
  });
});
