/**
 * Data-subject requests (LGPD art. 18): a copy of everything held about an email address, and its
 * erasure, keeping only an anonymised tombstone (sha256 of the address, date, counts) so that a
 * later request can be answered ("we erased it on …"), and, apart from it and unlinked to it, what
 * the monthly report counts of each erased case (ReportEntry: not personal data), so that past
 * reports stay as they were. Used by `npm run titular`.
 */
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import type { OfficeCalendar } from '../domain/calendar';
import type { CaseMessage } from '../domain/case';
import { heldReplyDates } from '../domain/bounce-breaker';
import { isOpenStatus, type WorkStatus } from '../domain/lifecycle/types';
import { type ReportEntry, reportCaseFrom, reportEntryOf, reportSurveyFrom } from '../domain/report/figures';
import {
  caseRateKeys,
  dailyWindowsHeld,
  hourWindowsHeld,
  officeDayWindowsHeld,
  statusLinkInboxKey,
  webformConfirmKeys,
} from '../domain/rate-keys';
import { rawMailNamedBy, rawMailOf } from '../domain/retention';
import { MAX_MAILBOX_ADDRESS_CHARS } from '../domain/mailbox';
import { type ObjectLocation, ObjectLocationSchema } from '../domain/submission';
import { zoneOption } from '../domain/time-zone';
import { isPendingId, objectsOfFile, uploadPrefix } from '../domain/uploads/plan';
import type { Clock, MessageTextStore } from '../ports';

type Key = { pk: string; sk: string };

export interface HeldItem {
  key: Key;
  item: Record<string, unknown>;
}

export interface SubjectCase {
  caseId: string;
  protocol?: string;
  status: string;
  createdAt: string;
  assignee?: string;
  /** The first message and every follow-up (answers relayed to the address included). */
  messages: CaseMessage[];
  /** The case partition: case item, `MSG#`, `SRC#`. */
  items: HeldItem[];
  /**
   * Items outside the partition that exist: pointers and answers (PROTOCOL#, SURVEY#, MSGID#,
   * DELIVERY#, the open-case marker) and the raw mail kept with the case (RAWCOPY#).
   */
  related: HeldItem[];
}

export interface Tombstone {
  subjectHash: string;
  erasedAt: string;
  counts: { cases: number; items: number; rawMail: number; uploads?: number; messageTexts?: number };
  /** Earlier erasures of the same address, oldest first. */
  previous?: Array<{ erasedAt: string; counts: Tombstone['counts'] }>;
}

