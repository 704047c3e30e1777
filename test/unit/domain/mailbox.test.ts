import { describe, expect, it } from 'vitest';
import { inboxLimitKey, sameMailbox, withAsciiDomain } from '../../../shared/domain/mailbox';

describe('sameMailbox', () => {
  it.each([
    ['the same address', 'maria@lojadamaria.com.br', 'maria@lojadamaria.com.br'],
    ['case and spaces aside', '  Maria@LojaDaMaria.com.br ', 'maria@lojadamaria.com.br'],
    ['Gmail: dots in the name', 'maria.souza@gmail.com', 'mariasouza@gmail.com'],
    ['Gmail: a +tag', 'mariasouza+loja@gmail.com', 'mariasouza@gmail.com'],
    ['Gmail: googlemail.com', 'MariaSouza@googlemail.com', 'maria.souza@gmail.com'],
  ])('%s', (_name, a, b) => {
    expect(sameMailbox(a, b)).toBe(true);
    expect(sameMailbox(b, a)).toBe(true);
  });

  it.each([
    ['another name', 'maria@lojadamaria.com.br', 'joao@lojadamaria.com.br'],
    ['another domain', 'maria@lojadamaria.com.br', 'maria@lojadamaria.com'],
    // Elsewhere a dot or a "+" may name another mailbox.
    ['dots outside Gmail', 'maria.souza@lojadamaria.com.br', 'mariasouza@lojadamaria.com.br'],
    ['a +tag outside Gmail', 'maria+loja@outlook.com', 'maria@outlook.com'],
    ['a Gmail name against another domain', 'mariasouza@gmail.com', 'mariasouza@hotmail.com'],
    ['an empty address', '', ''],
    ['an empty Gmail name', '+x@gmail.com', '@gmail.com'],
  ])('%s: not the same', (_name, a, b) => {
    expect(sameMailbox(a, b)).toBe(false);
  });
});

describe('inboxLimitKey', () => {
  it.each([
    ['maria@lojadamaria.com.br', 'maria@lojadamaria.com.br'],
    [' Maria@LojaDaMaria.com.br ', 'maria@lojadamaria.com.br'],
    ['maria+ouvidoria@lojadamaria.com.br', 'maria@lojadamaria.com.br'],
    ['maria+a+b@outlook.com', 'maria@outlook.com'],
    ['maria.souza+1@gmail.com', 'mariasouza@gmail.com'],
    ['Maria.Souza@googlemail.com', 'mariasouza@gmail.com'],
    // Dots stay outside Gmail: there they may name another mailbox, and a limit need not merge them.
    ['maria.souza@lojadamaria.com.br', 'maria.souza@lojadamaria.com.br'],
    ['+tag@lojadamaria.com.br', '+tag@lojadamaria.com.br'],
    ['sem-arroba', 'sem-arroba'],
  ])('%j → %j', (address, key) => {
    expect(inboxLimitKey(address)).toBe(key);
  });
});

describe('withAsciiDomain', () => {
  it.each([
    ['loja@açaí.com.br', 'loja@xn--aa-4iaz.com.br'],
    ['loja@AÇAÍ.com.br', 'loja@xn--aa-4iaz.com.br'],
    ['loja@xn--aa-4iaz.com.br', 'loja@xn--aa-4iaz.com.br'],
    ['Loja@Loja.com.br', 'Loja@Loja.com.br'],
    ['sem-arroba', 'sem-arroba'],
    // A Cyrillic "е" in a look-alike of modasbella.com.br shows as what it is.
    ['lojista@modasbеlla.com.br', 'lojista@xn--modasblla-l0h.com.br'],
  ])('%s → %s', (address, ascii) => {
    expect(withAsciiDomain(address)).toBe(ascii);
  });

  it('is undefined for a domain that is no domain name', () => {
    expect(withAsciiDomain('loja@ç b.com.br')).toBeUndefined();
  });
});

describe('sameMailbox — one domain in either of its forms', () => {
  it("the directory's Unicode domain is the mail's xn-- one", () => {
    expect(sameMailbox('joana@açaí.com.br', 'Joana@xn--aa-4iaz.com.br')).toBe(true);
    expect(sameMailbox('joana@açaí.com.br', 'joana@acai.com.br')).toBe(false);
  });
});
