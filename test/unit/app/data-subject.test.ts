import { officeCalendar } from '../../../shared/domain/calendar';
import { heldReplyDates } from '../../../shared/domain/bounce-breaker';
import { localConfig } from '../../../shared/domain/config';
import { describe, expect, it } from 'vitest';
import {
  assertAddress,
  type DataSubjectDeps,
  eraseSubject,
  exportSubject,
  rawLocationsOf,
  subjectHash,
} from '../../../shared/app/data-subject';
import { FixedClock } from '../../support/fakes';
import { growth } from '../../support/growth';
import { MAX_MAILBOX_ADDRESS_CHARS } from '../../../shared/domain/mailbox';
import {
  citationKey,
  statusLinkCaseKey,
  statusLinkInboxKey,
  webformConfirmKey,
} from '../../../shared/domain/rate-keys';
import { InMemoryDataSubjectStore, InMemoryRawMailArchive, subjectCase } from '../../support/data-subject-fakes';

const EMAIL = 'maria@lojadamaria.com.br';
const RAW = 'From: maria\r\n\r\nolá';
const NOW = new Date('2026-03-10T02:30:00Z'); // 23:30 on the 9th in São Paulo

function world() {
  const store = new InMemoryDataSubjectStore();
  const rawMail = new InMemoryRawMailArchive();
  const progress: string[] = [];
  const deps: DataSubjectDeps = {
    store,
    rawMail,
    clock: new FixedClock(NOW),
    timeZone: 'America/Sao_Paulo',
    calendar: officeCalendar(localConfig),
    progress: (l) => progress.push(l),
  };
  return { store, rawMail, progress, deps };
}

describe('assertAddress and subjectHash', () => {
  it.each([
    [' Maria@LojaDaMaria.com.br ', EMAIL],
    ['a@b.co', 'a@b.co'],
  ])('normalises %j', (input, expected) => {
    expect(assertAddress(input)).toBe(expected);
  });

  it.each(['', 'maria', 'maria@loja', 'a b@c.com', '@c.com'])('refuses %j', (input) => {
    expect(() => assertAddress(input)).toThrow(/Endereço de e-mail inválido/);
  });

  // An address of n characters: 'maria@' + the domain's name + '.com.br'.
  const ofLength = (n: number) => `maria@${'l'.repeat(n - 13)}.com.br`;

  // Any address a case may hold (a mailed one may pass the forms' 254), none longer.
  it('takes an address up to MAX_MAILBOX_ADDRESS_CHARS and refuses a longer one', () => {
    expect(assertAddress(ofLength(MAX_MAILBOX_ADDRESS_CHARS))).toBe(ofLength(MAX_MAILBOX_ADDRESS_CHARS));
    expect(() => assertAddress(ofLength(MAX_MAILBOX_ADDRESS_CHARS + 1))).toThrow(/Endereço de e-mail inválido/);
  });

  // The CLI's argument reached the pattern uncut: the domain's two runs around its dot traded a run of
  // dots, quadratic (20,000 dots took 64 ms, 200,000 about 6 s).
  it('refuses a long run of dots in linear time', () => {
    const refuse = (typed: string) => {
      try {
        assertAddress(typed);
      } catch {
        return;
      }
      throw new Error('accepted');
    };
    expect(growth((n) => `maria@${'.'.repeat(n)}@`, refuse, 2_000)).toBeLessThan(30);
  }, 60_000);

  it('hashes the normalised address (sha256 hex), so case and spaces do not matter', () => {
    expect(subjectHash(EMAIL)).toMatch(/^[0-9a-f]{64}$/);
    expect(subjectHash(' MARIA@lojadamaria.com.br')).toBe(subjectHash(EMAIL));
  });
});

