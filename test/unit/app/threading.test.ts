import { describe, expect, it } from 'vitest';
import {
  caseOfMerchantMail,
  findThread,
  MAX_THREAD_LOOKUPS,
  sameAddress,
  THREAD_TEXTS,
  type ThreadLookup,
} from '../../../shared/app/threading';
import type { CaseRecord } from '../../../shared/domain/case';
import { localConfig } from '../../../shared/domain/config';
import type { Submission } from '../../../shared/domain/submission';
import { screen } from '../../../shared/domain/eligibility/engine';
import { onlyThanks } from '../../../shared/domain/lifecycle/thanks';
import { aCase, aSubmission, MERCHANT, senderVerdicts } from '../../support/builders';

const NOW = new Date('2026-03-20T13:00:00.000Z');
const STRANGER = 'golpista@outrodominio.com';
const ACK_ID = 'ack-9f2c.l0x@ouvidoria.example.com.br';

/** A lookup over given cases, counting its calls. */
function lookupOf(...cases: CaseRecord[]) {
  const calls = { messageId: 0, protocol: 0 };
  const lookup: ThreadLookup = {
    async findByMessageId(id) {
      calls.messageId += 1;
      return cases.find((c) => c.messageIds.includes(id)) ?? null;
    },
    async getByProtocol(protocol) {
      calls.protocol += 1;
      return cases.find((c) => c.protocol === protocol) ?? null;
    },
  };
  return { lookup, calls };
}

/** Maria's accepted case: her Message-ID and our acknowledgement's are on it. */
const mariasCase = aCase({
  protocol: 'OUV-2026-000042',
  status: 'ASSIGNED',
  messageIds: ['CAF=merchant-1@mail.gmail.com', ACK_ID],
});

const followUp = (overrides: Parameters<typeof aSubmission>[0] = {}) =>
  aSubmission({
    sourceId: 'ses-follow-up',
    subject: 'Re: Cobrança em duplicidade',
    text: 'Segue o comprovante.',
    messageId: 'CAF=merchant-2@mail.gmail.com',
    ...overrides,
  });

describe('findThread: the merchant continues her own case', () => {
  it.each([
    ['In-Reply-To her own Message-ID', { inReplyTo: 'CAF=merchant-1@mail.gmail.com' }],
    ['In-Reply-To our acknowledgement', { inReplyTo: ACK_ID }],
    ['References only', { references: ['other@x', ACK_ID] }],
    ['the protocol in the subject', { subject: 'Re: [OUV-2026-000042] Cobrança' }],
    ['the protocol in the fresh text', { text: 'Sobre o protocolo OUV-2026-000042: segue o comprovante.' }],
  ])('%s', async (_name, overrides) => {
    const { lookup } = lookupOf(mariasCase);
    const match = await findThread(followUp(overrides), lookup, localConfig, NOW);
    expect(match).toEqual({ kind: 'continues', parent: mariasCase });
  });

  it('compares the sender address without case or surrounding space', async () => {
    const { lookup } = lookupOf(mariasCase);
    const sender = { name: 'Maria', address: ` ${MERCHANT.address.toUpperCase()} ` };
    const match = await findThread(followUp({ sender, inReplyTo: ACK_ID }), lookup, localConfig, NOW);
    expect(match.kind).toBe('continues');
    expect(sameAddress('A@B.com ', 'a@b.COM')).toBe(true);
    expect(sameAddress('a@b.com', 'a@c.com')).toBe(false);
  });

  it('a case closed within the reopen window is continued', async () => {
    const closed = { ...mariasCase, status: 'CLOSED' as const, closedAt: '2026-03-15T13:00:00.000Z' };
    const { lookup } = lookupOf(closed);
    expect(await findThread(followUp({ inReplyTo: ACK_ID }), lookup, localConfig, NOW)).toEqual({
      kind: 'continues',
      parent: closed,
    });
  });
});