export interface DataSubjectStore {
  cases(email: string): Promise<SubjectCase[]>;
  /**
   * The addresses (lower-cased) with cases or posts waiting for confirmation whose inbox is the
   * address's by inboxLimitKey (Gmail's dots, a "+tag"), the address itself included. The case
   * index is keyed by the exact spelling, so this reads every key of the sender index: a bounded
   * scan of its keys only, acceptable for a rare request, never on a merchant's path.
   */
  spellingsOfInbox(email: string): Promise<string[]>;
  /**
   * OPEN#, BOUNCE#, THROTTLE# items of the address (throttles for the given office-local days), and
   * its webform posts waiting for their confirmation link (PENDING#). `caseIds`: the address's cases;
   * of its inbox's OPEN# item only their part is given (other spellings' claims and open cases are
   * not the address's to see), under the item's key.
   */
  addressItems(email: string, days: readonly string[], caseIds: readonly string[]): Promise<HeldItem[]>;
  /**
   * Guidance replies the bounce breaker held (HELDREPLY# items, shared/app/held-replies.ts) in the
   * partitions of these UTC dates, of these cases or addressed to the address as typed: each names her
   * address and her mail's Message-ID. Expired items not yet deleted by DynamoDB included.
   */
  heldReplies(email: string, caseIds: readonly string[], dates: readonly string[]): Promise<HeldItem[]>;
  remove(key: Key): Promise<void>;
  /**
   * An item of addressItems: deleted, except that the address item of an inbox keeps the open-case
   * counts of its other "+tag"/dotted variants (only the address's own data, its bounce memory, goes).
   */
  removeAddressItem(key: Key): Promise<void>;
  /**
   * The case no longer counts toward its sender's open-case cap: its id leaves the inbox's item
   * (shared with the address's variants) and the address's own, where it is counted; nothing else.
   */
  releaseSenderCase(email: string, caseId: string): Promise<void>;
  /**
   * Deletes, after the case item went, what a writer that read the case just before may still put
   * (the survey answer of a link opened then): the answer re-checks the case after writing, so
   * between the two nothing is left. Idempotent.
   */
  removeLateWrites(c: SubjectCase): Promise<void>;
  /** The case no longer counts as open for its analyst (idempotent; their last assignment instant is kept). */
  releaseStaffCase(analystId: string, caseId: string): Promise<void>;
  /**
   * Keeps what the monthly report counts of a case about to be erased (anonymous: no key, id or
   * date that links it to the case or the address). Idempotent per case while its item exists: an
   * erasure run again writes the same record, not a second one.
   */
  keepStatistics(caseId: string, entry: ReportEntry): Promise<void>;
  /**
   * The rate limiter's counters (`RATE#<key>#<window>`) of these keys in these windows that exist:
   * her cases' (status links, citation notices: keyed by the case id) and her inbox's (hashed).
   */
  rateCounters(keys: readonly string[], windows: readonly Date[]): Promise<HeldItem[]>;
  /**
   * The protocol counter of the case's year names the case it numbered last (`lastCase`, kept so a
   * retry of that case's draw reads its number back): an erased case's id goes from it. Only when it
   * is still this case's (a later draw replaced it already); idempotent.
   */
  forgetNumbering(caseId: string, protocol: string): Promise<void>;
  /**
   * A record that cited the case without joining it (another address's mail: CaseRecord.citedBy)
   * names it (referencedCaseId, referencedProtocol): its link to the erased case goes, the record
   * stays (its sender's). Only while it still names this case; idempotent.
   */
  forgetCitation(citingCaseId: string, caseId: string): Promise<void>;
  /**
   * The other way round: her record cited another address's case without joining it
   * (referencedCaseId), and that case lists her record's id (CaseRecord.citedBy): the id goes from the
   * list, the case stays (its sender's). Only while the list names it; idempotent.
   */
  forgetCiter(citedCaseId: string, citingCaseId: string): Promise<void>;
  putTombstone(tombstone: Tombstone): Promise<void>;
  tombstone(subjectHash: string): Promise<Tombstone | null>;
}

