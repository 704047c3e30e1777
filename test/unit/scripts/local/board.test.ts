import { describe, expect, it } from 'vitest';
import {
  type BoardData,
  caseSummary,
  deferralsByCase,
  renderBoard,
  renderCaseDetail,
  renderNotFound,
  STATUS_LABELS_PT,
} from '../../../../scripts/local/board';
import { CASE_STATUSES } from '../../../../shared/domain/case';
import { officeCalendar } from '../../../../shared/domain/calendar';
import { localConfig } from '../../../../shared/domain/config';
import { aCase, anAnalyst } from '../../../support/builders';

const TZ = 'America/Sao_Paulo';
const OUTBOX = 'http://127.0.0.1:8005/';
const assigned = aCase({
  status: 'ASSIGNED',
  assignee: 'ana',
  assignedAt: '2026-03-10T13:05:00.000Z',
  dueAt: '2026-03-24T13:00:00.000Z',
  reply: { status: 'sent', messageId: 'ack-1@ouvidoria.example.com.br', at: '2026-03-10T13:00:02.000Z' },
});
const redirected = aCase({
  sourceId: 'ses-2',
  outcome: 'NO_PRIOR_TICKET',
  senderName: '<script>alert(1)</script>',
  reply: { status: 'suppressed', reason: 'throttled', at: '2026-03-10T13:00:02.000Z' },
});

function board(overrides: Partial<BoardData> = {}): BoardData {
  return {
    cases: [assigned, redirected],
    staff: [anAnalyst()],
    deferred: [],
    queued: [],
    deadLetters: [],
    now: new Date('2026-03-10T14:00:00.000Z'),
    calendar: officeCalendar(localConfig),
    timeZone: TZ,
    outboxUrl: OUTBOX,
    ...overrides,
  };
}

describe('caseSummary', () => {
  it('is the API row of a case: ticket, rules, reply and deferral flattened, nulls for what is absent', () => {
    expect(caseSummary(assigned)).toMatchObject({
      caseId: assigned.caseId,
      protocol: 'OUV-2026-000042',
      status: 'ASSIGNED',
      assignee: 'ana',
      ticketNumber: '48213',
      ticketStatus: 'valid',
      ruleIds: assigned.decision.ruleIds,
      replyStatus: 'sent',
      replyReason: null,
      replyMessageId: 'ack-1@ouvidoria.example.com.br',
      messageCount: 1,
      deferredUntil: null,
    });
    const at = new Date('2026-03-11T12:00:00.000Z');
    expect(caseSummary(redirected, at)).toMatchObject({
      protocol: null,
      assignee: null,
      ticketNumber: null,
      replyStatus: 'suppressed',
      replyReason: 'throttled',
      replyMessageId: null,
      deferredUntil: at.toISOString(),
    });
  });
});

describe('deferralsByCase', () => {
  it('keeps the earliest deferral of each case', () => {
    const m = { caseId: 'email:a', protocol: 'OUV-2026-000001' };
    const early = new Date('2026-03-11T12:00:00.000Z');
    const late = new Date('2026-03-12T12:00:00.000Z');
    const map = deferralsByCase([
      { message: m, at: late },
      { message: m, at: early },
      { message: { ...m, caseId: 'email:b' }, at: late },
    ]);
    expect(map.get('email:a')).toEqual(early);
    expect(map.get('email:b')).toEqual(late);
  });
});

describe('the board page', () => {
  it('labels every status in pt-BR', () => {
    for (const status of CASE_STATUSES) expect(STATUS_LABELS_PT[status]).toMatch(/\S/);
  });

  it('lists the cases with escaped merchant text, the clock and the outbox link', () => {
    const page = renderBoard(board());
    expect(page).toContain('OUV-2026-000042');
    expect(page).toContain('Relógio do ambiente');
    expect(page).toContain(OUTBOX);
    expect(page).not.toContain('<script>alert(1)</script>');
    expect(page).toContain('&lt;script&gt;');
  });

  it('shows a deferred assignment and a closed office', () => {
    const friday = new Date('2026-03-13T23:00:00.000Z');
    const page = renderBoard(
      board({
        now: friday,
        deferred: [{ message: { caseId: assigned.caseId, protocol: 'x' }, at: new Date('2026-03-16T12:00:00.000Z') }],
      }),
    );
    expect(page).toContain('expediente fechado');
    expect(page).toContain('aguarda a abertura de');
  });

  it('the case page and the not-found page point to the outbox', () => {
    const detail = renderCaseDetail(assigned, { staff: [anAnalyst()], timeZone: TZ, outboxUrl: OUTBOX });
    expect(detail).toContain('caixa de saída do SES local');
    expect(detail).toContain(`href="${OUTBOX}"`);
    expect(detail).toContain('Voltar ao painel');
    expect(renderNotFound(OUTBOX)).toContain('Manifestação não encontrada');
  });

  it('the case page shows the audit trail, the closing and the survey answer (escaped)', () => {
    const closed = aCase({
      ...assigned,
      status: 'CLOSED',
      closure: { category: 'procedente', summary: 'Integração <corrigida>' },
      history: [
        {
          type: 'assigned',
          at: '2026-11-25T13:00:00.000Z',
          actor: { kind: 'system' },
          analystId: 'ana',
          dueAt: '2026-12-09T20:00:00.000Z',
        },
        {
          type: 'note',
          at: '2026-11-26T13:00:00.000Z',
          actor: { kind: 'staff', id: 'ana', role: 'analyst' },
          text: 'Ligar <já>',
        },
        {
          type: 'closed',
          at: '2026-11-27T13:00:00.000Z',
          actor: { kind: 'staff', id: 'ana', role: 'analyst' },
          category: 'procedente',
          summary: 'ok',
        },
      ],
    } as never);
    const detail = renderCaseDetail(closed, {
      staff: [anAnalyst()],
      timeZone: TZ,
      outboxUrl: OUTBOX,
      survey: { score: 4, comment: '<b>bom</b>', answeredAt: '2026-11-28T13:00:00.000Z' },
    });
    expect(detail).toContain('Histórico (3)');
    expect(detail).toContain('nota interna');
    expect(detail).toContain('Ligar &lt;já&gt;');
    expect(detail).toContain('Integração &lt;corrigida&gt;');
    expect(detail).toContain('4 de 5');
    expect(detail).toContain('&lt;b&gt;bom&lt;/b&gt;');
    expect(detail).not.toContain('<b>bom</b>');
  });
});
