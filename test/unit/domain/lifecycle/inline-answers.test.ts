import { describe, expect, it } from 'vitest';
import { freshStaffText } from '../../../../shared/domain/lifecycle/commands';
import { answersInsideQuote, merchantMessageRead } from '../../../../shared/domain/lifecycle/inline-answers';

const ANA = { name: 'Ana Souza' };
const GMAIL_QUOTE = [
  'Em ter., 1 de dez. de 2026 às 10:05, Ouvidoria <ouvidoria@ouvidoria.example.com.br> escreveu:',
  '> Olá, Ana Souza,',
  '> A lojista pergunta:',
  '> 1) quando o frete volta a calcular?',
  '> 2) se haverá estorno das vendas perdidas.',
].join('\n');
const OUTLOOK_QUOTE = [
  '________________________________',
  'De: Ouvidoria <ouvidoria@ouvidoria.example.com.br>',
  'Enviado: terça-feira, 1 de dezembro de 2026 10:05',
  'Para: Ana Souza <ana.souza@ouvidoria.example.com.br>',
  'Assunto: [OUV-2026-000001] Nova mensagem do lojista',
  '',
  'Olá, Ana Souza,',
  'A lojista pergunta:',
  '1) quando o frete volta a calcular? RESPOSTA: já voltou hoje.',
  '2) se haverá estorno das vendas perdidas. RESPOSTA: não.',
].join('\n');

const inQuote = (text: string) => answersInsideQuote(text, freshStaffText(text, ANA));

describe('answersInsideQuote: answers the relay would never send', () => {
  it.each([
    [
      'an answer under each quoted question',
      [
        GMAIL_QUOTE.split('\n').slice(0, 4).join('\n'),
        'Já voltou a calcular hoje de manhã.',
        '> 2) se haverá estorno das vendas perdidas.',
        'Não há estorno de vendas, mas vamos compensar na mensalidade.',
      ].join('\n'),
    ],
    [
      'her own answer between quoted lines she picked',
      'Sobre o que você perguntou:\n> o frete não calcula\nJá corrigimos.\n> e o estoque?\nTambém foi corrigido.',
    ],
    [
      'Outlook, answers in red inside the quoted mail',
      `Respondi abaixo, em vermelho.\n\nAbs,\nAna\n\n${OUTLOOK_QUOTE}`,
    ],
    ['“respostas no corpo do e-mail”', `Boa tarde, respostas no corpo do e-mail.\n\n${OUTLOOK_QUOTE}`],
    ['“comentários em azul”', `Prezada, seguem meus comentários em azul.\n\n${OUTLOOK_QUOTE}`],
    ['“respondo entre as linhas”', `Respondo entre as linhas.\n\n${GMAIL_QUOTE}`],
    ['English', `Answers inline below.\n\n${GMAIL_QUOTE}`],
    // A forwarded mail she points the merchant to: the relay cuts it.
    [
      '“segue o retorno da equipe técnica abaixo”',
      `Maria, segue o retorno da equipe técnica abaixo.\n\n${OUTLOOK_QUOTE}`,
    ],
    ['a last line ending in “:”', `Maria, veja o que o financeiro respondeu:\n\n${OUTLOOK_QUOTE}`],
    ['“confira a seguir”', `Olá, Maria. Confira a seguir.\n\n${GMAIL_QUOTE}`],
  ])('%s', (_what, text) => {
    expect(inQuote(text)).toBe(true);
  });

  it.each([
    ['an answer above the history', `O frete voltou a calcular hoje. Não há estorno de vendas.\n\n${GMAIL_QUOTE}`],
    [
      '“seguem as respostas abaixo” over the answers themselves',
      `Seguem as respostas abaixo:\n1) O frete voltou hoje.\n2) Não há estorno.\n\n${GMAIL_QUOTE}`,
    ],
    [
      '“segue abaixo o link” is an answer',
      `Segue abaixo o link para redefinir a senha: https://ajuda.example.com\n\n${GMAIL_QUOTE}`,
    ],
    ['“o botão em vermelho” is an answer', `Clique no botão em vermelho, abaixo do carrinho.\n\n${GMAIL_QUOTE}`],
    ['a colon inside the answer', `O estorno sai em: 5 dias úteis.\n\n${GMAIL_QUOTE}`],
    ['“o retorno da equipe segue em anexo”', `Maria, o retorno da equipe segue em anexo.\n\n${GMAIL_QUOTE}`],
    ['“abaixo” with the answer after it on the line', `Abaixo do carrinho há um botão novo: use-o.\n\n${GMAIL_QUOTE}`],
    ['“respondi abaixo” with nothing quoted', 'Respondi abaixo.'],
    ['a signature below the quote', `O frete voltou hoje.\n\n${GMAIL_QUOTE}\n\n-- \nAna Souza\n> Ouvidoria`],
    ['an answer below the whole quote (bottom-posting)', `${GMAIL_QUOTE}\n\nO frete voltou hoje. Não há estorno.`],
    [
      'an older attribution left unquoted between two quotes',
      `O frete voltou hoje.\n\n${GMAIL_QUOTE}\nEm seg., 30 de nov. de 2026 às 09:00, Maria <maria@loja.com.br> escreveu:\n> O frete não calcula.`,
    ],
  ])('not: %s', (_what, text) => {
    expect(inQuote(text)).toBe(false);
  });
});

