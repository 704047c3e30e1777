import {
  BatchGetCommand,
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  type NativeAttributeValue,
  paginateQuery,
  paginateScan,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  type CaseMessage,
  type CaseRecord,
  type CaseStatus,
  type CaseWithoutTexts,
  MAX_CITED_BY,
  NO_TEXTS,
  REPLY_HELD_BY_BREAKER,
  type ReplyState,
  type TextsShown,
} from '../../domain/case';
import { assignedEvent } from '../../domain/lifecycle/machine';
import { messageIdPointerKey, normaliseMessageId } from '../../domain/message-id';
import { formatProtocol, parseProtocol } from '../../domain/protocol';
import { caseExpiry, DEFAULT_RETENTION, type RetentionSettings, retentionExpiry } from '../../domain/retention';
import type { ObjectLocation } from '../../domain/submission';
import type {
  AddMessageIdsOptions,
  CaseBookkeeping,
  CaseCreation,
  CaseRepository,
  CaseSummary,
  DeliveryClaim,
  MessageTextRef,
  MessageTextStore,
} from '../../ports';
import { isConditionalCheckFailed } from './client';
import { releaseStaffCase, recordStaffAssignment } from './staff-repository';
import { EFFECTS_PK, GSI, senderGsiPk, statusGsiPk, TTL_ATTRIBUTE } from './table-design';

/** A sending server's retries of one mail come within days; the claim outlives them. */
const DELIVERY_KEY_TTL_S = 30 * 24 * 3600;
/** When a mail's identity (its delivery claim) expires, if claimed now: the TTL epoch seconds. */
const identityExpiry = () => Math.floor(Date.now() / 1000) + DELIVERY_KEY_TTL_S;

/**
 * CaseRepository on the single DynamoDB table. Item families (see README.md next to this file):
 *   CASE#<caseId> / CASE                          the case (first message inside, text capped)
 *   CASE#<caseId> / MSG#<receivedAt>#<sourceId>   one follow-up message
 *   CASE#<caseId> / SRC#<sourceId>                follow-up guard: one append per sourceId
 *   RAWCOPY#<caseId> / COPY#<deliveryId>          raw mail kept with the case (keepRawCopy)
 *   PROTOCOL#<protocol> / PROTOCOL                legacy pointer → caseId (read only: GSI.byProtocol now)
 *   MSGID#<messageId> / MSGID                     threading pointer → caseId (messageIdPointerKey)
 *   COUNTER#PROTOCOL#<year> / COUNTER             protocol sequence
 * No transactions (dynalite has none): every step is a conditional or idempotent write, and each
 * retry of a half-done step completes it.
 */

type Item = Record<string, NativeAttributeValue>;
/** A message text already in the store: its reference and whether it was capped. */
type KeptText = { ref: MessageTextRef; truncated: boolean };

/** A case item must stay far below DynamoDB's 400 KB; the raw mail in S3 keeps the whole text. */
export const DEFAULT_MAX_MESSAGE_TEXT_BYTES = 60_000;
/**
 * Largest message text (UTF-8 bytes) kept inline on its item when a MessageTextStore is configured;
 * a longer one is put in the store and the item keeps only its reference (issue 16: a message item
 * then stays within 1 KB for usual headers, whatever the text, so its write units do not grow with
 * the text). Texts up to this size are stored exactly as before.
 */
export const INLINE_TEXT_MAX_BYTES = 512;
/** Attribute of a message item (FIRSTMSG, MSG#) holding the MessageTextRef of a text kept out of the table. */
export const TEXT_REF_ATTRIBUTE = 'textRef';

/** Follow-up message items in the order of `messages`: by receipt time, then sort key. */
function followUpsInOrder(messageItems: Item[]): Item[] {
  const receivedAt = (item: Item) => Date.parse(String((item['message'] as Partial<CaseMessage>)?.receivedAt));
  return [...messageItems].sort((a, b) => {
    const [x, y] = [String(a['sk']), String(b['sk'])];
    return receivedAt(a) - receivedAt(b) || (x < y ? -1 : x > y ? 1 : 0);
  });
}

/** The text reference a message item holds, if its text is kept out of the table. */
export function textRefOf(item: Item | undefined): MessageTextRef | undefined {
  const ref = item?.[TEXT_REF_ATTRIBUTE] as Partial<MessageTextRef> | undefined;
  return typeof ref?.key === 'string' && typeof ref.bytes === 'number' ? { key: ref.key, bytes: ref.bytes } : undefined;
}

/**
 * Reads the texts of some message items from the store, in parallel: key → text. Throws when an
 * item references a text and no store is configured (never an empty text in place of one).
 */
export async function readMessageTexts(
  items: Array<Item | undefined>,
  store: Pick<MessageTextStore, 'get'> | undefined,
): Promise<Map<string, string>> {
  const refs = new Map<string, MessageTextRef>();
  for (const item of items) {
    const ref = textRefOf(item);
    if (ref) refs.set(ref.key, ref);
  }
  if (refs.size === 0) return new Map();
  if (!store) throw new Error('A message text is kept out of the table and no message text store is configured');
  const texts = await Promise.all([...refs.values()].map(async (ref) => [ref.key, await store.get(ref)] as const));
  return new Map(texts);
}

/** Appended to a capped text when read back, so staff know to open the original. */
export const TRUNCATION_NOTE = '\n\n[Texto truncado: a mensagem completa está no e-mail original arquivado.]';

const CASE_SK = 'CASE';
/**
 * Sort key of the item holding the first message, next to the case item (issue 16): the case item
 * is rewritten many times per case and each write costs its whole size, so the message (its text
 * up to the cap, sender, subject, ids, raw location) is written once, on its own. The case item
 * keeps only what is written or matched there: its `sourceId` (appendMessage) and its
 * `attachments` (the scan results of webform uploads are recorded on them).
 */
export const FIRST_MESSAGE_SK = 'FIRSTMSG';
/** Partition key prefix of a case's items (`CASE#<caseId>`). */
export const CASE_PK_PREFIX = 'CASE#';
export const caseKey = (caseId: string) => ({ pk: `${CASE_PK_PREFIX}${caseId}`, sk: CASE_SK });
/**
 * The partition of the raw mail kept with a case (keepRawCopy): beside the case's, not in it, so that
 * however many copies a sender's retries (or a forger's) add, reading the case reads none of them.
 */
export const rawCopyPartition = (caseId: string) => `RAWCOPY#${caseId}`;
/** Written by tables before GSI.byProtocol (issue 16); still read, never written. */
const legacyProtocolKey = (protocol: string) => ({ pk: `PROTOCOL#${protocol}`, sk: 'PROTOCOL' });
const messageIdKey = (messageId: string) => ({ pk: `MSGID#${messageId}`, sk: 'MSGID' });
/** BatchGetItem's limit of keys per call. */
export const BATCH_GET_MAX = 100;
/** BatchWriteItem's limit of requests per call. */
const BATCH_WRITE_MAX = 25;

/**
 * Sends `requests` in batches of at most `max` until DynamoDB has processed them all: `send` returns
 * what a call left unprocessed, which goes again after a growing pause; five calls in all, then it
 * throws (a retry of the whole operation is the caller's).
 */
export async function untilProcessed<R>(
  requests: R[],
  max: number,
  what: string,
  send: (batch: R[]) => Promise<R[]>,
): Promise<void> {
  let pending = requests;
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt === 5) throw new Error(`${what} left unprocessed`);
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));
    const batch = pending.slice(0, max);
    pending = [...(await send(batch)), ...pending.slice(batch.length)];
  }
}

/** The pointer keys of some ids (SES's two forms of one id share one key when `sharedSesKey`). */
function pointerKeys(messageIds: string[], sharedSesKey: boolean): Map<string, string[]> {
  const byKey = new Map<string, string[]>();
  for (const id of messageIds) {
    const key = sharedSesKey ? messageIdPointerKey(id) : id;
    byKey.set(key, [...(byKey.get(key) ?? []), id]);
  }
  return byKey;
}