describe('rawLocationsOf', () => {
  it('lists each raw mail once', () => {
    const shared = { bucket: 'b', key: 'inbound/1' };
    const cases = [subjectCase('1', {}, shared), subjectCase('2', {}, shared), subjectCase('3')];
    expect(rawLocationsOf(cases)).toEqual([shared, { bucket: 'raw-mail', key: 'inbound/3' }]);
  });

  it('lists the raw mail of a staff mail of commands only, which the case item’s history names', () => {
    const note = { bucket: 'raw-mail', key: 'inbound/staff-note' };
    const c = subjectCase('1');
    const withNote = {
      ...c,
      items: c.items.map((i) =>
        i.key.sk === 'CASE' ? { ...i, item: { ...i.item, history: [{ type: 'note', text: 'x', raw: note }] } } : i,
      ),
    };
    expect(rawLocationsOf([withNote])).toEqual([{ bucket: 'raw-mail', key: 'inbound/1' }, note]);
  });

  it('lists the raw mail of a refused staff mail about her case, for her erasure, not for her export', () => {
    const refused = { bucket: 'raw-mail', key: 'inbound/staff-refused' };
    const c = subjectCase('1');
    const withRefusal = {
      ...c,
      items: c.items.map((i) =>
        i.key.sk === 'CASE'
          ? { ...i, item: { ...i.item, history: [{ type: 'refused', code: 'malformed-command', raw: refused }] } }
          : i,
      ),
    };
    expect(rawLocationsOf([withRefusal])).toEqual([{ bucket: 'raw-mail', key: 'inbound/1' }, refused]);
    expect(rawLocationsOf([withRefusal], { theirs: true })).toEqual([{ bucket: 'raw-mail', key: 'inbound/1' }]);
  });

  it('for her export, only the mails she sent: not the staff’s answers or their mails of commands (addresses, reply tokens, notes)', () => {
    const note = { bucket: 'raw-mail', key: 'inbound/staff-note' };
    const answer = { bucket: 'raw-mail', key: 'inbound/staff-answer' };
    const c = subjectCase('1');
    const worked = {
      ...c,
      messages: [
        ...c.messages,
        { ...c.messages[0]!, sourceId: 'staff-answer', direction: 'out' as const, raw: answer },
        {
          ...c.messages[0]!,
          sourceId: 'reply-2',
          direction: 'in' as const,
          raw: { bucket: 'raw-mail', key: 'inbound/2' },
        },
      ],
      items: c.items.map((i) =>
        i.key.sk === 'CASE' ? { ...i, item: { ...i.item, history: [{ type: 'note', text: 'x', raw: note }] } } : i,
      ),
    };
    expect(rawLocationsOf([worked], { theirs: true })).toEqual([
      { bucket: 'raw-mail', key: 'inbound/1' },
      { bucket: 'raw-mail', key: 'inbound/2' },
    ]);
    // An erasure still deletes every one of them.
    expect(rawLocationsOf([worked])).toEqual([
      { bucket: 'raw-mail', key: 'inbound/1' },
      answer,
      { bucket: 'raw-mail', key: 'inbound/2' },
      note,
    ]);
  });

  it('lists the raw mail kept with the case without a message: another delivery, a delivery report', () => {
    const copy = { bucket: 'raw-mail', key: 'inbound/second-delivery' };
    const report = { bucket: 'raw-mail', key: 'inbound/dsn' };
    const c = subjectCase('1');
    const kept = (raw: object, sk: string) => ({ key: { pk: 'RAWCOPY#1', sk }, item: { type: 'RAW_COPY', raw } });
    const withCopies = {
      ...c,
      related: [...c.related, kept(copy, 'COPY#a'), kept(report, 'COPY#b'), kept({ x: 1 }, 'COPY#c')],
    };
    expect(rawLocationsOf([withCopies])).toEqual([{ bucket: 'raw-mail', key: 'inbound/1' }, copy, report]);
  });
});