describe('answersInsideQuote: a last line pointing at the mail’s own files', () => {
  it.each(['Maria, segue o comprovante do estorno:', 'Maria, segue o print da tela abaixo.'])(
    '%s — with a file it points at the file',
    (answer) => {
      const text = `${answer}\n\n${GMAIL_QUOTE}`;
      expect(answersInsideQuote(text, freshStaffText(text, ANA), true)).toBe(false);
      expect(answersInsideQuote(text, freshStaffText(text, ANA), false)).toBe(true);
    },
  );
});

// Hostile shapes of a merchant's last line (her text reaches the analyst's copy and her status page):
// read from the end once, never retried from every colon (timings: the benchmark, not here).
describe('answersInsideQuote: hostile last lines', () => {
  const check = (line: string) => answersInsideQuote(`${line}\n\n${GMAIL_QUOTE}`, line);
  it.each([
    ['a long run of colons then a word', `${':'.repeat(200_000)}x`, false],
    ['a long run of colons', ':'.repeat(200_000), true],
    ['a word, then a long run of spaces and dots', `Veja abaixo${' .'.repeat(100_000)}`, true],
    ['“abaixo” glued to a word is no pointer', 'Consulte oabaixo', false],
  ] as const)('%s', (_what, line, expected) => {
    expect(check(line)).toBe(expected);
  });
});

describe('merchantMessageRead: her name under the line that says the answers are below', () => {
  const OUTLOOK_MERCHANT_QUOTE = [
    'De: Ouvidoria <ouvidoria@ouvidoria.example.com.br>',
    'Enviado: terça-feira, 1 de dezembro de 2026 10:11',
    'Para: contato@eletroponto.com.br',
    'Assunto: Re: Frete errado no checkout [OUV-2026-000003]',
    '',
    'Pedro, para reproduzir preciso de três informações:',
    '',
    '1. Qual CEP de destino apresenta o erro?',
    '',
    'R: 50030-230 (Recife) e 60160-230 (Fortaleza).',
  ].join('\n');

  it.each(['Pedro', 'Pedro Ponto\nEletro Ponto\n(81) 3333-4444'])(
    'her answers in Outlook’s quote, signed %j, are read as she wrote them',
    (signature) => {
      const text = `Olá Ana, respondi abaixo em vermelho.\n\n${signature}\n\n${OUTLOOK_MERCHANT_QUOTE}`;
      const read = merchantMessageRead(text, false);
      expect(read.asWritten).toBe(true);
      expect(read.fresh).toContain('R: 50030-230');
    },
  );

  it('a reply whose last line is her name, with nothing pointing below, keeps its quote apart', () => {
    const text = `Obrigado pelo retorno, aguardo.\n\nPedro\n\n${OUTLOOK_MERCHANT_QUOTE}`;
    expect(merchantMessageRead(text, false).asWritten).toBe(false);
  });
});