/** The recipients a pointer of mail we sent keeps (delivery reports are checked against them). */
function recipientsOf(sentTo: string[] | undefined): string[] {
  return sentTo?.map((address) => address.trim().toLowerCase()).filter(Boolean) ?? [];
}

/** A Message-ID pointer put whole: its case, and for mail we sent its recipients. */
function pointerItem(key: string, caseId: string, sentTo?: string[], expiresAt?: number | null): Item {
  const recipients = recipientsOf(sentTo);
  return {
    ...messageIdKey(key),
    type: 'MSGID',
    caseId,
    ...(recipients.length ? { sentTo: recipients } : {}),
    ...(typeof expiresAt === 'number' ? { [TTL_ATTRIBUTE]: expiresAt } : {}),
  };
}

/** The LGPD expiry a case item carries (redirected, quarantined, closed), or null while it is kept. */
function expiryOfItem(item: Item | undefined): number | null {
  const ttl = item?.[TTL_ATTRIBUTE];
  return typeof ttl === 'number' ? ttl : null;
}

/** The protocol counter of a year: `seq`, and `lastCase`, the case its last number went to. */
export const counterKey = (year: number) => ({ pk: `COUNTER#PROTOCOL#${year}`, sk: 'COUNTER' });
const messageSk = (m: CaseMessage) => `MSG#${m.receivedAt}#${m.sourceId}`;
const guardSk = (sourceId: string) => `SRC#${sourceId}`;

/**
 * The case as a write that added messages left it (DynamoCaseWorkStore.commit): enough for
 * appendMessage to write their items without reading the case item again (issue 16). Its first
 * message is not among them (the write skipped every sourceId the case has).
 */
export interface KnownCase {
  /** The case item's LGPD expiry after the write (TTL_ATTRIBUTE), null without one. */
  expiresAt: number | null;
  status: CaseStatus;
  /** The write moved `updatedAt` to the latest of the messages already: no `touch` after them. */
  updatedAtSet: boolean;
}

/** Attributes of a case item that are storage details, not CaseRecord fields. */
const INTERNAL_ATTRIBUTES = [
  'pk',
  'sk',
  'type',
  GSI.byStatus.partitionKey,
  GSI.byStatus.sortKey,
  GSI.bySender.partitionKey,
  GSI.bySender.sortKey,
  'firstMessage',
  'firstMessageTruncated',
  'replyClaimedAt',
  // LGPD expiry (shared/domain/retention.ts): a storage detail, set and cleared by the adapters.
  TTL_ATTRIBUTE,
];

/** The item as the DocumentClient stores it (removeUndefinedValues): no keys holding undefined. */
function definedOnly(item: Item): Item {
  return Object.fromEntries(Object.entries(item).filter(([, value]) => value !== undefined));
}

/** Cuts a string to at most `maxBytes` of UTF-8 without splitting a character. */
export function capUtf8(text: string, maxBytes: number): { text: string; truncated: boolean } {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return { text, truncated: false };
  let end = maxBytes;
  // Step back over continuation bytes (10xxxxxx) to a character boundary.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return { text: bytes.subarray(0, end).toString('utf8'), truncated: true };
}

export { normaliseMessageId };

/**
 * The first message as stored: `sourceId` and `attachments` on the case item, the rest on the
 * FIRST_MESSAGE_SK item (case items written before that item existed hold it all, and still read).
 */
export function storedFirstMessage(
  caseItem: Item,
  firstItem?: Item,
  texts: Map<string, string> = new Map(),
): CaseMessage | undefined {
  const onCase = caseItem['firstMessage'] as Partial<CaseMessage> | undefined;
  if (!onCase) return undefined;
  const apart = firstItem?.['message'] as Partial<CaseMessage> | undefined;
  return { ...apart, ...onCase, text: textOf(firstItem, texts) ?? apart?.text ?? onCase.text ?? '' } as CaseMessage;
}

/** A follow-up message item's message, its text read back from `texts` when kept out of the table. */
export function storedMessage(item: Item, texts: Map<string, string> = new Map()): CaseMessage {
  const message = item['message'] as CaseMessage;
  const text = textOf(item, texts);
  return text === undefined ? message : { ...message, text };
}

function textOf(item: Item | undefined, texts: Map<string, string>): string | undefined {
  const ref = textRefOf(item);
  if (!ref) return undefined;
  const text = texts.get(ref.key);
  if (text === undefined) throw new Error(`Message text ${ref.key} was not read`);
  return text;
}

export interface DynamoCaseRepositoryOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** Cap of each stored message text, in UTF-8 bytes (default 60 000). */
  maxMessageTextBytes?: number;
  /** LGPD retention (`config.retention`): redirected/quarantined records get `expiresAt` at creation. */
  retention?: RetentionSettings;
  /**
   * Where texts over INLINE_TEXT_MAX_BYTES go (issue 16). Without it every text stays inline (up to
   * the cap), as before; a reference met on a read then throws.
   */
  texts?: MessageTextStore;
}

export class DynamoCaseRepository implements CaseRepository {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly maxTextBytes: number;
  private readonly retention: RetentionSettings;
  /** The message text store, if texts over INLINE_TEXT_MAX_BYTES are kept out of the table. */
  readonly texts: MessageTextStore | undefined;

  constructor(options: DynamoCaseRepositoryOptions) {
    this.client = options.client;
    this.tableName = options.tableName;
    this.maxTextBytes = options.maxMessageTextBytes ?? DEFAULT_MAX_MESSAGE_TEXT_BYTES;
    this.retention = options.retention ?? DEFAULT_RETENTION;
    this.texts = options.texts;
  }

  // ---- marshalling -------------------------------------------------------------------------

  private capMessage(message: CaseMessage): { message: CaseMessage; truncated: boolean } {
    const { text, truncated } = capUtf8(message.text, this.maxTextBytes);
    return { message: { ...message, text }, truncated };
  }

  private toCaseItem(record: CaseRecord): Item {
    const { messages, ...fields } = record;
    const sortKey = `${record.createdAt}#${record.caseId}`;
    const item: Item = {
      ...fields,
      ...caseKey(record.caseId),
      type: 'CASE',
      senderEmail: record.senderEmail.toLowerCase(),
      [GSI.byStatus.partitionKey]: statusGsiPk(record.status),
      [GSI.byStatus.sortKey]: sortKey,
      [GSI.bySender.partitionKey]: senderGsiPk(record.senderEmail),
      [GSI.bySender.sortKey]: sortKey,
    };
    const first = messages[0];
    if (first) {
      const capped = this.capMessage(first);
      item['firstMessage'] = { sourceId: first.sourceId, attachments: first.attachments };
      // With a text store a capped text is always kept out of the table, its flag on the FIRSTMSG item
      // (toFirstMessageItem): the case item, rewritten many times, does not grow with the text.
      if (capped.truncated && !this.texts) item['firstMessageTruncated'] = true;
    }
    return item;
  }

  /**
   * A capped message as an item stores it: inline when its text is small (or no store is
   * configured), else without its text, which is put in the store first (before the item that
   * references it is written) and referenced by `textRef`. `texts` gets key → text of what was put.
   */
  private async storedForm(
    caseId: string,
    message: CaseMessage,
    redirected: boolean,
    texts: Map<string, string>,
  ): Promise<{ message: Partial<CaseMessage>; ref?: MessageTextRef }> {
    if (!this.texts || Buffer.byteLength(message.text, 'utf8') <= INLINE_TEXT_MAX_BYTES) return { message };
    const ref = await this.texts.put({ caseId, sourceId: message.sourceId, redirected }, message.text);
    texts.set(ref.key, message.text);
    const { text: _text, ...rest } = message;
    return { message: rest, ref };
  }

  /** The first message (text capped) as its own item, but for what the case item keeps; see FIRST_MESSAGE_SK. */
  private async toFirstMessageItem(
    record: CaseRecord,
    redirected: boolean,
    texts: Map<string, string>,
  ): Promise<Item | undefined> {
    const first = record.messages[0];
    if (!first) return undefined;
    const { message: cappedMessage, truncated } = this.capMessage(first);
    const { attachments: _attachments, ...capped } = cappedMessage;
    const stored = await this.storedForm(record.caseId, capped as CaseMessage, redirected, texts);
    return {
      pk: caseKey(record.caseId).pk,
      sk: FIRST_MESSAGE_SK,
      type: 'FIRSTMSG',
      message: stored.message,
      ...(stored.ref ? { [TEXT_REF_ATTRIBUTE]: stored.ref } : {}),
      ...(stored.ref && truncated ? { textTruncated: true } : {}),
    };
  }

