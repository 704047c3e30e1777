import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bottomPostedText,
  canonicalizeWords,
  canonicalWord,
  cutBetweenCharacters,
  cutMarked,
  detectLanguage,
  foldKeepingLength,
  hasLoneSurrogate,
  isBareForward,
  isLetterOverForward,
  LANGUAGE_SAMPLE_CHARS,
  languageOfNormalized,
  languageOfShortReply,
  languageWordCounts,
  normalize,
  normalizeEach,
  normalizeLine,
  normalizeMultiline,
  splitQuoted,
  withoutBidiControls,
  withoutLoneSurrogates,
  withoutSignOff,
  withPlainAlphanumerics,
} from '../../../shared/domain/text';

describe('hasLoneSurrogate / withoutLoneSurrogates', () => {
  it.each([
    ['plain pt-BR', 'cobrança em dobro', false, 'cobrança em dobro'],
    ['an emoji (a pair)', 'Obrigada 🙏', false, 'Obrigada 🙏'],
    ['a high half alone', 'fatura \ud800.pdf', true, 'fatura .pdf'],
    ['a low half alone', '\udc00nome', true, 'nome'],
    ['a high half at the end', 'texto \ud83d', true, 'texto '],
    ['halves reversed', '\ude4f\ud83d', true, ''],
    ['a pair beside a half', '\ud83d\ude4f\ud83d', true, '🙏'],
  ])('%s', (_label, text, lone, kept) => {
    expect(hasLoneSurrogate(text)).toBe(lone);
    expect(hasLoneSurrogate(text)).toBe(lone);
    expect(withoutLoneSurrogates(text)).toBe(kept);
  });
});

describe('cutBetweenCharacters', () => {
  it.each([
    ['shorter than the cap', 'Obrigada 🙏', 20, 'Obrigada 🙏'],
    ['exactly the cap', 'abc', 3, 'abc'],
    ['plain text', 'cobrança em dobro', 8, 'cobrança'],
    ['an emoji straddling the cut goes whole', 'ok 🙏 valeu', 4, 'ok '],
    ['an emoji ending at the cut stays', 'ok 🙏 valeu', 5, 'ok 🙏'],
    ['two flags, the cut inside the second', '🇧🇷🇧🇷', 5, '🇧🇷'],
    ['an accent written apart stays a letter and its mark', 'cafe\u0301 quente', 5, 'cafe\u0301'],
    ['a cap of zero', 'texto', 0, ''],
  ])('%s', (_label, text, max, kept) => {
    const cut = cutBetweenCharacters(text, max);
    expect(cut).toBe(kept);
    expect(hasLoneSurrogate(cut)).toBe(false);
  });

  it('never leaves half a pair, wherever the cut falls', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.nat(40), (text, max) => {
        const cut = cutBetweenCharacters(text, max);
        return (
          text.startsWith(cut) &&
          cut.length <= max &&
          cut.length >= Math.min(max, text.length) - 1 &&
          !hasLoneSurrogate(cut)
        );
      }),
    );
  });
});

describe('cutMarked', () => {
  it.each([
    ['a text that fits is whole, unmarked', 'Deu certo, obrigada', 19, undefined, 'Deu certo, obrigada'],
    ['a cut text ends in […]', 'A cobrança veio em dobro no cartão', 12, undefined, 'A cobrança v […]'],
    [
      'with a reason, the mark and the reason on a line of their own',
      'A cobrança veio em dobro',
      10,
      'texto cortado: a íntegra está no console',
      'A cobrança\n[…] (texto cortado: a íntegra está no console)',
    ],
    ['an emoji at the cut goes whole', 'Valeu 🙏🙏', 7, undefined, 'Valeu  […]'],
  ])('%s', (_label, text, max, why, kept) => {
    const cut = cutMarked(text, max, why);
    expect(cut).toBe(kept);
    expect(hasLoneSurrogate(cut)).toBe(false);
  });
});

describe('normalizeLine', () => {
  it.each([
    // [typed, kept]: what a reader cannot see goes; blanks become one space.
    ['Mari\u200bana\u00ad Costa', 'Mariana Costa'],
    ['\u3164', ''],
    ['\u115f\u1160\uffa0', ''],
    ['\u2800 \u3000 \u2800', ''],
    ['Jo\u200eão\u200f Pereira\u061c', 'João Pereira'],
    ['\u202eanitraM\u202c', 'anitraM'],
    ['Loja\u3000da\u3164Maria', 'Loja daMaria'],
  ])('%j → %j', (typed, kept) => {
    expect(normalizeLine(typed)).toBe(kept);
  });
});

