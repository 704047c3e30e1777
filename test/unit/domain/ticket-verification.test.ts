import { describe, expect, it } from 'vitest';
import type { TicketCandidate } from '../../../shared/domain/decision';
import { verifyTicket } from '../../../shared/domain/ticket-verification';
import { extractTicketCandidates, TICKET_SCORES } from '../../../shared/domain/tickets';
import type { TicketDirectory, TicketRecord } from '../../../shared/ports';
import { TicketDirectoryUnavailable } from '../../../shared/ports';
import { InMemoryTicketDirectory } from '../../support/fakes';

const SENDER = 'lojista@example.com';

const cand = (number: string, score: number = TICKET_SCORES.keyword, source: TicketCandidate['source'] = 'body') => ({
  number,
  score,
  source,
  evidence: `chamado ${number}`,
});

const directory = (...tickets: TicketRecord[]) => new InMemoryTicketDirectory(tickets);

/** Answers from a script: a record, null, or an error to throw, per ticket id. */
class ScriptedDirectory implements TicketDirectory {
  readonly lookups: string[] = [];
  constructor(private readonly script: Record<string, TicketRecord | null | Error>) {}
  async find(id: string): Promise<TicketRecord | null> {
    this.lookups.push(id);
    const answer = this.script[id];
    if (answer instanceof Error) throw answer;
    return answer ?? null;
  }
}

