import { describe, expect, it } from 'vitest';
import { ratingNews, readMailedRating } from '../../../../shared/domain/lifecycle/mailed-rating';
import { readClosingReply } from '../../../../shared/domain/lifecycle/thanks';

const QUOTE =
  '\n\nEm sex., 4 de dez. de 2026 às 10:00, Ouvidoria <ouvidoria@ouvidoria.example.com.br> escreveu:\n> Como foi o atendimento da Ouvidoria?\n> Escolha uma nota de 1 a 5.\n> 1 2 3 4 5';
const NAMES = ['Carla Dias', 'Ana Souza'];
const read = (text: string) => readClosingReply({ text, attachments: [] }, NAMES);

describe('a score written in a reply to the closing mail', () => {
  it.each([
    ['Nota 5', 5],
    [`Nota 5${QUOTE}`, 5],
    ['5', 5],
    ['5!', 5],
    ['Cinco', 5],
    ['nota: 4/5', 4],
    ['4/5', 4],
    ['Avaliação: 4', 4],
    ['Minha nota é 3', 3],
    ['Dou nota 4', 4],
    ['Dou um 5', 5],
    ['5 estrelas', 5],
    ['cinco estrelas', 5],
    ['⭐⭐⭐⭐⭐', 5],
    ['★★★★☆', 4],
    ['Nota 5 🙏', 5],
    ['nota 5.0', 5],
    ['Nota 2\n\nAtt,\nCarla Dias\nDoces da Carla', 2],
    // The ends of any scale are the survey's ends: idiom ("nota 10", "nota mil") and a 0–10 scale agree.
    ['Nota 10', 5],
    ['Nota dez!', 5],
    ['10/10', 5],
    ['Nota mil!!', 5],
    ['Nota máxima', 5],
    ['Nota 100', 5],
    ['Nota zero', 1],
    ['Nota 1', 1],
    // Whole halves of a ten-point score.
    ['8/10', 4],
    ['Le doy un 5, gracias', 5],
    ['5 stars, great service', 5],
    // The survey's own labels, copied back or said.
    ['5 — Muito satisfeito(a)', 5],
    ['4 - Satisfeita', 4],
    ['Satisfeita', 4],
    ['3 — Neutro', 3],
    ['Insatisfeita', 2],
    ['Muito insatisfeito', 1],
    ['Estou muito satisfeita com o atendimento da Ana', 5],
    ['5 - Muy satisfecho', 5],
    ['Very satisfied', 5],
    ['Nota 5 - muito satisfeita', 5],
  ])('%j → score %i', (text, score) => {
    expect(read(text)).toMatchObject({ kind: 'rating', score });
  });

  it.each([
    // A rating with no score of the survey's: another scale's middle, between two scores, two scores.
    'Nota 8',
    'nota 7/10',
    'Nota 4,5',
    '⭐⭐⭐ nota 5',
    '4 — Muito satisfeito(a)',
  ])('%j → a rating without a score (nothing recorded, nothing reopens)', (text) => {
    const reading = read(text);
    expect(reading?.kind).toBe('rating');
    expect(reading).not.toHaveProperty('score');
  });

  it.each([
    ['Nota 5', undefined],
    ['Dou nota 4', undefined],
    ['Minha avaliação: 5 estrelas', undefined],
    ['Nota 10, obrigada!', 'Nota 10, obrigada!'],
    ['Nota 1. Péssimo atendimento', 'Nota 1. Péssimo atendimento'],
    ['Nota 3, demorou', 'Nota 3, demorou'],
    [
      'Dou nota 5 para o atendimento, a Ana foi muito atenciosa',
      'Dou nota 5 para o atendimento, a Ana foi muito atenciosa',
    ],
    // Her comment in her own words, good or bad, with no new request (journeys round).
    ['Nota 3 - resolveram, mas demorou demais.', 'Nota 3 - resolveram, mas demorou demais.'],
    [
      'Nota 4. Gostei do retorno rápido, mas o suporte antes foi confuso',
      'Nota 4. Gostei do retorno rápido, mas o suporte antes foi confuso',
    ],
    ['Nota 2, achei o prazo longo demais', 'Nota 2, achei o prazo longo demais'],
    ['5 estrelas! A Ana explicou tudo direitinho', '5 estrelas! A Ana explicou tudo direitinho'],
    [
      'Nota 3, o atendimento foi bom mas o processo é muito burocrático',
      'Nota 3, o atendimento foi bom mas o processo é muito burocrático',
    ],
    ['Nota 1. Só resolveram depois que reclamei aqui', 'Nota 1. Só resolveram depois que reclamei aqui'],
  ])('%j → comment %j (her words beyond the score)', (text, comment) => {
    const reading = read(text);
    expect(reading).toMatchObject({ kind: 'rating' });
    expect(reading && 'comment' in reading ? reading.comment : undefined).toBe(comment);
  });

  it.each([
    // Something more than a rating: it reopens, and no score is read into it.
    'Nota 1, não resolveram nada',
    'Nota 5, mas o estorno ainda não caiu',
    'Insatisfeita, o problema continua',
    'Nota 5 para a Ana, nota 1 para o suporte',
    'Nota 5 e 4',
    'Nota 5. Pedido 12345 chegou',
    'Nota 4, mas preciso que verifiquem o boleto',
    'Nota 2, o checkout voltou a travar',
    'Nota 5, porém o estorno não chegou',
    'Nota 3 – ainda aguardo o reembolso',
    'Nota 1. Quero reabrir o caso',
    'Nota 4, por favor me mandem a segunda via',
    'Nota 2, a loja continua fora do ar',
    '4 stars, but the refund is still missing',
    'nota 5?',
    // A number that is no rating: a date, an invoice, an order.
    'Recebi dia 4/5',
    'Segue a nota fiscal 1234',
    'Preciso da nota fiscal',
    'Pedido 5',
    '48213',
    // A number alone that is no score: an order, a year, another scale's middle.
    '4521',
    '2026',
    '8',
    '7/10',
    // Bad words alone are no rating: "Atendimento ruim" asks to be heard.
    'Atendimento ruim',
    'Péssimo',
  ])('%j → not a rating nor thanks (the case reopens)', (text) => {
    expect(read(text)).toBeNull();
  });

  it('a rating with a file is more than a rating', () => {
    const file = { filename: 'print.png', contentType: 'image/png', size: 1000, inline: false };
    expect(readClosingReply({ text: 'Nota 5', attachments: [file] }, NAMES)).toBeNull();
  });

  it.each([
    ['a run of "nota "', 'nota '.repeat(40_000)],
    ['a run of digits and slashes', '1/'.repeat(100_000)],
    ['a run of stars', '⭐'.repeat(100_000)],
    ['a run of "dou um "', 'dou um '.repeat(30_000)],
  ])('hostile text (%s) is read in linear time', (_shape, text) => {
    expect(() => readMailedRating(text)).not.toThrow();
  });
});

