/**
 * Fixtures and in-memory ports of the case lifecycle (shared/app/lifecycle/ports.ts), with the
 * semantics the DynamoDB adapters must have: conditional writes on the case version, idempotent
 * counters and schedules. Every operation yields to the event loop before it reads or writes, so
 * `Promise.all` of two services really interleaves, as two Lambdas would.
 */
import { officeCalendar } from '../../shared/domain/calendar';
import type { CaseRecord } from '../../shared/domain/case';
import { localConfig, type OuvidoriaConfig } from '../../shared/domain/config';
import type { LifecycleContext } from '../../shared/domain/lifecycle/machine';
import type { Actor, WorkCase } from '../../shared/domain/lifecycle/types';

export const PROTOCOL = 'OUV-2026-000123';
export const CASE_ID = 'email:0100019abcdef-lojadamaria';
export const MERCHANT = 'maria@lojadamaria.com.br';
/** A 32-byte secret, as the stack creates it. */
export const SECRET = 'test-secret-0123456789abcdef-0123456789';

export const ana: Actor = { kind: 'staff', id: 'ana', role: 'analyst' };
export const bruno: Actor = { kind: 'staff', id: 'bruno', role: 'analyst' };
export const sofia: Actor = { kind: 'staff', id: 'sofia', role: 'supervisor' };

const calendar = officeCalendar(localConfig);

export function ctxAt(now: string | Date, overrides: Partial<LifecycleContext> = {}): LifecycleContext {
  return { now: new Date(now), config: localConfig, calendar, sourceId: 'staff-mail-1', ...overrides };
}

export function contextFor(config: OuvidoriaConfig, now: string | Date, sourceId?: string): LifecycleContext {
  return { now: new Date(now), config, calendar: officeCalendar(config), ...(sourceId ? { sourceId } : {}) };
}

/** An accepted case, assigned to Ana on Tuesday 2026-03-10, due Tuesday 2026-03-24 10:00 (São Paulo). */
export function workCase(overrides: Partial<WorkCase> = {}): WorkCase {
  return {
    caseId: CASE_ID,
    protocol: PROTOCOL,
    channel: 'email',
    sourceId: '0100019abcdef-lojadamaria',
    status: 'ASSIGNED',
    outcome: 'ACCEPTED',
    decision: {
      outcome: 'ACCEPTED',
      ruleIds: ['ticket.valid', 'scope.billing-complaint'],
      reason: 'Chamado anterior válido e reclamação de cobrança dentro do escopo.',
      ticket: { status: 'valid', number: '48213' },
    },
    ticketCandidates: [{ number: '48213', source: 'subject', score: 100, evidence: 'chamado #48213' }],
    senderName: 'Maria Aparecida',
    senderEmail: MERCHANT,
    storeName: 'Loja da Maria',
    subject: 'Cobrança em duplicidade — chamado #48213',
    verdicts: { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' },
    createdAt: '2026-03-10T13:00:00.000Z',
    updatedAt: '2026-03-10T13:05:00.000Z',
    messages: [
      {
        sourceId: '0100019abcdef-lojadamaria',
        channel: 'email',
        receivedAt: '2026-03-10T13:00:00.000Z',
        subject: 'Cobrança em duplicidade — chamado #48213',
        text: 'Fui cobrada duas vezes na fatura de fevereiro. Abri o chamado #48213 e ninguém resolveu.',
        attachments: [],
        messageId: 'CAF=merchant-1@mail.gmail.com',
      },
    ],
    messageIds: ['CAF=merchant-1@mail.gmail.com'],
    assignee: 'ana',
    assignedAt: '2026-03-10T13:05:00.000Z',
    dueAt: '2026-03-24T13:00:00.000Z',
    analystNotifiedAt: '2026-03-10T13:05:01.000Z',
    version: 1,
    history: [],
    ...overrides,
  };
}

/** The same case typed as the stored record (the store holds WorkCase; CaseRecord's status list is older). */
export function asRecord(c: WorkCase): CaseRecord {
  return c as unknown as CaseRecord;
}