describe('normalizeMultiline: invisible characters go, emoji sequences stay whole', () => {
  it.each([
    // [typed, kept]: a reader sees nothing of a zero-width space, word joiner or soft hyphen.
    ['Pedido\u200b 48213 não\u2060 chegou\u00ad', 'Pedido 48213 não chegou'],
    ['Estorno\u200c\u200d pendente', 'Estorno pendente'],
    ['\u2800\u3164\n\u115fSem resposta\uffa0', 'Sem resposta'],
    ['Tag\u{E0041}\u{E0042} escondida', 'Tag escondida'],
    // A joiner only between two emoji; a variation selector only after a character that takes it.
    ['Obrigada 👩‍💻 pelo retorno', 'Obrigada 👩‍💻 pelo retorno'],
    ['Equipe 🏳️‍🌈 e ❤️‍🔥', 'Equipe 🏳️‍🌈 e ❤️‍🔥'],
    ['Família 👨‍👩‍👧 e 👩🏽‍💻', 'Família 👨‍👩‍👧 e 👩🏽‍💻'],
    ['Nota 1️⃣ de 5', 'Nota 1️⃣ de 5'],
    ['Loja\u200d\u200dMaria\u200d🌈', 'LojaMaria🌈'],
    ['ok\ufe0f e ❤\ufe0f\ufe0f', 'ok e ❤\ufe0f'],
    ['a\ufe0f\u200d🌈 e 🌈\u200d', 'a🌈 e 🌈'],
    [
      'Bandeira 🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F} e 🏴\u{E0067}',
      'Bandeira 🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F} e 🏴',
    ],
    ['葛\u{E0100}城 e x\u{E0100}', '葛\u{E0100}城 e x'],
  ])('%j → %j', (typed, kept) => {
    expect(normalizeMultiline(typed)).toBe(kept);
  });

  it('is linear: a long run of joiners and selectors is one pass', () => {
    const text = `${'👩\u200d\ufe0f\u200b'.repeat(100_000)}fim`;
    const started = performance.now();
    expect(normalizeMultiline(text)).toBe(`${'👩'.repeat(100_000)}fim`);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('withoutBidiControls: the text in the order it is written', () => {
  it.each([
    ['an override around an amount', 'R$ \u202e0001\u202c', 'R$ 0001'],
    ['an isolate around a link', 'https://\u2067moc.olpmexe\u2069/x', 'https://moc.olpmexe/x'],
    ['an embedding', '\u202bconta 123\u202c', 'conta 123'],
    ['the marks LRM, RLM and ALM', 'a\u200eb\u200fc\u061cd', 'abcd'],
    ['Arabic and Hebrew letters stay', 'مرحبا שלום', 'مرحبا שלום'],
    ['an emoji sequence stays whole', '👩\u200d💻 ok', '👩\u200d💻 ok'],
  ])('%s', (_what, text, read) => {
    expect(withoutBidiControls(text)).toBe(read);
  });
});

describe('normalize', () => {
  it.each([
    ['Não consigo ACESSAR o painel', 'nao consigo acessar o painel'],
    ['Cobrança   indevida\n\tna\r\nfatura', 'cobranca indevida na fatura'],
    ['Chamado nº 12.345', 'chamado no 12.345'],
    ['chamado n° 12345', 'chamado no 12345'],
    ['Solicitação Ç ÃÕÊ', 'solicitacao c aoe'],
    ['R$ 1.234,56 (50%)', 'r$ 1.234,56 (50%)'],
    ['domínio congelado no registro.br!!', 'dominio congelado no registro.br!!'],
    ['emoji 😡😡 e “aspas” – travessão', 'emoji e aspas travessao'],
    ['fa\u200btura com\u00adsoft hyphen', 'fatura comsoft hyphen'],
    ['chamado 48\u200e213 e 51\u3164000', 'chamado 48213 e 51000'],
    ['decomposta: solicitac\u0327a\u0303o', 'decomposta: solicitacao'],
    ['Chamado ４８２１３ sem solução', 'chamado 48213 sem solucao'],
    ['𝐂𝐡𝐚𝐦𝐚𝐝𝐨 𝟒𝟖𝟐𝟏𝟑 𝘀𝗲𝗺 𝗿𝗲𝘀𝗽𝗼𝘀𝘁𝗮', 'chamado 48213 sem resposta'],
    ['① frete ② 10 m² ½ ﬁ', '1 frete 2 10 m2'],
    ['   ', ''],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalize(input)).toBe(expected);
  });

  it('is idempotent and never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => {
        const once = normalize(s);
        expect(normalize(once)).toBe(once);
        expect(once).toMatch(/^[a-z0-9 .,;:!?#/()\-'"@%$&+=_*]*$/);
      }),
    );
  });

  /**
   * The plain letter or digit of a character that folds to nothing else ("４", "𝐂", "①"), or null:
   * its compatibility form when that is one ASCII letter or digit.
   */
  const compatibilityPlain = (c: string) => {
    const kept = c
      .toLowerCase()
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .replace(/[^a-z0-9\s.,;:!?#/()\-'"@%$&+=_*]/g, '');
    const plain = c
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase();
    return kept === '' && /^[a-z0-9]$/.test(plain) ? plain : null;
  };
  /** normalize as it was written first: each step a pass over the whole text. */
  const reference = (text: string) =>
    text
      .replace(/[\p{Default_Ignorable_Code_Point}\u2800]/gu, '')
      .replace(/[ºª°]/g, (c) => ({ º: 'o', '°': 'o', ª: 'a' })[c] ?? c)
      .replace(/[^\p{ASCII}]/gu, (c) => compatibilityPlain(c) ?? c)
      .toLowerCase()
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .replace(/[^a-z0-9\s.,;:!?#/()\-'"@%$&+=_*]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  const unit = fc.oneof(
    fc.constantFrom(
      'Não',
      'ÇÃO',
      'nº',
      '1ª',
      'n°',
      'ΟΔΟΣ ΑΣ',
      'Σ',
      'İstanbul',
      'ß',
      'ﬁ',
      'K',
      'Å',
      '😡',
      '\u0301',
      '\u0323\u0301',
      'e\u0301',
      '\u00a0',
      '\u3000',
      '\u200b',
      '\u00ad',
      '\ufeff',
      '\ud83d',
      '\ude21',
      '\u0344',
      'ﾊﾟ',
      '한국',
      '４８２１３',
      'ｃｈａｍａｄｏ',
      '𝐂𝐡𝟒',
      '①²½',
      ' ',
      '\n',
      '\t',
      'Chamado 12.345',
    ),
    fc.string({ unit: 'binary', maxLength: 4 }),
    fc.string({ unit: 'grapheme', maxLength: 4 }),
  );

  it('equals the one-pass-per-step reference on any text', () => {
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 30 }), (units) => {
        const text = units.join('');
        expect(normalize(text)).toBe(reference(text));
      }),
      { numRuns: 2000 },
    );
    for (const text of [' '.repeat(100_000), `${'1.111.'.repeat(10_000)}Ã`, 'ç'.repeat(50_000)]) {
      expect(normalize(text)).toBe(reference(text));
    }
  });
});