// Red team round 46: "Nota -10" (idiom for the worst) was read past its dash as "nota 10", the top score:
// her worst rating recorded as a 5. A minus against the number, or "menos", is below any scale's bottom.
describe('a score below the scale, in a reply to the closing mail', () => {
  it.each([
    ['Nota -10', 1],
    ['nota -5', 1],
    ['Nota: -1', 1],
    ['Dou nota -3', 1],
    ['Nota menos dez', 1],
    ['Nota \u221210', 1],
    ['Nota -10 pra vocês', 1],
    // A dash with a space after it only separates the word from the score.
    ['Nota - 5', 5],
    ['Nota 5 - muito satisfeita', 5],
  ])('%j → score %i', (text, score) => {
    expect(read(text)).toMatchObject({ kind: 'rating', score });
  });
});

// "Nota 5… só que não": a top score taken back in the same breath is sarcasm, the worst she could say.
// Read as a 5, her complaint became the report's satisfaction; it is her comment, with no score (nor
// a reopening: she asks for nothing).
describe('a top score she takes back', () => {
  it.each([
    'Nota 5... só que não',
    'Nota 5 só que não',
    'nota 10 kkkk só q não',
    'nota 5 sqn',
    'Nota 5 #sqn',
    'Nota máxima, só que não 🙄',
    '5 estrelas kkkkk mentira',
    'Nota 5 (ironia)',
    'Dou nota 5, é brincadeira',
    'nota mil, tô zoando',
    'Nota 5 só se for pra rir',
    '5 stars... NOT!',
    '5 stars, just kidding',
    'Le doy un 5, es broma',
  ])('%j → a rating without a score, her words as the comment', (text) => {
    const reading = read(text);
    expect(reading).toEqual({ kind: 'rating', comment: text });
  });

  it.each([
    // Said to mean it, or a low score with the same word: the score stands.
    ['Nota 5, sem brincadeira, a Ana foi ótima', 5],
    ['Nota 5, não é mentira: resolveram em um dia', 5],
    ['Nota 1, me contaram mentira no suporte', 1],
    ['Nota 2, achei que era brincadeira o prazo', 2],
    ['5 stars, not kidding', 5],
    // Her store's initials are no "jk".
    ['Nota 5\nJK Modas', 5],
    ['Nota 5', 5],
  ])('%j → score %i', (text, score) => {
    expect(read(text)).toMatchObject({ kind: 'rating', score });
  });

  // The same words inside a sentence of hers say something else: a take-back is a clause of its own
  // ("só que não", "kkk mentira", "(ironia)"). Read anywhere, her sincere 5 vanished from the report.
  it.each([
    ['Nota 5! Não foi brincadeira resolver isso, obrigada Ana.', 5],
    ['Nota 10, o problema não era brincadeira e vocês resolveram rápido', 5],
    ['Nota 5 para a Ana, que desmascarou a mentira do suporte', 5],
    ['Nota 5, a cobrança em dobro era mentira do banco e vocês provaram', 5],
    ['5 estrelas, ironia do destino: resolveram no dia do meu aniversário', 5],
    ['Nota 5. Achei que era brincadeira o prazo de um dia, mas cumpriram!', 5],
  ])('%j → score %i (no take-back of its own)', (text, score) => {
    expect(read(text)).toMatchObject({ kind: 'rating', score });
  });

  it.each([
    // Written as one word, or stretched, it is the same take-back.
    'Nota 5 #sóquenão',
    'Nota 5 só que nãooo',
    'nota 5 kkkkk é mentira',
  ])('%j → a rating without a score', (text) => {
    expect(read(text)).toEqual({ kind: 'rating', comment: text });
  });

  // A bare top score with a face rolling its eyes says what "só que não" says.
  it.each(['Nota 5 🙃🙄', 'Nota 5 🙄', '5 estrelas 😒', 'nota 10 kkkk 🤡', '⭐⭐⭐⭐⭐ 🙄', 'Nota máxima 😒😒'])(
    '%j → a rating without a score',
    (text) => {
      expect(read(text)).toEqual({ kind: 'rating', comment: text });
    },
  );

  it.each([
    // With words of hers, the face is her mood about them; a low score keeps its face; 🙃 alone is playful.
    ['Nota 5 🙄 demorou, mas a Ana resolveu', 5],
    ['Nota 2 🙄', 2],
    ['Nota 5 🙃', 5],
    ['Nota 5 😊', 5],
  ])('%j → score %i', (text, score) => {
    expect(read(text)).toMatchObject({ kind: 'rating', score });
  });
});

describe('ratingNews: what her mailed rating came to, for the analyst', () => {
  it.each([
    ['a score, the survey open and unanswered', 'Nota 3', null, true, { score: 3, survey: 'counts' }],
    // The forward carried out later (an effect sweep): her own answer is recorded by then.
    [
      'a score already recorded as hers',
      'Nota 3',
      { score: 3, via: 'email' as const },
      true,
      { score: 3, survey: 'counts' },
    ],
    ['a score after an answer on the survey page', 'Nota 3', { score: 1 }, true, { score: 3, survey: 'answered' }],
    ['a score after the survey closed', 'Nota 3', null, false, { score: 3, survey: 'closed' }],
    ['a top score taken back', 'Nota 5... só que não', null, true, { ironic: true }],
    ['thanks with no score', 'Obrigada pelo atendimento', null, true, undefined],
  ])('%s', (_label, text, answer, open, news) => {
    expect(ratingNews(readMailedRating(text), answer, open)).toEqual(news);
  });
});
