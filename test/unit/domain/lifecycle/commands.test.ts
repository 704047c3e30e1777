import { describe, expect, it } from 'vitest';
import {
  COMMAND_HELP_PT,
  freshStaffText,
  type ParsedStaffMail,
  parseStaffCommands,
  parseStaffMailParts,
} from '../../../../shared/domain/lifecycle/commands';

const options = { maxExtensionBusinessDays: 30 };
const parse = (text: string) => parseStaffCommands(text, options);

function ok(result: ParsedStaffMail) {
  if (!result.ok) throw new Error(`expected ok, got ${result.problems.map((p) => p.code).join(', ')}`);
  return result;
}

function problems(result: ParsedStaffMail) {
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

describe('parseStaffCommands — valid commands', () => {
  it.each([
    ['#encerrar procedente', { kind: 'close', category: 'procedente', summary: '' }],
    ['#Encerrar Procedente', { kind: 'close', category: 'procedente', summary: '' }],
    ['#ENCERRAR IMPROCEDENTE', { kind: 'close', category: 'improcedente', summary: '' }],
    [
      '#encerrar parcial estorno de metade do valor',
      { kind: 'close', category: 'parcial', summary: 'estorno de metade do valor' },
    ],
    ['#encerrar resolvido - loja reativada', { kind: 'close', category: 'resolvido', summary: 'loja reativada' }],
    ['#encerrar: resolvido: loja reativada', { kind: 'close', category: 'resolvido', summary: 'loja reativada' }],
    ['#encerrar nao-resolvido', { kind: 'close', category: 'nao-resolvido', summary: '' }],
    ['#encerrar não-resolvido sem retorno', { kind: 'close', category: 'nao-resolvido', summary: 'sem retorno' }],
    [
      '#encerrar NÃO RESOLVIDO lojista não respondeu',
      { kind: 'close', category: 'nao-resolvido', summary: 'lojista não respondeu' },
    ],
    ['#encerrar nao_resolvido', { kind: 'close', category: 'nao-resolvido', summary: '' }],
    // The categories as the office writes them: feminine, "não procedente", "procedente em parte".
    ['#encerrar resolvida', { kind: 'close', category: 'resolvido', summary: '' }],
    [
      '#encerrar Não resolvida - lojista desistiu',
      { kind: 'close', category: 'nao-resolvido', summary: 'lojista desistiu' },
    ],
    [
      '#encerrar não procedente: cobrança correta',
      { kind: 'close', category: 'improcedente', summary: 'cobrança correta' },
    ],
    ['#encerrar nao-procedente', { kind: 'close', category: 'improcedente', summary: '' }],
    [
      '#encerrar parcialmente procedente - estorno de uma parcela',
      { kind: 'close', category: 'parcial', summary: 'estorno de uma parcela' },
    ],
    ['#encerrar procedente em parte', { kind: 'close', category: 'parcial', summary: '' }],
    // The words analysts put before the category, and a category in parentheses.
    ['#encerrar caso procedente', { kind: 'close', category: 'procedente', summary: '' }],
    [
      '#encerrar como improcedente: fora do escopo',
      { kind: 'close', category: 'improcedente', summary: 'fora do escopo' },
    ],
    ['#encerrar o caso como resolvido', { kind: 'close', category: 'resolvido', summary: '' }],
    [
      '#encerrar (procedente) estorno realizado',
      { kind: 'close', category: 'procedente', summary: 'estorno realizado' },
    ],
    [
      '#encerrar [parcial] uma das cobranças estornada',
      { kind: 'close', category: 'parcial', summary: 'uma das cobranças estornada' },
    ],
    ['#encerrar Procedente parcialmente.', { kind: 'close', category: 'parcial', summary: '' }],
    ['#encerrar parcialmente', { kind: 'close', category: 'parcial', summary: '' }],
    ['#encerrar procedente em 2 dias', { kind: 'close', category: 'procedente', summary: 'em 2 dias' }],
    [
      '#encerrar procedente, em parte já resolvido',
      { kind: 'close', category: 'procedente', summary: 'em parte já resolvido' },
    ],
    ['#encerrar procedente, estorno feito', { kind: 'close', category: 'procedente', summary: 'estorno feito' }],
    // Word and Outlook turn " - " into a dash: a dash standing alone separates, whichever it is.
    ['#encerrar – procedente', { kind: 'close', category: 'procedente', summary: '' }],
    [
      '#encerrar — improcedente — cobrança devida',
      { kind: 'close', category: 'improcedente', summary: 'cobrança devida' },
    ],
    ['#encerrar procedente – estorno feito', { kind: 'close', category: 'procedente', summary: 'estorno feito' }],
    ['#aguardar', { kind: 'wait' }],
    ['#AGUARDAR', { kind: 'wait' }],
    // What the case waits for, as analysts write it on the line: kept for the history, never sent.
    ['#aguardar retorno do lojista', { kind: 'wait', awaiting: 'retorno do lojista' }],
    ['#aguardar o lojista', { kind: 'wait', awaiting: 'o lojista' }],
    ['#Aguardar: Resposta da lojista.', { kind: 'wait', awaiting: 'Resposta da lojista.' }],
    ['#aguardar - documentos da loja', { kind: 'wait', awaiting: 'documentos da loja' }],
    ['#aguardar o comprovante de pagamento', { kind: 'wait', awaiting: 'o comprovante de pagamento' }],
    ['#aguardar prints do erro no checkout', { kind: 'wait', awaiting: 'prints do erro no checkout' }],
    ['#aguardar informações do financeiro', { kind: 'wait', awaiting: 'informações do financeiro' }],
    // Any short label, not a closed list of nouns: each of these refused the analyst's whole mail.
    ['#aguardar lista de pedidos', { kind: 'wait', awaiting: 'lista de pedidos' }],
    ['#aguardar planilha com os pedidos parados', { kind: 'wait', awaiting: 'planilha com os pedidos parados' }],
    ['#aguardar aprovação do financeiro', { kind: 'wait', awaiting: 'aprovação do financeiro' }],
    ['#aguardar equipe de pagamentos', { kind: 'wait', awaiting: 'equipe de pagamentos' }],
    ['#aguardar NF, boleto e extrato', { kind: 'wait', awaiting: 'NF, boleto e extrato' }],
    ['#aguardar CNPJ da loja', { kind: 'wait', awaiting: 'CNPJ da loja' }],
    ['#aguardar lojista enviar os comprovantes', { kind: 'wait', awaiting: 'lojista enviar os comprovantes' }],
    ['#aguardar até sexta (ref. pedido 1234)', { kind: 'wait', awaiting: 'até sexta (ref. pedido 1234)' }],
    ['#aguardar Estorno pelo banco.', { kind: 'wait', awaiting: 'Estorno pelo banco.' }],
    ['#nota', { kind: 'note', text: '' }],
    ['#nota ligar para a lojista na segunda', { kind: 'note', text: 'ligar para a lojista na segunda' }],
    ['#transferir bruno', { kind: 'transfer', to: 'bruno' }],
    ['#Transferir Carla.Souza', { kind: 'transfer', to: 'carla.souza' }],
    ['#transferir carla@ouvidoria.example.com.br', { kind: 'transfer', to: 'carla@ouvidoria.example.com.br' }],
    // A colleague as people name her: the roster finds her (staff-reference.ts).
    ['#transferir Bruno Oliveira', { kind: 'transfer', to: 'bruno oliveira' }],
    ['#transferir para a Carla', { kind: 'transfer', to: 'carla' }],
    ['#transferir pro Bruno', { kind: 'transfer', to: 'bruno' }],
    ['#transferir João da Silva', { kind: 'transfer', to: 'joao da silva' }],
    ["#transferir Maria D'Ávila", { kind: 'transfer', to: "maria d'avila" }],
    ['#transferir Bruno.', { kind: 'transfer', to: 'bruno' }],
    ['#Transferir: Ana Souza', { kind: 'transfer', to: 'ana souza' }],
    [
      '#prorrogar 5 aguardando retorno do financeiro',
      { kind: 'extend', businessDays: 5, reason: 'aguardando retorno do financeiro' },
    ],
    [
      '#prorrogar 5 dias úteis aguardando o financeiro',
      { kind: 'extend', businessDays: 5, reason: 'aguardando o financeiro' },
    ],
    [
      '#Prorrogar 3 dias uteis: depende da integração',
      { kind: 'extend', businessDays: 3, reason: 'depende da integração' },
    ],
    ['#prorrogar 10 du - análise técnica', { kind: 'extend', businessDays: 10, reason: 'análise técnica' }],
    [
      '#prorrogar por 5 dias úteis: aguardando o banco',
      { kind: 'extend', businessDays: 5, reason: 'aguardando o banco' },
    ],
    ['#prorrogar mais 3 dias - perícia do Pix', { kind: 'extend', businessDays: 3, reason: 'perícia do Pix' }],
    ['#prorrogar 5du aguardando o banco', { kind: 'extend', businessDays: 5, reason: 'aguardando o banco' }],
    ['#prorrogar 2d: retorno da logística', { kind: 'extend', businessDays: 2, reason: 'retorno da logística' }],
    ['#prorrogar 5 dias por causa do feriado', { kind: 'extend', businessDays: 5, reason: 'por causa do feriado' }],
    // Round 29: the number written out again, as contracts do; a reason in parentheses; "+5".
    [
      '#prorrogar 5 (cinco) dias úteis - aguardando o financeiro',
      { kind: 'extend', businessDays: 5, reason: 'aguardando o financeiro' },
    ],
    ['#prorrogar 5 dias uteis (aguardando o banco)', { kind: 'extend', businessDays: 5, reason: 'aguardando o banco' }],
    ['#prorrogar +5 aguardando o banco', { kind: 'extend', businessDays: 5, reason: 'aguardando o banco' }],
    ['#encerrar resolvido!', { kind: 'close', category: 'resolvido', summary: '' }],
    ['#transferir a Carla', { kind: 'transfer', to: 'carla' }],
    ['#transferir à Carla Nascimento', { kind: 'transfer', to: 'carla nascimento' }],
    ['#transferir ao Bruno', { kind: 'transfer', to: 'bruno' }],
    ['#nota interna: cliente VIP, não prometer prazo', { kind: 'note', text: 'cliente VIP, não prometer prazo' }],
    ['#aguardar.', { kind: 'wait' }],
    ['#aguardar!', { kind: 'wait' }],
  ])('%s', (line, expected) => {
    const result = ok(parse(`${line}\n\nTexto da resposta.`));
    expect(result.commands).toHaveLength(1);
    expect(result.commands[0]).toMatchObject(expected);
    expect(result.body).toBe('Texto da resposta.');
  });

  it('no command: the whole text is the answer', () => {
    const result = ok(parse('Olá, Maria.\n\n#48213 é o chamado certo? Verifiquei com o suporte.\n'));
    expect(result.commands).toEqual([]);
    expect(result.body).toBe('Olá, Maria.\n\n#48213 é o chamado certo? Verifiquei com o suporte.');
  });

  it('several commands, blank lines between them, CRLF, leading spaces', () => {
    const text =
      '\r\n  #prorrogar 5 aguardando o financeiro\r\n\r\n#aguardar\r\nOlá, Maria.\r\n#encerrar fica no corpo';
    const result = ok(parse(text));
    expect(result.commands.map((c) => c.kind)).toEqual(['extend', 'wait']);
    expect(result.body).toBe('Olá, Maria.\n#encerrar fica no corpo');
  });

  it('a ticket number at the top is text, not a command', () => {
    const result = ok(parse('#48213 foi resolvido.'));
    expect(result.commands).toEqual([]);
  });

  it('only commands, no body, is fine', () => {
    expect(ok(parse('#aguardar')).body).toBe('');
  });
});

describe('parseStaffCommands — a line as its reader sees it (characters nobody sees are left out)', () => {
  it.each([
    ['a zero-width space before the #', '\u200b#encerrar procedente', { kind: 'close', category: 'procedente' }],
    ['a left-to-right mark before the #', '\u200e#encerrar procedente', { kind: 'close', category: 'procedente' }],
    ['a right-to-left override before the #', '\u202e#aguardar', { kind: 'wait' }],
    ['a full-width number sign', '\uff03encerrar procedente', { kind: 'close', category: 'procedente' }],
    ['a small number sign', '\ufe5faguardar', { kind: 'wait' }],
    ['a bidi isolate around the line', '\u2066#transferir bruno\u2069', { kind: 'transfer', to: 'bruno' }],
    ['a zero-width space after the verb', '#encerrar\u200b procedente', { kind: 'close', category: 'procedente' }],
    [
      'a zero-width joiner inside the verb',
      '#encer\u200drar improcedente',
      { kind: 'close', category: 'improcedente' },
    ],
    [
      'a word joiner inside the days',
      '#prorrogar 1\u20600 aguardando o financeiro',
      { kind: 'extend', businessDays: 10, reason: 'aguardando o financeiro' },
    ],
  ])('%s: the command acts, and the answer below it is the body', (_what, line, expected) => {
    const result = ok(parse(`${line}\n\nOlá, Maria. O estorno foi feito hoje.`));
    expect(result.commands).toHaveLength(1);
    expect(result.commands[0]).toMatchObject(expected);
    expect(result.body).toBe('Olá, Maria. O estorno foi feito hoje.');
  });

  it('a line of invisible characters only is a blank line between commands, not the start of the answer', () => {
    const result = ok(parse('#aguardar\n\u200b\u200e\n#prorrogar 5 aguardando o financeiro\nOlá, Maria.'));
    expect(result.commands.map((c) => c.kind)).toEqual(['wait', 'extend']);
    expect(result.body).toBe('Olá, Maria.');
  });
});

// A keyboard (or a habit) that puts a space after "#": "# encerrar procedente" was read as the
// first line of the answer and relayed to the merchant, the office's command with it.
describe('parseStaffCommands — "# verbo", a space after the #', () => {
  it.each([
    ['# encerrar procedente', { kind: 'close', category: 'procedente' }],
    ['#  Aguardar', { kind: 'wait' }],
    ['#\u00a0nota ligar amanhã', { kind: 'note', text: 'ligar amanhã' }],
    ['# transferir bruno', { kind: 'transfer', to: 'bruno' }],
    ['# prorrogar 5 aguardando o financeiro', { kind: 'extend', businessDays: 5 }],
  ])('%s acts as the command', (line, expected) => {
    const result = ok(parse(`${line}\n\nOlá, Maria. O estorno foi feito hoje.`));
    expect(result.commands).toHaveLength(1);
    expect(result.commands[0]).toMatchObject(expected);
    expect(result.body).toBe('Olá, Maria. O estorno foi feito hoje.');
  });

  it('a near miss after "# " is refused with the suggestion, never relayed', () => {
    const found = problems(parse('# fechar procedente\nOlá, Maria.'));
    expect(found[0]).toMatchObject({ code: 'unknown-command' });
    expect(found[0]?.message).toContain('#encerrar');
  });

  it('inside the answer it is a misplaced command', () => {
    expect(problems(parse('Olá, Maria.\n# encerrar procedente estorno feito'))).toContainEqual(
      expect.objectContaining({ code: 'misplaced-command' }),
    );
  });

  it.each([
    ['a numbered heading', '# 1 Resumo do caso\nOlá, Maria.'],
    ['a hashtag-like word that is no command', '# obrigada pela paciência\nOlá, Maria.'],
  ])('%s stays text', (_what, text) => {
    expect(ok(parse(text)).body).toBe(text);
  });
});

// "#constructor" read Object.prototype.constructor as a verb, and the mail threw instead of being refused.
describe('parseStaffCommands — words of every object are no command', () => {
  it.each(['#constructor', '#hasownproperty', '#tostring', '#valueof', '#isprototypeof'])(
    '%s is an unknown command, refused with an explanation',
    (line) => {
      expect(problems(parse(`${line}\nOlá, Maria.`))[0]).toMatchObject({ code: 'unknown-command' });
    },
  );
});

describe('parseStaffCommands — #transferir @pessoa', () => {
  it('takes the id after an @, as chat programs write it', () => {
    expect(ok(parse('#transferir @bruno\nCaso com você.')).commands[0]).toMatchObject({
      kind: 'transfer',
      to: 'bruno',
    });
  });
});

describe('parseStaffCommands — a whole command inside the answer refuses the mail (it never acts there)', () => {
  const Q = 'Em qui., 12 de mar. de 2026 às 10:00, Ouvidoria <ouvidoria@ouvidoria.example.com.br> escreveu:';
  it.each([
    ['under her greeting', 'Olá, Maria.\n#encerrar procedente estorno feito', '#encerrar procedente estorno feito'],
    ['at the end of the answer', 'Olá, Maria. O estorno foi feito.\n\n#aguardar', '#aguardar'],
    [
      'an internal note inside the answer',
      'Olá, Maria.\n#nota ligar para a lojista amanhã',
      '#nota ligar para a lojista amanhã',
    ],
    ['with a bidi mark before it', 'Olá, Maria.\n\u200f#transferir bruno', '#transferir bruno'],
    [
      'after valid commands and text',
      '#aguardar\nOlá, Maria.\n#prorrogar 5 aguardando o financeiro',
      '#prorrogar 5 aguardando o financeiro',
    ],
  ])('%s', (_, text, line) => {
    expect(problems(parse(text))).toContainEqual(expect.objectContaining({ code: 'misplaced-command', line }));
  });

  it.each([
    ['a ticket number', 'Olá, Maria.\n#48213 é o chamado certo?'],
    ['a hashtag', 'Olá, Maria.\n#obrigada pela paciência'],
    ['a command word with words that are no command', 'Olá, Maria.\n#encerrar fica no corpo'],
    ['a verb alone that is incomplete', 'Olá, Maria.\n#encerrar'],
  ])('%s inside the answer stays text', (_, text) => {
    expect(ok(parse(text)).body).toBe(text);
  });

  it('a command written below the quoted history (the quote is cut, the command would follow the answer)', () => {
    const fresh = freshStaffText(
      `Olá, Maria. Estamos verificando.\n\n${Q}\n> Fui cobrada duas vezes.\n\n#encerrar procedente`,
    );
    const found = problems(parse(fresh));
    expect(found.map((p) => p.code)).toEqual(['misplaced-command']);
    expect(found[0]?.message).toContain('primeiras linhas');
  });
});

describe('parseStaffCommands — refused mails', () => {
  it.each([
    ['#fechar procedente', 'unknown-command', 'Você quis dizer “#encerrar”?'],
    ['#prorrogação 5 motivo', 'unknown-command', '#prorrogar'],
    ['#encaminhar bruno', 'unknown-command', 'Você quis dizer “#transferir”?'],
    ['#obs liguei para a lojista', 'unknown-command', 'Você quis dizer “#nota”?'],
    ['#anotação liguei para a lojista', 'unknown-command', 'Você quis dizer “#nota”?'],
    // Only words that name nothing are skipped: another word is still no category.
    ['#encerrar caso encerrado', 'invalid-category', 'Categoria de encerramento desconhecida'],
    ['#encerrar o lojista desistiu', 'invalid-category', 'Categoria de encerramento desconhecida'],
    ['#resolvido', 'unknown-command', 'Você quis dizer “#encerrar”?'],
    ['#prorrogar 5 (cinco)', 'missing-reason', 'motivo'],
    ['#encerra procedente', 'unknown-command', '#encerrar'],
    ['#status solved', 'unknown-command', 'Comando desconhecido: “#status”.'],
    ['#encerrar', 'invalid-category', 'procedente, improcedente, parcial, resolvido, nao-resolvido'],
    ['#encerrar aprovado', 'invalid-category', 'aprovado'],
    ['#encerrar nao', 'invalid-category', 'nao'],
    ['#encerrar resolvendo', 'invalid-category', 'resolvendo'],
    // Words that read as a message to her would silently never reach her.
    ['#aguardar Maria, pode mandar o print?', 'malformed-command', 'nas linhas de baixo'],
    ['#aguardar retorno?', 'malformed-command', 'só o que se aguarda'],
    ['#aguardar Olá, Maria. Aguardo o seu retorno.', 'malformed-command', 'não é enviado ao lojista'],
    ['#aguardar envie o comprovante por favor', 'malformed-command', 'nas linhas de baixo'],
    ['#aguardar Bom dia Mariana, segue o prazo', 'malformed-command', 'nas linhas de baixo'],
    ['#aguardar Prezada Mariana', 'malformed-command', 'nas linhas de baixo'],
    ['#aguardar seu retorno', 'malformed-command', 'nas linhas de baixo'],
    ['#aguardar o print que você vai mandar', 'malformed-command', 'nas linhas de baixo'],
    ['#aguardar Mariana, me mande a lista', 'malformed-command', 'nas linhas de baixo'],
    ['#aguardar pode mandar a lista', 'malformed-command', 'nas linhas de baixo'],
    ['#aguardar Preciso da lista dos pedidos', 'malformed-command', 'nas linhas de baixo'],
    ['#aguardar lista. Assim que chegar eu sigo com o financeiro', 'malformed-command', 'nas linhas de baixo'],
    ['#aguardar Obrigada pelo retorno', 'malformed-command', 'nas linhas de baixo'],
    // A block pasted on the line is no history entry (twelve words, each of any length, would be).
    [`#aguardar retorno ${'a'.repeat(5_000)}`, 'malformed-command', 'só o que se aguarda'],
    [
      '#aguardar retorno do lojista sobre o estorno que o financeiro ainda não aprovou porque falta a nota',
      'malformed-command',
      'só o que se aguarda',
    ],
    ['#transferir', 'malformed-command', '#transferir ana'],
    ['#transferir bruno, carla', 'malformed-command', '#transferir'],
    ['#transferir <script>', 'malformed-command', '#transferir'],
    ['#transferir o caso para a Carla porque ela cuida de estoque', 'malformed-command', 'nome da pessoa'],
    ['#transferir 123 456', 'malformed-command', '#transferir'],
    ['#prorrogar cinco motivo', 'invalid-days', 'em algarismos'],
    ['#prorrogar', 'invalid-days', 'em algarismos'],
    ['#prorrogar 0 motivo', 'invalid-days', 'de 1 a 30'],
    ['#prorrogar 31 motivo', 'invalid-days', 'de 1 a 30'],
    ['#prorrogar 5.5 motivo', 'invalid-days', 'em algarismos'],
    ['#prorrogar -2 motivo', 'invalid-days', 'em algarismos'],
    ['#prorrogar por motivo de férias', 'invalid-days', 'em algarismos'],
    ['#prorrogar mais uns dias', 'invalid-days', 'em algarismos'],
    ['#prorrogar 5dx motivo', 'invalid-days', 'em algarismos'],
    ['#prorrogar por 45 dias, auditoria', 'invalid-days', 'de 1 a 30'],
    ['#prorrogar mais 5', 'missing-reason', 'motivo'],
    ['#prorrogar 5', 'missing-reason', 'motivo'],
    ['#prorrogar 5 dias úteis', 'missing-reason', 'motivo'],
  ])('%s → %s', (line, code, fragment) => {
    const found = problems(parse(`${line}\nOlá, Maria.`));
    expect(found[0]).toMatchObject({ code, line });
    expect(found[0]?.message).toContain(fragment);
  });

  it.each([
    [1, '#prorrogar 2 aguardando o financeiro', 'A prorrogação deve ser de 1 dia útil.'],
    [1, '#prorrogar 0 aguardando o financeiro', 'A prorrogação deve ser de 1 dia útil.'],
    [2, '#prorrogar 3 aguardando o financeiro', 'A prorrogação deve ser de 1 a 2 dias úteis.'],
    [30, '#prorrogar 31 aguardando o financeiro', 'A prorrogação deve ser de 1 a 30 dias úteis.'],
  ])('a limit of %i day(s): %s is refused in the right number', (max, line, message) => {
    const found = problems(parseStaffCommands(`${line}\nOlá, Maria.`, { maxExtensionBusinessDays: max }));
    expect(found[0]).toMatchObject({ code: 'invalid-days', message });
  });

  it('every problem of the block is listed, not only the first', () => {
    const found = problems(parse('#fechar\n#prorrogar x\nOlá'));
    expect(found.map((p) => p.code)).toEqual(['unknown-command', 'invalid-days']);
  });

  it('a repeated command', () => {
    expect(problems(parse('#aguardar\n#Aguardar\nOlá')).map((p) => p.code)).toEqual(['duplicate-command']);
  });

  it.each(['#aguardar', '#transferir bruno', '#prorrogar 2 motivo'])('#encerrar with %s', (other) => {
    expect(problems(parse(`#encerrar procedente\n${other}`)).map((p) => p.code)).toEqual(['conflicting-commands']);
  });

  it('#nota with no text anywhere', () => {
    expect(problems(parse('#nota\n\n')).map((p) => p.code)).toEqual(['empty-note']);
  });

  it('nothing new at all', () => {
    expect(problems(parse('  \n\n ')).map((p) => p.code)).toEqual(['empty-answer']);
  });

  it('the help says the closing summary goes to the merchant', () => {
    const close = COMMAND_HELP_PT.find((c) => c.usage.startsWith('#encerrar'));
    expect(close?.usage).toContain('[resumo]');
    expect(close?.what).toContain('o resumo e o texto abaixo vão ao lojista');
  });

  it('the help lists the five commands', () => {
    expect(COMMAND_HELP_PT.map((c) => c.usage.split(' ')[0])).toEqual([
      '#encerrar',
      '#aguardar',
      '#nota',
      '#transferir',
      '#prorrogar',
    ]);
  });
});

// Megabytes of input, no timer (speed targets live in the bench): a superlinear parse of these
// would run past the test timeout, a linear one reads them at once.
describe('parseStaffMailParts — the text part and the HTML part (what she saw) must carry the same commands', () => {
  const ANSWER = 'Olá, Maria. O estorno foi solicitado ao financeiro hoje.';
  it.each<[string, string, string]>([
    ['a #encerrar in the text part only', `#encerrar improcedente\n${ANSWER}`, ANSWER],
    ['a #encerrar in the HTML part only', ANSWER, `#encerrar procedente\n${ANSWER}`],
    ['another category', `#encerrar improcedente\n${ANSWER}`, `#encerrar procedente\n${ANSWER}`],
    ['another summary', '#encerrar procedente estorno feito', '#encerrar procedente sem estorno'],
    ['another colleague', `#transferir bruno\n${ANSWER}`, `#transferir carla\n${ANSWER}`],
    ['a #nota only in the HTML part', ANSWER, `#nota\n${ANSWER}`],
    ['a command inside the answer of one part', ANSWER, `Olá, Maria.\n#encerrar procedente\n${ANSWER}`],
    ['a refused command in one part only', `#prorrogar cinco dias\n${ANSWER}`, ANSWER],
  ])('%s: refused, and she is told why in pt-BR', (_, text, html) => {
    const found = problems(parseStaffMailParts(text, html, options));
    expect(found.map((p) => p.code)).toEqual(['parts-disagree']);
    expect(found[0]!.message).toContain('duas versões que não combinam');
    expect(found[0]!.message).toContain('Nada foi feito no caso e nada foi enviado ao lojista');
  });

  it.each<[string, string, string | undefined]>([
    ['no HTML part', `#encerrar procedente\n${ANSWER}`, undefined],
    ['the same commands', `#encerrar procedente\n${ANSWER}`, `#encerrar procedente\n\n${ANSWER}`],
    ['case, accents and spacing aside', `#encerrar  Não Resolvido\n${ANSWER}`, `#ENCERRAR não resolvido\n${ANSWER}`],
    ['no command in either', ANSWER, `${ANSWER}\n`],
    ['a ticket number, no command', `Ticket #48213 verificado.\n${ANSWER}`, `Ticket #48213 verificado. ${ANSWER}`],
  ])('%s: read as the text part says', (_, text, html) => {
    expect(parseStaffMailParts(text, html, options)).toEqual(parse(text));
  });
});

describe('parseStaffMailParts — a command in the subject, which never acts', () => {
  const ANSWER = 'Olá, Maria. O estorno foi feito hoje e deve aparecer na próxima fatura.';
  it.each([
    ['RE: [OUV-2026-000001] #encerrar procedente', '#encerrar procedente'],
    ['#Encerrar Resolvido - RE: [OUV-2026-000001] Novo caso', '#Encerrar Resolvido - RE: [OUV-2026-000001] Novo caso'],
    ['RE: [OUV-2026-000001] # aguardar', '#aguardar'],
    ['[OUV-2026-000001] #transferir bruno', '#transferir bruno'],
    [
      'RE: chamado #48213 [OUV-2026-000001] #prorrogar 5 aguardando o financeiro',
      '#prorrogar 5 aguardando o financeiro',
    ],
  ])('%j: refused, nothing relayed, she is told to write it in the text', (subject, line) => {
    const found = problems(parseStaffMailParts(ANSWER, undefined, options, subject));
    expect(found.map((p) => [p.code, p.line])).toEqual([['command-in-subject', line]]);
    expect(found[0]!.message).toContain('está no assunto');
    expect(found[0]!.message).toContain('Nada foi feito no caso e nada foi enviado ao lojista');
  });

  it.each([
    [
      'the same command in the text too',
      'RE: [OUV-2026-000001] #encerrar procedente',
      `#encerrar procedente\n${ANSWER}`,
    ],
    ['a ticket number', 'RE: Cobrança em duplicidade — chamado #48213 [OUV-2026-000001]', ANSWER],
    ['the merchant’s own words (#nota fiscal)', 'RE: [OUV-2026-000001] #nota fiscal não emitida', ANSWER],
    ['no valid command (#fechar)', 'RE: [OUV-2026-000001] #fechar', ANSWER],
    ['a hashtag', 'RE: [OUV-2026-000001] Promoção #blackfriday não aplicada', ANSWER],
  ])('%s: read as the text says', (_what, subject, text) => {
    expect(parseStaffMailParts(text, undefined, options, subject)).toEqual(parse(text));
  });

  it('a subject of a thousand # is read in a few tries', () => {
    const subject = `RE: ${'#fechar '.repeat(1000)}#encerrar procedente`;
    expect(parseStaffMailParts(ANSWER, undefined, options, subject)).toEqual(parse(ANSWER));
  });
});

describe('parseStaffCommands — linear time', () => {
  it.each([
    ['one huge line of #', `#${'#'.repeat(2_000_000)}`],
    ['a huge command argument', `#encerrar procedente ${'a '.repeat(1_000_000)}`],
    ['many command lines', '#nota x\n'.repeat(200_000)],
    ['a huge body', `#aguardar\n${'Olá, Maria. '.repeat(200_000)}`],
    ['spaces and dashes', `#prorrogar 5 ${' -'.repeat(1_000_000)}`],
  ])('%s', (_what, text) => {
    expect(() => parse(text)).not.toThrow();
  });
});

describe('freshStaffText — what the analyst wrote now', () => {
  it.each([
    [
      'Gmail, pt-BR attribution',
      '#aguardar\nOlá, Maria. Pedi o estorno ao financeiro.\n\nEm ter., 10 de mar. de 2026 às 10:05, Ouvidoria <ouvidoria@ouvidoria.example.com.br> escreveu:\n> [OUV-2026-000123] Novo caso atribuído a você\n> Olá, Ana,',
      '#aguardar\nOlá, Maria. Pedi o estorno ao financeiro.',
    ],
    [
      'Gmail, attribution wrapped on two lines',
      'Resposta curta.\n\nEm ter., 10 de mar. de 2026 às 10:05, Ouvidoria <\nouvidoria@ouvidoria.example.com.br> escreveu:\n> texto antigo',
      'Resposta curta.',
    ],
    [
      'English client',
      '#encerrar resolvido\nDone.\n\nOn Tue, Mar 10, 2026 at 10:05 AM Ouvidoria <ouvidoria@ouvidoria.example.com.br> wrote:\n> old',
      '#encerrar resolvido\nDone.',
    ],
    [
      'Outlook pt-BR header block',
      'Olá, Maria.\n\n________________________________\nDe: Ouvidoria <ouvidoria@ouvidoria.example.com.br>\nEnviado: terça-feira, 10 de março de 2026 10:05\nPara: Ana <ana@empresa.com.br>\nAssunto: [OUV-2026-000123] Nova mensagem do lojista\n\nOlá, Ana,',
      'Olá, Maria.',
    ],
    [
      'Outlook English header block without rule',
      '#nota ligar amanhã\n\nFrom: Ouvidoria <ouvidoria@ouvidoria.example.com.br>\nSent: Tuesday, March 10, 2026 10:05 AM\nTo: Ana\nSubject: caso\n\nold',
      '#nota ligar amanhã',
    ],
    [
      'signature after "-- "',
      'Olá, Maria. Resolvido.\n\n-- \nAna Lima\nAnalista de Ouvidoria\n(11) 4000-0000',
      'Olá, Maria. Resolvido.',
    ],
    ['mobile footer', '#aguardar\nJá pedi retorno.\n\nEnviado do meu iPhone', '#aguardar\nJá pedi retorno.'],
    [
      '"-----Mensagem original-----"',
      'Segue a resposta.\n\n-----Mensagem original-----\nDe: Ouvidoria\nteste',
      'Segue a resposta.',
    ],
  ])('%s', (_what, text, expected) => {
    expect(freshStaffText(text)).toBe(expected);
  });

  const ANA = { name: 'Ana Lima' };
  it.each([
    [
      'name, role and phone without "-- "',
      'Olá, Maria. O estorno foi feito hoje.\n\nAtenciosamente,\nAna Lima\nAnalista de Ouvidoria | Bagy\nTel. (11) 4000-0000',
      'Olá, Maria. O estorno foi feito hoje.',
    ],
    [
      'Outlook pt-BR: closing, card, logo placeholder and the company disclaimer above the header block',
      'Prezada Mariana,\n\nVerificamos com o financeiro: o repasse de outubro será creditado até 06/11.\n\nAtt.,\nAna Lima\nAnalista de Ouvidoria | Loja Exemplo\n(11) 4000-1234\n[cid:image001.png@01DB3C4F.5E6A7B80]\n\nEsta mensagem pode conter informação confidencial e/ou privilegiada. Se você não for o destinatário ou a pessoa autorizada a receber esta mensagem, não pode usar, copiar ou divulgar as informações nela contidas.\n\nDe: Ouvidoria <ouvidoria@ouvidoria.example.com.br>\nEnviado: terça-feira, 3 de novembro de 2026 09:00\nPara: Ana Lima <ana@ouvidoria.example.com.br>\nAssunto: [OUV-2026-000001] Novo caso atribuído a você\n\nOlá, Ana,',
      'Prezada Mariana,\n\nVerificamos com o financeiro: o repasse de outubro será creditado até 06/11.',
    ],
    [
      'Gmail: closing and card with the logo as "[image: …]"',
      '#aguardar\nMariana, pode enviar o print da tela do pedido?\n\nObrigada,\nAna Lima\n[image: Loja Exemplo]\n\nEm ter., 3 de nov. de 2026 às 09:00, Ouvidoria <ouvidoria@ouvidoria.example.com.br> escreveu:\n> velho',
      '#aguardar\nMariana, pode enviar o print da tela do pedido?',
    ],
    [
      'HTML signature table whose first cell was the logo, and a two-paragraph disclaimer',
      '#aguardar\n\nPrezada Mariana,\n\nPode nos enviar o comprovante do pedido 1234?\n\nAtt.,\n\n| Ana Lima\nAnalista de Ouvidoria | Loja Exemplo\n(11) 4000-1234\n\nAVISO LEGAL: esta mensagem e seus anexos são sigilosos e destinados exclusivamente ao destinatário.\n\nAntes de imprimir, pense no meio ambiente.',
      '#aguardar\n\nPrezada Mariana,\n\nPode nos enviar o comprovante do pedido 1234?',
    ],
    [
      'Gmail: the closing above the "-- " its signature starts with',
      'Mariana, o estorno foi feito.\n\nAbs,\n-- \nAna Lima\nOuvidoria\n\nEm seg., 30 de nov. de 2026 às 10:00, Ouvidoria <ouvidoria@ouvidoria.example.com.br> escreveu:\n> velho',
      'Mariana, o estorno foi feito.',
    ],
    ['a closing with no signature below it', 'Resolvido, Maria.\n\nAtenciosamente,', 'Resolvido, Maria.'],
    [
      'a disclaimer with no signature of hers above it',
      'O estorno foi feito hoje.\n\nEsta mensagem pode conter informação confidencial. Se você a recebeu por engano, apague-a.',
      'O estorno foi feito hoje.',
    ],
    [
      'a disclaimer "nesta mensagem"',
      'Olá, segue a resposta.\n\nAs informações contidas nesta mensagem e em seus anexos são confidenciais e destinadas exclusivamente ao destinatário. Se você a recebeu por engano, apague-a.',
      'Olá, segue a resposta.',
    ],
    [
      'a disclaimer "deste e-mail"',
      'Olá, segue a resposta.\n\nO conteúdo deste e-mail é confidencial. Se você não é o destinatário, avise o remetente.',
      'Olá, segue a resposta.',
    ],
    ['name and role on one line', 'Resolvido, Maria.\n\nAna Lima | Analista de Ouvidoria', 'Resolvido, Maria.'],
    ['the first name only', 'Resolvido, Maria.\nAbraços,\nAna', 'Resolvido, Maria.'],
    ['a surname more, accents as typed', 'Resolvido.\n\nAná Lima Souza\nOuvidoria', 'Resolvido.'],
    ['a middle initial', 'Resolvido.\n\nAtt.,\nAna P. Lima\nOuvidoria | Loja Exemplo\n(11) 4000-1234', 'Resolvido.'],
    ['a middle name and a particle, then a role', 'Resolvido.\n\nAna Paula de Lima | Analista', 'Resolvido.'],
    ['a title before her name', 'Resolvido.\n\nDra. Ana Lima\nOuvidoria', 'Resolvido.'],
    // The closing and her name on one line.
    ['"Att. Ana Lima"', 'Resolvido, Maria.\n\nAtt. Ana Lima', 'Resolvido, Maria.'],
    ['"Abs, Ana" then her role', 'Resolvido, Maria.\n\nAbs, Ana\nOuvidoria', 'Resolvido, Maria.'],
  ])('cuts the writer’s own signature block: %s', (_what, text, expected) => {
    expect(freshStaffText(text, ANA)).toBe(expected);
  });

  it.each([
    ['her name inside the answer', 'Maria, aqui é a Ana Lima, vou verificar o estorno e retorno amanhã.'],
    [
      'a long line below her name is the answer, not a signature',
      `Ana Lima\n${'O estorno foi solicitado ao financeiro e deve cair em até cinco dias úteis. '.repeat(2).trim()}`,
    ],
    ['only her name (nothing else to send)', 'Ana Lima'],
    ['another person’s name', 'Resolvido.\n\nBruno Costa\nFinanceiro'],
    ['a sentence that starts with her name', 'Resolvido.\n\nAna Lima vai te ligar amanhã de manhã.'],
    ['her first and last names with a sentence between', 'Resolvido.\n\nAna falou com a Lima'],
    [
      'a paragraph of the answer about confidentiality is no disclaimer (it names no wrong recipient)',
      'Prezada Mariana,\n\nOs dados do seu contrato são confidenciais e não podem ser enviados por e-mail.',
    ],
    ['a closing that is the whole answer stays', 'Obrigada!'],
    [
      'a last paragraph about the merchant’s confidential data and its recipient is the answer',
      'Prezada, o comprovante do repasse segue em anexo.\n\nPor se tratar de dados bancários confidenciais, ele foi enviado apenas ao e-mail do destinatário cadastrado na conta.',
    ],
    ['"antes de imprimir" in an instruction', 'Resolvido.\n\nAntes de imprimir a nova fatura, confira o CNPJ.'],
    ['a thanks to the merchant by her name', 'Resolvido.\n\nObrigada, Maria Souza'],
  ])('keeps the text when it is no signature of hers: %s', (_what, text) => {
    expect(freshStaffText(text, ANA)).toBe(text);
  });

  it('and then the commands parse', () => {
    const mail =
      '#ENCERRAR PROCEDENTE estorno realizado\r\n\r\nOlá, Maria. O estorno foi feito hoje.\r\n\r\n-- \r\nAna\r\n\r\nEm qua., 11 de mar. de 2026 às 09:12, Ouvidoria <ouvidoria@ouvidoria.example.com.br> escreveu:\r\n> #encerrar improcedente';
    const result = ok(parse(freshStaffText(mail)));
    expect(result.commands).toMatchObject([{ kind: 'close', category: 'procedente', summary: 'estorno realizado' }]);
    expect(result.body).toBe('Olá, Maria. O estorno foi feito hoje.');
  });
});

describe('freshStaffText — the office’s own mail quoted back in a way the splitter does not know', () => {
  const ANA = { name: 'Ana Lima' };
  /** The new-case notice as the office sends it: greeting, trail, an internal note, the footer. */
  const NOTICE = [
    'Olá, Ana Lima,',
    '',
    'O caso OUV-2026-000123 foi atribuído a você. Abrir no console (https://ouvidoria.example.com.br/equipe?caso=1).',
    '',
    'DECISÃO AUTOMÁTICA',
    '- Verificações do e-mail: SPF PASS, DKIM PASS, DMARC PASS',
    '',
    'Nota interna — não enviada ao lojista (Bruno Costa)',
    '',
    'Cliente inadimplente: não prometer estorno.',
    '',
    '-- ',
    'Responda a este e-mail para falar com o lojista: o texto novo é enviado a ele pelo endereço da Ouvidoria.',
  ].join('\n');
  const ANSWER = '#aguardar\nMaria, pode enviar o print da tela do pedido?';

  it.each([
    [
      'Zoho Mail, pt-BR',
      '---- Em qua, 25 nov 2026 10:01:00 -0300 Ouvidoria<ouvidoria@ouvidoria.example.com.br> escreveu ----',
    ],
    [
      'Zoho Mail, English',
      '---- On Wed, 25 Nov 2026 10:01:00 -0300 Ouvidoria<ouvidoria@ouvidoria.example.com.br> wrote ----',
    ],
    ['Horde webmail, pt-BR', 'Citando Ouvidoria <ouvidoria@ouvidoria.example.com.br>:'],
    ['Horde webmail, English', 'Quoting Ouvidoria <ouvidoria@ouvidoria.example.com.br>:'],
    ['Lotus Notes', 'Ouvidoria <ouvidoria@ouvidoria.example.com.br> wrote on 11/25/2026 10:01:00 AM:'],
    [
      'Outlook in German',
      'Von: Ouvidoria <ouvidoria@ouvidoria.example.com.br>\nGesendet: Mittwoch, 25. November 2026 10:01\nAn: Ana Lima\nBetreff: [OUV-2026-000123] Novo caso atribuído a você',
    ],
    ['no attribution at all', ''],
  ])('%s: the notice (trail, internal note, console link) is never part of the answer', (_what, attribution) => {
    const text = `${ANSWER}\n\n${attribution}\n\n${NOTICE}`.replace(/\n{3,}/g, '\n\n');
    expect(freshStaffText(text, ANA)).toBe(ANSWER);
  });

  it('her signature above the quoted notice is cut too', () => {
    const text = `${ANSWER}\n\nAtt.,\nAna Lima\nAnalista de Ouvidoria\n\nCitando Ouvidoria <ouvidoria@ouvidoria.example.com.br>:\n\n${NOTICE}`;
    expect(freshStaffText(text, ANA)).toBe(ANSWER);
  });

  it.each([
    ['a greeting to the merchant', 'Olá, Maria,\n\nO estorno foi feito hoje.'],
    ['a greeting to someone else of the team', 'Resolvido.\n\nOlá, Bruno Costa,\nsegue o caso para você.'],
    ['her name greeted inside a sentence', 'Resolvido. A Ana Lima disse: olá, Ana Lima, tudo certo.'],
  ])('keeps an answer that only looks like it: %s', (_what, text) => {
    expect(freshStaffText(text, ANA)).toBe(text);
  });
});

// Journey 44 (local stack): an analyst's vacation responder that sends no Auto-Submitted and keeps
// the notice's subject ("Re: [OUV-…] Nova mensagem do lojista") answered a case notice; its text
// was relayed to the merchant as her answer and the case moved to IN_PROGRESS.
describe('parseStaffMailParts — her mailbox’s absence notice, said only by its text', () => {
  const SUBJECT = 'Re: [OUV-2026-000001] Nova mensagem do lojista';
  it.each([
    'Olá,\n\nEstou de férias até 04/01/2027 e sem acesso ao e-mail. Sua mensagem será lida no meu retorno.\n\nAna Souza\nOuvidoria',
    'Estarei ausente de 21/12 a 04/01. Para assuntos urgentes, procure a supervisão da Ouvidoria.',
    'Prezados, estou em licença até 15/01, sem acesso ao meu e-mail. Responderei assim que retornar.',
    'Me encontro fora do escritório até segunda-feira. Em caso de urgência, fale com a Sofia.',
    'Hello, I am out of the office until January 4 with limited access to email.',
    'Estoy de vacaciones hasta el 04/01. Para urgencias, escriba a Sofia.',
  ])('%j: refused (absence-notice), nothing relayed, she is told how to answer', (text) => {
    const found = problems(parseStaffMailParts(text, undefined, options, SUBJECT));
    expect(found.map((p) => p.code)).toEqual(['absence-notice']);
    expect(found[0]!.message).toContain('aviso automático de ausência');
    expect(found[0]!.message).toContain('console');
  });

  it.each([
    [
      'a date she will come back to the merchant with',
      'Olá, Maria. Vou verificar com o financeiro e retorno em 04/12.',
    ],
    ['the team, not her, away', 'Olá, Maria. A equipe de logística está de férias até 04/01; seguimos acompanhando.'],
    [
      'the merchant’s own absence, answered',
      'Maria, como a senhora estará ausente até 04/01, retomamos o caso no dia 05/01.',
    ],
    ['a command above her vacation note', '#transferir bruno\nEstarei de férias até 04/01, Bruno segue com o caso.'],
  ])('keeps %s', (_what, text) => {
    expect(parseStaffMailParts(text, undefined, options, SUBJECT).ok).toBe(true);
  });
});

// Journey 44 left: the absence detector refused an analyst's real letter that says she will be
// away ("Estarei de férias até 10/01, depois retomamos"). A responder is written once, for every
// mail: first person, away, generic, greeting no one and saying nothing of the case. A letter greets
// the merchant, or talks about her case — then it goes, her leave included.
describe('parseStaffMailParts — a responder or a letter that mentions her leave', () => {
  const SUBJECT = 'Re: [OUV-2026-000005] Nova mensagem do lojista';
  const about = { ...options, caseNames: { merchantName: 'Carla Mendes', storeName: 'Doces da Carla' } };
  it.each([
    'Olá! Obrigada pela sua mensagem. Estou de férias até 10/01/2027, sem acesso ao e-mail. Em caso de urgência, escreva para ouvidoria@ouvidoria.example.com.br.\n\nAtenciosamente,\nAna Souza',
    'Estarei ausente de 21/12 a 04/01. No caso de assuntos urgentes, procure Carla Nascimento (carla.nascimento@ouvidoria.example.com.br).',
    'Prezado(a), estou em licença até 15/01 e responderei sua mensagem quando retornar. Os casos da Ouvidoria estão com a supervisão.',
    'Estou fora do escritório até segunda-feira, sem acesso ao meu e-mail. Sua mensagem será lida no meu retorno.',
    'Esta é uma resposta automática. Estou de férias até 08/01 e retorno em 09/01.',
    'Hi, I am out of the office until January 4 with limited access to email. For urgent matters please contact Sofia.',
    'Estoy de vacaciones hasta el 04/01. Para urgencias, escriba a Sofia.',
  ])('a responder: %j → refused (absence-notice)', (text) => {
    expect(problems(parseStaffMailParts(text, undefined, about, SUBJECT)).map((p) => p.code)).toEqual([
      'absence-notice',
    ]);
  });

  it.each([
    'Estarei de férias até 10/01, depois retomamos.',
    'Olá, Carla. Recebemos os comprovantes e já encaminhamos o pedido de estorno ao financeiro. Estarei de férias até 10/01; enquanto isso a Sofia acompanha o seu caso.',
    'Oi Carla, tudo bem? Estou de férias até 04/01, mas quis te avisar que o suporte corrigiu a sincronização. Se voltar a acontecer, é só responder.',
    'Sra. Carla, o financeiro ainda não respondeu. Estarei ausente até 08/01 e o Bruno acompanha até lá.',
    'Bom dia! O estorno da mensalidade foi aprovado e cai em até 5 dias úteis. Estou de férias a partir de 20/12; qualquer dúvida, responda este e-mail.',
    'Doces da Carla, boa tarde. Estarei fora do escritório até 06/01 e sem acesso ao e-mail; a Sofia já está ciente do pedido 7781.',
    'Hi Carla, I am out of the office until January 4, but your refund was approved today.',
    'Estou de férias até 10/01. Sobre o caso: o repasse foi liberado hoje, confira no extrato.',
  ])('a letter: %j → relayed', (text) => {
    const parsed = parseStaffMailParts(text, undefined, about, SUBJECT);
    expect(parsed.ok).toBe(true);
  });

  it('without the case’s names, a greeting by name alone does not make a responder a letter', () => {
    const text = 'Olá, Carla. Estou de férias até 04/01 e sem acesso ao e-mail.';
    expect(parseStaffMailParts(text, undefined, about, SUBJECT).ok).toBe(true);
    expect(problems(parseStaffMailParts(text, undefined, options, SUBJECT)).map((p) => p.code)).toEqual([
      'absence-notice',
    ]);
  });
});

// Red team 47: a responder that routes by topic names the case's matters as every mail's ("Para
// assuntos de repasses e estornos, procure…"): b2b0dee0 read those nouns as case talk, and the
// responder went to the merchant as her analyst's answer.
describe('parseStaffMailParts — a responder that routes by topic is still a responder', () => {
  const SUBJECT = 'Re: [OUV-2026-000005] Nova mensagem do lojista';
  const about = { ...options, caseNames: { merchantName: 'Carla Mendes', storeName: 'Doces da Carla' } };
  it.each([
    'Olá! Estou de férias até 10/01, com acesso restrito ao e-mail. Para assuntos de repasses e estornos, procure financeiro@ouvidoria.example.com.br.',
    'Estou fora do escritório até 04/01. Dúvidas sobre cobranças e faturas: Bruno Lima.',
    'I am out of the office until January 10. For refunds please contact finance@ouvidoria.example.com.br.',
    'Estou de férias até 10/01. Continuamos o atendimento normalmente pela equipe: fale com a Sofia.',
  ])('a responder: %j → refused (absence-notice)', (text) => {
    expect(problems(parseStaffMailParts(text, undefined, about, SUBJECT)).map((p) => p.code)).toEqual([
      'absence-notice',
    ]);
  });

  it('a letter that routes too, and talks about her case elsewhere: relayed', () => {
    const text =
      'Carla, o estorno foi aprovado hoje. Estarei de férias até 10/01; dúvidas sobre o repasse, fale com a Sofia.';
    expect(parseStaffMailParts(text, undefined, about, SUBJECT).ok).toBe(true);
  });
});

// Any mail to the office is read for commands (a member's misaddressed ones), a stranger's too: a
// trailing-punctuation run like /[.!]+$/ was tried again at each character of a long run (quadratic,
// 100 KB took 17–43 s).
describe('a long command line is read in one pass', () => {
  const run = (n: number, c: string) => `${c.repeat(n)}x`;
  it.each([
    ['#transferir', `#transferir Bruno${run(40_000, '!')}\n\nOlá, Maria.`],
    ['#aguardar', `#aguardar retorno${run(40_000, '.')}\n\nOlá, Maria.`],
    ['#encerrar', `#encerrar procedente${run(40_000, '!')}\n\nOlá, Maria.`],
  ])('%s', (_name, text) => {
    const started = performance.now();
    parse(text);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('an attribution line above the office mail', () => {
    const text = `Resolvido.\n\nouvidoria@ouvidoria.example.com.br ${run(40_000, '-')}\nOlá, Ana Lima,\nhistórico`;
    const started = performance.now();
    freshStaffText(text, { name: 'Ana Lima' });
    expect(performance.now() - started).toBeLessThan(500);
  });

  it.each([
    ['a dash rule ends the attribution', 'ouvidoria@ouvidoria.example.com.br ----', 'Resolvido.'],
    ['a colon ends the attribution', 'Em 01/12/2026, ouvidoria@ouvidoria.example.com.br escreveu:', 'Resolvido.'],
    [
      'one dash is no attribution',
      'ouvidoria@ouvidoria.example.com.br -',
      'Resolvido.\n\nouvidoria@ouvidoria.example.com.br -',
    ],
  ])('%s', (_name, attribution, fresh) => {
    expect(freshStaffText(`Resolvido.\n\n${attribution}\nOlá, Ana Lima,\nhistórico`, { name: 'Ana Lima' })).toBe(fresh);
  });

  it.each([
    ['#transferir Bruno!!', 'bruno'],
    ['#transferir @bruno?!', 'bruno'],
  ])('%s still names him', (line, to) => {
    expect(ok(parse(`${line}\n\nOlá, Maria.`)).commands).toEqual([{ kind: 'transfer', line, to }]);
  });
});