describe("findThread: the office's tag names the case before her own words", () => {
  /** Another open case of Maria's, which her first subject named. */
  const herOtherCase = aCase({
    caseId: 'email:other',
    protocol: 'OUV-2026-000099',
    status: 'ASSIGNED',
    messageIds: [],
  });

  it.each([
    ['her subject named another case of hers', 'Re: Sobre o caso OUV-2026-000099 [OUV-2026-000042]'],
    ['her client added a prefix and spaces', 'RES: Re: Sobre o caso OUV-2026-000099 [OUV-2026-000042]  '],
    ['she named two cases', 'Re: Casos OUV-2026-000099 e OUV-2026-000042 [OUV-2026-000042]'],
  ])('%s: a reply without usable headers continues the tagged case', async (_what, subject) => {
    const { lookup } = lookupOf(herOtherCase, mariasCase);
    const match = await findThread(followUp({ subject }), lookup, localConfig, NOW);
    expect(match).toEqual({ kind: 'continues', parent: mariasCase });
  });

  it('her own words still name a case when no tag is there', async () => {
    const { lookup } = lookupOf(herOtherCase, mariasCase);
    const match = await findThread(followUp({ subject: 'Sobre o caso OUV-2026-000099' }), lookup, localConfig, NOW);
    expect(match).toEqual({ kind: 'continues', parent: herOtherCase });
  });
});