describe('normalizeEach', () => {
  const part = fc.array(
    fc.oneof(
      fc.constantFrom(
        'Não',
        'nº',
        ' ',
        '\n',
        '\u037e',
        '\u00a0',
        '\ud83d',
        '\ude21',
        '😡',
        'İ',
        '?',
        '!',
        '.',
        'e\u0301',
      ),
      fc.string({ unit: 'grapheme', maxLength: 4 }),
    ),
    { maxLength: 8 },
  );

  it('is normalize of each part, whatever the parts hold (a part with a "?" included)', () => {
    fc.assert(
      fc.property(
        fc.array(
          part.map((units) => units.join('')),
          { maxLength: 8 },
        ),
        (parts) => {
          expect(normalizeEach(parts)).toEqual(parts.map(normalize));
        },
      ),
      { numRuns: 1000 },
    );
    // U+037E (Greek question mark) folds to ';', never to the '?' that joins the parts.
    expect(normalizeEach(['a\u037e b', ' Ç ', ''])).toEqual(['a; b', 'c', '']);
  });
});

describe('languageOfShortReply', () => {
  const quote = (lines: string[]) => lines.map((l) => `> ${l}`).join('\n');
  const EN = `On Tue, Nov 24, 2026 at 10:05 AM Ouvidoria wrote:\n${quote(['Hello, we received your message and we will answer you soon. Thank you for your patience.'])}`;
  const ES = `El mar, 24 nov 2026, Ouvidoria escribió:\n${quote(['Hola, recibimos su mensaje y le responderemos pronto. Gracias por su paciencia.'])}`;
  it.each<[string, string, string, string]>([
    ['a word of the quote’s language', 'Re: x', `Thanks!\n\n${EN}`, 'en'],
    ['numbers and signs only', 'Re: x', `48213 !!\n\n${EN}`, 'en'],
    ['Spanish', 'Re: x', `Gracias\n\n${ES}`, 'es'],
    ['a Portuguese word in the subject', 'Re: Recebemos sua mensagem', `Thanks\n\n${EN}`, 'pt-BR'],
    ['a Portuguese word of hers', 'Re: x', `Obrigado\n\n${EN}`, 'pt-BR'],
    ['a word in no list', 'Re: x', `Atrasado\n\n${EN}`, 'pt-BR'],
    ['the other language’s word', 'Re: x', `Gracias\n\n${EN}`, 'pt-BR'],
    ['no quote', 'Re: x', 'Thanks', 'pt-BR'],
    ['a bare forward', 'Fwd: x', `\n---------- Forwarded message ---------\n${EN.replace(/^> /gm, '')}`, 'pt-BR'],
  ])('%s: %s → %s', (_name, subject, text, language) => {
    const split = splitQuoted(text);
    const own = languageWordCounts(normalize(`${subject}\n${split.fresh}`));
    expect(languageOfShortReply(own, subject, split)).toBe(language);
  });
});

describe('languageOfNormalized', () => {
  it('guesses as detectLanguage from the normalised sample, whole or as pieces joined by spaces', () => {
    for (const text of [
      'Hola, no puedo acceder a mi tienda. Gracias.',
      "Hi! I can't log in to my store; thanks.",
      'Olá',
    ]) {
      expect(languageOfNormalized(normalize(text))).toBe(detectLanguage(text));
      expect(languageOfNormalized(normalizeEach(text.split(/[!?;.]/)).join(' '))).toBe(detectLanguage(text));
    }
  });

  it('is what detectLanguage reads of a longer text: its first LANGUAGE_SAMPLE_CHARS characters', () => {
    const text = `${'olá não '.repeat(LANGUAGE_SAMPLE_CHARS / 8)}${'the and you '.repeat(2000)}`;
    expect(detectLanguage(text)).toBe('pt-BR');
    expect(languageOfNormalized(normalize(text))).toBe('en');
  });

  it("reads whole words only, the maximal runs of [a-z']", () => {
    expect(languageOfNormalized("don't can't isn't")).toBe('en');
    expect(languageOfNormalized('dont cant isnt')).toBe('pt-BR');
    expect(languageOfNormalized('the1and-is,you')).toBe('en');
    expect(languageOfNormalized('theandisyou')).toBe('pt-BR');
    // Prefixes and extensions of list words are other words.
    expect(languageOfNormalized('th yo pleas regard')).toBe('pt-BR');
    expect(languageOfNormalized('thee andy iss youu')).toBe('pt-BR');
    expect(languageOfNormalized("'the 'and 'is 'you")).toBe('pt-BR');
  });
});