  private async toMessageItem(
    caseId: string,
    message: CaseMessage,
    redirected: boolean,
    kept?: KeptText,
  ): Promise<Item> {
    if (kept) {
      // Its text is in the store already (a lifecycle commit's pending message): only the reference.
      const { text: _text, ...rest } = message;
      return {
        pk: caseKey(caseId).pk,
        sk: messageSk(message),
        type: 'MSG',
        message: rest,
        [TEXT_REF_ATTRIBUTE]: kept.ref,
        ...(kept.truncated ? { textTruncated: true } : {}),
      };
    }
    const capped = this.capMessage(message);
    const stored = await this.storedForm(caseId, capped.message, redirected, new Map());
    return {
      pk: caseKey(caseId).pk,
      sk: messageSk(message),
      type: 'MSG',
      message: stored.message,
      ...(stored.ref ? { [TEXT_REF_ATTRIBUTE]: stored.ref } : {}),
      ...(capped.truncated ? { textTruncated: true } : {}),
    };
  }

  /**
   * A message as a lifecycle commit keeps it on the case item until it becomes a `MSG#` item
   * (case-work-store.ts `pendingMessages`): with a text store and a long text, capped, its text put
   * first and referenced (`textRef`, `textTruncated`), so the commit's write does not grow with it;
   * otherwise the message itself, as before.
   */
  async pendingEntry(caseId: string, message: CaseMessage): Promise<Item> {
    if (!this.texts || Buffer.byteLength(message.text, 'utf8') <= INLINE_TEXT_MAX_BYTES)
      return message as unknown as Item;
    const capped = this.capMessage(message);
    const stored = await this.storedForm(caseId, capped.message, false, new Map());
    return {
      ...stored.message,
      ...(stored.ref ? { [TEXT_REF_ATTRIBUTE]: stored.ref } : {}),
      ...(capped.truncated ? { textTruncated: true } : {}),
    };
  }

  /** Pending entries (pendingEntry) as messages, their texts read back in parallel (capped ones with the note). */
  async readPendingEntries(entries: Item[]): Promise<CaseMessage[]> {
    const texts = await readMessageTexts(entries, this.texts);
    return entries.map((entry) => {
      const ref = textRefOf(entry);
      if (!ref) return entry as unknown as CaseMessage;
      const { [TEXT_REF_ATTRIBUTE]: _ref, textTruncated, ...message } = entry;
      const text = texts.get(ref.key) ?? '';
      return { ...message, text: textTruncated === true ? text + TRUNCATION_NOTE : text } as CaseMessage;
    });
  }

  /**
   * Writes a pending entry as its `MSG#` item (appendMessage), reusing the text it references.
   * `known`: the case as the write that stored the entry left it (see KnownCase).
   */
  async appendPendingEntry(caseId: string, entry: Item, known?: KnownCase): Promise<boolean> {
    const ref = textRefOf(entry);
    if (!ref) return this.appendMessage(caseId, entry as unknown as CaseMessage, undefined, undefined, known);
    const { [TEXT_REF_ATTRIBUTE]: _ref, textTruncated, ...message } = entry;
    return this.appendMessage(
      caseId,
      { ...(message as unknown as CaseMessage), text: '' },
      undefined,
      { ref, truncated: textTruncated === true },
      known,
    );
  }

  /**
   * Rebuilds the CaseRecord from the case item, its first message's item and its follow-up items;
   * `texts`: key → text of the items' texts kept out of the table (readMessageTexts).
   */
  private fromItems(caseItem: Item, messageItems: Item[], firstItem?: Item, texts?: Map<string, string>): CaseRecord {
    const record: Item = { ...caseItem };
    for (const name of INTERNAL_ATTRIBUTES) delete record[name];
    const readMessage = (message: CaseMessage, truncated: boolean): CaseMessage =>
      truncated ? { ...message, text: message.text + TRUNCATION_NOTE } : message;
    const messages: CaseMessage[] = [];
    const first = storedFirstMessage(caseItem, firstItem, texts);
    const firstTruncated = caseItem['firstMessageTruncated'] === true || firstItem?.['textTruncated'] === true;
    if (first) messages.push(readMessage(first, firstTruncated));
    for (const item of followUpsInOrder(messageItems))
      messages.push(readMessage(storedMessage(item, texts), !!item['textTruncated']));
    record['messages'] = messages;
    record['messageIds'] = Array.isArray(record['messageIds']) ? record['messageIds'] : [];
    record['ticketCandidates'] = Array.isArray(record['ticketCandidates']) ? record['ticketCandidates'] : [];
    return record as CaseRecord;
  }

  // ---- reads -------------------------------------------------------------------------------

