import { describe, expect, it } from 'vitest';
import { onlyThanks, readClosingReply } from '../../../../shared/domain/lifecycle/thanks';

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