/** Characters that change length under case mapping or decomposition, and surrogate pairs. */
const tricky = fc.constantFrom(
  'a',
  'A',
  'Ç',
  'ã',
  'º',
  '°',
  'ª',
  'İ',
  'ß',
  'ﬁ',
  '４',
  'Ｃ',
  '①',
  'Σ',
  '\u212a',
  '😡',
  '\u{10400}',
  '\u0301',
  ' ',
  '\n',
  '1',
  '#',
);

describe('withPlainAlphanumerics', () => {
  it.each([
    ['𝐂𝐡𝐚𝐦𝐚𝐝𝐨 𝟒𝟖𝟐𝟏𝟑', 'Chamado 48213'],
    ['𝘀𝗲𝗺 𝗿𝗲𝘀𝗽𝗼𝘀𝘁𝗮 😡 ４８', 'sem resposta 😡 ４８'],
    ['Chamado 48213', 'Chamado 48213'],
    ['\ud835', '\ud835'],
    // A phone's keycap emoji, with or without its VS16; a lone U+20E3 stays.
    ['meu chamado é o 4️⃣8️⃣2️⃣1️⃣3️⃣', 'meu chamado é o 48213'],
    ['#\u20e34\u20e38\u20e32\u20e31\u20e33\u20e3', '#48213'],
    ['ok \u20e3', 'ok \u20e3'],
  ])('%j → %j', (input, expected) => {
    expect(withPlainAlphanumerics(input)).toBe(expected);
  });
});