  private async getCaseItem(caseId: string): Promise<Item | null> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: caseKey(caseId), ConsistentRead: true }),
    );
    return Item ?? null;
  }

  private async mustGetCaseItem(caseId: string): Promise<Item> {
    const item = await this.getCaseItem(caseId);
    if (!item) throw new Error(`Case not found: ${caseId}`);
    return item;
  }

  /**
   * The case with its messages; `shown`: only those messages' texts are read from the text store
   * (in parallel), the others' kept out of the table come back empty (TextsShown). One Query either way.
   */
  async get(caseId: string, shown?: TextsShown): Promise<CaseRecord | null> {
    return (await this.read(caseId, shown))?.record ?? null;
  }

  /** `get`, with the case item's LGPD expiry (`TTL_ATTRIBUTE`, which the record leaves out). */
  private async read(
    caseId: string,
    shown?: TextsShown,
  ): Promise<{ record: CaseRecord; expiresAt: number | null } | null> {
    const items = await this.readPartition(caseId);
    if (!items) return null;
    // The message items by position in `messages`: the first message's (absent on older cases that
    // hold it all on the case item) when the case has one, then the follow-ups in order.
    const followUps = followUpsInOrder(items.messageItems);
    const positioned = [...(items.caseItem['firstMessage'] ? [items.firstItem] : []), ...followUps];
    // Each text kept out of the table stands in as '' until read (and stays so when not wanted).
    const unread = new Map<string, string>();
    for (const item of positioned) {
      const ref = textRefOf(item);
      if (ref) unread.set(ref.key, '');
    }
    let wanted = positioned;
    if (shown) {
      const { messages, ...state } = this.fromItems(items.caseItem, followUps, items.firstItem, unread);
      const picked = shown({ ...state, messages: messages.map(({ text: _text, ...message }) => message) });
      wanted = positioned.filter((_, i) => picked.has(i));
    }
    const read = await readMessageTexts(wanted, this.texts);
    const record = this.fromItems(items.caseItem, followUps, items.firstItem, new Map([...unread, ...read]));
    // A text not read is empty, without the truncation note either.
    record.messages = record.messages.map((message, i) => {
      const ref = textRefOf(positioned[i]);
      return ref && !read.has(ref.key) ? { ...message, text: '' } : message;
    });
    return { record, expiresAt: expiryOfItem(items.caseItem) };
  }

  /**
   * The case as `get` reads it but without any message text: what a write decides on (version,
   * status, the messages' sourceIds and ids, pending maps), with no read of the text store, so its
   * cost does not grow with the case's correspondence (one Query, as `get`, and no S3 GET).
   */
  async getState(caseId: string): Promise<CaseWithoutTexts | null> {
    return (await this.getStateForWrite(caseId))?.state ?? null;
  }

  /**
   * getState, with the case item's LGPD expiry: what a write that adds messages needs to know of the
   * case to write their items (appendMessage's `known`) without reading the case item again.
   */
  async getStateForWrite(caseId: string): Promise<{ state: CaseWithoutTexts; expiresAt: number | null } | null> {
    const read = await this.read(caseId, NO_TEXTS);
    if (!read) return null;
    const { record, expiresAt } = read;
    return { state: { ...record, messages: record.messages.map(({ text: _text, ...message }) => message) }, expiresAt };
  }

  /** One Query reads the case item, its first message's item and its follow-ups together. */
  private async readPartition(
    caseId: string,
  ): Promise<{ caseItem: Item; firstItem?: Item; messageItems: Item[] } | null> {
    let caseItem: Item | undefined;
    let firstItem: Item | undefined;
    const messageItems: Item[] = [];
    const pages = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': caseKey(caseId).pk },
        ConsistentRead: true,
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        const sk = String(item['sk']);
        if (sk === CASE_SK) caseItem = item;
        else if (sk === FIRST_MESSAGE_SK) firstItem = item;
        else if (sk.startsWith('MSG#')) messageItems.push(item);
      }
    }
    return caseItem ? { caseItem, firstItem, messageItems } : null;
  }

  async getFirstStored(caseIds: string[]): Promise<CaseRecord | null> {
    const ids = [...new Set(caseIds)];
    if (ids.length === 0) return null;
    if (ids.length === 1) return this.get(ids[0] as string);
    // One BatchGetItem of the case items (per 100 ids), keys only (their size is what a read costs,
    // not what it returns); keys DynamoDB leaves unprocessed are asked again (untilProcessed).
    const found = new Set<string>();
    await untilProcessed(ids.map(caseKey) as Item[], BATCH_GET_MAX, 'Case item keys', async (keys) => {
      const { Responses, UnprocessedKeys } = await this.client.send(
        new BatchGetCommand({
          RequestItems: {
            [this.tableName]: { Keys: keys, ConsistentRead: true, ProjectionExpression: 'pk' },
          },
        }),
      );
      for (const item of Responses?.[this.tableName] ?? []) found.add(String(item['pk']));
      return UnprocessedKeys?.[this.tableName]?.Keys ?? [];
    });
    const first = ids.find((id) => found.has(caseKey(id).pk));
    return first === undefined ? null : this.get(first);
  }

  /**
   * The protocol index (eventually consistent: a case numbered a moment ago may not be listed yet),
   * then the case by id. When the index lists no case, the legacy `PROTOCOL#` pointer is read: the
   * cases of tables deployed before the index keep resolving, also while the new index is still
   * being filled after its creation.
   */
  async getByProtocol(protocol: string, shown?: TextsShown): Promise<CaseRecord | null> {
    const caseId = await this.caseIdOfProtocol(protocol);
    return caseId === null ? null : this.get(caseId, shown);
  }

  /** The id of the case `getByProtocol` returns, or null, read without the case (nor its texts). */
  async caseIdOfProtocol(protocol: string): Promise<string | null> {
    const parts = parseProtocol(protocol);
    if (!parts) return null;
    const canonical = formatProtocol(parts.year, parts.seq);
    const { Items } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: GSI.byProtocol.indexName,
        KeyConditionExpression: '#protocol = :protocol',
        ExpressionAttributeNames: { '#protocol': GSI.byProtocol.partitionKey },
        ExpressionAttributeValues: { ':protocol': canonical },
      }),
    );
    // SURVEY#<protocol> answers carry the attribute too (table-design.ts): only case items count.
    const cases = (Items ?? []).filter((entry) => entry['sk'] === CASE_SK);
    // The counter never issues a number twice; only a counter reset could, and then no case is picked.
    if (cases.length > 1) throw new Error(`Protocol ${canonical} is on ${cases.length} cases`);
    const entry = cases[0];
    if (entry) return String(entry['pk']).slice(CASE_PK_PREFIX.length);
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: legacyProtocolKey(canonical), ConsistentRead: true }),
    );
    return typeof Item?.['caseId'] === 'string' ? Item['caseId'] : null;
  }

  async findByMessageId(messageId: string, shown?: TextsShown): Promise<CaseRecord | null> {
    const Item = await this.getPointer(messageId);
    return typeof Item?.['caseId'] === 'string' ? this.get(Item['caseId'], shown) : null;
  }

  /**
   * A Message-ID's pointer. SES's forms of an id we sent share one pointer (messageIdPointerKey),
   * read first; any other pointer is keyed by the id itself (mail we received, and SES ids
   * registered before the shared key existed), read when the shared one is missing.
   */
  private async getPointer(messageId: string): Promise<Item | undefined> {
    const id = normaliseMessageId(messageId);
    if (!id) return undefined;
    const read = async (key: string) =>
      (
        await this.client.send(
          new GetCommand({ TableName: this.tableName, Key: messageIdKey(key), ConsistentRead: true }),
        )
      ).Item;
    const shared = messageIdPointerKey(id);
    return (shared !== id ? await read(shared) : undefined) ?? (await read(id));
  }

  async listByStatus(status: CaseStatus, limit = 100, order: 'newest' | 'oldest' = 'newest'): Promise<CaseSummary[]> {
    // The index is eventually consistent and the record is read from the table: a case that has
    // left this status since is not listed under it. Its state only: no message text is read.
    const entries = await this.indexEntries(GSI.byStatus, statusGsiPk(status), limit, order);
    const states = await Promise.all(entries.map((entry) => this.getState(String(entry['caseId']))));
    return states
      .filter((state): state is CaseWithoutTexts => state !== null && state.status === status)
      .map(({ messages: _messages, ...summary }) => summary);
  }

  async listBySender(senderEmail: string, limit = 100, shown?: TextsShown): Promise<CaseRecord[]> {
    return this.readListed(await this.indexEntries(GSI.bySender, senderGsiPk(senderEmail), limit), shown);
  }

  /** Up to `limit` entries of one index partition, in creation order (newest first unless `oldest`). */
  private async indexEntries(
    index: (typeof GSI)[keyof typeof GSI],
    partition: string,
    limit: number,
    order: 'newest' | 'oldest' = 'newest',
  ): Promise<Item[]> {
    if (limit <= 0) return [];
    const items: Item[] = [];
    const pages = paginateQuery(
      { client: this.client, pageSize: Math.min(limit, 1000) },
      {
        TableName: this.tableName,
        IndexName: index.indexName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': index.partitionKey },
        ExpressionAttributeValues: { ':pk': partition },
        // The sort key starts with createdAt: newest first unless asked oldest first.
        ScanIndexForward: order === 'oldest',
      },
    );
    for await (const page of pages) {
      items.push(...(page.Items ?? []));
      if (items.length >= limit) break;
    }
    return items.slice(0, limit);
  }

  /**
   * Index entries (or scanned case items) → whole records read from the table: the indexes project
   * only what the lists need (table-design.ts), never whole case items, and the first message's
   * text is an item of its own. One Query per case, as `get`.
   */
  private async readListed(entries: Item[], shown?: TextsShown): Promise<CaseRecord[]> {
    const records = await Promise.all(entries.map((entry) => this.get(String(entry['caseId']), shown)));
    return records.filter((record): record is CaseRecord => record !== null);
  }

  async countOpenBySender(senderEmail: string): Promise<number> {
    let count = 0;
    const pages = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        IndexName: GSI.bySender.indexName,
        KeyConditionExpression: '#pk = :pk',
        FilterExpression: '#status IN (:queued, :assigned)',
        ExpressionAttributeNames: { '#pk': GSI.bySender.partitionKey, '#status': 'status' },
        ExpressionAttributeValues: { ':pk': senderGsiPk(senderEmail), ':queued': 'QUEUED', ':assigned': 'ASSIGNED' },
        Select: 'COUNT',
      },
    );
    for await (const page of pages) count += page.Count ?? 0;
    return count;
  }

  async listAll(limit = 1000): Promise<CaseRecord[]> {
    if (limit <= 0) return [];
    const items: Item[] = [];
    const pages = paginateScan(
      { client: this.client },
      {
        TableName: this.tableName,
        FilterExpression: '#type = :case AND sk = :sk',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':case': 'CASE', ':sk': CASE_SK },
      },
    );
    for await (const page of pages) items.push(...(page.Items ?? []));
    items.sort((a, b) => {
      const ka = `${a['createdAt']}#${a['caseId']}`;
      const kb = `${b['createdAt']}#${b['caseId']}`;
      return ka < kb ? 1 : ka > kb ? -1 : 0;
    });
    return this.readListed(items.slice(0, limit));
  }

  // ---- writes ------------------------------------------------------------------------------

  async create(record: CaseRecord, also?: CaseCreation): Promise<{ created: boolean; record: CaseRecord }> {
    const item = this.toCaseItem(record);
    if (also?.replyClaim) {
      // The reply claim rides on the creating write (see claimReply for the rule it stands for).
      item['replyClaimedAt'] = also.replyClaim.at.toISOString();
      item['messageIds'] = [...record.messageIds, ...normalisedIds(also.replyClaim.messageIds)];
    }
    // Redirected and quarantined submissions expire `redirectRetentionDays` after arrival (cases: at closing).
    const expiresAt = retentionExpiry(record.status, record.createdAt, this.retention);
    if (expiresAt !== null) item[TTL_ATTRIBUTE] = expiresAt;
    // A text kept out of the table is put first (same key and bytes on a retry), then the items.
    const texts = new Map<string, string>();
    const firstItem = await this.toFirstMessageItem(record, expiresAt !== null, texts);
    if (firstItem) {
      if (expiresAt !== null) firstItem[TTL_ATTRIBUTE] = expiresAt;
      // Before the case item, so a stored case always has its message; put once (a duplicate
      // delivery of the same message never rewrites it).
      try {
        await this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: firstItem,
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
      }
    }
    let created = true;
    try {
      await this.client.send(
        new PutCommand({ TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      created = false;
    }
    const stored = created ? record : await this.get(record.caseId);
    if (!stored) throw new Error(`Case vanished after a conflicting create: ${record.caseId}`);
    // The side items are idempotent: writing them on the duplicate path completes a create that
    // crashed after its first write. Only this submission's own ids: the stored list also holds
    // the ids of mail we sent, whose pointers carry their recipients (a put here would drop them).
    for (const message of record.messages.slice(1)) await this.appendMessage(record.caseId, message, expiresAt);
    // A pointer the delivery claim holds is written again only to give it the record's TTL.
    const held = also?.heldPointer ? normaliseMessageId(also.heldPointer) : undefined;
    const pointers =
      expiresAt === null ? record.messageIds.filter((id) => normaliseMessageId(id) !== held) : record.messageIds;
    if (pointers.length > 0) await this.writeMessageIdPointers(record.caseId, pointers, undefined, expiresAt);
    if (!created) return { created, record: stored };
    // A one-message case is exactly the item just written: return it without reading it back.
    // Extra messages go through appendMessage (guards, updatedAt), so that rarer path re-reads.
    if (record.messages.length <= 1) {
      return { created, record: this.fromItems(definedOnly(item), [], firstItem, texts) };
    }
    return { created, record: (await this.get(record.caseId)) ?? this.fromItems(item, [], firstItem, texts) };
  }

  async nextProtocol(year: number, forCase?: string): Promise<string> {
    if (!forCase) return formatProtocol(year, await this.drawProtocol(year));
    // The counter keeps the case id its last number went to (`lastCase`, in the same write): a draw
    // for that case again is refused and reads the number back instead (ports: nextProtocol).
    for (let attempt = 1; ; attempt++) {
      try {
        return formatProtocol(year, await this.drawProtocol(year, forCase));
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
      }
      const { Item } = await this.client.send(
        new GetCommand({ TableName: this.tableName, Key: counterKey(year), ConsistentRead: true }),
      );
      const seq = Item?.['seq'];
      if (Item?.['lastCase'] === forCase && typeof seq === 'number') return formatProtocol(year, seq);
      // Another case drew in between (or the number was given back): draw again; after a few
      // tries against a busy counter, a plain draw (a gap at worst, never a number twice).
      if (attempt >= 3) return formatProtocol(year, await this.drawProtocol(year));
    }
  }

  /** One atomic step of the counter; `forCase` recorded, and refused while the last number is that case's. */
  private async drawProtocol(year: number, forCase?: string): Promise<number> {
    const { Attributes } = await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: counterKey(year),
        ...(forCase
          ? {
              UpdateExpression: 'ADD seq :one SET lastCase = :case',
              ConditionExpression: 'attribute_not_exists(lastCase) OR lastCase <> :case',
              ExpressionAttributeValues: { ':one': 1, ':case': forCase },
            }
          : { UpdateExpression: 'ADD seq :one REMOVE lastCase', ExpressionAttributeValues: { ':one': 1 } }),
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const seq = Attributes?.['seq'];
    if (typeof seq !== 'number') throw new Error('Protocol counter returned no sequence');
    return seq;
  }

  async releaseProtocol(protocol: string): Promise<void> {
    const parts = parseProtocol(protocol);
    if (!parts) throw new Error(`Not a protocol number: ${protocol}`);
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: counterKey(parts.year),
          // The number went to nobody: no later draw may get it back as its case's (nextProtocol).
          UpdateExpression: 'ADD seq :minusOne REMOVE lastCase',
          ConditionExpression: 'seq = :seq',
          ExpressionAttributeValues: { ':minusOne': -1, ':seq': parts.seq },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  async setProtocolOnce(caseId: string, protocol: string): Promise<string> {
    if (!parseProtocol(protocol)) throw new Error(`Not a protocol number: ${protocol}`);
    let final = protocol;
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: caseKey(caseId),
          UpdateExpression: 'SET protocol = :p',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(protocol)',
          ExpressionAttributeValues: { ':p': protocol },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      const item = await this.mustGetCaseItem(caseId);
      final = String(item['protocol']);
    }
    // The write that set it put the case in the protocol index: there is no pointer to complete.
    return final;
  }

  /**
   * Writes MSGID pointers; the first case to claim a key keeps it. Returns the ids now ours.
   * `sharedSesKey`: the provider's ids of mail we sent, SES's forms of one id under one key (one put).
   * An update, not a put: what the pointer holds besides (a delivery claim's `deliveryKey`, the
   * recipients of mail we sent) stays. `takeOverFrom`: a case id whose pointers this case may take
   * (the case a follow-up's own delivery claim named before it was found to continue `caseId`).
   */
  private async writeMessageIdPointers(
    caseId: string,
    messageIds: string[],
    sentTo?: string[],
    expiresAt?: number | null,
    sharedSesKey = false,
    takeOverFrom?: string,
  ): Promise<string[]> {
    const ours: string[] = [];
    const recipients = recipientsOf(sentTo);
    const sets = ['caseId = :caseId', '#type = :type'];
    const values: Item = { ':caseId': caseId, ':type': 'MSGID' };
    if (recipients.length) {
      sets.push('sentTo = :sentTo');
      values[':sentTo'] = recipients;
    }
    if (typeof expiresAt === 'number') {
      sets.push('#ttl = :ttl');
      values[':ttl'] = expiresAt;
    }
    if (takeOverFrom) values[':from'] = takeOverFrom;
    for (const [key, ids] of pointerKeys(messageIds, sharedSesKey)) {
      try {
        await this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: messageIdKey(key),
            UpdateExpression: `SET ${sets.join(', ')}`,
            ConditionExpression: `attribute_not_exists(pk) OR caseId = :caseId${takeOverFrom ? ' OR caseId = :from' : ''}`,
            ExpressionAttributeNames: {
              '#type': 'type',
              ...(typeof expiresAt === 'number' ? { '#ttl': TTL_ATTRIBUTE } : {}),
            },
            ExpressionAttributeValues: values,
          }),
        );
        ours.push(...ids);
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
      }
    }
    return ours;
  }

  /**
   * Pointers of ids minted for a mail just sent: no one can hold them yet, so no condition, and
   * one BatchWriteItem for all (unprocessed items are put again, a few times, then it throws).
   */
  private async putMintedPointers(
    caseId: string,
    messageIds: string[],
    sentTo: string[] | undefined,
    sharedSesKey: boolean,
    expiresAt: number | null,
  ) {
    const requests = [...pointerKeys(messageIds, sharedSesKey).keys()].map((key) => ({
      PutRequest: { Item: pointerItem(key, caseId, sentTo, expiresAt) },
    }));
    await untilProcessed(requests, BATCH_WRITE_MAX, `Message-ID pointers of case ${caseId}`, async (batch) => {
      const { UnprocessedItems } = await this.client.send(
        new BatchWriteCommand({ RequestItems: { [this.tableName]: batch } }),
      );
      return (UnprocessedItems?.[this.tableName] ?? []) as typeof requests;
    });
  }

  async claimDelivery(
    deliveryKey: string,
    caseId: string,
    messageId: string | undefined,
    at: Date,
  ): Promise<DeliveryClaim> {
    const id = messageId ? normaliseMessageId(messageId) : '';
    if (id) {
      // The mail's own Message-ID pointer is the claim (issue 16: one write for both rules): it
      // carries the mail's identity, so a copy under another delivery id finds its first case,
      // and the create does not write the pointer again. ALL_OLD tells a first claim from a retry's.
      // Dated in the same write: a copy finds out whether the holder can still be at work.
      const Key = messageIdKey(id);
      try {
        const { Attributes } = await this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key,
            UpdateExpression: 'SET caseId = :caseId, #type = :type, deliveryKey = :dk, claimedAt = :at',
            ConditionExpression: 'attribute_not_exists(pk) OR (caseId = :caseId AND deliveryKey = :dk)',
            ExpressionAttributeNames: { '#type': 'type' },
            ExpressionAttributeValues: {
              ':caseId': caseId,
              ':type': 'MSGID',
              ':dk': deliveryKey,
              ':at': at.toISOString(),
            },
            ReturnValues: 'ALL_OLD',
          }),
        );
        return { caseId, first: Attributes === undefined, pointerHeld: true };
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
      }
      const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key, ConsistentRead: true }));
      if (Item?.['deliveryKey'] === deliveryKey && typeof Item['caseId'] === 'string') {
        const holder = Item['caseId'];
        const claimedAt = Item['claimedAt'];
        if (holder === caseId || typeof claimedAt !== 'string') {
          return { caseId: holder, first: false, pointerHeld: holder === caseId };
        }
        const dated = { at: new Date(claimedAt), finished: Item['claimDone'] === true };
        return { caseId: holder, first: false, pointerHeld: false, holder: dated };
      }
      // The id is another mail's (another sender's, one we sent, or a pointer from before issue 16):
      // that case keeps it, and this mail's identity gets an item of its own.
    }
    const Key = { pk: `DELIVERY#${deliveryKey}`, sk: 'DELIVERY' };
    try {
      const { Attributes } = await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...Key,
            type: 'DELIVERY',
            caseId,
            [TTL_ATTRIBUTE]: identityExpiry(),
          },
          ConditionExpression: 'attribute_not_exists(pk) OR caseId = :caseId',
          ExpressionAttributeValues: { ':caseId': caseId },
          ReturnValues: 'ALL_OLD',
        }),
      );
      return { caseId, first: Attributes === undefined, pointerHeld: false };
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key, ConsistentRead: true }));
      const owner = typeof Item?.['caseId'] === 'string' ? Item['caseId'] : caseId;
      return { caseId: owner, first: false, pointerHeld: false };
    }
  }

  async takeOverDelivery(
    deliveryKey: string,
    messageId: string,
    from: { caseId: string; at: Date },
    caseId: string,
    at: Date,
  ): Promise<boolean> {
    const id = normaliseMessageId(messageId);
    if (!id) return false;
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: messageIdKey(id),
          UpdateExpression: 'SET caseId = :caseId, claimedAt = :at',
          ConditionExpression:
            'caseId = :from AND deliveryKey = :dk AND claimedAt = :fromAt AND attribute_not_exists(claimDone)',
          ExpressionAttributeValues: {
            ':caseId': caseId,
            ':at': at.toISOString(),
            ':from': from.caseId,
            ':dk': deliveryKey,
            ':fromAt': from.at.toISOString(),
          },
        }),
      );
      return true;
    } catch (error) {
      // Another copy took it over first, or the holder finished after all.
      if (!isConditionalCheckFailed(error)) throw error;
      return false;
    }
  }

  async expireClaim(messageId: string, caseId: string): Promise<void> {
    const id = normaliseMessageId(messageId);
    if (!id) return;
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: messageIdKey(id),
          UpdateExpression: 'SET #ttl = :ttl, claimDone = :done',
          ConditionExpression: 'caseId = :caseId',
          ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
          ExpressionAttributeValues: { ':ttl': identityExpiry(), ':caseId': caseId, ':done': true },
        }),
      );
    } catch (error) {
      // Taken over by the case the mail continued (or never ours): it lives with that case.
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  async keepRawCopy(
    caseId: string,
    copy: { deliveryId: string; raw: ObjectLocation; receivedAt: string },
  ): Promise<void> {
    const expiresAt = retentionExpiry('REDIRECTED', copy.receivedAt, this.retention);
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: rawCopyPartition(caseId),
          sk: `COPY#${copy.deliveryId}`,
          type: 'RAW_COPY',
          raw: copy.raw,
          receivedAt: copy.receivedAt,
          ...(expiresAt === null ? {} : { [TTL_ATTRIBUTE]: expiresAt }),
        },
      }),
    );
  }

  async findSentMail(messageId: string): Promise<{ caseId: string; recipients: string[] } | null> {
    const Item = await this.getPointer(messageId);
    const recipients = Item?.['sentTo'];
    if (typeof Item?.['caseId'] !== 'string' || !Array.isArray(recipients)) return null;
    return { caseId: Item['caseId'], recipients: recipients.map(String) };
  }

  async addMessageIds(
    caseId: string,
    messageIds: string[],
    sentTo?: string[],
    options?: AddMessageIdsOptions,
  ): Promise<void> {
    const ids = normalisedIds(messageIds);
    if (ids.length === 0) return;
    const sharedSesKey = options?.sentByUs === true;
    // LGPD: the pointers of a case that expires (a redirected or quarantined record, a closed case)
    // expire with it; they carry the recipients' addresses. Known up front from the caller's record,
    // or, for ids already listed (no case write follows), read; otherwise the list append below
    // returns it and the pointers written before it are given it then (a case that is kept, the
    // usual one, costs nothing more).
    let expiresAt: number | null | undefined = options?.record ? this.expiryOf(options.record) : undefined;
    if (expiresAt === undefined && options?.listedOnCase) expiresAt = expiryOfItem(await this.mustGetCaseItem(caseId));
    if (options?.minted) await this.putMintedPointers(caseId, ids, sentTo, sharedSesKey, expiresAt ?? null);
    const ours = options?.minted
      ? ids
      : await this.writeMessageIdPointers(caseId, ids, sentTo, expiresAt, sharedSesKey, options?.takeOverFrom);
    // The case write that carried them (claimReply, recordReply) put them on the list already.
    if (options?.listedOnCase) return;
    const late = async (item: Item) => {
      const ttl = expiryOfItem(item);
      if (expiresAt === undefined && ttl !== null) await this.expirePointers(caseId, ours, sharedSesKey, ttl);
    };
    if (ours.length === 0) {
      await this.mustGetCaseItem(caseId);
      return;
    }
    // The list on the case keeps arrival order: an atomic append of the ids it does not hold yet,
    // without a read (issue 16). The condition makes a repeated id fail the write instead of
    // doubling it; only then is the list read, and only the missing ids appended.
    let missing = ours;
    for (let attempt = 0; attempt < 25; attempt++) {
      const values: Item = { ':empty': [], ':missing': missing };
      const absent = missing.map((id, i) => {
        values[`:id${i}`] = id;
        return `NOT contains(messageIds, :id${i})`;
      });
      try {
        const { Attributes } = await this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: caseKey(caseId),
            UpdateExpression: 'SET messageIds = list_append(if_not_exists(messageIds, :empty), :missing)',
            ConditionExpression: ['attribute_exists(pk)', ...absent].join(' AND '),
            ExpressionAttributeValues: values,
            // The case's TTL, if it has one (returned values cost no read capacity).
            ReturnValues: 'ALL_NEW',
          }),
        );
        await late(Attributes ?? {});
        return;
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
      }
      // Some id is there already (a retry, a concurrent writer), or the case does not exist.
      const item = await this.mustGetCaseItem(caseId);
      const current: string[] = Array.isArray(item['messageIds']) ? item['messageIds'] : [];
      missing = missing.filter((id) => !current.includes(id));
      if (missing.length === 0) {
        await late(item);
        return;
      }
    }
    throw new Error(`Could not record message ids on case ${caseId}: too much contention`);
  }

  /** The LGPD expiry of a case in the state the caller holds (retentionExpiry), null while it is kept. */
  private expiryOf(record: Pick<CaseRecord, 'status' | 'createdAt' | 'closedAt'>): number | null {
    return caseExpiry(record, this.retention);
  }

  /** Gives the case's TTL to pointers of it written without one (idempotent; a pointer not the case's is left). */
  private async expirePointers(caseId: string, ids: string[], sharedSesKey: boolean, expiresAt: number): Promise<void> {
    for (const key of pointerKeys(ids, sharedSesKey).keys()) {
      try {
        await this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: messageIdKey(key),
            UpdateExpression: 'SET #ttl = :ttl',
            ConditionExpression: 'caseId = :caseId',
            ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
            ExpressionAttributeValues: { ':ttl': expiresAt, ':caseId': caseId },
          }),
        );
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
      }
    }
  }

  /**
   * A mail the intake failed on was stored unread: at its release, the first message as the triage
   * read it now replaces it (its FIRSTMSG item, the case item's subject and first-message files),
   * the items' LGPD expiry kept — the release's keepOpen clears it once the case is open. Idempotent.
   */
  async rereadFirstMessage(caseId: string, message: CaseMessage): Promise<void> {
    const caseItem = await this.mustGetCaseItem(caseId);
    const expiry = expiryOfItem(caseItem);
    const ttl = typeof expiry === 'number' ? { [TTL_ATTRIBUTE]: expiry } : {};
    const record = { caseId, messages: [message] } as Pick<CaseRecord, 'caseId' | 'messages'> as CaseRecord;
    const first = await this.toFirstMessageItem(record, typeof expiry === 'number', new Map());
    if (!first) return;
    // Its text, when kept out of the table, is put before the item that references it (storedForm).
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...first, ...ttl } }));
    const truncated = !this.texts && this.capMessage(message).truncated;
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: caseKey(caseId),
        ConditionExpression: 'attribute_exists(pk)',
        UpdateExpression: `SET #subject = :subject, #fm = :fm${truncated ? ', #fmt = :true' : ''}`,
        ExpressionAttributeNames: {
          '#subject': 'subject',
          '#fm': 'firstMessage',
          ...(truncated ? { '#fmt': 'firstMessageTruncated' } : {}),
        },
        ExpressionAttributeValues: {
          ':subject': message.subject,
          ':fm': { sourceId: message.sourceId, attachments: message.attachments },
          ...(truncated ? { ':true': true } : {}),
        },
      }),
    );
  }

  /**
   * `expiresAt`: TTL of the guard and message items (a redirected submission's extra messages);
   * when not given, the case item's own (a message added to a closed case expires with it).
   * `kept`: the text is in the store already (appendPendingEntry).
   */
  async appendMessage(
    caseId: string,
    message: CaseMessage,
    expiresAt?: number | null,
    kept?: KeptText,
    known?: KnownCase,
  ): Promise<boolean> {
    const caseItem = known ? undefined : await this.mustGetCaseItem(caseId);
    const itemExpiry = known ? known.expiresAt : expiryOfItem(caseItem);
    const expiry = expiresAt === undefined ? itemExpiry : expiresAt;
    const ttl = typeof expiry === 'number' ? { [TTL_ATTRIBUTE]: expiry } : {};
    // A text kept out of the table is tagged as a redirected record's only for such a record: a
    // closed case's texts are re-tagged by its retention walk (applyCaseRetention), on its clock.
    const redirected = typeof expiry === 'number' && (known ? known.status : caseItem?.['status']) !== 'CLOSED';
    if ((caseItem?.['firstMessage'] as CaseMessage | undefined)?.sourceId === message.sourceId) return false;
    const pk = caseKey(caseId).pk;
    // The guard item fixes where this sourceId's message lives, so two deliveries of the same
    // message with different receivedAt still make one follow-up.
    let targetSk = messageSk(message);
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk, sk: guardSk(message.sourceId), type: 'SRC', messageSk: targetSk, ...ttl },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      const { Item } = await this.client.send(
        new GetCommand({ TableName: this.tableName, Key: { pk, sk: guardSk(message.sourceId) }, ConsistentRead: true }),
      );
      targetSk = String(Item?.['messageSk'] ?? targetSk);
    }
    // Exactly one caller wins this put: the one that appended. A caller whose guard won but who
    // crashed before this put is completed by its retry (or by a concurrent duplicate).
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          // Its text, when kept out of the table, is put before the item that references it.
          Item: {
            ...(await this.toMessageItem(caseId, message, redirected, kept)),
            sk: targetSk,
            ...ttl,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      return false;
    }
    if (!known?.updatedAtSet) await this.touch(caseId, message.receivedAt);
    return true;
  }

  /** Moves updatedAt forward only (out-of-order writers never move it back). */
  private async touch(caseId: string, at: string): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: caseKey(caseId),
          UpdateExpression: 'SET updatedAt = :at',
          ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(updatedAt) OR updatedAt < :at)',
          ExpressionAttributeValues: { ':at': at },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  async claimReply(caseId: string, now: Date, staleAfterMs: number, also?: CaseBookkeeping): Promise<boolean> {
    // The bookkeeping rides on the claim (issue 16): the winner writes it, a loser writes nothing.
    const extra = bookkeepingUpdate(also, false);
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: caseKey(caseId),
          // Retaking a failed send removes the failed state in the same write, so a concurrent
          // second caller no longer matches: exactly one winner in every branch.
          UpdateExpression: `SET replyClaimedAt = :now${extra.sets.map((set) => `, ${set}`).join('')} REMOVE #reply`,
          ConditionExpression:
            'attribute_exists(pk) AND (' +
            '(attribute_not_exists(#reply) AND (attribute_not_exists(replyClaimedAt) OR replyClaimedAt < :staleBefore))' +
            ' OR #reply.#status = :failed)',
          ExpressionAttributeNames: { '#reply': 'reply', '#status': 'status' },
          ExpressionAttributeValues: {
            ':now': now.toISOString(),
            ':staleBefore': new Date(now.getTime() - staleAfterMs).toISOString(),
            ':failed': 'failed',
            ...extra.values,
          },
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      return false;
    }
  }

  async claimHeldReply(caseId: string, now: Date, staleAfterMs: number): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: caseKey(caseId),
          // As claimReply: the claim removes the hold (or the failure) in its own write, so a concurrent
          // second sweep no longer matches: exactly one winner in every branch.
          UpdateExpression: 'SET replyClaimedAt = :now REMOVE #reply',
          ConditionExpression:
            'attribute_exists(pk) AND (' +
            '(#reply.#status = :suppressed AND #reply.#reason = :held)' +
            ' OR (#reply.#status = :failed AND attribute_not_exists(#reply.#permanent))' +
            ' OR (attribute_not_exists(#reply) AND replyClaimedAt < :staleBefore))',
          ExpressionAttributeNames: {
            '#reply': 'reply',
            '#status': 'status',
            '#reason': 'reason',
            '#permanent': 'permanent',
          },
          ExpressionAttributeValues: {
            ':now': now.toISOString(),
            ':staleBefore': new Date(now.getTime() - staleAfterMs).toISOString(),
            ':suppressed': 'suppressed',
            ':held': REPLY_HELD_BY_BREAKER,
            ':failed': 'failed',
          },
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      return false;
    }
  }

  async recordReply(caseId: string, reply: ReplyState, also?: CaseBookkeeping): Promise<void> {
    // One write in the usual case: the reply, updatedAt and the bookkeeping together, while
    // updatedAt is not ahead of the reply (an equal value is rewritten unchanged) and the list holds
    // none of the ids. Otherwise (an out-of-order writer, or a retry whose first write went through
    // and lost its response) the item is read and only what is missing is written: updatedAt still
    // never moves back, and no id is appended twice.
    let missing = normalisedIds(also?.messageIds ?? []);
    let withUpdatedAt = true;
    for (let attempt = 0; attempt < 25; attempt++) {
      const extra = bookkeepingUpdate({ ...also, messageIds: missing }, true);
      const sets = ['#reply = :reply', ...(withUpdatedAt ? ['updatedAt = :at'] : []), ...extra.sets];
      const conditions = [
        'attribute_exists(pk)',
        ...(withUpdatedAt ? ['(attribute_not_exists(updatedAt) OR updatedAt <= :at)'] : []),
        ...extra.conditions,
      ];
      try {
        await this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: caseKey(caseId),
            UpdateExpression: `SET ${sets.join(', ')}`,
            ConditionExpression: conditions.join(' AND '),
            ExpressionAttributeNames: { '#reply': 'reply' },
            ExpressionAttributeValues: {
              ':reply': reply,
              ...(withUpdatedAt ? { ':at': reply.at } : {}),
              ...extra.values,
            },
          }),
        );
        return;
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
      }
      const item = await this.mustGetCaseItem(caseId);
      const current: unknown[] = Array.isArray(item['messageIds']) ? item['messageIds'] : [];
      missing = missing.filter((id) => !current.includes(id));
      withUpdatedAt = !(typeof item['updatedAt'] === 'string' && item['updatedAt'] > reply.at);
    }
    throw new Error(`Could not record the reply on case ${caseId}: too much contention`);
  }

  async addCitation(caseId: string, citingCaseId: string): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: caseKey(caseId),
          UpdateExpression: 'SET citedBy = list_append(if_not_exists(citedBy, :none), :one)',
          ConditionExpression:
            'attribute_exists(pk) AND (attribute_not_exists(citedBy) OR (NOT contains(citedBy, :id) AND size(citedBy) < :max))',
          ExpressionAttributeValues: { ':none': [], ':one': [citingCaseId], ':id': citingCaseId, ':max': MAX_CITED_BY },
        }),
      );
    } catch (error) {
      // Gone, listed already, or the list is full: nothing to add.
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  async markEnqueued(caseId: string, at: Date): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: caseKey(caseId),
        // The first enqueue time stays: a redelivery must not rewrite history.
        UpdateExpression: 'SET enqueuedAt = if_not_exists(enqueuedAt, :at)',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':at': at.toISOString() },
      }),
    );
  }

  async assign(caseId: string, analystId: string, at: Date, dueAt: Date, also?: CaseBookkeeping): Promise<boolean> {
    const assignedAt = at.toISOString();
    // The condition (QUEUED) makes this write happen once: the bookkeeping rides on it unguarded.
    const extra = bookkeepingUpdate(also, false);
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: caseKey(caseId),
          // The analyst's notice is pending from here: the case is marked for the effects sweep in
          // this same write (no extra request), which re-queues it if the notice never goes.
          // The assignment's history entry (who, when, to whom) rides on the same write.
          UpdateExpression: `SET #status = :assigned, #gsiPk = :gsiPk, assignee = :analyst, assignedAt = :at, dueAt = :due, updatedAt = :at, #effPk = :effPk, #effSince = :at, #history = list_append(if_not_exists(#history, :noEvents), :assignedEvents)${extra.sets.map((set) => `, ${set}`).join('')}`,
          ConditionExpression: 'attribute_exists(pk) AND #status = :queued',
          ExpressionAttributeNames: {
            '#status': 'status',
            '#gsiPk': GSI.byStatus.partitionKey,
            '#effPk': GSI.pendingEffects.partitionKey,
            '#effSince': GSI.pendingEffects.sortKey,
            '#history': 'history',
          },
          ExpressionAttributeValues: {
            ':effPk': EFFECTS_PK,
            ':noEvents': [],
            ':assignedEvents': [assignedEvent(analystId, assignedAt, dueAt.toISOString())],
            ':assigned': 'ASSIGNED',
            ':queued': 'QUEUED',
            ':gsiPk': statusGsiPk('ASSIGNED'),
            ':analyst': analystId,
            ':at': assignedAt,
            ':due': dueAt.toISOString(),
            ...extra.values,
          },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      // Not QUEUED any more. If it is ASSIGNED, make sure its analyst counts it: this completes
      // an assignment that crashed between the case write and its marker (put if absent: no double count).
      const item = await this.getCaseItem(caseId);
      if (item?.['status'] === 'ASSIGNED' && typeof item['assignee'] === 'string') {
        await recordStaffAssignment(
          this.client,
          this.tableName,
          item['assignee'],
          caseId,
          String(item['assignedAt'] ?? assignedAt),
        );
      }
      return false;
    }
    await recordStaffAssignment(this.client, this.tableName, analystId, caseId, assignedAt);
    return true;
  }

  async markAnalystNotified(caseId: string, at: Date, also?: CaseBookkeeping): Promise<boolean> {
    // Written once (the condition): the bookkeeping rides on it unguarded.
    const extra = bookkeepingUpdate(also, false);
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: caseKey(caseId),
          UpdateExpression: `SET analystNotifiedAt = :at${extra.sets.map((set) => `, ${set}`).join('')}`,
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(analystNotifiedAt)',
          ExpressionAttributeValues: { ':at': at.toISOString(), ...extra.values },
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      return false;
    }
  }

  /**
   * ASSIGNED → CLOSED exactly once, and the analyst's open count drops (idempotent marker release).
   * Not part of the port: for staff tooling and tests.
   */
  async close(caseId: string, at: Date): Promise<boolean> {
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: caseKey(caseId),
          UpdateExpression: 'SET #status = :closed, #gsiPk = :gsiPk, closedAt = :at, updatedAt = :at',
          ConditionExpression: 'attribute_exists(pk) AND #status = :assigned',
          ExpressionAttributeNames: { '#status': 'status', '#gsiPk': GSI.byStatus.partitionKey },
          ExpressionAttributeValues: {
            ':closed': 'CLOSED',
            ':assigned': 'ASSIGNED',
            ':gsiPk': statusGsiPk('CLOSED'),
            ':at': at.toISOString(),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      const assignee = Attributes?.['assignee'];
      if (typeof assignee === 'string') await releaseStaffCase(this.client, this.tableName, assignee, caseId);
      return true;
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      const item = await this.getCaseItem(caseId);
      if (item?.['status'] === 'CLOSED' && typeof item['assignee'] === 'string') {
        await releaseStaffCase(this.client, this.tableName, item['assignee'], caseId);
      }
      return false;
    }
  }
}

