import { describe, expect, it } from 'vitest';
import { onlyThanks, readClosingReply } from '../../../../shared/domain/lifecycle/thanks';
import { growth } from '../../../support/growth';

const QUOTE =
  '\n\nEm seg., 21 de dez. de 2026 às 10:00, Ouvidoria <ouvidoria@ouvidoria.example.com.br> escreveu:\n> Seu caso OUV-2026-000003 foi encerrado pela Ouvidoria.\n> Resultado: Resolvido.';
const text = (t: string) => ({ text: t, attachments: [] });

describe('onlyThanks: a message that only thanks or acknowledges after the closing mail', () => {
  it.each([
    'Muito obrigada!! Deu tudo certo 😊\n\nEnviado do meu iPhone',
    `Obrigado pelo retorno.${QUOTE}`,
    'Ok, obrigada.',
    'Perfeito, muito obrigado pela ajuda!',
    'Agradeço o atendimento.',
    'Valeu!',
    'show, obrigado',
    'Resolvido, obrigada! 🙏',
    'Ciente.',
    'Bom dia! Obrigada pela atenção e pela rapidez. Abraços',
    'Obrigada!\n\nAtt,\nCarla Dias\nDoces da Carla',
    'obg',
    'Muchas gracias por la ayuda!',
    'Thanks a lot, it works now!',
    'Obrigada, Carla.',
    // It worked, it arrived: what the closing mail is most often answered with.
    'Deu certo.',
    'Funcionou!',
    'Show, deu certo aqui',
    'Recebido, obrigado.',
    'Gratidão!',
    'Perfeito!',
    // Praise says the answer was good, as thanks do.
    'Excelente atendimento!',
    'Parabéns à equipe!',
    'Muito bom!',
    'Atendimento excelente, muito obrigada',
    'Great service, thanks',
    // The suggested replies of mail programs, and the season's wishes with the thanks.
    'Got it, thanks!',
    'Sounds good, thanks!',
    'Noted, thanks.',
    'De acuerdo, gracias.',
    'Recibido, gracias.',
    'Tudo bem, obrigada',
    'Show de bola, valeu!',
    'Obrigadão!',
    'Obrigada pela resolução',
    'Obrigado pela solução rápida',
    'Obrigada, bom final de semana!',
    'Obrigada e feliz Natal!',
    'Obrigada, boas festas e feliz ano novo!',
    'Feliz Natal!',
    'Boas festas a toda a equipe!',
    // Thanks typed as emoji on a phone.
    '👍',
    '👍🏽',
    '🙏🙏',
    '❤️👏',
    '✅ !',
    'Obrigada! Deu tudo certo 👍🏽🙏',
    // Warm faces beside thanks, as phones suggest them: still thanks.
    'Obrigada pelo retorno 🤗💐',
    'Valeu, Carla! 😘💖',
  ])('%j → only thanks', (message) => {
    expect(onlyThanks(text(message), ['Carla Dias'])).toBe(true);
  });

  it.each([
    // Something more than thanks: a new request, a contrast, a problem, a question.
    'Obrigada, mas o problema voltou.',
    'Obrigado. Ainda não recebi o estorno.',
    'Ok, e o frete?',
    'Obrigada! Vocês podem verificar também o frete',
    'Obrigado, mas não concordo com o encerramento.',
    'Não deu certo, obrigada',
    'Obrigada pela resposta, porém o erro continua aparecendo no checkout.',
    'Obrigada. Segue o print do erro que continua.',
    'Obrigado pela atenção. Gostaria de reabrir o caso.',
    'Obrigada, Ana!',
    'Gracias, pero el problema sigue.',
    'Thanks, but the refund never arrived.',
    'Não funcionou.',
    'Deu certo só em parte.',
    'Recebido, mas falta o estorno.',
    'Excelente, mas o estorno ainda não caiu.',
    'Muito bom, só falta liberar o saque',
    'Obrigada, mas de novo o estorno não caiu',
    'Vale lembrar que o estorno não caiu',
    'Feliz Natal, mas o repasse ainda não caiu',
    'Got it, but the refund is still missing',
    // Nothing of thanks in it at all; an unhappy emoji may mean it is not solved.
    '',
    '😡',
    '👎',
    '👍👎',
    // Thanking words beside an unhappy or eye-rolling face: the face says it is not over.
    'Obrigada, Carla 😡',
    'Obrigada pela "solução" 🙄',
    'Valeu 👎',
    'Deu certo 🤡',
    'Muito obrigada 😒😒',
    // Too long to be only thanks.
    'Muito obrigada pela atenção, pela rapidez, pela paciência, pela ajuda, pela dedicação, pelo empenho, pelo retorno, pela solução e pelo atendimento de toda a equipe da Ouvidoria, muito obrigada mesmo',
  ])('%j → not only thanks (the case reopens)', (message) => {
    expect(onlyThanks(text(message), ['Carla Dias'])).toBe(false);
  });

  it('the analyst thanked by name, when her name is given', () => {
    expect(onlyThanks(text('Obrigada, Ana!'), ['Carla Dias', 'Ana Souza'])).toBe(true);
    expect(onlyThanks(text('Perfeito, muito obrigado Ana!'), ['Carla Dias', 'Ana Souza'])).toBe(true);
    expect(onlyThanks(text('Obrigada, Ana, mas o frete voltou.'), ['Carla Dias', 'Ana Souza'])).toBe(false);
    expect(onlyThanks(text('Obrigada, Ana 😡'), ['Carla Dias', 'Ana Souza'])).toBe(false);
  });

  it('a thank-you with a file is more than thanks', () => {
    const file = { filename: 'print.png', contentType: 'image/png', size: 1000, inline: false };
    expect(onlyThanks({ text: 'Obrigada!', attachments: [file] }, [])).toBe(false);
  });
});