describe('foldKeepingLength', () => {
  it('keeps one character per input unit, folded', () => {
    expect(foldKeepingLength('Solicitação Nº 12')).toBe('solicitacao no 12');
    expect(foldKeepingLength('ÇA')).toBe('ca');
    expect(foldKeepingLength('Chamado ４８２１３ ＣＨＡＭＡＤＯ ①')).toBe('chamado 48213 chamado 1');
  });

  it('never changes the length', () => {
    fc.assert(
      fc.property(fc.string({ unit: tricky, maxLength: 100 }), (s) => {
        expect(foldKeepingLength(s)).toHaveLength(s.length);
      }),
    );
  });

  it('equals folding unit by unit', () => {
    /** The fold as first written: a loop over UTF-16 units. */
    const reference = (text: string) => {
      const out: string[] = [];
      for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (code < 128) {
          out.push(code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : text.charAt(i));
          continue;
        }
        const c = text.charAt(i);
        const ordinal = ({ º: 'o', '°': 'o', ª: 'a' } as Record<string, string>)[c];
        const lower = c.toLowerCase();
        const base = lower.normalize('NFD').replace(/\p{M}+/gu, '');
        const plain = c
          .normalize('NFKD')
          .replace(/\p{M}+/gu, '')
          .toLowerCase();
        const ascii = base.length === 1 && base.charCodeAt(0) < 128;
        const compatible = !ascii && /^[a-z0-9]$/.test(plain) ? plain : undefined;
        out.push(
          ordinal ?? (ascii ? base : (compatible ?? (base.length === 1 ? base : lower.length === 1 ? lower : ' '))),
        );
      }
      return out.join('');
    };
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: tricky, maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 })),
        (s) => {
          expect(foldKeepingLength(s)).toBe(reference(s));
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('splitQuoted', () => {
  it('keeps a message without history as fresh', () => {
    expect(splitQuoted('Olá,\nnão consigo acessar.\n')).toEqual({ fresh: 'Olá,\nnão consigo acessar.', quoted: '' });
  });

  it('handles an empty body', () => {
    expect(splitQuoted('')).toEqual({ fresh: '', quoted: '' });
  });

  it('splits a Gmail pt-BR top-posted reply ("Em ..., escreveu:") with > lines', () => {
    const text = [
      'Ainda não resolveram meu problema.',
      '',
      'Em ter., 24 de nov. de 2026 às 10:12, Suporte <suporte@loja.com> escreveu:',
      '> Seu chamado #48213 foi resolvido.',
      '>> Quero um desconto',
    ].join('\r\n');
    const { fresh, quoted } = splitQuoted(text);
    expect(fresh).toBe('Ainda não resolveram meu problema.');
    expect(quoted).toContain('Seu chamado #48213 foi resolvido.');
    expect(quoted).toContain('Quero um desconto');
    expect(quoted.split('\n').some((l) => l.startsWith('>'))).toBe(false);
  });

  it('handles an attribution that Gmail wrapped over two lines', () => {
    const text =
      'Oi\n\nEm qua., 25 de nov. de 2026 às 09:00, Fulano de Tal <\nfulano@example.com> escreveu:\n\nTexto antigo';
    expect(splitQuoted(text)).toEqual({
      fresh: 'Oi',
      quoted: 'Em qua., 25 de nov. de 2026 às 09:00, Fulano de Tal <\nfulano@example.com> escreveu:\n\nTexto antigo',
    });
  });

  it('handles the English "On ... wrote:" attribution without > marks', () => {
    const { fresh, quoted } = splitQuoted(
      'Please see below\nOn Tue, Nov 24, 2026 at 10:12 AM Support <s@x.com> wrote:\nold text',
    );
    expect(fresh).toBe('Please see below');
    expect(quoted).toContain('old text');
  });

  it('keeps the answers of an interleaved reply fresh and the > lines quoted', () => {
    const text = [
      'Em 24/11/2026 10:12, Suporte escreveu:',
      '> Qual o domínio da loja?',
      'minhaloja.com.br',
      '> Há quanto tempo está sem acesso?',
      'desde segunda',
    ].join('\n');
    const { fresh, quoted } = splitQuoted(text);
    expect(fresh).toBe('minhaloja.com.br\ndesde segunda');
    expect(quoted).toContain('Qual o domínio da loja?');
    expect(quoted).toContain('Há quanto tempo está sem acesso?');
  });

  it.each([
    ['-----Mensagem original-----'],
    ['-----Original Message-----'],
    ['---------- Mensagem encaminhada ---------'],
    ['---------- Forwarded message ---------'],
    ['-------- Mensagem encaminhada --------'],
    ['Begin forwarded message:'],
    ['Início da mensagem encaminhada:'],
    ['##- Por favor, digite sua resposta acima desta linha -##'],
  ])('treats everything from %j down as quoted', (marker) => {
    const { fresh, quoted } = splitQuoted(`Vejam abaixo.\n\n${marker}\nDe: suporte\nSeu chamado #48213 foi resolvido`);
    expect(fresh).toBe('Vejam abaixo.');
    expect(quoted.startsWith(marker)).toBe(true);
    expect(quoted).toContain('#48213');
  });

  it('detects an Outlook header block in Portuguese', () => {
    const text = [
      'Segue a resposta que recebi.',
      '',
      '________________________________',
      'De: Suporte <suporte@plataforma.com>',
      'Enviado: terça-feira, 24 de novembro de 2026 10:12',
      'Para: loja@example.com',
      'Assunto: Re: Solicitação nº 48213',
      '',
      'Olá, sua solicitação foi encerrada.',
    ].join('\n');
    const { fresh, quoted } = splitQuoted(text);
    expect(fresh).toBe('Segue a resposta que recebi.');
    expect(quoted).toContain('Solicitação nº 48213');
    expect(quoted).toContain('sua solicitação foi encerrada');
  });

  // A shortened block under Outlook's line ("De:" and "Enviado:" only) was read as her own words: an
  // analyst's answer relayed the quoted internal text to the merchant.
  it.each([
    [
      'De: and Enviado:',
      ['De: Ouvidoria <ouvidoria@plataforma.com>', 'Enviado: quarta-feira, 2 de dezembro de 2026 10:00'],
    ],
    ['From: and Subject:', ['From: Ouvidoria <ouvidoria@plataforma.com>', 'Subject: [OUV-2026-000123]']],
  ])('detects a shortened Outlook block under its line of underscores (%s)', (_what, headers) => {
    const text = ['Olá Joana, feito.', '', '________________________________', ...headers, '', 'Texto interno'].join(
      '\n',
    );
    const { fresh, quoted } = splitQuoted(text);
    expect(fresh).toBe('Olá Joana, feito.');
    expect(quoted).toContain('Texto interno');
  });

  it('keeps a line of underscores above her own "De:" line (no header below it)', () => {
    const text = 'Preencha:\n________________________________\nDe: (seu nome)\n\nObrigada.';
    expect(splitQuoted(text).fresh).toBe(text);
  });

  it('detects an Outlook header block in English with bold markers', () => {
    const text = 'see below\n*From:* Support <s@x.com>\n*Sent:* Tuesday\n*To:* me\n*Subject:* Ticket #48213\nbody';
    const { fresh, quoted } = splitQuoted(text);
    expect(fresh).toBe('see below');
    expect(quoted).toContain('Ticket #48213');
  });

  it('detects an Outlook header block in Spanish ("Enviado el:", "Asunto:")', () => {
    const text = [
      'Esto no resuelve nada.',
      '',
      'De: Soporte <soporte@plataforma.com>',
      'Enviado el: lunes, 30 de noviembre de 2026 14:12',
      'Para: Maria <maria@example.com>',
      'Asunto: RE: Ticket 48213',
      '',
      'Hola María, por el momento no existe la opción de envío por barrio.',
    ].join('\n');
    const { fresh, quoted } = splitQuoted(text);
    expect(fresh).toBe('Esto no resuelve nada.');
    expect(quoted).toContain('no existe la opción');
  });

  it('does not mistake a sentence starting with "De:" for a header block', () => {
    const text = 'De: minha parte, já fiz tudo.\nObrigado.';
    expect(splitQuoted(text)).toEqual({ fresh: text, quoted: '' });
  });

  it('drops the signature after "-- " and mobile footers', () => {
    const text = [
      'Não consigo entrar no painel.',
      'Enviado do meu iPhone',
      '-- ',
      'Maria Souza',
      'Loja da Maria - CNPJ 12.345.678/0001-90',
      '(11) 98765-4321',
    ].join('\n');
    expect(splitQuoted(text)).toEqual({ fresh: 'Não consigo entrar no painel.', quoted: '' });
  });

  it.each([
    'Enviado do meu iPhone',
    'Enviado do meu smartphone Samsung Galaxy.',
    'Enviado pelo app Gmail',
    'Enviado pelo WhatsApp',
    'Sent from my iPhone',
    'Obter o Outlook para Android',
    'Enviado a partir do Outlook para iOS',
  ])('drops the mobile footer %j', (footer) => {
    expect(splitQuoted(`Preciso de ajuda.\n${footer}`).fresh).toBe('Preciso de ajuda.');
  });

  it('still finds quoted history after a signature', () => {
    const text = 'Oi\n--\nJoão\n\nEm 24/11/2026, Suporte escreveu:\nchamado 48213 encerrado';
    const { fresh, quoted } = splitQuoted(text);
    expect(fresh).toBe('Oi');
    expect(quoted).toContain('chamado 48213 encerrado');
  });

  it('never throws and never invents text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.constantFrom('> x', '-- ', 'De: a', 'Enviado: b', 'Para: c')), {
          maxLength: 30,
        }),
        (lines) => {
          const text = lines.join('\n');
          const { fresh, quoted } = splitQuoted(text);
          expect(fresh.length + quoted.length).toBeLessThanOrEqual(text.length);
        },
      ),
    );
  });
});