describe('exportSubject', () => {
  it('exports the cases, address items, raw mail files (absent ones listed) and no tombstone yet', async () => {
    const w = world();
    w.store.byAddress.set(EMAIL, [subjectCase('1'), subjectCase('2', { status: 'ASSIGNED' })]);
    w.store.address.set(EMAIL, [{ key: { pk: `OPEN#${EMAIL}`, sk: 'OPEN' }, item: { ids: ['2'] } }]);
    w.rawMail.put({ bucket: 'raw-mail', key: 'inbound/1' }, RAW);
    const { data, files } = await exportSubject(` ${EMAIL.toUpperCase()}`, w.deps);
    expect(data).toMatchObject({ format: 'ouvidoria-titular-v1', subject: EMAIL, exportedAt: NOW.toISOString() });
    expect(data.cases.map((c) => [c.caseId, c.protocol, c.status])).toEqual([
      ['1', 'OUV-1', 'CLOSED'],
      ['2', 'OUV-2', 'ASSIGNED'],
    ]);
    expect(data.addressItems).toHaveLength(1);
    expect(data.rawMail).toEqual([
      {
        location: { bucket: 'raw-mail', key: 'inbound/1' },
        file: 'eml/0001-inbound_1.eml',
        bytes: Buffer.byteLength(RAW),
      },
      { location: { bucket: 'raw-mail', key: 'inbound/2' }, file: null, bytes: 0 },
    ]);
    expect([...files.keys()]).toEqual(['eml/0001-inbound_1.eml']);
    expect(data.tombstone).toBeNull();
    expect(w.progress[0]).toBe('2 caso(s) encontrados');
  });

  // A guidance reply the bounce breaker held names her address and her mail's Message-ID (HELDREPLY#).
  it('exports the guidance replies held for her cases or her address, read over the dates they may be kept', async () => {
    const w = world();
    w.store.byAddress.set(EMAIL, [subjectCase('1')]);
    const held = (caseId: string, to: string, sk: string) => ({
      caseId,
      to,
      key: { pk: 'HELDREPLY#2026-03-08', sk },
      item: { reply: { caseId, to } },
    });
    w.store.held.push(held('1', EMAIL, 'a'), held('9', EMAIL, 'b'), held('7', 'outra@loja.example', 'c'));
    const { data } = await exportSubject(EMAIL, w.deps);
    expect(data.addressItems.map((a) => a.key.sk)).toEqual(['a', 'b']);
    expect(w.store.heldAsked).toEqual([heldReplyDates(NOW)]);
    const erased = await eraseSubject(EMAIL, w.deps, { confirmed: true });
    expect(erased.erased).toBe(true);
    expect(w.store.removed.filter((k) => k.pk.startsWith('HELDREPLY#')).map((k) => k.sk)).toEqual(['a', 'b']);
  });

  it('asks for the throttle items of today, yesterday and each case day, in office time', async () => {
    const w = world();
    w.store.byAddress.set(EMAIL, [subjectCase('1', { createdAt: '2026-02-01T01:00:00.000Z' })]);
    await exportSubject(EMAIL, w.deps);
    expect(w.store.daysAsked).toEqual([['2026-01-31', '2026-03-08', '2026-03-09']]);
  });

  it('refuses an invalid address before reading anything', async () => {
    const w = world();
    await expect(exportSubject('não-é-email', w.deps)).rejects.toThrow(/inválido/);
    expect(w.store.daysAsked).toEqual([]);
  });
});