describe('findThread: mail that may not join a case is linked to it', () => {
  it.each([
    ["the merchant's Message-ID", { inReplyTo: 'CAF=merchant-1@mail.gmail.com' }],
    ["our acknowledgement's Message-ID", { references: [ACK_ID] }],
    ['the protocol', { subject: 'Re: [OUV-2026-000042] quero ver este caso' }],
  ])('a stranger referencing %s gets linked (other-sender)', async (_name, overrides) => {
    const { lookup } = lookupOf(mariasCase);
    const stranger = followUp({ sender: { address: STRANGER }, returnPath: STRANGER, ...overrides });
    expect(await findThread(stranger, lookup, localConfig, NOW)).toEqual({
      kind: 'linked',
      parent: mariasCase,
      reason: 'other-sender',
    });
  });

  it("the sender's own case wins over another sender's case referenced first", async () => {
    const other = aCase({ sourceId: 'other', protocol: 'OUV-2026-000001', senderEmail: STRANGER, messageIds: ['x@y'] });
    const { lookup } = lookupOf(other, mariasCase);
    const match = await findThread(followUp({ inReplyTo: 'x@y', references: [ACK_ID] }), lookup, localConfig, NOW);
    expect(match).toEqual({ kind: 'continues', parent: mariasCase });
  });

  it('a case closed longer ago than the reopen window: closed-long-ago', async () => {
    const days = localConfig.threading.reopenWindowDays + 1;
    const closedAt = new Date(NOW.getTime() - days * 86_400_000).toISOString();
    const old = { ...mariasCase, status: 'CLOSED' as const, closedAt };
    const { lookup } = lookupOf(old);
    expect(await findThread(followUp({ inReplyTo: ACK_ID }), lookup, localConfig, NOW)).toEqual({
      kind: 'linked',
      parent: old,
      reason: 'closed-long-ago',
    });
  });

  it('a thank-you for the closing mail, however late, continues the closed case (it reopens nothing)', async () => {
    const days = localConfig.threading.reopenWindowDays + 30;
    const closedAt = new Date(NOW.getTime() - days * 86_400_000).toISOString();
    const old = { ...mariasCase, status: 'CLOSED' as const, closedAt };
    const { lookup } = lookupOf(old);
    // The lifecycle's reading (merchant-reply.ts asksNothingAfterClosing), her name known.
    const reading = async (parent: CaseRecord, mail: Submission) => onlyThanks(mail, [parent.senderName]);
    const thanks = followUp({ inReplyTo: ACK_ID, text: 'Muito obrigada pela ajuda, deu tudo certo!' });
    expect(await findThread(thanks, lookup, localConfig, NOW, undefined, reading)).toEqual({
      kind: 'continues',
      parent: old,
    });
    // Without a lifecycle there is no closed case to keep it on: a new case, linked.
    expect(await findThread(thanks, lookup, localConfig, NOW)).toMatchObject({ kind: 'linked' });
    const back = followUp({ inReplyTo: ACK_ID, text: 'Obrigada, mas o problema voltou.' });
    expect(await findThread(back, lookup, localConfig, NOW, undefined, reading)).toMatchObject({
      kind: 'linked',
      reason: 'closed-long-ago',
    });
  });

  it('closed long ago: the lifecycle’s reading decides (it knows her analyst’s name: “Nota 5, obrigada Ana!”)', async () => {
    const days = localConfig.threading.reopenWindowDays + 10;
    const closedAt = new Date(NOW.getTime() - days * 86_400_000).toISOString();
    const old = { ...mariasCase, status: 'CLOSED' as const, closedAt };
    const { lookup } = lookupOf(old);
    const rating = followUp({ inReplyTo: ACK_ID, text: 'Nota 5, obrigada Ana!' });
    // Without the lifecycle's reading: a new case, linked.
    expect(await findThread(rating, lookup, localConfig, NOW)).toMatchObject({ kind: 'linked' });
    const asked: string[] = [];
    const lifecycleReading = async (parent: CaseRecord, mail: Submission) => {
      asked.push(`${parent.caseId}|${mail.text}`);
      return true;
    };
    expect(await findThread(rating, lookup, localConfig, NOW, undefined, lifecycleReading)).toEqual({
      kind: 'continues',
      parent: old,
    });
    expect(asked).toEqual([`${old.caseId}|Nota 5, obrigada Ana!`]);
  });

  it.each([
    ['open', { status: 'ASSIGNED' as const }, 'continues'],
    [
      'closed within the window',
      { status: 'CLOSED' as const, closedAt: new Date(NOW.getTime() - 86_400_000).toISOString() },
      'continues',
    ],
    ['closed long ago too', { status: 'CLOSED' as const, closedAt: '2026-01-02T12:00:00.000Z' }, 'linked'],
  ])('a reply to a long-closed case whose linked case is %s', async (_what, state, kind) => {
    const days = localConfig.threading.reopenWindowDays + 1;
    const old = {
      ...mariasCase,
      status: 'CLOSED' as const,
      closedAt: new Date(NOW.getTime() - days * 86_400_000).toISOString(),
    };
    const linked = aCase({
      sourceId: 'ses-linked',
      protocol: 'OUV-2026-000077',
      linkedProtocol: 'OUV-2026-000042',
      ...state,
    });
    const { lookup } = lookupOf(old, linked);
    lookup.listBySender = async (address) => [linked, old].filter((c) => sameAddress(c.senderEmail, address));
    const match = await findThread(followUp({ inReplyTo: ACK_ID }), lookup, localConfig, NOW);
    expect(match).toEqual(
      kind === 'continues' ? { kind, parent: linked } : { kind, parent: old, reason: 'closed-long-ago' },
    );
  });

  it('the sender’s newest cases are read as a parent is, without the texts no mail sends (THREAD_TEXTS)', async () => {
    const days = localConfig.threading.reopenWindowDays + 1;
    const old = {
      ...mariasCase,
      status: 'CLOSED' as const,
      closedAt: new Date(NOW.getTime() - days * 86_400_000).toISOString(),
    };
    const linked = aCase({ sourceId: 'ses-linked', protocol: 'OUV-2026-000077', linkedProtocol: 'OUV-2026-000042' });
    const { lookup } = lookupOf(old, linked);
    const asked: unknown[] = [];
    lookup.listBySender = async (_address, _limit, shown) => {
      asked.push(shown);
      return [linked, old];
    };
    expect(await findThread(followUp({ inReplyTo: ACK_ID }), lookup, localConfig, NOW)).toEqual({
      kind: 'continues',
      parent: linked,
    });
    expect(asked).toEqual([THREAD_TEXTS]);
  });

  it('another sender’s case linked to the same protocol is never the successor', async () => {
    const days = localConfig.threading.reopenWindowDays + 1;
    const old = {
      ...mariasCase,
      status: 'CLOSED' as const,
      closedAt: new Date(NOW.getTime() - days * 86_400_000).toISOString(),
    };
    const theirs = aCase({
      sourceId: 'ses-x',
      senderEmail: STRANGER,
      linkedProtocol: 'OUV-2026-000042',
      status: 'ASSIGNED',
    });
    const { lookup } = lookupOf(old, theirs);
    lookup.listBySender = async () => [theirs];
    expect(await findThread(followUp({ inReplyTo: ACK_ID }), lookup, localConfig, NOW)).toMatchObject({
      kind: 'linked',
      reason: 'closed-long-ago',
    });
  });

  it('an answer to our guidance (not an accepted case): not-a-case', async () => {
    const guidance = aCase({ outcome: 'NO_PRIOR_TICKET', messageIds: [ACK_ID] });
    const { lookup } = lookupOf(guidance);
    expect(await findThread(followUp({ inReplyTo: ACK_ID }), lookup, localConfig, NOW)).toEqual({
      kind: 'linked',
      parent: guidance,
      reason: 'not-a-case',
    });
  });
});