describe('readClosingReply: a signature her mail program adds, with no closing line above it', () => {
  const SIG = 'Pedro Ponto\nEletro Ponto\n(81) 3333-4444\nwww.eletroponto.com.br';
  it.each([
    ['Obrigado!', { kind: 'thanks' }],
    ['Ok, ciente.', { kind: 'thanks' }],
    ['Valeu, deu certo.', { kind: 'thanks' }],
    ['5', { kind: 'rating', score: 5 }],
    ['Nota 4', { kind: 'rating', score: 4 }],
  ] as const)('%j over her signature (name, store, phone, site) reads as without it', (words, reply) => {
    for (const signature of [
      SIG,
      'Pedro Ponto\nEletro Ponto',
      'Pedro Ponto',
      'Pedro Ponto | Gerente\npedro@eletroponto.com.br',
    ]) {
      expect(readClosingReply(text(`${words}\n\n${signature}`), ['Pedro Ponto']), signature).toEqual(reply);
    }
  });

  it('a comment with her score keeps her words, not her signature', () => {
    expect(readClosingReply(text(`Nota 4 - resolveram rápido.\n\n${SIG}`), ['Pedro Ponto'])).toEqual({
      kind: 'rating',
      score: 4,
      comment: 'Nota 4 - resolveram rápido.',
    });
  });

  it.each([
    // What reads like a signature but says the matter is not over: the case reopens.
    'Obrigado!\n\nMas Continua Sem Funcionar',
    'Obrigada pela resposta.\n\nAinda Não Recebi O Estorno',
    'Ok.\n\nPreciso Falar Com Alguém',
    // A paragraph of sentences is hers, not a signature.
    'Obrigado!\n\nO checkout voltou a travar hoje de manhã, vejam por favor.',
    '5\n\nPedro Ponto\nO estorno ainda não caiu na conta até hoje.',
    // A question anywhere.
    'Obrigado!\n\nPedro Ponto\nE o frete?',
  ])('%j → not only thanks (the case reopens)', (message) => {
    expect(readClosingReply(text(message), ['Pedro Ponto'])).toBeNull();
  });
});

