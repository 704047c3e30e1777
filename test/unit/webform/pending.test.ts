/**
 * A webform post kept as a pending submission (shared/webform/pending.ts): the same post again is
 * the one kept; a client's own Idempotency-Key naming another form is refused, not answered as it.
 */
import { describe, expect, it } from 'vitest';
import { localConfig } from '../../../shared/domain/config';
import type { WebformData } from '../../../shared/webform/form';
import {
  GUIDANCE_POST_KEEP_DAYS,
  keepPending,
  keySourceOf,
  type SubmissionKeys,
} from '../../../shared/webform/pending';
import { submissionKeys } from '../../../shared/webform/submit';
import { FixedClock, InMemoryPendingSubmissionStore } from '../../support/fakes';

const NOW = new Date('2026-03-10T13:05:00Z');

const FORM: WebformData = {
  nome: 'Mariana Souza',
  email: 'lojista@modasbella.com.br',
  loja: 'Modas Bella',
  chamado: '48213',
  assunto: 'atendimento',
  descricao: 'Os pedidos pagos por Pix não mudam de status desde ontem; o chamado 48213 foi fechado sem solução.',
  naoCliente: false,
  consentimento: true,
};

function world() {
  const pendingSubmissions = new InMemoryPendingSubmissionStore();
  const clock = new FixedClock(NOW);
  return { pendingSubmissions, clock, deps: { pendingSubmissions, clock, config: localConfig } };
}

const headerKeys = (key: string, data: WebformData = FORM): SubmissionKeys => submissionKeys(data, key, NOW);

describe('keepPending', () => {
  it('keeps the first post: what she typed, its files, an expiry with the confirmation link', async () => {
    const w = world();
    const kept = await keepPending(FORM, 'up-1', headerKeys('k-1'), true, w.deps);
    expect(kept).toMatchObject({ created: true });
    if (kept.keyReused) throw new Error('unexpected');
    expect(kept.pending.form).toEqual({
      nome: FORM.nome,
      email: FORM.email,
      loja: FORM.loja,
      chamado: FORM.chamado,
      assunto: FORM.assunto,
      descricao: FORM.descricao,
      naoCliente: false,
    });
    expect(kept.pending).toMatchObject({ email: FORM.email, pendingUploadId: 'up-1' });
    expect(new Date(kept.pending.expiresAt).getTime()).toBeGreaterThan(NOW.getTime());
    expect(w.pendingSubmissions.items.size).toBe(1);
  });

  it('a post that waits for its link expires with the link; one that cites no ticket is kept for its queued case', async () => {
    const w = world();
    const link = await keepPending(FORM, undefined, headerKeys('k-a'), true, w.deps);
    const guidance = await keepPending(FORM, undefined, headerKeys('k-b'), false, w.deps);
    if (link.keyReused || guidance.keyReused) throw new Error('unexpected');
    const lifetime = (p: { createdAt: string; expiresAt: string }) => Date.parse(p.expiresAt) - Date.parse(p.createdAt);
    expect(lifetime(link.pending)).toBe(localConfig.limits.webformConfirmLinkHours * 3_600_000);
    expect(lifetime(guidance.pending)).toBe(GUIDANCE_POST_KEEP_DAYS * 86_400_000);
  });

  it('the same form with the same key (a retry, a file she forgot) is the post kept, not a second one', async () => {
    const w = world();
    await keepPending(FORM, 'up-1', headerKeys('k-1'), true, w.deps);
    w.clock.advance(5 * 60_000);
    const again = await keepPending(FORM, 'up-2', headerKeys('k-1'), true, w.deps);
    expect(again).toMatchObject({ created: false, pending: { pendingUploadId: 'up-1' } });
    expect(w.pendingSubmissions.items.size).toBe(1);
  });

  it('the same key days later, the kept post past its link’s expiry (its item waiting for the TTL), is a post again', async () => {
    const w = world();
    await keepPending(FORM, undefined, headerKeys('k-1'), true, w.deps);
    w.clock.advance(5 * 24 * 3600_000);
    const later = w.clock.now();
    const again = await keepPending(FORM, undefined, submissionKeys(FORM, 'k-1', later), true, w.deps);
    expect(again).toMatchObject({ created: true, pending: { createdAt: later.toISOString() } });
  });

  it.each<[string, Partial<WebformData>]>([
    ['the ticket left out', { chamado: undefined }],
    ['another ticket', { chamado: '48214' }],
    ['one word more', { descricao: `${FORM.descricao} Obrigada.` }],
    ['another topic', { assunto: 'outro' }],
    ['another store name', { loja: 'Modas Bella Kids' }],
    ['another name', { nome: 'Mariana S.' }],
    ['not a client now', { naoCliente: true }],
  ])('her key with another form (%s) is refused', async (_, change) => {
    const w = world();
    await keepPending(FORM, undefined, headerKeys('k-1'), true, w.deps);
    const other = { ...FORM, ...change } as WebformData;
    expect(await keepPending(other, undefined, headerKeys('k-1', other), true, w.deps)).toEqual({ keyReused: true });
    expect(w.pendingSubmissions.items.size).toBe(1);
  });

  it('keys made from the content: the same words in other case and spacing are the post kept', async () => {
    const w = world();
    const first = await keepPending(FORM, undefined, submissionKeys(FORM, undefined, NOW), true, w.deps);
    const shouted = { ...FORM, descricao: FORM.descricao.toUpperCase().replace(/ /g, '  ') } as WebformData;
    const again = await keepPending(shouted, undefined, submissionKeys(shouted, undefined, NOW), true, w.deps);
    expect(again).toMatchObject({ created: false });
    if (first.keyReused || again.keyReused) throw new Error('unexpected');
    expect(again.pending.form.descricao).toBe(FORM.descricao);
  });

  it('a content key from the previous bucket (a double click across its boundary) finds the first post', async () => {
    const w = world();
    const first = submissionKeys(FORM, undefined, NOW);
    await keepPending(FORM, undefined, first, true, w.deps);
    const later = { source: 'content' as const, current: 'form-next-bucket', previous: first.current };
    expect(await keepPending(FORM, undefined, later, true, w.deps)).toMatchObject({
      created: false,
      pending: { id: first.current },
    });
    expect(w.pendingSubmissions.items.size).toBe(1);
  });
});

describe('keySourceOf', () => {
  it.each([
    [submissionKeys(FORM, 'k-1', NOW).current, 'header'],
    [submissionKeys(FORM, undefined, NOW).current, 'content'],
  ])('%s → %s', (id, source) => {
    expect(keySourceOf(id)).toBe(source);
  });
});