describe('eraseSubject', () => {
  it.each([
    ['ASSIGNED', 1],
    ['QUEUED', 1],
    ['WAITING_MERCHANT', 1],
  ])('refuses while a case is %s unless confirmed', async (status, open) => {
    const w = world();
    w.store.byAddress.set(EMAIL, [subjectCase('1', { status }), subjectCase('2')]);
    expect(await eraseSubject(EMAIL, w.deps, { confirmed: false })).toEqual({
      erased: false,
      reason: 'open-cases',
      openCases: open,
    });
    expect(w.store.removed).toEqual([]);
    expect(w.store.tombstones.size).toBe(0);
  });

  it('erases raw mail, pointers, the partition (case item last) and address items, then writes the tombstone', async () => {
    const w = world();
    w.store.byAddress.set(EMAIL, [subjectCase('1', { status: 'IN_PROGRESS', assignee: 'ana' })]);
    w.store.address.set(EMAIL, [{ key: { pk: `BOUNCE#${EMAIL}`, sk: 'BOUNCE' }, item: {} }]);
    w.rawMail.put({ bucket: 'raw-mail', key: 'inbound/1' }, 'x');
    const result = await eraseSubject(EMAIL, w.deps, { confirmed: true });
    expect(result).toEqual({
      erased: true,
      tombstone: {
        subjectHash: subjectHash(EMAIL),
        erasedAt: NOW.toISOString(),
        counts: { cases: 1, items: 4, rawMail: 1 },
      },
    });
    expect(w.store.removed.map((k) => `${k.pk}/${k.sk}`)).toEqual([
      'PROTOCOL#OUV-1/PROTOCOL',
      'CASE#1/SRC#1',
      'CASE#1/CASE',
      `BOUNCE#${EMAIL}/BOUNCE`,
    ]);
    expect(w.store.released).toEqual([['ana', '1']]);
    // Its place in the sender's cap, and what a racing survey answer may still write after the case item.
    expect(w.store.senderReleased).toEqual([[EMAIL, '1']]);
    expect(w.store.lateRemoved).toEqual(['1']);
    expect(w.rawMail.objects.size).toBe(0);
    expect(JSON.stringify([...w.store.tombstones.values()])).not.toContain(EMAIL);
  });

  it.each([
    {
      name: 'closed and rated',
      survey: [
        {
          key: { pk: 'SURVEY#OUV-1', sk: 'SURVEY' },
          item: { protocol: 'OUV-1', score: 4, comment: 'A Maria adorou', answeredAt: '2026-03-06T12:00:00.000Z' },
        },
      ],
      expected: { survey: 4 },
    },
    { name: 'closed, survey unanswered', survey: [], expected: { survey: null } },
  ])(
    'keeps what the report counts of each erased case ($name), nothing that names her',
    async ({ survey, expected }) => {
      const w = world();
      const c = subjectCase('1');
      w.store.byAddress.set(EMAIL, [{ ...c, related: [...c.related, ...survey] }]);
      await eraseSubject(EMAIL, w.deps, { confirmed: false });
      const kept = w.store.statistics.get('1');
      expect(kept).toEqual({
        createdOn: '2026-03-02',
        channel: 'email',
        status: 'CLOSED',
        outcome: 'ACCEPTED',
        topics: ['topic.billing.complaint'],
        analyst: 'ana',
        analysts: ['ana'],
        firstAnswerDays: 1,
        firstAnsweredOn: '2026-03-03',
        closures: [
          // The survey its closing offered, with her answer to it.
          {
            closedOn: '2026-03-05',
            closeDays: 3,
            category: 'procedente',
            closedBy: 'ana',
            withinDeadline: true,
            ...expected,
          },
        ],
      });
      for (const personal of ['maria', 'Maria', 'OUV-', 'Chamado', 'Estorno', 'problema', 'T1']) {
        expect(JSON.stringify(kept)).not.toContain(personal);
      }
    },
  );

  it('a second erasure keeps the earlier one in the tombstone', async () => {
    const w = world();
    w.store.byAddress.set(EMAIL, [subjectCase('1')]);
    await eraseSubject(EMAIL, w.deps, { confirmed: false });
    const again = await eraseSubject(EMAIL, w.deps, { confirmed: false });
    expect(again).toMatchObject({
      erased: true,
      tombstone: {
        counts: { cases: 0, items: 0, rawMail: 0 },
        previous: [{ erasedAt: NOW.toISOString(), counts: { cases: 1, items: 3, rawMail: 0 } }],
      },
    });
  });
});

describe('webform files without an upload archive', () => {
  it('an export or an erasure of cases holding webform files refuses before reading or erasing anything', async () => {
    const w = world();
    const c = subjectCase('1');
    const file = {
      key: 'uploads/1/nota.pdf',
      filename: 'nota.pdf',
      contentType: 'application/pdf',
      size: 3,
      inline: false,
    };
    w.store.byAddress.set(EMAIL, [{ ...c, messages: c.messages.map((m) => ({ ...m, attachments: [file] })) }]);
    w.rawMail.put({ bucket: 'raw-mail', key: 'inbound/1' }, RAW);
    // An export without them would not be everything; an erasure would leave them and say it erased.
    await expect(exportSubject(EMAIL, w.deps)).rejects.toThrow(/UPLOADS_BUCKET/);
    await expect(eraseSubject(EMAIL, w.deps, { confirmed: true })).rejects.toThrow(/UPLOADS_BUCKET/);
    expect(w.store.removed).toEqual([]);
    expect(w.rawMail.objects.size).toBe(1);
    expect(w.store.tombstones.size).toBe(0);
  });
});

