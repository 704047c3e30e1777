import { localConfig } from '../../shared/domain/config';
import { officeCalendar } from '../../shared/domain/calendar';
/**
 * Message texts kept out of the table (issue 16) on dynalite: the items that reference them stay
 * small whatever the text, every reader gets the full text back, and retries, races and faults
 * between the text put and the DynamoDB write leave one text and no dangling reference.
 */
import { GetCommand, type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DynamoCaseRepository,
  FIRST_MESSAGE_SK,
  INLINE_TEXT_MAX_BYTES,
  TRUNCATION_NOTE,
} from '../../shared/adapters/dynamo/case-repository';
import { applyCaseRetention } from '../../shared/adapters/dynamo/case-retention';
import { DynamoCaseWorkStore, PENDING_MESSAGES_ATTRIBUTE } from '../../shared/adapters/dynamo/case-work-store';
import { documentClient } from '../../shared/adapters/dynamo/client';
import { createTableIfMissing } from '../../shared/adapters/dynamo/create-table';
import { DynamoDataSubjectStore, MISSING_TEXT_NOTE } from '../../shared/adapters/dynamo/data-subject-store';
import { LocalMessageTextStore } from '../../shared/adapters/local/local-message-text-store';
import { messageTextCasePrefix } from '../../shared/adapters/s3-message-text-store';
import { eraseSubject } from '../../shared/app/data-subject';
import { assignCase } from '../../shared/app/assign-case';
import { NOTICE_MESSAGES, NOTICE_TEXTS } from '../../shared/domain/assignment';
import {
  type CaseMessage,
  type CaseRecord,
  FIRST_TEXT,
  NO_TEXTS,
  positionsBetween,
  type TextsShown,
} from '../../shared/domain/case';
import type { MessageTextRef, MessageTextStore } from '../../shared/ports';
import { aDecision } from '../support/builders';
import { type DynaliteClients, EMULATOR_REGION, startDynaliteClients } from '../support/emulators';
import { FixedClock, InMemoryStaffRepository, RecordingMailer, RecordingScheduler } from '../support/fakes';

const TABLE = 'ouvidoria-texts';
let d: DynaliteClients;
let texts: LocalMessageTextStore;
let cases: DynamoCaseRepository;

beforeAll(async () => {
  d = await startDynaliteClients();
  await createTableIfMissing(d.raw, TABLE);
  texts = new LocalMessageTextStore();
  cases = new DynamoCaseRepository({ client: d.doc, tableName: TABLE, texts });
});
afterAll(async () => {
  await d?.stop();
});

let seq = 0;
function message(text: string, overrides: Partial<CaseMessage> = {}): CaseMessage {
  seq++;
  return {
    sourceId: `ses-text-${seq}`,
    channel: 'email',
    receivedAt: '2026-03-02T12:00:00.000Z',
    subject: 'Reclamação sobre cobrança indevida — chamado 48213',
    text,
    attachments: [],
    raw: { bucket: 'raw-mail', key: `inbound/ses-text-${seq}` },
    messageId: `CAFtext${seq}@mail.gmail.com`,
    from: { name: 'João Conceição', address: 'joao.conceicao@lojadojoao.com.br' },
    ...overrides,
  };
}