describe('findThread: never threaded', () => {
  it('a webform post', async () => {
    const { lookup, calls } = lookupOf(mariasCase);
    const post = followUp({ channel: 'webform', subject: 'OUV-2026-000042', inReplyTo: undefined });
    expect(await findThread(post, lookup, localConfig, NOW)).toEqual({ kind: 'none' });
    expect(calls).toEqual({ messageId: 0, protocol: 0 });
  });

  it('quarantined mail (spam verdict)', async () => {
    const { lookup, calls } = lookupOf(mariasCase);
    const spam = followUp({
      inReplyTo: ACK_ID,
      verdicts: { spam: 'FAIL', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' },
    });
    expect(await findThread(spam, lookup, localConfig, NOW)).toEqual({ kind: 'none' });
    expect(calls.messageId).toBe(0);
  });

  it('automatic mail (an out-of-office reply from the merchant herself)', async () => {
    const { lookup } = lookupOf(mariasCase);
    const ooo = followUp({ inReplyTo: ACK_ID, headers: { 'auto-submitted': 'auto-replied' } });
    expect(await findThread(ooo, lookup, localConfig, NOW)).toEqual({ kind: 'none' });
  });

  it('mail referencing nothing we know', async () => {
    const { lookup } = lookupOf(mariasCase);
    const fresh = followUp({ inReplyTo: 'unknown@x', subject: 'OUV-2026-999999', text: 'Olá' });
    expect(await findThread(fresh, lookup, localConfig, NOW)).toEqual({ kind: 'none' });
  });

  it('a protocol only in the quoted history does not thread', async () => {
    const { lookup } = lookupOf(mariasCase);
    const quoted = followUp({ text: 'Oi\n\nEm 10/03/2026, Ouvidoria escreveu:\n> Protocolo OUV-2026-000042' });
    expect(await findThread(quoted, lookup, localConfig, NOW)).toEqual({ kind: 'none' });
  });
});

describe('findThread: the merchant’s address is not enough', () => {
  const verdicts = senderVerdicts;
  it.each([
    ['no check passed (a domain without SPF, DKIM or DMARC)', verdicts('GRAY', 'GRAY', 'GRAY')],
    ['SPF of the attacker’s own envelope only', verdicts('PASS', 'GRAY', 'GRAY')],
    ['checks that could not run', verdicts('PROCESSING_FAILED', 'PROCESSING_FAILED', 'PROCESSING_FAILED')],
    ['no verdicts at all', undefined],
  ])('unauthenticated mail from her address is linked, never joined: %s', async (_name, v) => {
    const { lookup } = lookupOf(mariasCase);
    for (const overrides of [{ inReplyTo: ACK_ID }, { subject: 'Re: [OUV-2026-000042] Cobrança' }]) {
      const mail = { ...followUp(overrides), verdicts: v };
      expect(await findThread(mail, lookup, localConfig, NOW)).toEqual({
        kind: 'linked',
        parent: mariasCase,
        reason: 'unauthenticated',
      });
    }
  });

  it('DKIM of another domain than her From proves nothing: linked, never joined', async () => {
    const { lookup } = lookupOf(mariasCase);
    const mail = { ...followUp({ inReplyTo: ACK_ID }), verdicts: verdicts('PASS', 'PASS', 'GRAY'), dkimAligned: false };
    expect(await findThread(mail, lookup, localConfig, NOW)).toMatchObject({
      kind: 'linked',
      reason: 'unauthenticated',
    });
    expect(await findThread({ ...mail, dkimAligned: true }, lookup, localConfig, NOW)).toMatchObject({
      kind: 'continues',
    });
  });

  it('a From that names no single author is linked, never joined, whatever passed', async () => {
    const { lookup } = lookupOf(mariasCase);
    const mail = followUp({ subject: 'Re: [OUV-2026-000042] Cobrança', authorUnclear: true });
    expect(await findThread(mail, lookup, localConfig, NOW)).toEqual({
      kind: 'linked',
      parent: mariasCase,
      reason: 'unauthenticated',
    });
  });

  // [case, verdicts, envelope aligned with her From, joins]: where her domain has no DMARC at all,
  // an SPF pass of her own envelope domain proves her From, as DMARC would have checked.
  it.each([
    ['SPF of her own domain, no DMARC record (a hosting plan)', verdicts('PASS', 'GRAY', 'GRAY'), true, true],
    ['SPF of her own domain, DKIM of another (Workspace without DKIM)', verdicts('PASS', 'PASS', 'GRAY'), true, true],
    ['SPF of the attacker’s envelope, no DMARC record', verdicts('PASS', 'GRAY', 'GRAY'), false, false],
    [
      'SPF of her domain, but DMARC failed (p=none: not quarantined)',
      { ...verdicts('PASS', 'GRAY', 'FAIL'), dmarcPolicy: 'NONE' as const },
      true,
      false,
    ],
    ['SPF of her domain, DMARC could not run', verdicts('PASS', 'GRAY', 'PROCESSING_FAILED'), true, false],
    ['SPF of her domain, DMARC disabled', verdicts('PASS', 'GRAY', 'DISABLED'), true, false],
    ['SPF neutral on her domain, no DMARC record', verdicts('GRAY', 'GRAY', 'GRAY'), true, false],
  ])('%s: joins %s', async (_name, v, spfAligned, joins) => {
    const { lookup } = lookupOf(mariasCase);
    const mail = { ...followUp({ inReplyTo: ACK_ID }), verdicts: v, spfAligned, dkimAligned: false };
    expect(await findThread(mail, lookup, localConfig, NOW)).toMatchObject(
      joins ? { kind: 'continues' } : { kind: 'linked', reason: 'unauthenticated' },
    );
  });

  it.each([
    ['DKIM', verdicts('GRAY', 'PASS', 'GRAY')],
    ['SPF and DMARC', verdicts('PASS', 'GRAY', 'PASS')],
  ])('authenticated by %s, she continues her case', async (_name, v) => {
    const { lookup } = lookupOf(mariasCase);
    const mail = { ...followUp({ inReplyTo: ACK_ID }), verdicts: v };
    expect(await findThread(mail, lookup, localConfig, NOW)).toEqual({ kind: 'continues', parent: mariasCase });
  });
});

describe('findThread: bounded work', () => {
  it(`at most ${MAX_THREAD_LOOKUPS} Message-ID and ${MAX_THREAD_LOOKUPS} protocol lookups, whatever the headers hold`, async () => {
    const { lookup, calls } = lookupOf(mariasCase);
    const references = Array.from({ length: 5000 }, (_, i) => `ref-${i}@spam.example`);
    const protocols = Array.from({ length: 100 }, (_, i) => `OUV-2026-${String(500000 + i)}`).join(' ');
    const flood = followUp({
      inReplyTo: 'first@spam.example',
      references: references.slice(0, 200),
      subject: protocols,
    });
    expect(await findThread(flood, lookup, localConfig, NOW)).toEqual({ kind: 'none' });
    expect(calls.messageId).toBe(MAX_THREAD_LOOKUPS);
    expect(calls.protocol).toBe(MAX_THREAD_LOOKUPS);
  });

  it('reads the newest references first (In-Reply-To, then References from the end)', async () => {
    const { lookup, calls } = lookupOf(mariasCase);
    const refs = [ACK_ID, ...Array.from({ length: 50 }, (_, i) => `old-${i}@x`)];
    // Our ack is the oldest reference, beyond the lookup budget: not found.
    expect((await findThread(followUp({ references: refs }), lookup, localConfig, NOW)).kind).toBe('none');
    expect(calls.messageId).toBe(MAX_THREAD_LOOKUPS);
    // The newest reference is looked up first.
    const recent = [...refs.slice(1), ACK_ID];
    expect((await findThread(followUp({ references: recent }), lookup, localConfig, NOW)).kind).toBe('continues');
  });

  it('takes the screening it is handed (the intake computes it once for threading and the rules)', async () => {
    const { lookup, calls } = lookupOf(mariasCase);
    const mail = followUp({ inReplyTo: ACK_ID });
    expect((await findThread(mail, lookup, localConfig, NOW, screen(mail, localConfig))).kind).toBe('continues');
    const automatic = { quarantine: [], machineGenerated: true };
    const quarantined = { quarantine: [{ ruleId: 'quarantine.spam', reason: 'spam' }], machineGenerated: false };
    expect(await findThread(mail, lookup, localConfig, NOW, automatic)).toEqual({ kind: 'none' });
    expect(await findThread(mail, lookup, localConfig, NOW, quarantined)).toEqual({ kind: 'none' });
    expect(calls.messageId).toBe(1);
  });
});

// An analyst copied the merchant on a case mail and she answered all: her mail reaches the case's
// staff address. It is hers to the case, as if she had cited the protocol — and only then.
describe('caseOfMerchantMail: her own mail to her case’s staff address', () => {
  const PROTOCOL = 'OUV-2026-000042';
  const toCaseAddress = (overrides: Parameters<typeof aSubmission>[0] = {}) =>
    followUp({
      recipients: [`caso+${PROTOCOL}.abcdefghijklmnop@ouvidoria.example.com.br`],
      subject: `RE: [${PROTOCOL}] Nova mensagem do lojista`,
      text: 'Segue o print da tela de pedidos, como a Ana pediu.',
      ...overrides,
    });
  const closedDaysAgo = (days: number) => ({
    ...mariasCase,
    status: 'CLOSED' as const,
    closedAt: new Date(NOW.getTime() - days * 86_400_000).toISOString(),
  });

  it.each([
    ['her case, open', mariasCase],
    ['her case, closed within the reopen window', closedDaysAgo(2)],
  ])('%s: the case continues', async (_name, parent) => {
    const { lookup } = lookupOf(parent);
    expect(await caseOfMerchantMail(PROTOCOL, toCaseAddress(), lookup, localConfig, NOW)).toEqual(parent);
  });

  it('her store’s domain with SPF alone (no DMARC published), its envelope hers: the case continues', async () => {
    const { lookup } = lookupOf(mariasCase);
    const mail = toCaseAddress({ verdicts: senderVerdicts('PASS', 'GRAY', 'GRAY'), spfAligned: true });
    expect(await caseOfMerchantMail(PROTOCOL, mail, lookup, localConfig, NOW)).toEqual(mariasCase);
  });

  it.each([
    ['another sender', toCaseAddress({ sender: { name: 'X', address: STRANGER }, returnPath: STRANGER }), mariasCase],
    ['her address unauthenticated', toCaseAddress({ verdicts: senderVerdicts('GRAY', 'GRAY', 'GRAY') }), mariasCase],
    ['her address, but two authors in From', toCaseAddress({ authorUnclear: true }), mariasCase],
    ['an automatic answer of hers', toCaseAddress({ headers: { 'auto-submitted': 'auto-replied' } }), mariasCase],
    ['a case closed long ago', toCaseAddress(), closedDaysAgo(40)],
    ['a record that never was a case', toCaseAddress(), { ...mariasCase, outcome: 'NO_PRIOR_TICKET' as const }],
  ])('%s: no case (the mail stays set aside)', async (_name, mail, parent) => {
    const { lookup } = lookupOf(parent);
    expect(await caseOfMerchantMail(PROTOCOL, mail, lookup, localConfig, NOW)).toBeUndefined();
  });

  it('a protocol no case has: no case', async () => {
    const { lookup } = lookupOf(mariasCase);
    expect(await caseOfMerchantMail('OUV-2026-000999', toCaseAddress(), lookup, localConfig, NOW)).toBeUndefined();
  });
});

// Red team round 45: a closed case whose record is at its ceiling (history-budget.ts) reopens no
// more; her mail within the window was refused by the lifecycle and opened a new case — each of them.
describe('findThread: a closed case whose record is at its ceiling', () => {
  it('is read as closed long ago (a new, linked case: the successor rule then takes her next mails), not continued', async () => {
    const closedAt = new Date(NOW.getTime() - 86_400_000).toISOString();
    const note = (i: number) => ({
      at: closedAt,
      actor: { kind: 'staff' as const, id: 'ana', role: 'analyst' as const },
      type: 'note' as const,
      text: `${'Registro detalhado do atendimento. '.repeat(28)}${i}`,
    });
    const history = Array.from({ length: 260 }, (_, i) => note(i));
    const full = { ...mariasCase, status: 'CLOSED' as const, closedAt, history } as unknown as CaseRecord;
    expect(await findThread(followUp({ inReplyTo: ACK_ID }), lookupOf(full).lookup, localConfig, NOW)).toEqual({
      kind: 'linked',
      parent: full,
      reason: 'closed-long-ago',
    });
    // Under the ceiling, the same mail continues it (and reopens it).
    const roomy = { ...full, history: history.slice(0, 10) } as unknown as CaseRecord;
    expect(await findThread(followUp({ inReplyTo: ACK_ID }), lookupOf(roomy).lookup, localConfig, NOW)).toEqual({
      kind: 'continues',
      parent: roomy,
    });
  });
});

// Red team 55 note 3: a merchant who opened her case as maria.souza@gmail.com and answered from
// mariasouza@gmail.com (one Gmail inbox) started a new submission. One Gmail mailbox is her; a
// look-alike or another domain's "+tag" is not, and her mail still has to be authenticated.
describe('findThread: one Gmail inbox is one merchant', () => {
  const HERS = 'maria.souza@gmail.com';
  const gmailCase = { ...mariasCase, senderEmail: HERS };
  const from = (address: string, verdicts = senderVerdicts('PASS', 'PASS', 'PASS')) => ({
    ...followUp({ sender: { name: 'Maria Souza', address }, inReplyTo: ACK_ID }),
    verdicts,
  });

  it.each<[string, string, 'continues' | 'other-sender']>([
    ['without the dot', 'mariasouza@gmail.com', 'continues'],
    ['with a +tag', 'maria.souza+loja@gmail.com', 'continues'],
    ['at googlemail.com', 'Maria.Souza@googlemail.com', 'continues'],
    ['dots moved', 'ma.ria.sou.za@gmail.com', 'continues'],
    ['a look-alike domain (gmai1.com)', 'maria.souza@gmai1.com', 'other-sender'],
    ['another name', 'maria.souza2@gmail.com', 'other-sender'],
    ['a Gmail name at another domain', 'mariasouza@outlook.com', 'other-sender'],
  ])('her case, answered %s: %s', async (_, address, expected) => {
    const { lookup } = lookupOf(gmailCase);
    const match = await findThread(from(address), lookup, localConfig, NOW);
    expect(match.kind === 'continues' ? 'continues' : match.kind === 'linked' ? match.reason : match.kind).toBe(
      expected,
    );
  });

  it('a custom domain’s +tag or dot is another mailbox: never hers', async () => {
    const custom = { ...mariasCase, senderEmail: 'maria.souza@lojadamaria.com.br' };
    const { lookup } = lookupOf(custom);
    for (const address of ['maria.souza+x@lojadamaria.com.br', 'mariasouza@lojadamaria.com.br']) {
      expect(await findThread(from(address), lookup, localConfig, NOW)).toEqual({
        kind: 'linked',
        parent: custom,
        reason: 'other-sender',
      });
    }
  });

  it('another spelling of her Gmail without Google’s authentication is linked, never joined', async () => {
    const { lookup } = lookupOf(gmailCase);
    // SPF of an envelope alone, as anyone's own server gives it.
    const mail = from('mariasouza@gmail.com', senderVerdicts('PASS', 'GRAY', 'GRAY'));
    expect(await findThread(mail, lookup, localConfig, NOW)).toEqual({
      kind: 'linked',
      parent: gmailCase,
      reason: 'unauthenticated',
    });
  });

  it('her mail to her case’s staff address from another spelling of her Gmail', async () => {
    const { lookup } = lookupOf(gmailCase);
    const mail = from('mariasouza+ouvidoria@gmail.com');
    expect(await caseOfMerchantMail('OUV-2026-000042', mail, lookup, localConfig, NOW)).toEqual(gmailCase);
    const stranger = from('maria.souza@gmai1.com');
    expect(await caseOfMerchantMail('OUV-2026-000042', stranger, lookup, localConfig, NOW)).toBeUndefined();
  });
});