function normalisedIds(messageIds: string[]): string[] {
  return [...new Set(messageIds.map(normaliseMessageId).filter((id) => id.length > 0))];
}

/**
 * SET clauses for bookkeeping a case write carries: ids appended (with `guardIds`, conditioned on
 * the list holding none of them, so a retried write never doubles one), the first enqueue time kept.
 */
function bookkeepingUpdate(
  also: CaseBookkeeping | undefined,
  guardIds: boolean,
): {
  sets: string[];
  conditions: string[];
  values: Item;
} {
  const sets: string[] = [];
  const conditions: string[] = [];
  const values: Item = {};
  const ids = normalisedIds(also?.messageIds ?? []);
  if (ids.length > 0) {
    sets.push('messageIds = list_append(if_not_exists(messageIds, :emptyIds), :ids)');
    values[':emptyIds'] = [];
    values[':ids'] = ids;
    if (guardIds) {
      ids.forEach((id, i) => {
        values[`:bid${i}`] = id;
        conditions.push(`NOT contains(messageIds, :bid${i})`);
      });
    }
  }
  if (also?.enqueuedAt) {
    sets.push('enqueuedAt = if_not_exists(enqueuedAt, :enqueuedAt)');
    values[':enqueuedAt'] = also.enqueuedAt.toISOString();
  }
  return { sets, conditions, values };
}

/** Key of a case item, for tests and tools that inspect the table. */
export const caseItemKey = caseKey;