describe('canonicalWord: one normalisation for ticket keywords and rules', () => {
  it.each([
    ['chamdo', 'chamado'],
    ['chammado', 'chamado'],
    ['cahmado', 'chamado'],
    ['protoclo', 'protocolo'],
    ['tikcet', 'ticket'],
    ['soliicitacao', 'solicitacao'],
    ['cobransa', 'cobranca'],
    ['vc', 'voce'],
    ['qto', 'quanto'],
    ['mto', 'muito'],
    ['qro', 'quero'],
    ['cmo', 'como'],
    ['qdo', 'quando'],
    ['ngm', 'ninguem'],
    // Written by ear: one sound spelt another way.
    ['funsiona', 'funciona'],
    ['clienti', 'cliente'],
    ['bloquiado', 'bloqueado'],
    ['blokeado', 'bloqueado'],
    ['xamado', 'chamado'],
    ['integrasao', 'integracao'],
    ['cobranssa', 'cobranca'],
    ['mensalidadi', 'mensalidade'],
    ['uzuario', 'usuario'],
    ['pedidu', 'pedido'],
    // Real words and inflections stay as they are.
    ['clientes', 'clientes'],
    ['chamada', 'chamada'],
    ['cessar', 'cessar'],
    ['faturar', 'faturar'],
    ['descontou', 'descontou'],
    ['pano', 'pano'],
    ['funcion', 'funcion'],
    ['funcionado', 'funcionado'],
    // Object.prototype's names are words too: never a prototype member in place of the word.
    ['constructor', 'constructor'],
    ['tostring', 'tostring'],
    ['hasownproperty', 'hasownproperty'],
  ])('%s → %s', (word, expected) => {
    expect(canonicalWord(word)).toBe(expected);
    // A second time from the word memo: the same answer.
    expect(canonicalWord(word)).toBe(expected);
  });
});

describe('the memos of the text helpers answer exactly as the first computation', () => {
  it('splitQuoted of the same text twice, and of texts in turn, beyond the memo size', () => {
    const texts = Array.from({ length: 6 }, (_, i) => `Olá ${i}\n\nEm seg., 2 de mar., Fulano escreveu:\n> antes ${i}`);
    const first = texts.map((t) => splitQuoted(t));
    const again = texts.map((t) => splitQuoted(t));
    expect(again).toEqual(first);
    expect(first[3]).toEqual({ fresh: 'Olá 3', quoted: 'Em seg., 2 de mar., Fulano escreveu:\nantes 3' });
  });

  it('splitQuoted reads a marker far down a long text (its lines are normalised a block at a time)', () => {
    const fresh = Array.from({ length: 70 }, (_, i) => `Linha ${i} da mensagem`);
    const text = [...fresh, 'Em seg., 2 de mar. de 2026, Fulano <f@x>', 'escreveu:', 'O TEXTO CITADO'].join('\n');
    expect(splitQuoted(text)).toEqual({
      fresh: fresh.join('\n'),
      quoted: 'Em seg., 2 de mar. de 2026, Fulano <f@x>\nescreveu:\nO TEXTO CITADO',
    });
  });

  it('foldKeepingLength keeps one unit per unit, accents and ordinals folded, ASCII lower-cased', () => {
    for (let round = 0; round < 2; round++) expect(foldKeepingLength('Nº 48213 — AÇÃO')).toBe('no 48213 — acao');
  });
});

describe('detectLanguage', () => {
  it.each([
    ['Hola, no puedo acceder a mi tienda desde ayer. Gracias.', 'es'],
    ["Hi, I can't log in to my store and my invoices are wrong. Thanks.", 'en'],
    ['Olá, não consigo acessar minha loja desde ontem, please help.', 'pt-BR'],
    ['ok', 'pt-BR'],
  ] as const)('%s → %s', (text, expected) => {
    expect(detectLanguage(text)).toBe(expected);
  });
});

