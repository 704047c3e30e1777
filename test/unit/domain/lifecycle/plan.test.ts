import { describe, expect, it } from 'vitest';
import { parseStaffCommands } from '../../../../shared/domain/lifecycle/commands';
import type { TransferTarget } from '../../../../shared/domain/lifecycle/machine';
import { planStaffMail, type StaffMailPlanInput } from '../../../../shared/domain/lifecycle/plan';
import type { Actor, Transition, WorkCase } from '../../../../shared/domain/lifecycle/types';
import type { AttachmentMeta } from '../../../../shared/domain/submission';
import { ana, bruno, ctxAt, sofia, workCase } from '../../../support/lifecycle-fakes';

const ctx = ctxAt('2026-03-12T14:00:00.000Z');
const carla: TransferTarget = { id: 'carla', active: true, onLeave: false };
const PDF: AttachmentMeta = { filename: 'comprovante.pdf', contentType: 'application/pdf', size: 2048, inline: false };

function plan(
  text: string,
  c: WorkCase = workCase(),
  actor: Actor = ana,
  attachments: AttachmentMeta[] = [],
  mail: Pick<StaffMailPlanInput, 'raw' | 'leftOut'> = {},
): Transition {
  const parsed = parseStaffCommands(text, { maxExtensionBusinessDays: 30 });
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.code).join(','));
  return planStaffMail(
    c,
    actor,
    {
      sourceId: 'staff-mail-1',
      commands: parsed.commands,
      body: parsed.body,
      attachments,
      transferTarget: carla,
      ...mail,
    },
    ctx,
  );
}

function summary(t: Transition) {
  if (!t.ok) return { refused: t.refusal.code };
  return { status: t.next.status, events: t.events.map((e) => e.type), effects: t.effects.map((e) => e.kind) };
}