// A clean webform file is the case's copy under claimed/; the upload it was made from is kept a day
// (tagged `moved`) before the lifecycle deletes it. An erasure takes both at once.
describe('erasing webform files', () => {
  it.each([
    [
      'a claimed copy: the copy and its upload',
      `claimed/${'d'.repeat(32)}/01`,
      [`claimed/${'d'.repeat(32)}/01`, `uploads/${'d'.repeat(32)}/01`],
    ],
    [
      'a file claimed before its scan (still under uploads/): it and the copy a scan result may be making',
      `uploads/${'d'.repeat(32)}/01`,
      [`uploads/${'d'.repeat(32)}/01`, `claimed/${'d'.repeat(32)}/01`],
    ],
  ])('%s', async (_label, key, erased) => {
    const w = world();
    const c = subjectCase('1');
    const file = { key, filename: 'nota.pdf', contentType: 'application/pdf', size: 3, inline: false };
    w.store.byAddress.set(EMAIL, [{ ...c, messages: c.messages.map((m) => ({ ...m, attachments: [file] })) }]);
    w.rawMail.put({ bucket: 'raw-mail', key: 'inbound/1' }, RAW);
    const gone: string[] = [];
    const erase = async (k: string) => {
      gone.push(k);
      return 1;
    };
    const deps = { ...w.deps, uploads: { read: async () => null, erase, list: async () => [] } };
    const result = await eraseSubject(EMAIL, deps, { confirmed: true });
    expect(gone).toEqual(erased);
    expect(result).toMatchObject({ erased: true });
  });
});

// A post that cites a ticket waits for its confirmation link with its files in the uploads bucket
// (`uploads/<pending id>/`, up to pendingUploadDays): they are hers, tied to her by its PENDING# item.
describe('files of her webform posts waiting for confirmation', () => {
  const A = 'a'.repeat(32);
  const B = 'b'.repeat(32);
  const C = 'c'.repeat(32);

  /** An in-memory uploads bucket: keys and bytes, erasures recorded. */
  function bucket(objects: Record<string, string>) {
    const held = new Map(Object.entries(objects).map(([k, v]) => [k, Buffer.from(v)]));
    const erased: string[] = [];
    return {
      held,
      erased,
      archive: {
        read: async (key: string) => held.get(key) ?? null,
        list: async (prefix: string) => [...held.keys()].filter((k) => k.startsWith(prefix)).sort(),
        erase: async (key: string) => {
          erased.push(key);
          return held.delete(key) ? 1 : 0;
        },
      },
    };
  }

  function withPending() {
    const w = world();
    w.store.address.set(EMAIL, [
      {
        key: { pk: `PENDING#form-${'1'.repeat(64)}`, sk: 'PENDING' },
        item: { email: EMAIL, pendingUploadId: A, repeatUploadId: B },
      },
    ]);
    const files = bucket({
      [`uploads/${A}/01`]: '%PDF-fatura',
      [`uploads/${A}/02`]: 'print',
      [`uploads/${B}/01`]: 'esquecido',
      // Another person's pending post: never hers.
      [`uploads/${C}/01`]: 'de outra pessoa',
    });
    return { w, files, deps: { ...w.deps, uploads: files.archive } };
  }

  it('her export holds them (bytes, under a name no program opens), and no one else’s', async () => {
    const { deps } = withPending();
    const { data, files } = await exportSubject(EMAIL, deps);
    expect(data.pendingUploads.map((u) => [u.pendingId, u.key, u.bytes])).toEqual([
      [A, `uploads/${A}/01`, 11],
      [A, `uploads/${A}/02`, 5],
      [B, `uploads/${B}/01`, 9],
    ]);
    for (const u of data.pendingUploads) {
      expect(u.file).toMatch(/^anexos-pendentes\/.*\.pendente$/);
      expect(files.get(u.file as string)?.length).toBe(u.bytes);
    }
    expect(JSON.stringify(data)).not.toContain(C);
  });

  it('her erasure deletes them, counted on the tombstone, before the PENDING# item goes; another person’s stay', async () => {
    const { deps, files } = withPending();
    const result = await eraseSubject(EMAIL, deps, { confirmed: true });
    expect(files.erased.sort()).toEqual([`uploads/${A}/01`, `uploads/${A}/02`, `uploads/${B}/01`]);
    expect([...files.held.keys()]).toEqual([`uploads/${C}/01`]);
    expect(result).toMatchObject({ erased: true, tombstone: { counts: { uploads: 3 } } });
  });

  it('without an upload archive, an export or erasure of an address with such files refuses before anything', async () => {
    const { w } = withPending();
    await expect(exportSubject(EMAIL, w.deps)).rejects.toThrow(/UPLOADS_BUCKET/);
    await expect(eraseSubject(EMAIL, w.deps, { confirmed: true })).rejects.toThrow(/UPLOADS_BUCKET/);
    expect(w.store.removed).toEqual([]);
  });
});

