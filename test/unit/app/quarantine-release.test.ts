import type { CaseRecord } from '../../../shared/domain/case';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type EmailIntakeDeps, ReplyNotSentYet, receiveEmail } from '../../../shared/app/email-intake';
import type { ReleaseRequest } from '../../../shared/app/quarantine';
import { ParsedMailParts } from '../../../shared/app/mail-file-copies';
import { pdf } from '../../support/files';
import { mailWithFile } from '../../support/multipart';
import { type QuarantineReleaseDeps, releaseQuarantined } from '../../../shared/app/quarantine-release';
import { quarantinePoisonMail } from '../../../shared/app/poison-mail';
import { DMARC_MONITORING_NOTE } from '../../../shared/domain/eligibility/engine';
import { releaseRefusal } from '../../../shared/domain/quarantine-release';
import { HEADER_PEEK_BYTES, peekHeaders } from '../../../shared/mail/header-peek';
import { RecordingRawMailRetention } from '../../../shared/adapters/s3-raw-mail-retention';
import { emailIntakeDepsFrom } from '../../../shared/composition/email-intake';
import type { HistoryEvent } from '../../../shared/domain/lifecycle/types';
import type { Verdicts } from '../../../shared/domain/submission';
import {
  type InMemoryCaseRepository,
  InMemoryQuarantineReleaseStore,
  InMemoryRateLimiter,
  InMemoryRawMailStore,
  inMemoryIntake,
  type RecordingMailer,
  type RecordingQueue,
} from '../../support/fakes';