describe('planStaffMail', () => {
  it.each([
    [
      'an answer only',
      'Olá, Maria. Pedimos o estorno.',
      { status: 'IN_PROGRESS', events: ['answered'], effects: ['relay-to-merchant'] },
    ],
    [
      'an answer with #aguardar',
      '#aguardar\nOlá, Maria. Pode enviar o comprovante?',
      { status: 'WAITING_MERCHANT', events: ['answered', 'waiting-merchant'], effects: ['relay-to-merchant'] },
    ],
    ['#aguardar alone', '#aguardar', { status: 'WAITING_MERCHANT', events: ['waiting-merchant'], effects: [] }],
    ['#nota: internal, nothing relayed', '#nota\nLojista ligou.', { status: undefined, events: ['note'], effects: [] }],
    [
      '#nota with #aguardar: the text stays internal',
      '#aguardar\n#nota\nFinanceiro pediu 2 dias.',
      { status: 'WAITING_MERCHANT', events: ['note', 'waiting-merchant'], effects: [] },
    ],
    [
      '#encerrar with text: one closing mail, no separate relay',
      '#encerrar procedente estorno feito\nOlá, Maria. O estorno foi feito.',
      { status: 'CLOSED', events: ['closed'], effects: ['open-count', 'item-retention', 'send-closing'] },
    ],
    [
      '#transferir with text: recorded as a note and sent to the new analyst',
      '#transferir carla\nCarla, veja a fatura anexa.',
      { status: undefined, events: ['note', 'transferred'], effects: ['open-count', 'open-count', 'notify-transfer'] },
    ],
    [
      '#prorrogar with an answer, then #aguardar',
      '#aguardar\n#prorrogar 5 aguardando o financeiro\nOlá, Maria.',
      {
        status: 'WAITING_MERCHANT',
        events: ['answered', 'extended', 'waiting-merchant'],
        effects: ['relay-to-merchant', 'schedule-timers'],
      },
    ],
    [
      '#prorrogar alone: the extension notice',
      '#prorrogar 5 aguardando o financeiro',
      { status: undefined, events: ['extended'], effects: ['schedule-timers', 'notify-extension'] },
    ],
    [
      '#prorrogar and #transferir with text: the text is a note, so the merchant gets the notice',
      '#prorrogar 5 aguardando o financeiro\n#transferir carla\nCarla, veja a fatura.',
      {
        status: undefined,
        events: ['note', 'extended', 'transferred'],
        effects: ['schedule-timers', 'notify-extension', 'open-count', 'open-count', 'notify-transfer'],
      },
    ],
    [
      '#prorrogar with #nota: nothing goes to the merchant but the notice',
      '#prorrogar 5 aguardando o financeiro\n#nota ligar para o banco',
      { status: undefined, events: ['note', 'extended'], effects: ['schedule-timers', 'notify-extension'] },
    ],
    [
      '#nota above a text for a colleague: all of it stays internal',
      '#nota ligação do financeiro\nOi Carla, a lojista ligou de novo.',
      { status: undefined, events: ['note'], effects: [] },
    ],
    [
      '#nota and #transferir above a greeting: for the new analyst, never the merchant',
      '#nota caso sensível\n#transferir carla\nOlá Maria, a Carla cuidará do seu caso.',
      { status: undefined, events: ['note', 'transferred'], effects: ['open-count', 'open-count', 'notify-transfer'] },
    ],
  ])('%s', (_what, text, expected) => {
    expect(summary(plan(text))).toEqual(expected);
  });

  it('an answer with #prorrogar: one mail to the merchant, the answer carrying the new date and the reason', () => {
    const t = plan('#prorrogar 5 dias uteis: aguardando o financeiro\nOlá, Maria. Pedimos o estorno.');
    if (!t.ok) throw new Error(t.refusal.code);
    const relay = t.effects.find((e) => e.kind === 'relay-to-merchant');
    expect(relay).toMatchObject({
      answer: { body: 'Olá, Maria. Pedimos o estorno.' },
      extension: { businessDays: 5, reason: 'aguardando o financeiro', dueAt: t.next.dueAt },
    });
    expect(t.effects.some((e) => e.kind === 'notify-extension')).toBe(false);
  });

  // #nota relays nothing (SPEC step 8), and a letter to the merchant under it, kept as a note, would
  // never reach her unsaid: the mail is refused, the analyst told.
  it('#nota above a letter to her is refused, with or without text of its own and other commands', () => {
    for (const text of [
      '#nota\nOlá, Maria! O estorno foi feito.',
      '#nota ERP aplicou o hotfix 3.2\nOlá Maria, a integração foi corrigida.',
      '#nota pedir print do erro\n#aguardar retorno da lojista\nMaria, pode enviar o print do erro',
      '#nota ERP aplicou o hotfix 3.2\n#encerrar procedente - integração corrigida\n\nOlá Maria, a integração foi corrigida pela equipe de produto.',
      '#encerrar resolvido\n#nota\nPrezada Sra. Maria,\nO estorno foi feito.',
    ]) {
      const t = plan(text);
      if (t.ok) throw new Error(`relayed: ${text}`);
      expect(t.refusal.code).toBe('note-or-answer');
      expect(t.refusal.line).toMatch(/^#nota/);
      expect(t.refusal.message).toContain('envie a resposta sem #nota');
    }
  });

  it('the closing mail carries the text', () => {
    const t = plan('#encerrar resolvido\nOlá, Maria. Loja reativada.');
    expect(t.ok && t.effects.find((e) => e.kind === 'send-closing')).toMatchObject({
      kind: 'send-closing',
      category: 'resolvido',
      summary: '',
      message: 'Olá, Maria. Loja reativada.',
    });
  });

  it('#encerrar with attachments: they are relayed as an answer first', () => {
    const t = plan('#encerrar procedente\nSegue o comprovante.', workCase(), ana, [PDF]);
    expect(summary(t)).toEqual({
      status: 'CLOSED',
      events: ['answered', 'closed'],
      effects: ['relay-to-merchant', 'open-count', 'item-retention', 'send-closing'],
    });
  });

  it('the transfer note reaches the new analyst', () => {
    const t = plan('#transferir carla\nCarla, veja a fatura anexa.');
    expect(t.ok && t.effects[2]).toEqual({
      kind: 'notify-transfer',
      from: 'ana',
      to: 'carla',
      note: 'Carla, veja a fatura anexa.',
    });
  });

  // A transfer's files are internal: the merchant gets nothing, the new analyst gets them (and is told
  // of those left out) — never an empty answer to the merchant carrying an internal spreadsheet.
  describe('#transferir with files', () => {
    const RAW = { bucket: 'raw', key: 'inbound/staff-mail-1' };
    const ZIP = { filename: 'extrato.zip', why: 'format' as const };

    it.each([
      ['no text', '#transferir carla', ['transferred']],
      [
        'a note for the new analyst',
        '#transferir carla\nCarla, segue a planilha interna do financeiro.',
        ['note', 'transferred'],
      ],
      ['#nota and #transferir', '#nota conferir o extrato\n#transferir carla', ['note', 'transferred']],
    ])('%s: nothing to the merchant, the files to the new analyst', (_what, text, events) => {
      const t = plan(text, workCase(), ana, [PDF], { raw: RAW, leftOut: [ZIP] });
      expect(summary(t)).toEqual({
        status: undefined,
        events,
        effects: ['open-count', 'open-count', 'notify-transfer'],
      });
      expect(t.ok && t.effects[2]).toMatchObject({
        kind: 'notify-transfer',
        to: 'carla',
        files: { raw: RAW, parts: [PDF], leftOut: [ZIP] },
      });
    });

    it('a transfer without files carries none', () => {
      const t = plan('#transferir carla', workCase(), ana, [], { raw: RAW });
      expect(t.ok && t.effects[2]).not.toHaveProperty('files');
    });
  });

  it('refusals: another analyst, a closed case, all or nothing', () => {
    expect(summary(plan('Olá', workCase(), bruno))).toEqual({ refused: 'not-allowed' });
    expect(summary(plan('#aguardar\nOlá', workCase({ status: 'CLOSED' })))).toEqual({ refused: 'case-closed' });
    expect(summary(plan('#aguardar\nOlá', workCase({ status: 'WAITING_MERCHANT' })))).toEqual({
      status: 'WAITING_MERCHANT',
      events: ['answered', 'waiting-merchant'],
      effects: ['relay-to-merchant'],
    });
    expect(summary(plan('#aguardar', workCase({ status: 'WAITING_MERCHANT' })))).toEqual({ refused: 'wrong-state' });
    expect(summary(plan('#encerrar procedente', workCase(), sofia))).toMatchObject({ status: 'CLOSED' });
  });
});