// Journey 50: Joana (the store's finance) replied on Mariana's case thread from her own address;
// after Mariana's erasure Joana's record still named the erased case (referencedCaseId, the
// console's 'Caso citado' linking nowhere). The link goes; the record, Joana's, stays.
describe('the records that cited her case from other addresses', () => {
  const CASE = 'email:ses-9';
  it.each([
    ['one citing record', ['email:joana-1'], { 'email:joana-1': CASE }, {}],
    [
      'two, one of which cites another case since',
      ['email:joana-1', 'email:gmail-1'],
      { 'email:joana-1': CASE, 'email:gmail-1': 'email:ses-10' },
      { 'email:gmail-1': 'email:ses-10' },
    ],
    ['none', [], { 'email:outra-1': 'email:ses-10' }, { 'email:outra-1': 'email:ses-10' }],
  ])('%s: their link to her case goes, nothing else', async (_what, citedBy, before, after) => {
    const w = world();
    const c = subjectCase(CASE);
    const caseItem = c.items.find((i) => i.key.sk === 'CASE') as (typeof c.items)[number];
    caseItem.item['citedBy'] = citedBy;
    w.store.byAddress.set(EMAIL, [c]);
    for (const [citing, cited] of Object.entries(before)) w.store.citing.set(citing, cited);
    expect(await eraseSubject(EMAIL, w.deps, { confirmed: false })).toMatchObject({ erased: true });
    expect(Object.fromEntries(w.store.citing)).toEqual(after);
  });
});

// Red team 62: the other way round. Her mail cited another merchant's case without joining it
// ("Re: [OUV-2026-000123]" from her address): that case's citedBy listed her record's id, and after her
// erasure it still did (the analyst's 'Citado por: N', the other merchant's export, a slot of its list).
describe('the case her record cited from her address', () => {
  const CASE = 'email:ses-11';
  it.each([
    ['cited another case', 'email:outro-1', { 'email:outro-1': [CASE] }, { 'email:outro-1': [] }],
    [
      'cited a case that others cited too',
      'email:outro-1',
      { 'email:outro-1': ['email:joana-1', CASE, 'email:gmail-1'] },
      { 'email:outro-1': ['email:joana-1', 'email:gmail-1'] },
    ],
    ['cited nothing', undefined, { 'email:outro-1': ['email:joana-1'] }, { 'email:outro-1': ['email:joana-1'] }],
  ])('%s: her id leaves its list, nothing else', async (_what, referencedCaseId, before, after) => {
    const w = world();
    const c = subjectCase(CASE);
    const caseItem = c.items.find((i) => i.key.sk === 'CASE') as (typeof c.items)[number];
    if (referencedCaseId) caseItem.item['referencedCaseId'] = referencedCaseId;
    w.store.byAddress.set(EMAIL, [c]);
    for (const [cited, ids] of Object.entries(before)) w.store.citedBy.set(cited, [...ids]);
    expect(await eraseSubject(EMAIL, w.deps, { confirmed: false })).toMatchObject({ erased: true });
    expect(Object.fromEntries(w.store.citedBy)).toEqual(after);
  });
});