describe('readClosingReply: a signature is a name, a store, a role or a contact, not a line of hers under her name', () => {
  const NAMES = ['Carla Souza', 'Sofia Almeida'];
  it.each([
    'Obrigada Sofia\n\nCarla Souza\nLoja da Carla\n(11) 98888-7777',
    'Obrigada!\n\nAtt,\nCarla',
    'Muito obrigada, deu certo\n\nEnviado do meu iPhone',
    'Valeu Sofia!\n\nCarla Souza\nLoja da Carla | www.lojadacarla.com.br',
    'Obrigada pelo retorno\n\nCarla Souza\ncarla@lojadacarla.com.br\n(11) 98888-7777',
    'Deu certo, obrigada\n\nCarla\nLoja da Carla',
    'Obrigada!\n\nAtenciosamente,\nCarla Souza\nProprietária\nLoja da Carla',
    'Obrigada 🙏\n\nCarla Souza\nWhatsApp (11) 98888-7777',
    'Recebido, obrigada\n\nCarla Souza\nFinanceiro | Loja da Carla\nCNPJ 12.345.678/0001-90',
    'Ok, ciente\n\nAtt, Carla Souza\nLoja da Carla',
    'Obrigada Sofia\n\nCarla\nEnviado do meu iPhone',
    'Perfeito, obrigada!\n\nCarla Souza\nLoja da Carla - Moda Feminina\n@lojadacarla',
    'Obrigada!\n\nAbraços,\nCarla\n\nEnviado do meu Galaxy',
    'Resolvido, obrigada\n\nCarla Souza\nGerente Comercial\nTel: (11) 3333-4444 | Cel: (11) 98888-7777',
    'Obrigada pela ajuda\n\n--\nCarla Souza\nLoja da Carla',
    'Obrigada\n\nCarla Souza\nResponsável financeiro\nLoja da Carla',
    'Valeu!\n\nCarla\nSócia-proprietária',
    'Obrigada!\n\nCarla Souza\nLoja da Carla\nInstagram: @lojadacarla',
    'Obrigada, Sofia\n\nCarla\nEnviado pelo WhatsApp',
    'Tudo certo, obrigada\n\nCarla S.\nLoja da Carla Ltda.',
    'Obrigada!\n\nCarla Souza\nAnalista de e-commerce\nLoja da Carla\nHorário: seg a sex, 9h às 18h',
    'Obrigada!\n\nCarla Souza\nCEO & Fundadora\nRua das Flores, 123 - São Paulo/SP',
    // The name on the closing line: hers or a colleague's, capitalised or not.
    'Obrigada!\natt, carla',
    'Obrigado pelo retorno\nAbraços, Marcos Lima\nLoja da Carla',
    'Valeu 👍\nAtt. Carla Souza 😊',
    // A store of another name, a role, a labelled contact or an address (rt59's shapes stay signatures).
    'Obrigada!\n\nCarla Souza\nDoces Finos Ltda.',
    'Obrigada!\n\nCarla Souza\nGerente Financeira | RH',
    'Obrigada!\n\nCarla Souza\nBella Moda\n(11) 98888-7777',
    'Obrigada!\n\nCarla Souza\nSouza Presentes',
    'Obrigada!\n\nCarla Souza\nAv. Paulista, 1000',
    'Obrigada!\n\nCarla Souza\nSite: lojadacarla',
  ])('%j → thanks', (message) => {
    expect(readClosingReply(text(message), NAMES)).toEqual({ kind: 'thanks' });
  });

  it.each([
    'Obrigada Sofia\n\nCarla\nCadê meu dinheiro',
    'Obrigada Sofia\n\nCarla\nAinda sem estorno',
    'Obrigada Sofia\n\nCarla\nEstorno pendente',
    'Obrigada\n\nCarla\ncadê o reembolso',
    'Obrigada\n\nCarla\nnada ainda',
    'Ok\n\nCarla\ncontinua igual',
    'Obrigada\n\nCarla\nainda não caiu',
    'Obrigada\n\nCarla\ne o estorno',
    'Obrigada\n\nCarla\nPendente',
    'Obrigada\n\nCarla\nsigo aguardando',
    'Obrigada\n\nCarla\nnão recebi',
    'Obrigada!\n\nAtt,\nCarla\nCadê meu dinheiro',
    'Obrigada!\nAtt, Carla\nainda sem estorno',
    'Obrigada!\nAtt, Carla ainda sem estorno',
    'Valeu\n\nCarla Souza\nLoja da Carla\nO Estorno Nao Caiu',
    'Obrigada\n\nCarla\nCadê O Reembolso',
    'Obrigada\n\nCarla\nSigo Aguardando',
    'Obrigada\n\nCarla\nNada Ainda',
    'Obrigada\n\nCarla\nE O Estorno',
    'Obrigada\n\nCarla Souza\nLoja da Carla\nmas o repasse não veio',
    'Obrigada\n\nAtenciosamente,\nCarla\nsem resposta até agora',
    'Ok\n\nCarla\nmesma coisa',
    'Obrigada\n\nCarla\nnada mudou',
    'Obrigada\n\nCarla\nnem sinal do estorno',
    'Obrigada\n\nCarla\nzero retorno',
    'Obrigada\n\nCarla\nFaltam R$ 150,00',
    'Obrigada\n\nCarla\nR$ 150,00',
    'Obrigada\n\nCarla\nUm Absurdo',
    'Obrigada\n\nCarla 😡',
    'Obrigada\n\nAtt,\nCarla\nPedido 4521',
    // A line of hers in Title Case, or on the closing line after the name.
    'Obrigada\n\nCarla\nQue Demora',
    'Obrigada\n\nCarla\nJá Faz Um Mês',
    'Obrigada\n\nCarla\nSumiu',
    'Obrigada\n\nCarla\nVou Processar',
    'Obrigada\n\nCarla Souza\nLoja da Carla\nEm Aberto',
    'Obrigada\nAtt, Marcos que demora',
    'Obrigada\nAtt, Carla valor errado',
    'Obrigada\nAbraços, Carla Procon',
    // A line of hers in Title Case with words no list foresees, a few digits among them, or a store's
    // word that is no store's name (rt59): under a bare name, no line but a name, role, store or contact.
    'Obrigada\n\nCarla\nConta Bloqueada',
    'Obrigada\n\nCarla\nSite Fora Do Ar',
    'Obrigada\n\nCarla\nLoja Fora Do Ar',
    'Obrigada\n\nCarla\nCobraram 2 Vezes',
    'Obrigada\n\nCarla\nPrejuízo De 5 Mil',
    'Obrigada\n\nCarla\nPIX BLOQUEADO',
    'Obrigada\n\nCarla\nPiorou',
    'Obrigada\n\nCarla\nFatura Duplicada',
    'Obrigada!\nAtt, Carla\nCheckout Travado',
    'Obrigada!\n\nAtt,\nCarla\nVendas Paradas',
    // A disclaimer's sentence is read as hers: its words ("não", "dados pessoais", "imprimir") can be a
    // complaint's, and a case reopened for thanks costs less than a complaint left closed.
    'Obrigada!\n\nAtt,\nCarla\nEsta mensagem pode conter informação confidencial; se não for o destinatário, apague-a.',
  ])('%j → not only thanks (the case reopens)', (message) => {
    expect(readClosingReply(text(message), NAMES)).toBeNull();
  });

  it.each([
    ['a long signature block', (n: number) => `Obrigada!\n\nAtt,\n${'Carla Souza\n'.repeat(n)}`],
    ['a long last line', (n: number) => `Obrigada!\n\nCarla\n${'Loja '.repeat(n)}`],
    ['a last line of digits among words', (n: number) => `Obrigada!\n\nCarla\n${'1 ab '.repeat(n)}`],
    ['a last line of roles', (n: number) => `Obrigada!\n\nCarla\n${'RH | '.repeat(n)}`],
  ])('reads %s in linear time', (_label, build) => {
    expect(growth(build, (body) => readClosingReply(text(body), NAMES), 2_000)).toBeLessThan(30);
  });
});