/** The records that cited the case without joining it, as its case item lists them (CaseRecord.citedBy). */
function citedByOf(c: SubjectCase): string[] {
  const ids = c.items.find((i) => i.key.sk === 'CASE')?.item['citedBy'];
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

/** The case this record cited without joining it (CaseRecord.referencedCaseId), whose citedBy lists it. */
function citedCaseOf(c: SubjectCase): string | undefined {
  const id = c.items.find((i) => i.key.sk === 'CASE')?.item['referencedCaseId'];
  return typeof id === 'string' && id !== c.caseId ? id : undefined;
}

export interface RawMailArchive {
  /** The bytes, or null when the object is gone (lifecycle, earlier erasure). */
  read(location: ObjectLocation): Promise<Buffer | null>;
  /** Deletes every version; returns how many objects/versions were deleted. */
  erase(location: ObjectLocation): Promise<number>;
}

/**
 * Webform files in the uploads bucket, for data-subject requests: unlike the functions, this reads
 * quarantined files too (the export is the person's own data) — see the adapters.
 */
export interface UploadArchive {
  /** The bytes whatever the scan said, or null when the object is gone (lifecycle, earlier erasure). */
  read(key: string): Promise<Buffer | null>;
  /** The keys under a prefix (the files of a webform post nobody claimed yet: `uploads/<pending id>/`). */
  list(prefix: string): Promise<string[]>;
  /** Deletes every version; returns how many objects/versions were deleted. */
  erase(key: string): Promise<number>;
}

export interface DataSubjectDeps {
  store: DataSubjectStore;
  rawMail: RawMailArchive;
  /** The uploads bucket (webform files, copies of mailed files); without it, exports and erasures cover the table and raw mail only. */
  uploads?: UploadArchive;
  /**
   * Message texts kept out of the table (issue 16): erasure deletes each case's (the export reads
   * them through the store, into the messages).
   */
  messageTexts?: Pick<MessageTextStore, 'deleteCase'>;
  clock: Clock;
  timeZone: string;
  /** The office calendar: the statistics kept of an erased case count business days as the report does. */
  calendar: OfficeCalendar;
  /** Progress lines for long runs (stderr in the CLI). */
  progress?: (line: string) => void;
}

/**
 * Other spellings of the address's inbox that hold data (threading and limits treat them as one
 * inbox): a request names one address, so they are NOT covered by it. They are named for whoever
 * runs it to confirm with the data subject and run it for each — never covered silently: "+tag"
 * is a sub-address only where the provider says so, and another spelling may be another person's.
 */
export async function otherSpellings(email: string, deps: Pick<DataSubjectDeps, 'store'>): Promise<string[]> {
  const address = email.trim().toLowerCase();
  return (await deps.store.spellingsOfInbox(address)).filter((a) => a !== address).sort();
}

export function subjectHash(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export function assertAddress(email: string): string {
  const address = email.trim().toLowerCase();
  if (address.length > MAX_MAILBOX_ADDRESS_CHARS || !EMAIL.test(address))
    throw new Error(`Endereço de e-mail inválido: ${JSON.stringify(email)}`);
  return address;
}

/** Office-local days whose THROTTLE# items may exist: today, yesterday, and the days of the cases. */
function throttleDays(cases: readonly SubjectCase[], now: Date, zone: string): string[] {
  const local = (d: Date | string) =>
    (typeof d === 'string' ? DateTime.fromISO(d) : DateTime.fromJSDate(d))
      .setZone(zoneOption(zone))
      .toISODate() as string;
  const days = new Set<string>([local(now), local(new Date(now.getTime() - 86_400_000))]);
  for (const c of cases) {
    days.add(local(c.createdAt));
    for (const i of c.items) {
      const at = (i.item['reply'] as { at?: string } | undefined)?.at;
      if (at) days.add(local(at));
    }
  }
  return [...days].sort();
}

/**
 * Her cases as the store finds them, each with the rate counters keyed by its id still stored
 * (caseRateKeys) among its related items: the export lists them and the erasure deletes them with
 * the case. Before, a status-link counter named the erased case until DynamoDB's TTL removed it.
 */
async function casesOf(address: string, deps: DataSubjectDeps, now: Date): Promise<SubjectCase[]> {
  const cases = await deps.store.cases(address);
  const windows = dailyWindowsHeld(now);
  return Promise.all(
    cases.map(async (c) => {
      const counters = await deps.store.rateCounters(caseRateKeys(c.caseId), windows);
      return counters.length > 0 ? { ...c, related: [...c.related, ...counters] } : c;
    }),
  );
}

/**
 * The address's items (addressItems), the guidance replies the bounce breaker held for her, and its
 * inbox's counters still stored (hashed keys, computed
 * from the address): status-link mails (daily), and the webform's confirmation mails (hourly and by
 * office day) — before, those were left to expire.
 */
async function addressHeld(address: string, cases: readonly SubjectCase[], deps: DataSubjectDeps, now: Date) {
  const caseIds = cases.map((c) => c.caseId);
  const items = await deps.store.addressItems(address, throttleDays(cases, now, deps.timeZone), caseIds);
  items.push(...(await deps.store.heldReplies(address, caseIds, heldReplyDates(now))));
  const confirm = webformConfirmKeys(address);
  const counters = [
    ...(await deps.store.rateCounters([statusLinkInboxKey(address)], dailyWindowsHeld(now))),
    ...(await deps.store.rateCounters(confirm.hour, hourWindowsHeld(now))),
    ...(await deps.store.rateCounters(confirm.day, officeDayWindowsHeld(now, deps.timeZone))),
  ];
  return [...items, ...counters];
}

/**
 * The raw mail held with the subject's cases. `theirs`: only the mails the subject (or her mail
 * system) sent — what an export hands her; the staff's own mails (their addresses, the case's
 * reply tokens, notes sent by mail) stay out of it, though an erasure deletes them too.
 */
export function rawLocationsOf(cases: readonly SubjectCase[], options: { theirs?: boolean } = {}): ObjectLocation[] {
  const seen = new Map<string, ObjectLocation>();
  for (const c of cases) {
    // The history (on the case item) names the raw mail of staff mails that left no message.
    const history = c.items.find((i) => i.key.sk === 'CASE')?.item['history'];
    const held = options.theirs
      ? rawMailOf({ messages: c.messages.filter((m) => m.direction !== 'out') })
      : rawMailNamedBy({ messages: c.messages, history: Array.isArray(history) ? history : [] });
    for (const raw of held) {
      seen.set(`${raw.bucket}/${raw.key}`, raw);
    }
    // Raw mail kept with the case without a message of its own (keepRawCopy): another delivery of
    // one of its mails, a delivery report about mail it sent.
    for (const { item } of [...c.items, ...c.related]) {
      const raw = ObjectLocationSchema.safeParse(item['raw']);
      if (raw.success) seen.set(`${raw.data.bucket}/${raw.data.key}`, raw.data);
    }
  }
  return [...seen.values()];
}

export interface UploadedFile {
  caseId: string;
  key: string;
  filename?: string;
  contentType: string;
  size: number;
  scan?: string;
}

/** The files of the cases kept in the uploads bucket (webform files, copies of mailed files: object keys), once each. */
export function uploadsOf(cases: readonly SubjectCase[]): UploadedFile[] {
  const seen = new Map<string, UploadedFile>();
  for (const c of cases)
    for (const m of c.messages)
      for (const a of m?.attachments ?? [])
        if (a.key)
          seen.set(a.key, {
            caseId: c.caseId,
            key: a.key,
            ...(a.filename ? { filename: a.filename } : {}),
            contentType: a.contentType,
            size: a.size,
            ...(a.scan ? { scan: a.scan } : {}),
          });
  return [...seen.values()];
}

export interface SubjectExport {
  format: 'ouvidoria-titular-v1';
  subject: string;
  exportedAt: string;
  cases: Array<{
    caseId: string;
    protocol?: string;
    status: string;
    createdAt: string;
    messages: CaseMessage[];
    items: HeldItem[];
    related: HeldItem[];
  }>;
  addressItems: HeldItem[];
  rawMail: Array<{ location: ObjectLocation; file: string | null; bytes: number }>;
  /** The cases' files (webform files, copies of mailed files), clean or quarantined (a quarantined one is saved under a `.quarentena` name). */
  uploads: Array<UploadedFile & { file: string | null; bytes: number }>;
  /** Files of its webform posts waiting for confirmation (not scanned for a case yet: saved under a `.pendente` name). */
  pendingUploads: Array<PendingUpload & { file: string | null; bytes: number }>;
  tombstone: Tombstone | null;
}

/**
 * The files of the address's webform posts waiting for their confirmation link (its `PENDING#` items:
 * the files sent with the post, and with a repeat of it), which wait in the uploads bucket under
 * `uploads/<pending id>/` until a confirmation claims them or the lifecycle rule deletes them
 * (`attachments.pendingUploadDays`). Files uploaded for a post that was never sent, or refused, are
 * tied to no address (the upload names none): nobody can find them by address, and they expire.
 */
export function pendingUploadIdsOf(addressItems: readonly HeldItem[]): string[] {
  const ids = new Set<string>();
  for (const { key, item } of addressItems) {
    if (!String(key.pk).startsWith('PENDING#')) continue;
    for (const id of [item['pendingUploadId'], item['repeatUploadId']]) if (isPendingId(id)) ids.add(id);
  }
  return [...ids];
}

/** A file of a pending post, found under its pending id (no case lists it yet). */
export interface PendingUpload {
  pendingId: string;
  key: string;
}

/** The files under the pending ids that no case lists already (a confirmed post's are its case's). */
async function pendingUploadsOf(
  addressItems: readonly HeldItem[],
  cases: readonly SubjectCase[],
  archive: UploadArchive,
): Promise<PendingUpload[]> {
  const listed = new Set(uploadsOf(cases).flatMap((u) => objectsOfFile(u.key)));
  const found: PendingUpload[] = [];
  for (const pendingId of pendingUploadIdsOf(addressItems)) {
    for (const key of await archive.list(uploadPrefix(pendingId))) {
      if (!listed.has(key)) found.push({ pendingId, key });
    }
  }
  return found;
}

/**
 * Webform files are part of what is held: without an archive to read and erase them (UPLOADS_BUCKET
 * on AWS), an export would not be everything and an erasure would leave them behind a tombstone
 * that says it erased. Refused before anything is read or erased, as a missing text store is.
 */
function assertUploadsReachable(
  cases: readonly SubjectCase[],
  addressItems: readonly HeldItem[],
  deps: DataSubjectDeps,
): void {
  if (deps.uploads || (uploadsOf(cases).length === 0 && pendingUploadIdsOf(addressItems).length === 0)) return;
  throw new Error(
    'Os casos deste endereço têm anexos guardados no acervo de anexos (do formulário ou copiados dos e-mails) e ele não está configurado ' +
      '(UPLOADS_BUCKET na AWS): nada foi lido nem apagado.',
  );
}

/** Everything held about the address; `files` maps a relative file name to its bytes (the .eml files). */
export async function exportSubject(
  email: string,
  deps: DataSubjectDeps,
): Promise<{ data: SubjectExport; files: Map<string, Buffer> }> {
  const address = assertAddress(email);
  const now = deps.clock.now();
  const cases = await casesOf(address, deps, now);
  const addressItems = await addressHeld(address, cases, deps, now);
  assertUploadsReachable(cases, addressItems, deps);
  deps.progress?.(`${cases.length} caso(s) encontrados`);
  const files = new Map<string, Buffer>();
  const rawMail: SubjectExport['rawMail'] = [];
  const locations = rawLocationsOf(cases, { theirs: true });
  let n = 0;
  for (const location of locations) {
    n++;
    deps.progress?.(`[${n}/${locations.length}] e-mail original`);
    const bytes = await deps.rawMail.read(location);
    const file = bytes
      ? `eml/${String(n).padStart(4, '0')}-${location.key.replace(/[^A-Za-z0-9._-]+/g, '_')}.eml`
      : null;
    if (bytes && file) files.set(file, bytes);
    rawMail.push({ location, file, bytes: bytes?.length ?? 0 });
  }
  const uploads: SubjectExport['uploads'] = [];
  if (deps.uploads) {
    const listed = uploadsOf(cases);
    for (const [i, u] of listed.entries()) {
      deps.progress?.(`[${i + 1}/${listed.length}] anexo`);
      const bytes = await deps.uploads.read(u.key);
      const safe = (u.filename ?? 'anexo').replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 100);
      // An infected file keeps a name no program opens by double-click.
      const quarantined = u.scan !== 'NO_THREATS_FOUND' ? '.quarentena' : '';
      const file = bytes ? `anexos/${String(i + 1).padStart(4, '0')}-${safe}${quarantined}` : null;
      if (bytes && file) files.set(file, bytes);
      uploads.push({ ...u, file, bytes: bytes?.length ?? 0 });
    }
  }
  const pendingUploads: SubjectExport['pendingUploads'] = [];
  if (deps.uploads) {
    const pending = await pendingUploadsOf(addressItems, cases, deps.uploads);
    for (const [i, p] of pending.entries()) {
      deps.progress?.(`[${i + 1}/${pending.length}] anexo de pedido não confirmado`);
      const bytes = await deps.uploads.read(p.key);
      // Not scanned for a case yet: a name no program opens by double-click.
      const file = bytes
        ? `anexos-pendentes/${String(i + 1).padStart(4, '0')}-${p.key.replace(/[^A-Za-z0-9._-]+/g, '_')}.pendente`
        : null;
      if (bytes && file) files.set(file, bytes);
      pendingUploads.push({ ...p, file, bytes: bytes?.length ?? 0 });
    }
  }
  return {
    data: {
      format: 'ouvidoria-titular-v1',
      subject: address,
      exportedAt: now.toISOString(),
      cases: cases.map((c) => ({
        caseId: c.caseId,
        ...(c.protocol ? { protocol: c.protocol } : {}),
        status: c.status,
        createdAt: c.createdAt,
        messages: c.messages,
        items: c.items,
        related: c.related,
      })),
      addressItems,
      rawMail,
      uploads,
      pendingUploads,
      tombstone: await deps.store.tombstone(subjectHash(address)),
    },
    files,
  };
}

/** What the report counts of the case (its item as stored, its survey answer), or null without its item. */
export function statisticsOf(c: SubjectCase, calendar: OfficeCalendar): ReportEntry | null {
  const item = c.items.find((i) => i.key.sk === 'CASE')?.item;
  // A case item without its creation instant (never written so) counts in no period.
  if (!item || typeof item['createdAt'] !== 'string' || Number.isNaN(Date.parse(item['createdAt']))) return null;
  const survey = c.related.find((r) => r.key.sk === 'SURVEY')?.item;
  return reportEntryOf(reportCaseFrom(item), calendar, survey ? reportSurveyFrom(survey) : undefined);
}

export type EraseResult =
  | { erased: false; reason: 'open-cases'; openCases: number }
  | { erased: true; tombstone: Tombstone };

/**
 * Erases every item, raw mail and webform file of the address, then writes the tombstone. Refused when the
 * address has open cases and `confirmed` is false. Order: raw mail, pointers and side items, the
 * case items last — a run interrupted half-way is completed by running it again (the cases are
 * still found by the sender index until their own item goes).
 */
export async function eraseSubject(
  email: string,
  deps: DataSubjectDeps,
  options: { confirmed: boolean },
): Promise<EraseResult> {
  const address = assertAddress(email);
  const now = deps.clock.now();
  const cases = await casesOf(address, deps, now);
  const open = cases.filter((c) => isOpenStatus(c.status as WorkStatus) || c.status === 'QUEUED').length;
  if (open > 0 && !options.confirmed) return { erased: false, reason: 'open-cases', openCases: open };
  const heldItems = await addressHeld(address, cases, deps, now);
  assertUploadsReachable(cases, heldItems, deps);

  let rawMail = 0;
  const locations = rawLocationsOf(cases);
  for (const [i, location] of locations.entries()) {
    deps.progress?.(`[${i + 1}/${locations.length}] apagando e-mail original`);
    rawMail += await deps.rawMail.erase(location);
  }
  let uploads = 0;
  if (deps.uploads) {
    const listed = uploadsOf(cases);
    for (const [i, u] of listed.entries()) {
      deps.progress?.(`[${i + 1}/${listed.length}] apagando anexo`);
      // The copy and its upload are one file (a scan result may be copying one still being scanned).
      for (const key of objectsOfFile(u.key)) uploads += await deps.uploads.erase(key);
    }
    // The files of its posts waiting for confirmation, before their PENDING# items go (a rerun finds them).
    const pending = await pendingUploadsOf(heldItems, cases, deps.uploads);
    for (const [i, p] of pending.entries()) {
      deps.progress?.(`[${i + 1}/${pending.length}] apagando anexo de pedido não confirmado`);
      uploads += await deps.uploads.erase(p.key);
    }
  }
  let messageTexts = 0;
  if (deps.messageTexts) {
    for (const c of cases) messageTexts += await deps.messageTexts.deleteCase(c.caseId);
  }
  let items = 0;
  for (const [i, c] of cases.entries()) {
    deps.progress?.(`[${i + 1}/${cases.length}] apagando caso ${c.protocol ?? c.caseId}`);
    // First what the monthly report counts of it: past reports stay as they were (not personal data).
    const entry = statisticsOf(c, deps.calendar);
    if (entry) await deps.store.keepStatistics(c.caseId, entry);
    // The analyst's open count first: it keeps the marker's assignment instant before the marker goes.
    if (c.assignee) await deps.store.releaseStaffCase(c.assignee, c.caseId);
    // Its place in the sender's cap (on the inbox's item when the address is a "+tag"/dotted variant).
    await deps.store.releaseSenderCase(address, c.caseId);
    for (const r of c.related) {
      await deps.store.remove(r.key);
      items++;
    }
    // The protocol counter's pointer to it (a case id, which her raw mail's key and logs carry too).
    if (c.protocol) await deps.store.forgetNumbering(c.caseId, c.protocol);
    // The mails that cited it from other addresses link to it (the console's "Caso citado").
    for (const citing of citedByOf(c)) await deps.store.forgetCitation(citing, c.caseId);
    // And the case it cited: its list of citing records named this one (the console, the analyst's count).
    const cited = citedCaseOf(c);
    if (cited) await deps.store.forgetCiter(cited, c.caseId);
    // The case item last: until it goes, the sender index still finds the case for a retry.
    const partition = [...c.items].sort((a, b) => (a.key.sk === 'CASE' ? 1 : 0) - (b.key.sk === 'CASE' ? 1 : 0));
    for (const p of partition) {
      await deps.store.remove(p.key);
      items++;
    }
    await deps.store.removeLateWrites(c);
  }
  for (const a of await addressHeld(address, cases, deps, now)) {
    await deps.store.removeAddressItem(a.key);
    items++;
  }
  const hash = subjectHash(address);
  const before = await deps.store.tombstone(hash);
  const tombstone: Tombstone = {
    subjectHash: hash,
    erasedAt: now.toISOString(),
    counts: {
      cases: cases.length,
      items,
      rawMail,
      ...(deps.uploads ? { uploads } : {}),
      ...(deps.messageTexts ? { messageTexts } : {}),
    },
    ...(before ? { previous: [...(before.previous ?? []), { erasedAt: before.erasedAt, counts: before.counts }] } : {}),
  };
  await deps.store.putTombstone(tombstone);
  return { erased: true, tombstone };
}