function record(text: string, overrides: Partial<CaseRecord> = {}): CaseRecord {
  const first = message(text);
  return {
    caseId: `email:${first.sourceId}`,
    channel: 'email',
    sourceId: first.sourceId,
    status: 'QUEUED',
    outcome: 'ACCEPTED',
    decision: aDecision('ACCEPTED'),
    ticketCandidates: [],
    senderEmail: `titular${seq}@lojadojoao.com.br`,
    subject: first.subject,
    verdicts: { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' },
    createdAt: '2026-03-02T12:00:01.000Z',
    updatedAt: '2026-03-02T12:00:01.000Z',
    messages: [first],
    messageIds: [first.messageId!],
    ...overrides,
  };
}

const prose = (bytes: number) => 'Cobrança em duplicidade na fatura de março, chamado #48213. '.repeat(bytes / 60 + 1);
const objectsOf = (store: LocalMessageTextStore, caseId: string) =>
  [...store.objects.keys()].filter((key) => key.startsWith(`messages/${encodeURIComponent(caseId)}/`));
async function item(pk: string, sk: string) {
  return (await d.doc.send(new GetCommand({ TableName: TABLE, Key: { pk, sk }, ConsistentRead: true }))).Item;
}
/** DynamoDB's item size, near enough: names and values as UTF-8 (what the write units are charged on). */
const size = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

/** A document client whose next write matching `when` fails before reaching the table. */
function failingClient(when: (input: Record<string, unknown>) => boolean): DynamoDBDocumentClient {
  const client = documentClient({ endpoint: d.endpoint, region: EMULATOR_REGION });
  let armed = true;
  client.middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as Record<string, unknown>;
      if (armed && when(input)) {
        armed = false;
        throw Object.assign(new Error('injected: DynamoDB unavailable'), { name: 'ServiceUnavailable' });
      }
      return next(args);
    },
    { step: 'initialize', name: 'injectFault' },
  );
  return client;
}
const isFirstMessagePut = (input: Record<string, unknown>) =>
  (input.Item as { sk?: string } | undefined)?.sk === FIRST_MESSAGE_SK;