const EMAILS = join(import.meta.dirname, '..', '..', '..', 'events', 'emails');
const eml = (name: string) => readFileSync(join(EMAILS, name));
const MERCHANT = 'lojista@modasbella.com.br';
const PASS: Verdicts = { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' };
const SUPERVISOR = 'sup-carla';

let cases: InMemoryCaseRepository;
let mailer: RecordingMailer;
let queue: RecordingQueue;
let retention: RecordingRawMailRetention;
let email: EmailIntakeDeps;
let deps: QuarantineReleaseDeps;

beforeEach(() => {
  const world = inMemoryIntake({ tickets: [{ id: '48213', requesterEmail: MERCHANT }] });
  ({ cases, mailer, queue } = world);
  retention = new RecordingRawMailRetention();
  email = emailIntakeDepsFrom({ ...world.deps, rawMailRetention: retention }, new InMemoryRawMailStore());
  deps = { email, store: new InMemoryQuarantineReleaseStore(cases) };
});

/** Delivers a raw mail of the merchant's to the intake as SES would (PASS verdicts unless given). */
function deliver(
  raw: Buffer | string,
  deliveryId: string,
  options: {
    receivedAt?: string;
    verdicts?: Partial<Verdicts>;
    recipients?: string[];
    to?: EmailIntakeDeps;
    returnPath?: string;
  } = {},
) {
  const to = options.to ?? email;
  const location = { bucket: 'raw', key: `inbound/${deliveryId}` };
  (to.rawMail as InMemoryRawMailStore).put(location, raw);
  return receiveEmail(
    {
      deliveryId,
      receivedAt: options.receivedAt ?? '2026-03-02T13:15:00.000Z',
      verdicts: { ...PASS, ...options.verdicts },
      returnPath: options.returnPath ?? MERCHANT,
      recipients: options.recipients ?? ['ouvidoria@ouvidoria.example.com.br'],
      raw: location,
    },
    to,
  );
}

/** Receives a fixture mail with the given verdicts; returns its (quarantined) case id. */
async function quarantined(file: string, verdicts: Partial<Verdicts>, deliveryId = 'ses-q1'): Promise<string> {
  const result = await deliver(eml(file), deliveryId, { verdicts });
  expect(result).toMatchObject({ kind: 'case', outcome: 'QUARANTINED' });
  mailer.sent.length = 0;
  retention.marks.length = 0;
  return (result as { caseId: string }).caseId;
}

const request = (caseId: string, by = SUPERVISOR): ReleaseRequest => ({
  kind: 'release',
  caseId,
  by,
  at: '2026-03-02T13:20:00.000Z',
});

/** Mariana's complement on ticket #48213, as her mail client sends it. */
const complement = (messageId: string) =>
  Buffer.from(
    [
      `From: Mariana <${MERCHANT}>`,
      'To: ouvidoria@ouvidoria.example.com.br',
      'Subject: Complemento - chamado #48213',
      `Message-ID: <${messageId}@modasbella.com.br>`,
      'Date: Mon, 02 Mar 2026 13:30:00 +0000',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Complementando: os pedidos 10231 e 10240 também não sincronizaram. Chamado #48213.',
      '',
    ].join('\r\n'),
  );

/** Her mail on the ticket, delivered to the intake with these verdicts (the outbox emptied after). */
async function received(deliveryId: string, raw: Buffer | string, verdicts: Partial<Verdicts>) {
  const result = await deliver(raw, deliveryId, { receivedAt: '2026-03-02T13:30:00.000Z', verdicts });
  mailer.sent.length = 0;
  return result as { caseId: string; outcome: string; protocol?: string };
}

describe('releaseQuarantined', () => {
  it.each([
    ['DMARC failure', { dmarc: 'FAIL' }],
    ['SPF failure without DKIM', { spf: 'FAIL', dkim: 'FAIL' }],
    ['spam verdict', { spam: 'FAIL' }],
    ['spam and DMARC together', { spam: 'FAIL', dmarc: 'FAIL' }],
  ] as const)('a merchant mail held by a %s becomes an accepted case with its acknowledgement', async (_, verdicts) => {
    const caseId = await quarantined('01-accepted-ticket-48213.eml', verdicts);
    const result = await releaseQuarantined(request(caseId), deps);

    expect(result).toMatchObject({ kind: 'case', released: true, outcome: 'ACCEPTED', status: 'QUEUED' });
    const record = await cases.get(caseId);
    expect(record).toMatchObject({ reviewOutcome: 'released', reviewedBy: SUPERVISOR, outcome: 'ACCEPTED' });
    expect(record?.protocol).toMatch(/^OUV-2026-\d{6}$/);
    // SES's own verdicts stay on the case: the analyst's notice shows them.
    expect(record?.verdicts).toMatchObject(verdicts);
    expect(record?.decision.ruleIds.some((id) => id.startsWith('quarantine.'))).toBe(false);
    const history = (record as { history?: HistoryEvent[] }).history ?? [];
    expect(history.at(-1)).toMatchObject({
      type: 'quarantine-released',
      outcome: 'ACCEPTED',
      actor: { kind: 'staff', id: SUPERVISOR, role: 'supervisor' },
    });
    expect(queue.messages).toEqual([{ caseId, protocol: record?.protocol }]);
    expect(mailer.sent.map((m) => m.to)).toEqual([[MERCHANT]]);
    expect(mailer.sent[0]?.text).toContain(record?.protocol as string);
    expect(retention.marks).toEqual([{ kind: 'open', key: 'inbound/ses-q1' }]);
    // The open case keeps its items: the quarantine's expiry is cleared from them.
    expect((deps.store as InMemoryQuarantineReleaseStore).keptOpen).toEqual([caseId]);
  });

  it('a released mail without a prior ticket gets the guidance reply, not a case', async () => {
    const caseId = await quarantined('08-no-prior-ticket.eml', { spam: 'FAIL' });
    const result = await releaseQuarantined(request(caseId), deps);
    expect(result).toMatchObject({ kind: 'case', outcome: 'NO_PRIOR_TICKET', status: 'REDIRECTED' });
    expect(queue.messages).toEqual([]);
    expect(mailer.sent).toHaveLength(1);
    expect((await cases.get(caseId))?.protocol).toBeUndefined();
    expect(retention.marks).toEqual([{ kind: 'redirected', key: 'inbound/ses-q1' }]);
    // Guidance is not a case: its items keep the quarantine's (redirected) expiry.
    expect((deps.store as InMemoryQuarantineReleaseStore).keptOpen).toEqual([]);
  });

  it.each([
    ['a virus', { virus: 'FAIL' }],
    ['a virus next to a DMARC failure', { virus: 'FAIL', dmarc: 'FAIL' }],
  ] as const)('mail held for %s is never released', async (_, verdicts) => {
    const caseId = await quarantined('01-accepted-ticket-48213.eml', verdicts);
    const before = await cases.get(caseId);
    expect(await releaseQuarantined(request(caseId), deps)).toEqual({
      kind: 'refused',
      caseId,
      reason: 'not-vouchable',
    });
    // Only the refusal is written, and its history line, for the console to say why (see below).
    const { releaseRefused, history, ...after } = (await cases.get(caseId)) as CaseRecord & {
      history?: HistoryEvent[];
    };
    const { history: historyBefore, ...rest } = before as CaseRecord & { history?: HistoryEvent[] };
    expect(after).toEqual(rest);
    expect(history).toEqual([
      ...(historyBefore ?? []),
      expect.objectContaining({ type: 'quarantine-release-refused' }),
    ]);
    expect(releaseRefused?.reason).toBe('not-vouchable');
    expect(mailer.sent).toEqual([]);
    expect(queue.messages).toEqual([]);
  });

  it('refuses a case that does not exist, one that is not quarantined and one already discarded', async () => {
    expect(await releaseQuarantined(request('email:forged'), deps)).toMatchObject({ reason: 'missing' });

    await deliver(eml('01-accepted-ticket-48213.eml'), 'ses-ok', { recipients: [] });
    expect(await releaseQuarantined(request('email:ses-ok'), deps)).toMatchObject({ reason: 'not-in-quarantine' });

    const caseId = await quarantined('01-accepted-ticket-48213.eml', { dmarc: 'FAIL' }, 'ses-q2');
    const record = cases.records.get(caseId);
    if (record)
      cases.records.set(caseId, { ...record, reviewedAt: '2026-03-02T13:19:00Z', reviewOutcome: 'discarded' });
    expect(await releaseQuarantined(request(caseId), deps)).toMatchObject({ reason: 'not-in-quarantine' });
  });

  it('a second delivery of the request, or two at once, make one case, one protocol, one reply', async () => {
    const caseId = await quarantined('01-accepted-ticket-48213.eml', { dmarc: 'FAIL' });
    const [a, b] = await Promise.all([
      releaseQuarantined(request(caseId), deps),
      releaseQuarantined(request(caseId), deps),
    ]);
    const again = await releaseQuarantined(request(caseId, 'sup-outra'), deps);
    const protocols = [a, b, again].map((r) => (r.kind === 'refused' ? r.reason : r.protocol));
    expect(new Set(protocols).size).toBe(1);
    expect(mailer.sent).toHaveLength(1);
    expect(queue.messages).toHaveLength(1);
    expect((await cases.get(caseId))?.reviewedBy).toBe(SUPERVISOR);
  });

  it('a reply that failed transiently throws for the queue to retry; the retry only sends', async () => {
    const caseId = await quarantined('01-accepted-ticket-48213.eml', { dmarc: 'FAIL' });
    mailer.failNext = Object.assign(new Error('throttled'), { name: 'TooManyRequestsException' });
    await expect(releaseQuarantined(request(caseId), deps)).rejects.toBeInstanceOf(ReplyNotSentYet);
    expect(queue.messages).toHaveLength(1);
    const retry = await releaseQuarantined(request(caseId), deps);
    expect(retry).toMatchObject({ kind: 'case', duplicate: true, reply: { status: 'sent' } });
    expect(mailer.sent).toHaveLength(1);
    expect(queue.messages).toHaveLength(1);
  });
});

// The console had said "Liberação pedida": a refusal here was only logged, and the supervisor saw the
// mail still in the queue with no word of why.
describe('a release refused here is kept on the record, for the console to say why', () => {
  const withRecord = (caseId: string, change: (r: CaseRecord) => CaseRecord) => {
    const record = cases.records.get(caseId);
    if (record) cases.records.set(caseId, change(record));
  };
  it.each<[string, Partial<Verdicts>, (caseId: string) => void, string]>([
    ['held for a virus', { virus: 'FAIL' }, () => {}, 'not-vouchable'],
    [
      'discarded by another supervisor meanwhile',
      { dmarc: 'FAIL' },
      (id) => withRecord(id, (r) => ({ ...r, reviewedAt: '2026-03-02T13:19:00Z', reviewOutcome: 'discarded' })),
      'not-in-quarantine',
    ],
    [
      'its raw mail gone',
      { dmarc: 'FAIL' },
      (id) => withRecord(id, (r) => ({ ...r, messages: r.messages.map(({ raw: _gone, ...m }) => m) })),
      'no-raw-mail',
    ],
    // The bucket's lifecycle expired it before the table's TTL removed the record: thrown, the request
    // went back to its queue, then its DLQ, and paged.
    [
      'its raw mail expired in the bucket',
      { dmarc: 'FAIL' },
      () => (email.rawMail as InMemoryRawMailStore).objects.clear(),
      'no-raw-mail',
    ],
  ])('%s: the reason, who asked and when', async (_, verdicts, arrange, reason) => {
    const caseId = await quarantined('01-accepted-ticket-48213.eml', verdicts);
    arrange(caseId);
    expect(await releaseQuarantined(request(caseId), deps)).toMatchObject({ kind: 'refused', reason });
    const at = email.intake.clock.now().toISOString();
    const record = await cases.get(caseId);
    expect(record?.releaseRefused).toEqual({ reason, by: SUPERVISOR, at, requestedAt: request(caseId).at });
    // The quarantine list reads the refusal off the history, which the status index projects.
    expect(record?.history?.at(-1)).toEqual({
      at,
      actor: { kind: 'system' },
      type: 'quarantine-release-refused',
      reason,
      requestedBy: SUPERVISOR,
    });
  });

  it('the same request delivered again is one refusal in the history; a new request is another', async () => {
    const caseId = await quarantined('01-accepted-ticket-48213.eml', { virus: 'FAIL' });
    const refusals = async () =>
      ((await cases.get(caseId))?.history ?? []).filter((e) => e.type === 'quarantine-release-refused').length;
    await releaseQuarantined(request(caseId), deps);
    await releaseQuarantined(request(caseId), deps);
    expect(await refusals()).toBe(1);
    await releaseQuarantined({ ...request(caseId, 'sup-bia'), at: '2026-03-02T14:00:00.000Z' }, deps);
    expect(await refusals()).toBe(2);
    expect((await cases.get(caseId))?.releaseRefused?.by).toBe('sup-bia');
  });

  it('a record that does not exist is not written', async () => {
    expect(await releaseQuarantined(request('email:forged'), deps)).toMatchObject({ reason: 'missing' });
    expect(cases.records.has('email:forged')).toBe(false);
  });
});

describe('what the release’s parse keeps for the mailed-file copier', () => {
  it('a released mail that makes no case leaves none of its decoded files behind', async () => {
    const world = inMemoryIntake({ tickets: [{ id: '48213', requesterEmail: MERCHANT }] });
    const uploads = { put: vi.fn(async () => undefined), list: vi.fn(async () => []) };
    const withCopies = emailIntakeDepsFrom(world.deps, new InMemoryRawMailStore(), undefined, uploads);
    const raw = mailWithFile({
      from: 'Lojista <lojista@modasbella.com.br>',
      subject: 'Segue o print do erro',
      messageId: 'release-pdf@mail.gmail.com',
      text: 'Olá, o checkout da minha loja não fecha pedidos desde ontem. Segue o print.',
      file: { name: 'print.pdf', type: 'application/pdf', bytes: pdf() },
    });
    const held = await deliver(raw, 'ses-q-pdf', { verdicts: { dmarc: 'FAIL' }, to: withCopies });
    expect(held).toMatchObject({ kind: 'case', outcome: 'QUARANTINED' });
    const keep = vi.spyOn(ParsedMailParts.prototype, 'keep');
    try {
      const result = await releaseQuarantined(request((held as { caseId: string }).caseId), {
        email: withCopies,
        store: new InMemoryQuarantineReleaseStore(world.cases),
      });
      expect(result).toMatchObject({ kind: 'case', released: true, outcome: 'NO_PRIOR_TICKET' });
      expect(keep).toHaveBeenCalledTimes(1);
      expect(
        (keep.mock.contexts[0] as ParsedMailParts).take({ bucket: 'raw', key: 'inbound/ses-q-pdf' }),
      ).toBeUndefined();
      expect(uploads.put).not.toHaveBeenCalled();
    } finally {
      vi.restoreAllMocks();
    }
  });
});

// Journey 47: a released case did not hold its ticket — her next mail (or confirmed form post)
// naming it opened a second case, with another analyst, instead of joining the released one.
describe('a released case holds its ticket, as one the intake opened', () => {
  it('her next mail naming the ticket joins the released case', async () => {
    const caseId = await quarantined('01-accepted-ticket-48213.eml', { dmarc: 'FAIL' });
    await releaseQuarantined(request(caseId), deps);
    const result = await received('ses-q2', complement('complemento-1'), {});
    expect(result).toMatchObject({ caseId });
    expect((await cases.get(caseId))?.messages).toHaveLength(2);
  });

  // Red team 49: her form post or mail on the ticket was being stored as the supervisor released
  // (its claim fresh, its case not yet there): the release threw after storing the case as released,
  // with no acknowledgement, no assignment, and the case taken off her open-case count, until someone
  // retried it past the claim's 45 s. The other case keeps the ticket; this one stands on its own.
  it('released while another case of hers on the ticket is being stored: the release completes, counted', async () => {
    const caseId = await quarantined('01-accepted-ticket-48213.eml', { dmarc: 'FAIL' });
    const openCases = email.intake.openCases;
    await openCases.claimTicket(MERCHANT, '48213', 'webform-being-stored', email.intake.clock.now());
    const sent = mailer.sent.length;
    await expect(releaseQuarantined(request(caseId), deps)).resolves.toMatchObject({ kind: 'case', caseId });
    expect(await openCases.count(MERCHANT)).toBe(2);
    expect(mailer.sent.length).toBeGreaterThan(sent);
    expect(await openCases.ticketHolder(MERCHANT, '48213')).toMatchObject({ caseId: 'webform-being-stored' });
  });

  it('a resumed release claims nothing twice', async () => {
    const caseId = await quarantined('01-accepted-ticket-48213.eml', { dmarc: 'FAIL' });
    await releaseQuarantined(request(caseId), deps);
    await expect(releaseQuarantined(request(caseId), deps)).resolves.toMatchObject({ kind: 'case', caseId });
  });
});

describe('a released mail on the ticket of her open case joins it, as her proven mail would', () => {
  // Journey 48: Mariana's case on #48213 is open; her complement, held for her domain's failed
  // DMARC and released by the supervisor, became a second case (OUV-2026-000002, another analyst).
  it.each([
    ['her domain’s DMARC failed: the supervisor vouched for it', true, { dmarc: 'FAIL' }],
    // SPF vouched for, no DMARC and no DKIM: nothing proves her From, so, as her mail proven less
    // would (intake ticketToJoin), it decides afresh and joins nothing.
    ['SPF failed, with no DMARC nor DKIM', false, { spf: 'FAIL', dkim: 'FAIL', dmarc: 'GRAY' }],
  ] as const)('held because %s: joins her case: %s', async (_label, joins, verdicts) => {
    const open = await received('ses-open', eml('01-accepted-ticket-48213.eml'), {});
    expect(open).toMatchObject({ outcome: 'ACCEPTED', protocol: 'OUV-2026-000001' });
    const held = await received('ses-held', complement('complemento-2'), verdicts);
    expect(held.outcome).toBe('QUARANTINED');

    const result = await releaseQuarantined(request(held.caseId), deps);

    const herCase = await cases.get(open.caseId);
    const record = await cases.get(held.caseId);
    if (joins) {
      expect(result).toEqual({
        kind: 'joined',
        caseId: held.caseId,
        joinedCaseId: open.caseId,
        protocol: 'OUV-2026-000001',
        released: true,
      });
      expect(herCase?.messages.map((m) => m.sourceId)).toEqual(['ses-open', 'ses-held']);
      // Her released mail says who vouched for it and when: the analyst's forward names them.
      expect(herCase?.messages[1]?.released).toEqual({ by: SUPERVISOR, at: record?.reviewedAt });
      expect(herCase?.messages[0]?.released).toBeUndefined();
      // No second protocol, no acknowledgement of a new case, nothing queued for assignment again.
      expect(mailer.sent).toHaveLength(0);
      expect(record).toMatchObject({ status: 'QUARANTINED', reviewOutcome: 'released', reviewedBy: SUPERVISOR });
      expect(record?.history?.at(-1)).toMatchObject({
        type: 'quarantine-released',
        outcome: 'ACCEPTED',
        joined: { caseId: open.caseId, protocol: 'OUV-2026-000001', via: 'ticket' },
      });
      // Her case's message: its raw mail is kept while the case is open.
      expect(retention.marks).toContainEqual(expect.objectContaining({ kind: 'open' }));
    } else {
      expect(result).toMatchObject({ kind: 'case', outcome: 'ACCEPTED', protocol: 'OUV-2026-000002' });
      expect(herCase?.messages).toHaveLength(1);
    }
  });

  // Journeys 48: her answer to the analyst, without the ticket number, held for her domain's failed
  // DMARC and released, was decided from scratch (guidance asking for a ticket) instead of joining
  // the case its In-Reply-To names. Threading's Trust rules still hold: her very address only.
  const answer = (from: string, headers: string[], subject = 'Re: Sua manifestação') =>
    Buffer.from(
      [
        `From: Mariana <${from}>`,
        'To: ouvidoria@ouvidoria.example.com.br',
        `Subject: ${subject}`,
        'Message-ID: <resposta-1@modasbella.com.br>',
        ...headers,
        'Date: Mon, 02 Mar 2026 13:30:00 +0000',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Segue o print da tela de sincronização que vocês pediram. Os pedidos continuam sem baixa.',
        '',
      ].join('\r\n'),
    );
  it.each<[string, (ourId: string, protocol: string) => Buffer, boolean]>([
    ['her reply naming our mail in In-Reply-To', (id) => answer(MERCHANT, [`In-Reply-To: <${id}>`]), true],
    ['her reply naming it in References only', (id) => answer(MERCHANT, [`References: <x@y.com.br> <${id}>`]), true],
    ['her mail naming her case’s protocol', (_id, p) => answer(MERCHANT, [], `Re: [${p}] Sua manifestação`), true],
    [
      'a colleague’s reply to the same thread (another address)',
      (id) => answer('financeiro@modasbella.com.br', [`In-Reply-To: <${id}>`]),
      false,
    ],
  ])('released: %s — joins her case only from her very address', async (_label, mail, joins) => {
    const open = await received('ses-open', eml('01-accepted-ticket-48213.eml'), {});
    const herCase = await cases.get(open.caseId);
    const ourId = (herCase?.messageIds ?? []).at(-1) ?? '';
    expect(ourId).toContain('@');
    const held = await received('ses-held', mail(ourId.replace(/^<|>$/g, ''), open.protocol ?? ''), {
      dmarc: 'FAIL',
    });
    expect(held.outcome).toBe('QUARANTINED');

    const result = await releaseQuarantined(request(held.caseId), deps);

    const messages = (await cases.get(open.caseId))?.messages ?? [];
    if (joins) {
      expect(result).toMatchObject({ kind: 'joined', joinedCaseId: open.caseId, protocol: open.protocol });
      expect(messages.map((m) => m.sourceId)).toEqual(['ses-open', 'ses-held']);
      expect(messages[1]?.released).toMatchObject({ by: SUPERVISOR });
      expect(mailer.sent).toHaveLength(0);
      // Joined by its thread, decided by no rule: the event says so, with no outcome of a decision
      // made without the thread (the guidance it would have been alone).
      const event = (await cases.get(held.caseId))?.history?.at(-1);
      expect(event).toMatchObject({ type: 'quarantine-released', joined: { caseId: open.caseId, via: 'thread' } });
      expect(event).not.toHaveProperty('outcome');
      expect(event).not.toHaveProperty('ruleIds');
    } else {
      expect(result).not.toMatchObject({ kind: 'joined' });
      expect(messages).toHaveLength(1);
    }
  });

  it('a resumed or repeated release joins once and answers the same', async () => {
    const open = await received('ses-open', eml('01-accepted-ticket-48213.eml'), {});
    const held = await received('ses-held', complement('complemento-3'), { dmarc: 'FAIL' });
    const [a, b] = await Promise.all([
      releaseQuarantined(request(held.caseId), deps),
      releaseQuarantined(request(held.caseId), deps),
    ]);
    const again = await releaseQuarantined(request(held.caseId, 'sup-outra'), deps);
    for (const r of [a, b, again]) expect(r).toMatchObject({ kind: 'joined', joinedCaseId: open.caseId });
    expect((await cases.get(open.caseId))?.messages).toHaveLength(2);
    expect((await cases.get(held.caseId))?.reviewedBy).toBe(SUPERVISOR);
  });
});

describe('a released mail keeps the links of its thread, as the intake’s record of it would', () => {
  // Journeys 49, found not fixed: the release decided her mail alone. Her reply to a case closed
  // past its reopen window became guidance asking for a ticket (the intake: a new case on the old
  // case's ticket, "Caso anterior relacionado"); a colleague's reply lost the case it cited; her
  // answer to our request for the ticket lost what she first wrote, and its bare number.
  const mail = (from: string, inReplyTo: string, text: string, messageId = 'resposta-9') =>
    Buffer.from(
      [
        `From: Mariana <${from}>`,
        'To: ouvidoria@ouvidoria.example.com.br',
        'Subject: Re: Sua manifestação',
        `Message-ID: <${messageId}@modasbella.com.br>`,
        ...(inReplyTo ? [`In-Reply-To: ${inReplyTo}`] : []),
        'Date: Mon, 02 Mar 2026 13:30:00 +0000',
        'Content-Type: text/plain; charset=utf-8',
        '',
        text,
        '',
      ].join('\r\n'),
    );

  async function received(deliveryId: string, raw: Buffer, verdicts: Partial<Verdicts>) {
    const location = { bucket: 'raw', key: `inbound/${deliveryId}` };
    (email.rawMail as InMemoryRawMailStore).put(location, raw);
    const result = await receiveEmail(
      {
        deliveryId,
        receivedAt: '2026-03-02T13:30:00.000Z',
        verdicts: { ...PASS, ...verdicts },
        returnPath: MERCHANT,
        recipients: ['ouvidoria@ouvidoria.example.com.br'],
        raw: location,
      },
      email,
    );
    mailer.sent.length = 0;
    return result as { caseId: string; outcome: string; protocol?: string };
  }

  /** Our last mail on the record (acknowledgement or guidance), as her client's In-Reply-To names it. */
  const ourLastMail = async (caseId: string) => (await cases.get(caseId))?.messageIds.at(-1) ?? '';

  it.each<{
    label: string;
    first: string;
    closeIt: boolean;
    /** Sent as a new mail, not a reply (no In-Reply-To). */
    fresh?: boolean;
    from: string;
    text: string;
    outcome: string;
    ticket?: string;
    links: (first: { caseId: string; protocol?: string }) => Record<string, string | undefined>;
  }>([
    {
      label: 'her reply to her case closed past its reopen window: a new case on its ticket, linked to it',
      first: '01-accepted-ticket-48213.eml',
      closeIt: true,
      from: MERCHANT,
      text: 'Voltou a acontecer: os pedidos de hoje não baixaram do estoque de novo.',
      outcome: 'ACCEPTED',
      ticket: '48213',
      links: (first) => ({ linkedProtocol: first.protocol }),
    },
    {
      label: 'her new mail on the ticket of her case closed past its reopen window: a new case, linked to it',
      first: '01-accepted-ticket-48213.eml',
      closeIt: true,
      fresh: true,
      from: MERCHANT,
      text: 'Abro de novo o chamado #48213: os pedidos de hoje não baixaram do estoque.',
      outcome: 'ACCEPTED',
      ticket: '48213',
      links: (first) => ({ linkedProtocol: first.protocol }),
    },
    {
      label: 'a colleague’s reply to her open case: the case it cites, shown to the team',
      first: '01-accepted-ticket-48213.eml',
      closeIt: false,
      from: 'financeiro@modasbella.com.br',
      text: 'Sou do financeiro da loja e queria entender por que o estoque ficou negativo.',
      outcome: 'NO_PRIOR_TICKET',
      links: (first) => ({ referencedCaseId: first.caseId, referencedProtocol: first.protocol }),
    },
    {
      label: 'her answer to our request for the ticket, the bare number: a case, with what she wrote first',
      first: '08-no-prior-ticket.eml',
      closeIt: false,
      from: MERCHANT,
      text: 'O número é 48213.',
      outcome: 'ACCEPTED',
      ticket: '48213',
      links: (first) => ({ answersSubmissionId: first.caseId }),
    },
  ])('$label', async ({ first, closeIt, fresh, from, text, outcome, ticket, links }) => {
    const earlier = await received('ses-first', eml(first), {});
    if (closeIt) {
      const stored = cases.records.get(earlier.caseId);
      if (!stored) throw new Error('no earlier case');
      cases.records.set(earlier.caseId, { ...stored, status: 'CLOSED', closedAt: '2026-02-02T13:00:00.000Z' });
    }
    const raw = mail(from, fresh ? '' : await ourLastMail(earlier.caseId), text);
    const held = await received('ses-held', raw, { dmarc: 'FAIL' });
    expect(held.outcome).toBe('QUARANTINED');

    const result = await releaseQuarantined(request(held.caseId), deps);

    expect(result).toMatchObject({ kind: 'case', outcome });
    const record = await cases.get(held.caseId);
    expect(record).toMatchObject(links(earlier));
    if (ticket) expect(record?.decision.ticket).toMatchObject({ number: ticket });
    // Cited by a colleague: her case lists the record for its analyst, as the intake's would.
    if (from !== MERCHANT) expect((await cases.get(earlier.caseId))?.citedBy).toEqual([held.caseId]);
  });
});

describe('what the reply tells of her earlier case goes to her mailbox only', () => {
  // Red team 52: a mail read in its thread lends her case closed long ago its protocol ("Caso
  // anterior relacionado") and its ticket, and the acknowledgement said both — to the return path
  // (RFC 3834), which no signature covers. A supervisor vouches for the From; a DMARC failure is a
  // From over someone else's envelope: "Sobre o protocolo OUV-…" (numbers are sequential) under her
  // name, released, told the envelope's owner her ticket. A DKIM-signed mail of hers resent under
  // another envelope (DKIM replay) did the same without a release. The case keeps both links.
  const STRANGER = 'atendimento@golpe-suporte.example';
  // As SES stores it: the receiving MTA's Return-Path first (what a release reads the envelope from).
  const forged = (subject: string, envelope: string) =>
    Buffer.from(
      [
        `Return-Path: <${envelope}>`,
        `From: Mariana <${MERCHANT}>`,
        'To: ouvidoria@ouvidoria.example.com.br',
        `Subject: ${subject}`,
        'Message-ID: <reaberto-1@celular.example>',
        'Date: Mon, 02 Mar 2026 13:30:00 +0000',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Voltou a acontecer: os pedidos de hoje não baixaram do estoque de novo. Preciso de ajuda urgente.',
        '',
      ].join('\r\n'),
    );
  const ways = [
    { label: 'released (DMARC failed), over a stranger’s envelope', verdicts: { dmarc: 'FAIL' }, envelope: STRANGER },
    { label: 'signed (DKIM replay), over a stranger’s envelope', verdicts: {}, envelope: STRANGER },
    { label: 'released (DMARC failed), her own envelope', verdicts: { dmarc: 'FAIL' }, envelope: MERCHANT },
    { label: 'signed, her own envelope', verdicts: {}, envelope: MERCHANT },
  ] as const;
  // Naming her old protocol, the ticket is hers to tell; naming her ticket (e0b85dad's link), the protocol.
  const rows = ['protocol', 'ticket'].flatMap((names) =>
    ways.map((way) => ({ ...way, names: names as 'protocol' | 'ticket', told: way.envelope === MERCHANT })),
  );

  it.each(rows)('naming her $names: $label', async ({ verdicts, envelope, names, told }) => {
    const earlier = (await deliver(eml('01-accepted-ticket-48213.eml'), 'ses-first')) as { caseId: string };
    const stored = cases.records.get(earlier.caseId);
    if (!stored?.protocol) throw new Error('no earlier case');
    cases.records.set(earlier.caseId, { ...stored, status: 'CLOSED', closedAt: '2026-02-02T13:00:00.000Z' });
    mailer.sent.length = 0;

    const subject = names === 'protocol' ? `Sobre o protocolo ${stored.protocol}` : 'Chamado #48213 de novo';
    const result = (await deliver(forged(subject, envelope), 'ses-later', {
      receivedAt: '2026-03-02T13:30:00.000Z',
      verdicts,
      returnPath: envelope,
    })) as { caseId: string; outcome: string };
    if (result.outcome === 'QUARANTINED') {
      mailer.sent.length = 0;
      expect(await releaseQuarantined(request(result.caseId), deps)).toMatchObject({ outcome: 'ACCEPTED' });
    }

    const record = await cases.get(result.caseId);
    expect(record).toMatchObject({ outcome: 'ACCEPTED', linkedProtocol: stored.protocol });
    expect(record?.decision.ticket).toMatchObject({ number: '48213' });
    const ack = mailer.sent.filter((m) => m.to.includes(envelope));
    expect(ack).toHaveLength(1);
    const said = `${ack[0]?.text}\n${ack[0]?.html}`;
    expect(said).toContain(record?.protocol as string);
    expect(said.includes('ligado ao anterior')).toBe(told);
    // What he did not write (her subject is echoed to a return path SPF proved).
    expect(said.includes(names === 'protocol' ? '48213' : stored.protocol)).toBe(told);
  });
});

describe('releaseQuarantined: a mail the intake failed on, once the defect is fixed', () => {
  const CRASHED = {
    condition: 'RetriesExhausted',
    errorType: 'TypeError',
    errorMessage: "Cannot read properties of undefined (reading 'charset')",
  };

  /** Her ordinary mail, stored by the receipt rule, that a deploy's bug crashed the intake on: quarantined unread. */
  async function crashedOn(deliveryId = 'ses-p1', verdicts: Partial<Verdicts> = {}): Promise<string> {
    const location = { bucket: 'raw', key: `inbound/${deliveryId}` };
    (email.rawMail as InMemoryRawMailStore).put(location, eml('01-accepted-ticket-48213.eml'));
    const mail = {
      deliveryId,
      receivedAt: '2026-03-02T13:15:00.000Z',
      verdicts: { ...PASS, ...verdicts },
      returnPath: MERCHANT,
      recipients: ['ouvidoria@ouvidoria.example.com.br'],
      raw: location,
    };
    const result = await quarantinePoisonMail(
      { mail, failure: CRASHED },
      {
        intake: email.intake,
        rawMail: email.rawMail as InMemoryRawMailStore,
        peek: { bytes: HEADER_PEEK_BYTES, read: peekHeaders },
        limiter: new InMemoryRateLimiter(),
      },
    );
    expect(result).toMatchObject({ kind: 'quarantined', poison: 'code-error' });
    mailer.sent.length = 0;
    return (result as { caseId: string }).caseId;
  }

  it.each([
    ['a From list naming her after his', 'From: atacante@evil.example, <lojista@modasbella.com.br>'],
    ['his address as the display name of hers', 'From: atacante@evil.example <lojista@modasbella.com.br>'],
    ['two From fields', 'From: atacante@evil.example\r\nFrom: Juliana Bella <lojista@modasbella.com.br>'],
  ])(
    "%s, and a Return-Path of his own below SES's: held and released, it is never hers, the notice goes to the envelope",
    async (_name, from) => {
      const raw = eml('01-accepted-ticket-48213.eml')
        .toString('utf8')
        .replace(
          'Return-Path: <lojista@modasbella.com.br>',
          'Return-Path: <contato@evil.example>\r\nReturn-Path: <vitima@gmail.com>',
        )
        .replace('From: Juliana Bella <lojista@modasbella.com.br>', from);
      const location = { bucket: 'raw', key: 'inbound/ses-p9' };
      (email.rawMail as InMemoryRawMailStore).put(location, raw);
      const mail = {
        deliveryId: 'ses-p9',
        receivedAt: '2026-03-02T13:15:00.000Z',
        verdicts: PASS,
        returnPath: 'contato@evil.example',
        recipients: ['ouvidoria@ouvidoria.example.com.br'],
        raw: location,
      };
      const held = await quarantinePoisonMail(
        { mail, failure: CRASHED },
        {
          intake: email.intake,
          rawMail: email.rawMail as InMemoryRawMailStore,
          peek: { bytes: HEADER_PEEK_BYTES, read: peekHeaders },
          limiter: new InMemoryRateLimiter(),
        },
      );
      expect(held).toMatchObject({ kind: 'quarantined' });
      const caseId = (held as { caseId: string }).caseId;
      // The notice goes to the envelope SES checked, never to an address the sender wrote.
      expect(mailer.sent.map((m) => m.to)).toEqual([['contato@evil.example']]);
      expect((await cases.get(caseId))?.senderEmail).toBe('contato@evil.example');
      mailer.sent.length = 0;
      await releaseQuarantined(request(caseId), deps);
      const record = await cases.get(caseId);
      expect(record?.senderEmail).not.toBe(MERCHANT);
      expect(mailer.sent.flatMap((m) => m.to)).not.toContain(MERCHANT);
    },
  );

  it.each([
    ['her answer to a case', 'caso+OUV-2026-000001.abcdefghijklmnop@ouvidoria.example.com.br'],
    ['a command to the bare reply mailbox', 'caso@ouvidoria.example.com.br'],
  ])(
    "an analyst's mail (%s) read again is staff mail: held as such, not decided as a merchant's case",
    async (_name, to) => {
      const raw = [
        'Return-Path: <ana@ouvidoria.example.com.br>',
        'From: Ana Souza <ana@ouvidoria.example.com.br>',
        `To: ${to}`,
        'Subject: Re: [OUV-2026-000001] Pedidos não sincronizam com o estoque',
        'Message-ID: <equipe-1@ouvidoria.example.com.br>',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Olá, Juliana. A equipe técnica corrigiu a sincronização do estoque da sua loja. #encerrar',
        '',
      ].join('\r\n');
      const location = { bucket: 'raw', key: 'inbound/ses-s1' };
      (email.rawMail as InMemoryRawMailStore).put(location, raw);
      const mail = {
        deliveryId: 'ses-s1',
        receivedAt: '2026-03-02T13:15:00.000Z',
        verdicts: PASS,
        returnPath: 'ana@ouvidoria.example.com.br',
        recipients: [to],
        raw: location,
      };
      const held = await quarantinePoisonMail(
        { mail, failure: CRASHED },
        {
          intake: email.intake,
          rawMail: email.rawMail as InMemoryRawMailStore,
          peek: { bytes: HEADER_PEEK_BYTES, read: peekHeaders },
          limiter: new InMemoryRateLimiter(),
        },
      );
      const caseId = (held as { caseId: string }).caseId;
      mailer.sent.length = 0;
      // Before: released as a merchant's mail (NO_PRIOR_TICKET, REDIRECTED in the analyst's name), her answer lost.
      expect(await releaseQuarantined(request(caseId), deps)).toEqual({
        kind: 'refused',
        caseId,
        reason: 'still-quarantined',
      });
      const record = await cases.get(caseId);
      expect(record).toMatchObject({ status: 'QUARANTINED', outcome: 'QUARANTINED' });
      expect(record?.decision.ruleIds).toEqual(['quarantine.staff-mail']);
      expect(record?.decision.reason).toContain('deve enviá-la de novo');
      expect(record && releaseRefusal(record)).toBe('not-vouchable');
      expect(mailer.sent).toEqual([]);
      expect(queue.messages).toEqual([]);
    },
  );

  it('is read again by the triage: an accepted case with its protocol and acknowledgement, the supervisor named', async () => {
    const caseId = await crashedOn();
    const result = await releaseQuarantined(request(caseId), deps);

    expect(result).toMatchObject({ kind: 'case', released: true, outcome: 'ACCEPTED', status: 'QUEUED' });
    const record = await cases.get(caseId);
    expect(record).toMatchObject({ reviewOutcome: 'released', reviewedBy: SUPERVISOR, outcome: 'ACCEPTED' });
    expect(record?.decision.ruleIds.some((id) => id.startsWith('quarantine.'))).toBe(false);
    // The case shows what the triage read now, not the unread record's empty message.
    expect(record?.subject).toContain('48213');
    expect(record?.messages[0]?.text).toContain('estoque');
    expect(record?.protocol).toMatch(/^OUV-2026-\d{6}$/);
    expect(queue.messages).toEqual([{ caseId, protocol: record?.protocol }]);
    expect(mailer.sent.map((m) => m.to)).toEqual([[MERCHANT]]);
    expect(mailer.sent[0]?.text).toContain(record?.protocol as string);
  });

  it('reads its verdicts as SES gave them: nobody vouched for the sender (DMARC p=none stays failed)', async () => {
    const parse = vi.spyOn(email, 'parse');
    const caseId = await crashedOn('ses-p2', { dmarc: 'FAIL', dmarcPolicy: 'NONE' });
    await releaseQuarantined(request(caseId), deps);
    expect(parse).toHaveBeenCalledTimes(1);
    const record = await cases.get(caseId);
    expect(record?.verdicts).toMatchObject({ dmarc: 'FAIL' });
    // The second decision saw the failure (monitoring only): the case notes it unauthenticated.
    expect(record?.decision.reason).toContain(DMARC_MONITORING_NOTE);
  });

  it("read again and unreadable for what it is: it stays held under the parser's reason, no longer releasable", async () => {
    const caseId = await crashedOn();
    const parse = email.parse.bind(email);
    vi.spyOn(email, 'parse').mockImplementation(async (raw, meta) => ({
      ...(await parse(raw, meta)),
      parseProblem: 'unparseable: too many header items',
    }));
    expect(await releaseQuarantined(request(caseId), deps)).toEqual({
      kind: 'refused',
      caseId,
      reason: 'still-quarantined',
    });
    const record = await cases.get(caseId);
    expect(record).toMatchObject({ status: 'QUARANTINED', outcome: 'QUARANTINED' });
    expect(record?.reviewedAt).toBeUndefined();
    expect(record?.decision.reason).toContain('unparseable: too many header items');
    // The console now offers discard only, and says why.
    expect(record && releaseRefusal(record)).toBe('not-vouchable');
    expect(record?.releaseRefused).toMatchObject({ reason: 'still-quarantined', by: SUPERVISOR });
    expect(mailer.sent).toEqual([]);
  });

  it('still failing, the release throws (the request goes back to its queue, then its DLQ): the record stays held, nothing sent', async () => {
    const caseId = await crashedOn();
    vi.spyOn(email, 'parse').mockRejectedValue(
      new TypeError("Cannot read properties of undefined (reading 'charset')"),
    );
    await expect(releaseQuarantined(request(caseId), deps)).rejects.toBeInstanceOf(TypeError);
    expect(await cases.get(caseId)).toMatchObject({ status: 'QUARANTINED', outcome: 'QUARANTINED' });
    expect((await cases.get(caseId))?.reviewedAt).toBeUndefined();
    expect(mailer.sent).toEqual([]);
    expect(queue.messages).toEqual([]);
  });
});