describe('canonicalizeWords', () => {
  it('rewrites exactly the letter-only runs of [a-z0-9], as the word-by-word reference', () => {
    const reference = (s: string) => s.replace(/[a-z0-9]+/g, (w) => (/^[a-z]+$/.test(w) ? canonicalWord(w) : w));
    const piece = fc.constantFrom(
      'vc',
      'chamdo',
      'cobransa',
      'q',
      'n',
      '48213',
      'abc123',
      '123abc',
      'pq',
      'chammado',
      'cahmado',
      'chamadoo',
      'clientes',
      'contrata',
      'constructor',
      'cliete',
      'a'.repeat(25),
      ' ',
      '.',
      '-',
      'x',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 5 })), { maxLength: 20 }), (parts) => {
        const text = parts.join('');
        expect(canonicalizeWords(text)).toBe(reference(text));
      }),
      { numRuns: 500 },
    );
  });
});

describe('isBareForward (round 20)', () => {
  const fwd =
    '\n\n---------- Forwarded message ---------\nFrom: Financeiro <f@plataforma.com.br>\nDate: Thu, Nov 19, 2026\nSubject: Aviso\nTo: <l@loja.com.br>\n\nSua loja será suspensa.';
  it.each([
    ['Fwd: Aviso', fwd, true],
    ['ENC: Aviso', `???${fwd}`, true],
    ['RE: ENC: Aviso', `Enviado do meu iPhone${fwd}`, true],
    ['Fwd: Aviso', `Paguei ontem.${fwd}`, false],
    ['Re: Aviso', fwd, false],
    ['Fwd: Aviso', '', false],
  ])('%j, %j → %s', (subject, text, expected) => {
    expect(isBareForward(subject, splitQuoted(text))).toBe(expected);
  });
});

describe('isLetterOverForward (round 48): her letter, longer than a short line, above a forward', () => {
  const fwd =
    '\n\n---------- Forwarded message ---------\nFrom: Financeiro <f@plataforma.com.br>\nDate: Thu, Nov 19, 2026\nSubject: Aviso\nTo: <l@loja.com.br>\n\nSua loja será suspensa.';
  const LETTER = 'Boa tarde, a mensalidade de novembro foi cobrada duas vezes no meu cartão, quero entender o motivo.';
  it.each([
    ['ENC: Aviso', `${LETTER}${fwd}`, true],
    ['RE: Fwd: Aviso', `${LETTER}${fwd}`, true],
    // A bare forward, a short line, no forward subject, nothing forwarded.
    ['Fwd: Aviso', `Segue abaixo.${fwd}`, false],
    ['Fwd: Aviso', `Recebi isso, mas paguei!${fwd}`, false],
    ['Re: Aviso', `${LETTER}${fwd}`, false],
    ['Fwd: Aviso', LETTER, false],
  ])('%j, %j → %s', (subject, text, expected) => {
    expect(isLetterOverForward(subject, splitQuoted(text))).toBe(expected);
  });
});

describe('isBareForward — round 43: words that only point at the forward', () => {
  const fwd =
    '\n\n---------- Forwarded message ---------\nFrom: Financeiro <f@plataforma.com.br>\nDate: Thu, Nov 19, 2026\nSubject: Aviso\nTo: <l@loja.com.br>\n\nSua loja será suspensa.';
  it.each([
    ['Fwd: Aviso', `Segue abaixo.${fwd}`, true],
    ['ENC: Aviso', `Bom dia, vide abaixo.${fwd}`, true],
    ['Fwd: Aviso', `Para conhecimento.\n\nAtt,\nJoão${fwd}`, true],
    ['Fwd: Aviso', `segue o e-mail abaixo${fwd}`, true],
    // A word of her own beside the pointer; a pointer without a forward subject.
    ['Fwd: Aviso', `Segue abaixo, ainda sem solução.${fwd}`, false],
    ['Fwd: Aviso', `Segue abaixo a reclamação da minha cliente.${fwd}`, false],
    ['Re: Aviso', `Segue abaixo.${fwd}`, false],
  ])('%j, %j → %s', (subject, text, expected) => {
    expect(isBareForward(subject, splitQuoted(text))).toBe(expected);
  });
});