describe('verifyTicket', () => {
  it('returns none without candidates and looks nothing up', async () => {
    const dir = directory();
    expect(await verifyTicket([], SENDER, dir)).toEqual({ status: 'none' });
    expect(dir.lookups).toEqual([]);
  });

  it('is valid when the ticket exists and the requester is the sender (case and spaces ignored)', async () => {
    const dir = directory({ id: '48213', requesterEmail: '  Lojista@Example.COM ' });
    expect(await verifyTicket([cand('48213')], ' LOJISTA@example.com', dir)).toEqual({
      status: 'valid',
      number: '48213',
    });
  });

  it('tries candidates best first and stops at the first valid one', async () => {
    const dir = directory({ id: '222', requesterEmail: SENDER }, { id: '333', requesterEmail: SENDER });
    const result = await verifyTicket([cand('111', 60), cand('222', 90), cand('333', 70)], SENDER, dir);
    expect(result).toEqual({ status: 'valid', number: '222' });
    expect(dir.lookups).toEqual(['222']);
  });

  it('looks up at most maxLookups candidates (default 3)', async () => {
    const dir = directory({ id: '555', requesterEmail: SENDER });
    const many = ['111', '222', '333', '444', '555'].map((n, i) => cand(n, 90 - i));
    expect(await verifyTicket(many, SENDER, dir)).toEqual({ status: 'invalid', number: '111', why: 'not_found' });
    expect(dir.lookups).toEqual(['111', '222', '333']);

    const dir5 = directory({ id: '555', requesterEmail: SENDER });
    expect(await verifyTicket(many, SENDER, dir5, { maxLookups: 5 })).toEqual({ status: 'valid', number: '555' });

    const dir0 = directory();
    await verifyTicket(many, SENDER, dir0, { maxLookups: 0 });
    expect(dir0.lookups).toEqual(['111']);
  });

  it('skips format-invalid candidates and duplicates', async () => {
    const dir = directory({ id: '48213', requesterEmail: SENDER });
    const result = await verifyTicket([cand('12', 100, 'form'), cand('48213'), cand('48213', 50)], SENDER, dir);
    expect(result).toEqual({ status: 'valid', number: '48213' });
    expect(dir.lookups).toEqual(['48213']);
  });

  it("is valid when the requester is the sender's Gmail account written another way (dots, +tag)", async () => {
    const dir = directory({ id: '48213', requesterEmail: 'mariasouza+suporte@gmail.com' });
    expect(await verifyTicket([cand('48213')], 'Maria.Souza@gmail.com', dir)).toEqual({
      status: 'valid',
      number: '48213',
    });
  });

  it('is invalid not_owner for a dotted name outside Gmail (another mailbox there)', async () => {
    const dir = directory({ id: '48213', requesterEmail: 'mariasouza@lojadamaria.com.br' });
    expect(await verifyTicket([cand('48213')], 'maria.souza@lojadamaria.com.br', dir)).toMatchObject({
      status: 'invalid',
      why: 'not_owner',
    });
  });

  it('is invalid not_owner when a ticket exists for someone else', async () => {
    const dir = directory({ id: '48213', requesterEmail: 'outra@example.com' });
    expect(await verifyTicket([cand('99999', 90), cand('48213', 80)], SENDER, dir)).toEqual({
      status: 'invalid',
      number: '48213',
      why: 'not_owner',
    });
  });

  it('treats a ticket without a requester e-mail as not the sender', async () => {
    const dir = new ScriptedDirectory({ '48213': { id: '48213', requesterEmail: '' } });
    expect(await verifyTicket([cand('48213')], SENDER, dir)).toMatchObject({ status: 'invalid', why: 'not_owner' });
    const dirEmptySender = directory({ id: '48213', requesterEmail: '' });
    expect(await verifyTicket([cand('48213')], '', dirEmptySender)).toMatchObject({ why: 'not_owner' });
  });

  it('is invalid not_found with the best candidate when none exists', async () => {
    expect(await verifyTicket([cand('48213', 90), cand('11111', 80)], SENDER, directory())).toEqual({
      status: 'invalid',
      number: '48213',
      why: 'not_found',
    });
  });

  it('is invalid bad_format when no candidate has a valid format', async () => {
    const dir = directory();
    expect(await verifyTicket([cand('12', 100, 'form')], SENDER, dir)).toEqual({
      status: 'invalid',
      number: '12',
      why: 'bad_format',
    });
    expect(dir.lookups).toEqual([]);
  });

  it('is unverified with the best candidate when the directory is down', async () => {
    const dir = directory({ id: '48213', requesterEmail: SENDER });
    dir.unavailable = true;
    expect(await verifyTicket([cand('48213', 90), cand('11111', 80)], SENDER, dir)).toEqual({
      status: 'unverified',
      number: '48213',
      why: 'directory_unavailable',
    });
  });

  it('is unverified (never rejected) when any lookup throws, whatever the error', async () => {
    const dir = new ScriptedDirectory({ '11111': null, '22222': new TypeError('socket hang up') });
    expect(await verifyTicket([cand('11111', 90), cand('22222', 80)], SENDER, dir)).toEqual({
      status: 'unverified',
      number: '11111',
      why: 'directory_error',
    });
    const timeout = new ScriptedDirectory({ '11111': new TicketDirectoryUnavailable('timeout') });
    expect(await verifyTicket([cand('11111')], SENDER, timeout)).toMatchObject({ status: 'unverified' });
  });

  describe('bare-number guesses', () => {
    const bare = (n: string) => cand(n, TICKET_SCORES.bare + 3);

    it('are valid when they verify', async () => {
      const dir = directory({ id: '48213', requesterEmail: SENDER });
      expect(await verifyTicket([bare('48213')], SENDER, dir)).toEqual({ status: 'valid', number: '48213' });
    });

    it('leave the result as none when not found or not the sender’s', async () => {
      const dir = directory({ id: '22222', requesterEmail: 'outra@example.com' });
      expect(await verifyTicket([bare('11111'), bare('22222')], SENDER, dir)).toEqual({ status: 'none' });
    });

    it('leave the result as none when the directory is down', async () => {
      const dir = directory();
      dir.unavailable = true;
      expect(await verifyTicket([bare('11111')], SENDER, dir)).toEqual({ status: 'none' });
    });

    it('do not hide a malformed ticket typed in the form', async () => {
      const down = directory();
      down.unavailable = true;
      const candidates = [cand('12', 100, 'form'), bare('11111')];
      expect(await verifyTicket(candidates, SENDER, directory())).toMatchObject({ why: 'bad_format', number: '12' });
      expect(await verifyTicket(candidates, SENDER, down)).toMatchObject({ why: 'bad_format', number: '12' });
    });

    it('do not make a keyword candidate lose: the keyword one is reported', async () => {
      const dir = directory();
      expect(await verifyTicket([bare('11111'), cand('48213')], SENDER, dir)).toEqual({
        status: 'invalid',
        number: '48213',
        why: 'not_found',
      });
      expect(dir.lookups[0]).toBe('48213');
    });
  });

  describe('ROUND20: a look-alike letter in the form field ("482I4") is a guess', () => {
    it.each([
      ['her own ticket: valid', '482I4', { id: '48214', requesterEmail: SENDER }, { status: 'valid', number: '48214' }],
      [
        'another merchant’s: as if absent',
        '482I4',
        { id: '48214', requesterEmail: 'outra@example.com' },
        { status: 'none' },
      ],
      ['not found: as if absent', '#482I3', { id: '99999', requesterEmail: SENDER }, { status: 'none' }],
    ] as const)('%s (%j)', async (_label, formTicket, ticket, expected) => {
      const candidates = extractTicketCandidates({ subject: '', text: '', formTicket });
      expect(await verifyTicket(candidates, SENDER, directory({ ...ticket }))).toEqual(expected);
    });
  });

  it('works end to end with the extractor: forwarded support reply', async () => {
    const candidates = extractTicketCandidates({
      subject: 'Fwd: reclamação',
      text: 'Vejam abaixo.\n\n---------- Mensagem encaminhada ---------\nSeu chamado #48213 foi resolvido',
    });
    const dir = directory({ id: '48213', requesterEmail: SENDER });
    expect(await verifyTicket(candidates, SENDER, dir)).toEqual({ status: 'valid', number: '48213' });
  });
});