describe('message texts out of the table (issue 16)', () => {
  it.each([1_100, 10_000, 60_000, 190_000])(
    'a %i-byte text: the first-message item stays under 1 KB, every reader gets the whole text',
    async (bytes) => {
      const text = prose(bytes);
      const r = record(text);
      const created = await cases.create(r);
      const first = await item(`CASE#${r.caseId}`, FIRST_MESSAGE_SK);
      expect(first?.['message']?.['text']).toBeUndefined();
      expect(first?.['textRef']).toMatchObject({ key: expect.stringMatching(/^messages\//) });
      expect(size(first)).toBeLessThan(1024);
      const stored = await cases.get(r.caseId);
      expect(stored).toEqual(created.record);
      const read = stored!.messages[0]!.text;
      if (Buffer.byteLength(text) > 60_000) {
        // The flag sits on the message's item: the case item, rewritten often, does not grow with the text.
        expect(first?.['textTruncated']).toBe(true);
        expect((await item(`CASE#${r.caseId}`, 'CASE'))?.['firstMessageTruncated']).toBeUndefined();
        expect(read.endsWith(TRUNCATION_NOTE)).toBe(true);
        expect(text.startsWith(read.slice(0, -TRUNCATION_NOTE.length))).toBe(true);
      } else expect(read).toBe(text);
      expect((await cases.listBySender(r.senderEmail))[0]?.messages[0]?.text).toBe(read);
      expect(objectsOf(texts, r.caseId)).toHaveLength(1);
    },
  );

  it('a text at the inline limit stays on its item exactly as before, with nothing put in the store', async () => {
    const text = 'a'.repeat(INLINE_TEXT_MAX_BYTES);
    const r = record(text);
    await cases.create(r);
    expect((await item(`CASE#${r.caseId}`, FIRST_MESSAGE_SK))?.['message']?.['text']).toBe(text);
    expect(objectsOf(texts, r.caseId)).toHaveLength(0);
    expect((await cases.get(r.caseId))?.messages[0]?.text).toBe(text);
  });

  it('reads items written before the store (text inline); without a store a reference is an error', async () => {
    const legacy = new DynamoCaseRepository({ client: d.doc, tableName: TABLE });
    const old = record(prose(5_000));
    await legacy.create(old);
    expect((await item(`CASE#${old.caseId}`, FIRST_MESSAGE_SK))?.['message']?.['text']).toBe(old.messages[0]!.text);
    expect((await cases.get(old.caseId))?.messages[0]?.text).toBe(old.messages[0]!.text);
    const r = record(prose(5_000));
    await cases.create(r);
    await expect(legacy.get(r.caseId)).rejects.toThrow('no message text store');
  });

  it('follow-ups: the text goes out of the item, once however often the message is delivered', async () => {
    const r = record('curto');
    await cases.create(r);
    const followUp = message(prose(20_000), { receivedAt: '2026-03-03T09:00:00.000Z' });
    const results = await Promise.all(Array.from({ length: 5 }, () => cases.appendMessage(r.caseId, followUp)));
    expect(results.filter(Boolean)).toHaveLength(1);
    const stored = await cases.get(r.caseId);
    expect(stored?.messages.map((m) => m.text)).toEqual(['curto', followUp.text]);
    expect(objectsOf(texts, r.caseId)).toHaveLength(1);
    const msg = await item(`CASE#${r.caseId}`, `MSG#${followUp.receivedAt}#${followUp.sourceId}`);
    expect(size(msg)).toBeLessThan(1024);
  });

  it('a crash after the text put, before the item: the retry completes with the same text, one object', async () => {
    const r = record(prose(30_000));
    const flaky = new DynamoCaseRepository({ client: failingClient(isFirstMessagePut), tableName: TABLE, texts });
    await expect(flaky.create(r)).rejects.toThrow('injected');
    expect(await item(`CASE#${r.caseId}`, 'CASE')).toBeUndefined();
    expect(await item(`CASE#${r.caseId}`, FIRST_MESSAGE_SK)).toBeUndefined();
    expect(objectsOf(texts, r.caseId)).toHaveLength(1);
    const { created } = await flaky.create(r);
    expect(created).toBe(true);
    expect((await cases.get(r.caseId))?.messages[0]?.text).toBe(r.messages[0]!.text);
    expect(objectsOf(texts, r.caseId)).toHaveLength(1);
  });

  it('a failed text put writes no item: nothing references a text that is not there', async () => {
    const failing: MessageTextStore = {
      ...texts,
      put: async () => {
        throw new Error('injected: S3 unavailable');
      },
      get: (ref) => texts.get(ref),
      markClosed: (ref, at) => texts.markClosed(ref, at),
      markOpen: (ref) => texts.markOpen(ref),
      deleteCase: (caseId) => texts.deleteCase(caseId),
    };
    const r = record(prose(30_000));
    await expect(
      new DynamoCaseRepository({ client: d.doc, tableName: TABLE, texts: failing }).create(r),
    ).rejects.toThrow('S3 unavailable');
    expect(await item(`CASE#${r.caseId}`, FIRST_MESSAGE_SK)).toBeUndefined();
    expect(await item(`CASE#${r.caseId}`, 'CASE')).toBeUndefined();
    await cases.create(r);
    expect((await cases.get(r.caseId))?.messages[0]?.text).toBe(r.messages[0]!.text);
  });

  it('10 concurrent deliveries make one case with its one text', async () => {
    const r = record(prose(40_000));
    const results = await Promise.all(Array.from({ length: 10 }, () => cases.create(r)));
    expect(results.filter((x) => x.created)).toHaveLength(1);
    for (const x of results) expect(x.record.messages[0]?.text).toBe(r.messages[0]!.text);
    expect(objectsOf(texts, r.caseId)).toHaveLength(1);
  });

  it('a reused id with another text never changes the text the case references', async () => {
    const r = record(prose(8_000));
    await cases.create(r);
    const other = { ...r, messages: [{ ...r.messages[0]!, text: `${prose(9_000)}outro texto` }] };
    const { created, record: stored } = await cases.create(other);
    expect(created).toBe(false);
    expect(stored.messages[0]?.text).toBe(r.messages[0]!.text);
    expect((await cases.get(r.caseId))?.messages[0]?.text).toBe(r.messages[0]!.text);
  });

  it('retention: a redirected record’s text is tagged at put; closing and reopening move every text’s tag', async () => {
    const redirected = record(prose(3_000), { status: 'REDIRECTED', outcome: 'NO_PRIOR_TICKET' });
    await cases.create(redirected);
    const [key] = objectsOf(texts, redirected.caseId);
    expect(texts.tagOf(key!)).toBe('redirected');

    const r = record(prose(3_000));
    await cases.create(r);
    await cases.appendMessage(r.caseId, message(prose(4_000), { receivedAt: '2026-03-04T09:00:00.000Z' }));
    const keys = objectsOf(texts, r.caseId);
    expect(keys).toHaveLength(2);
    const closedAt = new Date('2026-03-10T12:00:00.000Z');
    await applyCaseRetention(d.doc, TABLE, { caseId: r.caseId }, 1_900_000_000, { store: texts, closedAt });
    for (const k of keys) expect(texts.tagOf(k)).toBe('closed-case');
    await applyCaseRetention(d.doc, TABLE, { caseId: r.caseId }, null, { store: texts, closedAt });
    for (const k of keys) expect(texts.tagOf(k)).toBeUndefined();
  });

  it('data-subject export reads the whole texts; erasure deletes them, and a second run still completes', async () => {
    const r = record(prose(12_000));
    r.status = 'REDIRECTED';
    r.outcome = 'NO_PRIOR_TICKET';
    await cases.create(r);
    await cases.appendMessage(r.caseId, message(prose(2_000), { receivedAt: '2026-03-05T09:00:00.000Z' }));
    const store = new DynamoDataSubjectStore(d.doc, TABLE, texts);
    const [found] = await store.cases(r.senderEmail);
    expect(found?.messages.map((m) => m.text.length)).toEqual([r.messages[0]!.text.length, expect.any(Number)]);
    expect(found?.messages[0]?.text).toBe(r.messages[0]!.text);

    const deps = {
      store,
      rawMail: { read: async () => null, erase: async () => 0 },
      messageTexts: texts,
      clock: new FixedClock(new Date('2026-04-01T12:00:00.000Z')),
      timeZone: 'America/Sao_Paulo',
      calendar: officeCalendar(localConfig),
    };
    // Interrupted after the texts went: the cases are still found, their texts read as gone.
    await texts.deleteCase(r.caseId);
    const [half] = await store.cases(r.senderEmail);
    expect(half?.messages[0]?.text).toBe(MISSING_TEXT_NOTE);
    const result = await eraseSubject(r.senderEmail, deps, { confirmed: true });
    expect(result.erased).toBe(true);
    expect(objectsOf(texts, r.caseId)).toHaveLength(0);
    expect(await store.cases(r.senderEmail)).toEqual([]);
  });

  it('a lifecycle commit keeps only the reference of a long text on the case item, and the message reads whole', async () => {
    const r = record('curto', { status: 'ASSIGNED', assignee: 'ana' } as Partial<CaseRecord>);
    await cases.create(r);
    const work = new DynamoCaseWorkStore({ client: d.doc, tableName: TABLE, repository: cases });
    const answer = message(prose(190_000), { direction: 'out', author: 'ana', receivedAt: '2026-03-04T10:00:00.000Z' });
    // A crash right after the commit: the message is still in the map when the next reader comes.
    const failing = failingClient(
      (input) => (input.Item as { sk?: string } | undefined)?.sk?.startsWith('SRC#') === true,
    );
    const flaky = new DynamoCaseWorkStore({
      client: failing,
      tableName: TABLE,
      repository: new DynamoCaseRepository({ client: failing, tableName: TABLE, texts }),
    });
    const committed = flaky.commit({
      caseId: r.caseId,
      expectedVersion: 0,
      changes: {},
      events: [],
      messages: [answer],
      effects: [],
    });
    await expect(committed).rejects.toThrow('injected');
    const caseItem = await item(`CASE#${r.caseId}`, 'CASE');
    const entry = caseItem?.[PENDING_MESSAGES_ATTRIBUTE]?.[answer.sourceId];
    expect(entry?.text).toBeUndefined();
    expect(entry?.textRef).toMatchObject({ key: expect.stringMatching(/^messages\//) });
    expect(size(caseItem)).toBeLessThan(2048);
    // The next reader gets the whole (capped) text and moves the message to its item, reusing the object.
    const c = await work.get(r.caseId);
    const read = c?.messages.at(-1)?.text ?? '';
    expect(read.endsWith(TRUNCATION_NOTE)).toBe(true);
    expect(answer.text.startsWith(read.slice(0, -TRUNCATION_NOTE.length))).toBe(true);
    expect((await item(`CASE#${r.caseId}`, 'CASE'))?.[PENDING_MESSAGES_ATTRIBUTE]?.[answer.sourceId]).toBeUndefined();
    expect((await cases.get(r.caseId))?.messages.at(-1)?.text).toBe(read);
    expect(objectsOf(texts, r.caseId)).toHaveLength(1);
  });

  it('close, reopen, close again: every item of the case, the last mails’ pointers and texts included, follows', async () => {
    const r = record(prose(3_000), { status: 'ASSIGNED', assignee: 'ana' } as Partial<CaseRecord>);
    await cases.create(r);
    const work = new DynamoCaseWorkStore({ client: d.doc, tableName: TABLE, repository: cases });
    const ttls = async () => {
      const { Items } = await d.doc.send(
        new ScanCommand({
          TableName: TABLE,
          FilterExpression: 'pk = :pk OR caseId = :id',
          ExpressionAttributeValues: { ':pk': `CASE#${r.caseId}`, ':id': r.caseId },
        }),
      );
      return new Set((Items ?? []).map((i) => i['expiresAt']));
    };
    const tags = () => new Set(objectsOf(texts, r.caseId).map((k) => texts.tagOf(k)));
    const close = async (version: number, at: string, sourceId: string) => {
      const closing = message(prose(2_000), { sourceId, direction: 'out', author: 'ana', receivedAt: at });
      const result = await work.commit({
        caseId: r.caseId,
        expectedVersion: version,
        changes: { status: 'CLOSED', closedAt: at },
        events: [],
        messages: [closing],
        effects: [],
      });
      expect(result.ok).toBe(true);
      // The closing mail goes out after the commit: its pointers are registered then; the
      // transition's item-retention effect runs after it.
      await work.addMessageIds(r.caseId, [`${sourceId}@ouvidoria.example.com.br`]);
      await work.applyItemRetention(r.caseId);
      return Math.floor(Date.parse(at) / 1000) + 1826 * 86_400;
    };
    const first = await close(0, '2026-03-10T12:00:00.000Z', 'close-1');
    expect(await ttls()).toEqual(new Set([first]));
    expect(tags()).toEqual(new Set(['closed-case']));
    // The merchant writes within the window: reopened, everything is kept again.
    await cases.appendMessage(r.caseId, message(prose(1_500), { receivedAt: '2026-03-12T09:00:00.000Z' }));
    expect(
      (
        await work.commit({
          caseId: r.caseId,
          expectedVersion: 1,
          changes: { status: 'IN_PROGRESS' },
          events: [],
          messages: [],
          effects: [],
        })
      ).ok,
    ).toBe(true);
    await work.applyItemRetention(r.caseId);
    expect(await ttls()).toEqual(new Set([undefined]));
    expect(tags()).toEqual(new Set([undefined]));
    const second = await close(2, '2026-03-20T12:00:00.000Z', 'close-2');
    expect(await ttls()).toEqual(new Set([second]));
    expect(tags()).toEqual(new Set(['closed-case']));
  });

  it('reads the texts of a case in parallel', async () => {
    let inFlight = 0;
    let most = 0;
    const slow: MessageTextStore = {
      put: (target, text) => texts.put(target, text),
      get: async (ref: MessageTextRef) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 20));
        inFlight--;
        return texts.get(ref);
      },
      markClosed: (ref, at) => texts.markClosed(ref, at),
      markOpen: (ref) => texts.markOpen(ref),
      deleteCase: (caseId) => texts.deleteCase(caseId),
    };
    const repo = new DynamoCaseRepository({ client: d.doc, tableName: TABLE, texts: slow });
    const r = record(prose(2_000));
    await repo.create(r);
    for (let i = 0; i < 3; i++) {
      await repo.appendMessage(r.caseId, message(prose(2_000 + i), { receivedAt: `2026-03-0${i + 3}T09:00:00.000Z` }));
    }
    expect((await repo.get(r.caseId))?.messages).toHaveLength(4);
    expect(most).toBe(4);
  });
});

describe('reads only the texts a reader shows (issue 16: a long case costs what is shown)', () => {
  /** The shared local store, its GETs counted by key. */
  function counting() {
    const gets: string[] = [];
    const store: MessageTextStore = {
      put: (target, text) => texts.put(target, text),
      get: async (ref: MessageTextRef) => {
        gets.push(ref.key);
        return texts.get(ref);
      },
      markClosed: (ref, at) => texts.markClosed(ref, at),
      markOpen: (ref) => texts.markOpen(ref),
      deleteCase: (caseId) => texts.deleteCase(caseId),
    };
    return { gets, repo: new DynamoCaseRepository({ client: d.doc, tableName: TABLE, texts: store }) };
  }
  /** A queued case whose complaint and `followUps` merchant mails are all long texts (each one object). */
  async function longCase(repo: DynamoCaseRepository, followUps: number): Promise<CaseRecord> {
    const r = record(`${prose(2_000)} Mensagem 1.`, { protocol: `OUV-2026-${String(700_000 + seq).padStart(6, '0')}` });
    await repo.create(r);
    for (let i = 0; i < followUps; i++) {
      const at = new Date(Date.parse('2026-03-03T09:00:00.000Z') + i * 60_000).toISOString();
      await repo.appendMessage(r.caseId, message(`${prose(2_000)} Mensagem ${i + 2}.`, { receivedAt: at }));
    }
    return r;
  }

  it.each<[string, TextsShown, number[]]>([
    ['nothing', NO_TEXTS, []],
    ['the first', FIRST_TEXT, [1]],
    ['the notice’s ten: the complaint and the nine newest', NOTICE_TEXTS, [1, 23, 24, 25, 26, 27, 28, 29, 30, 31]],
    ['a window', () => positionsBetween(4, 7, 31), [5, 6, 7]],
  ])(
    'get with %s: one GET per shown text, each whole; the others empty, every message in order',
    async (_n, shown, numbers) => {
      const { gets, repo } = counting();
      const r = await longCase(repo, 30);
      gets.length = 0;
      const c = await repo.get(r.caseId, shown);
      expect(gets).toHaveLength(numbers.length);
      expect(c?.messages).toHaveLength(31);
      c?.messages.forEach((m, i) => {
        if (numbers.includes(i + 1)) expect(m.text.endsWith(` Mensagem ${i + 1}.`)).toBe(true);
        else expect(m.text).toBe('');
      });
      const whole = await repo.get(r.caseId);
      expect(c?.messages.map(({ text: _t, ...m }) => m)).toEqual(whole?.messages.map(({ text: _t, ...m }) => m));
    },
  );

  it('listBySender with a rule: each listed case reads only its shown texts', async () => {
    const { gets, repo } = counting();
    const r = await longCase(repo, 5);
    gets.length = 0;
    const listed = await repo.listBySender(r.senderEmail, 10, FIRST_TEXT);
    const mine = listed.find((c) => c.caseId === r.caseId);
    expect(mine?.messages).toHaveLength(6);
    expect(mine?.messages[0]?.text.endsWith(' Mensagem 1.')).toBe(true);
    expect(mine?.messages.slice(1).map((m) => m.text)).toEqual(['', '', '', '', '']);
    expect(gets.filter((key) => key.startsWith(messageTextCasePrefix(r.caseId)))).toHaveLength(1);
  });

  it.each([
    [3, 4],
    [30, NOTICE_MESSAGES],
  ])('the assignment of a case with %i long follow-ups reads %i texts, the notice’s', async (followUps, reads) => {
    const { gets, repo } = counting();
    const r = await longCase(repo, followUps);
    gets.length = 0;
    const mailer = new RecordingMailer();
    const staff = new InMemoryStaffRepository([
      { id: 'ana', name: 'Ana Souza', email: 'ana@ouvidoria.example.com.br', active: true, openCases: 0 },
    ]);
    const result = await assignCase(
      { caseId: r.caseId, protocol: r.protocol as string },
      {
        cases: repo,
        staff,
        mailer,
        scheduler: new RecordingScheduler(),
        clock: new FixedClock(new Date('2026-11-30T10:00:00-03:00')),
        config: localConfig,
      },
    );
    expect(result.kind).toBe('assigned');
    expect(gets).toHaveLength(reads);
    const notice = mailer.sent[0]?.text ?? '';
    expect(notice).toContain('Mensagem 1.');
    expect(notice).toContain(`Mensagem ${followUps + 1}.`);
  });
});