describe('withoutSignOff', () => {
  it.each([
    [
      'the closing word, name, company and plan',
      'A loja caiu.\n\nAtenciosamente,\nMaria Souza\nModas Bella LTDA\nPlano Premium',
      'A loja caiu.',
    ],
    [
      '"Att," and a name with particles',
      'O checkout não carrega.\nAtt,\nMaria da Silva | Financeiro',
      'O checkout não carrega.',
    ],
    [
      'the name on the closing line',
      'O frete não calcula.\n\nAbs, Carlos\nLoja X – Integrações',
      'O frete não calcula.',
    ],
    ['only the closing word at the end', 'Pedidos sem status.\nObrigada!', 'Pedidos sem status.'],
    ['English', 'Images do not load.\n\nBest regards,\nJohn Smith', 'Images do not load.'],
    ['Spanish', 'No carga el checkout.\n\nSaludos cordiales,\nAna', 'No carga el checkout.'],
    [
      'a disclaimer below the signature',
      'A loja caiu.\n\nAtt,\nMaria\nEsta mensagem pode conter informação confidencial. Se você não for o destinatário, apague-a.',
      'A loja caiu.',
    ],
  ])('cuts %s', (_what, text, kept) => {
    expect(withoutSignOff(text)).toBe(kept);
  });

  it.each([
    ['thanks, then her request on lowercase lines', 'Olá\nObrigada\nO frete não funciona\nPreciso de ajuda'],
    ['a postscript after the name', 'Obrigada!\nMaria\nPS: também fui cobrada duas vezes.'],
    [
      'a long line after the closing line',
      'Atenciosamente, Maria\nfui cobrada duas vezes na mensalidade e quero o estorno do valor cobrado a mais.',
    ],
    ['nothing of hers above it', 'Obrigada!\nMaria'],
    [
      'her request below her name, as a sentence',
      'Bom dia,\n\nObrigada!\nMaria\n\nMinha loja está fora do ar desde ontem.',
    ],
    ['a closing word inside a sentence', 'Obrigada pela resposta, mas o problema continua.'],
    ['more lines below than a signature has', `Atenciosamente,\nMaria\n${'linha\n'.repeat(13)}`],
  ])('keeps %s', (_what, text) => {
    expect(withoutSignOff(text)).toBe(text);
  });
});

describe('detectLanguage — round 46: a very short text is told by two words of its language', () => {
  it.each([
    ['Me cobraron dos veces este mes.', 'es'],
    ['Tienda caída', 'es'],
    ['Quiero cancelar mi plan', 'es'],
    ['Necesito la factura', 'es'],
    ["Can't log in", 'en'],
    ['Charged twice', 'en'],
    ['Need my invoice', 'en'],
    // One word is not enough; chat-speak's "tô" is no English "to"; a Portuguese word beside English ones.
    ['Cobro duplicado', 'pt-BR'],
    ['Help', 'pt-BR'],
    ['to sem acesso, help', 'pt-BR'],
    ['order bump nao funciona', 'pt-BR'],
    ['oi, to com problema no checkout', 'pt-BR'],
    // A foreign seller's short question (triage 54: answered in Portuguese): "do" is English too, and
    // "can", "add", "plan" are no Portuguese word; "do" as Portuguese ("do cliente") stays Portuguese.
    ['Do you plan to support FedEx shipping for international orders?', 'en'],
    ['Can you add PayPal?', 'en'],
    ['Does the platform support Shopify?', 'en'],
    ['Pedido do cliente do site', 'pt-BR'],
    ['Plano do cliente', 'pt-BR'],
    ['Problema do checkout, add to cart nao funciona', 'pt-BR'],
    // Longer than a short text: three words still needed.
    ['Hola equipo, el checkout de la web falla con tarjetas de debito desde la actualizacion', 'es'],
    ['checkout falhando cartoes debito desde atualizacao ontem tarde, please help', 'pt-BR'],
  ] as const)('%s → %s', (text, expected) => {
    expect(detectLanguage(text)).toBe(expected);
  });
});

describe('bottomPostedText (round 49): her words under the Outlook history she answers', () => {
  const ORIGINAL = [
    '-----Mensagem original-----',
    'De: Loja Eletro Fácil <contato@eletrofacil.com.br>',
    'Enviada em: sexta-feira, 20 de novembro de 2026 18:00',
    'Assunto: Compra não entregue',
    '',
    'Olá Roberto, estamos verificando com a transportadora.',
  ].join('\n');
  const OUTLOOK = [
    '________________________________',
    'De: Cobrança <cobranca@plataforma.com.br>',
    'Enviado: terça-feira, 10 de novembro de 2026 07:00',
    'Assunto: Sua fatura de novembro',
    '',
    'Sua fatura está disponível.',
  ].join('\n');
  it.each([
    [
      'under "Mensagem original"',
      'RES: Compra não entregue',
      `${ORIGINAL}\n\nIsso foi há 15 dias e não chegou.\n`,
      'Isso foi há 15 dias e não chegou.',
    ],
    [
      'under an Outlook block',
      'RE: Sua fatura de novembro',
      `${OUTLOOK}\n\nPor que veio 50 reais a mais?`,
      'Por que veio 50 reais a mais?',
    ],
    ['nothing under the history', 'RE: Sua fatura', OUTLOOK, ''],
    [
      "a forward: the last paragraph is the forwarded mail's",
      'ENC: Compra não entregue',
      `${ORIGINAL}\n\nObrigado pela compra.`,
      '',
    ],
    ['written above the history: not bottom-posted', 'RE: Compra', `Não chegou.\n\n${ORIGINAL}\n\nAtt`, ''],
    ['a quote line in the last paragraph', 'RE: Compra', `${ORIGINAL}\n\n> Olá Roberto\nIsso não resolve.`, ''],
    ['a mail that opens with words, not a block', 'RE: Compra', 'Isso não chegou.\n\nAinda espero.', ''],
  ])('%s', (_, subject, text, want) => {
    expect(bottomPostedText(subject, text, splitQuoted(text))).toBe(want);
  });
});