describe('what names her case outside its items: rate counters and the protocol counter', () => {
  // Mend 51: her erasure left the counters keyed by her case id (status links, citation notices) and
  // her hashed inbox until the TTL took them, and the protocol counter's lastCase naming her case
  // with no expiry. Her export did not list the counters either.
  const CASE = 'email:ses-7';
  const day = (daysBack: number) => new Date(Date.UTC(2026, 2, 10 - daysBack));
  function seeded() {
    const w = world();
    w.store.byAddress.set(EMAIL, [subjectCase(CASE, { protocol: 'OUV-2026-000007' })]);
    const counter = (key: string, window: Date) => {
      const held = { key: { pk: `RATE#${key}#${window.getTime() / 1000}`, sk: 'RATE' }, item: { hits: 1 } };
      w.store.counters.set(`${key}#${window.toISOString()}`, held);
      return held.key.pk;
    };
    const hers = {
      caseCounters: [
        counter(statusLinkCaseKey(CASE), day(0)),
        counter(statusLinkCaseKey(CASE), day(3)),
        counter(citationKey(CASE), day(1)),
      ],
      inboxCounters: [counter(statusLinkInboxKey(EMAIL), day(0))],
    };
    // Another case's counter, one past the days a counter can still be stored, another inbox's.
    const notHers = [
      counter(statusLinkCaseKey('email:ses-8'), day(0)),
      counter(statusLinkCaseKey(CASE), day(4)),
      counter(statusLinkInboxKey('outra@loja.com.br'), day(0)),
    ];
    w.store.lastCase.set(2026, CASE);
    w.store.lastCase.set(2025, 'email:ses-2025');
    return { w, hers, notHers };
  }

  // Mend 53: the webform's confirmation-mail counters of her hashed inbox (hourly, and by office day:
  // NOW is 23:30 on the 9th in São Paulo) were left to expire.
  const at = (iso: string) => new Date(iso);
  function withConfirmCounters() {
    const { w, hers, notHers } = seeded();
    const counter = (key: string, window: Date) => {
      const held = { key: { pk: `RATE#${key}#${window.getTime() / 1000}`, sk: 'RATE' }, item: { hits: 1 } };
      w.store.counters.set(`${key}#${window.toISOString()}`, held);
      return held.key.pk;
    };
    const confirm = [
      counter(webformConfirmKey(EMAIL, 'hour'), at('2026-03-10T02:00:00Z')),
      // The oldest hour that may still be stored: 95 hours before this one.
      counter(webformConfirmKey('Maria+Loja@LojaDaMaria.com.br', 'hour', 'unowned'), at('2026-03-06T03:00:00Z')),
      counter(webformConfirmKey(EMAIL, 'day'), at('2026-03-09T03:00:00Z')),
      counter(webformConfirmKey(EMAIL, 'day', 'unowned'), at('2026-03-06T03:00:00Z')),
    ];
    const others = [
      counter(webformConfirmKey(EMAIL, 'hour'), at('2026-03-06T02:00:00Z')),
      counter(webformConfirmKey(EMAIL, 'day'), at('2026-03-05T03:00:00Z')),
      counter(webformConfirmKey('outra@loja.com.br', 'hour'), at('2026-03-10T02:00:00Z')),
    ];
    return {
      w,
      hers: { ...hers, inboxCounters: [...hers.inboxCounters, ...confirm] },
      notHers: [...notHers, ...others],
    };
  }

  it("her export and her erasure take her inbox's confirmation-mail counters too, those that may still be stored", async () => {
    const listed = withConfirmCounters();
    const { data } = await exportSubject(EMAIL, listed.w.deps);
    expect(data.addressItems.map((a) => a.key.pk).sort()).toEqual([...listed.hers.inboxCounters].sort());
    const { w, hers, notHers } = withConfirmCounters();
    await eraseSubject(EMAIL, w.deps, { confirmed: false });
    const removed = w.store.removed.map((k) => k.pk);
    expect(removed).toEqual(expect.arrayContaining(hers.inboxCounters));
    for (const pk of notHers) expect(removed).not.toContain(pk);
  });

  it('her export lists the counters of her case and her inbox', async () => {
    const { w, hers } = seeded();
    const { data } = await exportSubject(EMAIL, w.deps);
    expect(data.cases[0]?.related.map((r) => r.key.pk)).toEqual(expect.arrayContaining(hers.caseCounters));
    expect(data.addressItems.map((a) => a.key.pk)).toEqual(hers.inboxCounters);
  });

  it('her erasure deletes them, counted, and the protocol counter forgets her case; nothing else goes', async () => {
    const { w, hers, notHers } = seeded();
    const result = await eraseSubject(EMAIL, w.deps, { confirmed: false });
    const removed = w.store.removed.map((k) => k.pk);
    expect(removed).toEqual(expect.arrayContaining([...hers.caseCounters, ...hers.inboxCounters]));
    for (const pk of notHers) expect(removed).not.toContain(pk);
    expect(result).toMatchObject({ erased: true, tombstone: { counts: { cases: 1 } } });
    expect([...w.store.lastCase]).toEqual([[2025, 'email:ses-2025']]);
  });
});
