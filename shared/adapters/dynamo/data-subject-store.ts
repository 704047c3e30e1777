import {
  BatchGetCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  type NativeAttributeValue,
  paginateQuery,
  paginateScan,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import type { DataSubjectStore, HeldItem, SubjectCase, Tombstone } from '../../app/data-subject';
import type { ReportEntry } from '../../domain/report/figures';
import type { HistoryEvent } from '../../domain/lifecycle/types';
import { DAY_SECONDS } from '../../domain/retention';
import { type CaseMessage, caseIdFor } from '../../domain/case';
import { messageIdPointerKey, normaliseMessageId } from '../../domain/message-id';
import { inboxLimitKey } from '../../domain/mailbox';
import { THROTTLED_MAIL_KINDS } from '../../domain/outcome';
import { deliveryKey } from '../../domain/received-mail';
import { isConditionalCheckFailed } from './client';
import { rateItemKey } from './rate-limiter';
import { parseProtocol } from '../../domain/protocol';
import type { MessageTextStore } from '../../ports';
import {
  BATCH_GET_MAX,
  caseItemKey,
  counterKey,
  FIRST_MESSAGE_SK,
  rawCopyPartition,
  readMessageTexts,
  storedFirstMessage,
  storedMessage,
  untilProcessed,
} from './case-repository';
import { DynamoOpenCaseCounter, openCaseMarkerKey } from './open-case-counter';
import {
  ADDRESS_ATTRIBUTES,
  addressKey,
  DynamoSenderOpenCases,
  inboxKey,
  ownPartOfAddressItem,
} from './sender-open-cases';
import { surveyKey } from './survey-store';
import {
  addressOfSenderGsiPk,
  caseEventKey,
  erasedEventsKey,
  erasedStatsKey,
  erasingStatusSortKey,
  GSI,
  heldReplyKey,
  PENDING_SENDER_GSI_PK_PREFIX,
  pendingSenderPk,
  SENDER_GSI_PK_PREFIX,
  senderGsiPk,
  staffKey,
  TTL_ATTRIBUTE,
} from './table-design';
import { reportEventsOf } from './case-work-store';

type Item = Record<string, NativeAttributeValue>;
type Key = { pk: string; sk: string };

const keyOf = (item: Item): Key => ({ pk: String(item['pk']), sk: String(item['sk']) });

/** Reads and conditional removals of one id from a cited case's list before giving up (forgetCiter). */
const FORGET_CITER_TRIES = 5;

/**
 * Everything the table holds about one address, found by key — never a scan:
 * - its cases: Query `gsi2-sender` (`SENDER#<email>`), then each case partition (`CASE#<id>`: the
 *   case item, `MSG#` follow-ups, `SRC#` guards);
 * - per case: `PROTOCOL#` (legacy: cases numbered before the protocol index), `SURVEY#`, every
 *   `MSGID#` of `messageIds`, the claim of each received message (its own `MSGID#` pointer, or a
 *   `DELIVERY#` item: sha256 of sender + Message-ID), the open-case marker of its analyst (`STAFF / OPENCASE#…`);
 * - per address: `OPEN#`, `BOUNCE#`, its webform posts waiting for confirmation (`PENDING#`, by
 *   `gsi2-sender` `PENDINGSENDER#<email>`), and `THROTTLE#<inbox>#<kind>#<day>` (inboxLimitKey; every
 *   outcome and the infected-file notice) for the days that can
 *   still hold one (they expire two days after their day) and the days of the address's cases.
 * Message texts kept out of the table (issue 16) are read from `texts` into the messages.
 */
/** Said in place of a text that is gone (an erasure interrupted half-way, an expired object). */
export const MISSING_TEXT_NOTE = '[texto não encontrado: apagado ou expirado]';

/**
 * The store, reading a missing text as MISSING_TEXT_NOTE: an erasure run again after it deleted the
 * texts must still find the cases to finish, and an export says what is gone instead of failing.
 */
function tolerant(store: MessageTextStore): Pick<MessageTextStore, 'get'> {
  return {
    get: async (ref) => {
      try {
        return await store.get(ref);
      } catch (error) {
        if ((error as { name?: unknown } | null)?.name === 'MessageTextNotFound') return MISSING_TEXT_NOTE;
        throw error;
      }
    },
  };
}

export class DynamoDataSubjectStore implements DataSubjectStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly texts?: MessageTextStore,
  ) {}

  private async queryAll(input: {
    IndexName?: string;
    KeyConditionExpression: string;
    ExpressionAttributeNames?: Record<string, string>;
    ExpressionAttributeValues: Item;
  }): Promise<Item[]> {
    const items: Item[] = [];
    const pages = paginateQuery(
      { client: this.client },
      { TableName: this.tableName, ...(input.IndexName ? {} : { ConsistentRead: true }), ...input },
    );
    for await (const page of pages) items.push(...(page.Items ?? []));
    return items;
  }

  private async getItem(key: Key): Promise<Item | null> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    return Item ?? null;
  }

  async cases(email: string): Promise<SubjectCase[]> {
    const address = email.trim().toLowerCase();
    const caseItems = await this.queryAll({
      IndexName: GSI.bySender.indexName,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': GSI.bySender.partitionKey },
      ExpressionAttributeValues: { ':pk': senderGsiPk(address) },
    });
    const out: SubjectCase[] = [];
    for (const summary of caseItems) {
      const caseId = String(summary['caseId']);
      const partition = await this.queryAll({
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `CASE#${caseId}` },
      });
      const caseItem = partition.find((i) => i['sk'] === 'CASE');
      if (!caseItem) continue;
      const related: HeldItem[] = [];
      const candidates: Key[] = [];
      const protocol = typeof caseItem['protocol'] === 'string' ? caseItem['protocol'] : undefined;
      if (protocol) {
        candidates.push({ pk: `PROTOCOL#${protocol}`, sk: 'PROTOCOL' }, surveyKey(protocol));
      }
      for (const id of Array.isArray(caseItem['messageIds']) ? caseItem['messageIds'] : []) {
        const n = normaliseMessageId(String(id));
        if (!n) continue;
        // SES's forms of an id we sent share one pointer (messageIdPointerKey); older ones have their own.
        const shared = messageIdPointerKey(n);
        if (shared !== n && !candidates.some((c) => c.pk === `MSGID#${shared}`)) {
          candidates.push({ pk: `MSGID#${shared}`, sk: 'MSGID' });
        }
        candidates.push({ pk: `MSGID#${n}`, sk: 'MSGID' });
      }
      const firstItem = partition.find((i) => i['sk'] === FIRST_MESSAGE_SK);
      const messageItems = partition.filter((i) => String(i['sk']).startsWith('MSG#'));
      const texts = await readMessageTexts([firstItem, ...messageItems], this.texts && tolerant(this.texts));
      const messages: CaseMessage[] = [
        ...[storedFirstMessage(caseItem, firstItem, texts)].filter((m): m is CaseMessage => m !== undefined),
        ...messageItems.map((i) => storedMessage(i, texts)),
      ];
      // The case ids this case's items may name: its own, and the one each received mail's claim named
      // before the mail was found to continue this case (its pointer then expires on its own clock).
      const owners = new Set([caseId]);
      for (const m of messages) if (m && m.direction !== 'out') owners.add(caseIdFor(m.channel, m.sourceId));
      for (const m of messages) {
        if (m?.direction === 'out' || !m?.messageId) continue;
        const k = deliveryKey({ from: m.from?.address ?? address, messageId: m.messageId });
        if (k) candidates.push({ pk: `DELIVERY#${k}`, sk: 'DELIVERY' });
        // Since issue 16 a received mail's claim is its own Message-ID's pointer (a follow-up's too).
        const own = `MSGID#${normaliseMessageId(m.messageId)}`;
        if (!candidates.some((c) => c.pk === own)) candidates.push({ pk: own, sk: 'MSGID' });
      }
      if (typeof caseItem['assignee'] === 'string') {
        candidates.push(openCaseMarkerKey(caseItem['assignee'], caseId));
      }
      for (const key of candidates) {
        const item = await this.getItem(key);
        // A pointer or claim is this case's only while it names it: an id on the case's list may be
        // another's (a mail whose Message-ID another sender's mail held first), whose pointer is that
        // person's data, neither shown nor erased here.
        if (item && (typeof item['caseId'] !== 'string' || owners.has(item['caseId']))) related.push({ key, item });
      }
      // Raw mail kept with the case without a message of its own (keepRawCopy).
      const copies = await this.queryAll({
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': rawCopyPartition(caseId) },
      });
      for (const item of copies) related.push({ key: keyOf(item), item });
      out.push({
        caseId,
        status: String(caseItem['status']),
        createdAt: String(caseItem['createdAt']),
        ...(protocol ? { protocol } : {}),
        ...(typeof caseItem['assignee'] === 'string' ? { assignee: caseItem['assignee'] } : {}),
        messages,
        items: partition.map((item) => ({ key: keyOf(item), item })),
        related,
      });
    }
    return out;
  }

  async spellingsOfInbox(email: string): Promise<string[]> {
    const inbox = inboxLimitKey(email);
    const found = new Set<string>();
    // The sender index's keys only (ProjectionExpression): the one scan of this store, for a rare request.
    const pages = paginateScan(
      { client: this.client },
      {
        TableName: this.tableName,
        IndexName: GSI.bySender.indexName,
        ProjectionExpression: '#pk',
        FilterExpression: 'begins_with(#pk, :case) OR begins_with(#pk, :pending)',
        ExpressionAttributeNames: { '#pk': GSI.bySender.partitionKey },
        ExpressionAttributeValues: { ':case': SENDER_GSI_PK_PREFIX, ':pending': PENDING_SENDER_GSI_PK_PREFIX },
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        const address = addressOfSenderGsiPk(String(item[GSI.bySender.partitionKey]));
        if (inboxLimitKey(address) === inbox) found.add(address);
      }
    }
    return [...found];
  }

  async addressItems(email: string, days: readonly string[], caseIds: readonly string[]): Promise<HeldItem[]> {
    const address = email.trim().toLowerCase();
    const keys: Key[] = [addressKey(address), { pk: `BOUNCE#${address}`, sk: 'BOUNCE' }];
    // Keyed as the limit keys them (the inbox: "+tags" and Gmail's dots are one), for every kind it counts.
    const inbox = inboxLimitKey(address);
    for (const day of new Set(days)) {
      for (const kind of THROTTLED_MAIL_KINDS) keys.push({ pk: `THROTTLE#${inbox}#${kind}#${day}`, sk: 'THROTTLE' });
    }
    // Webform posts still waiting for their confirmation link (trust hole F1): the form as typed.
    const pending = await this.queryAll({
      IndexName: GSI.bySender.indexName,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': GSI.bySender.partitionKey },
      ExpressionAttributeValues: { ':pk': pendingSenderPk(address) },
    });
    keys.push(...pending.map(keyOf));
    const out: HeldItem[] = [];
    const own = addressKey(address).pk;
    const hers = new Set(caseIds);
    for (const key of keys) {
      const item = await this.getItem(key);
      if (item) out.push({ key, item: key.pk === own ? ownPartOfAddressItem(item, address, hers) : item });
    }
    return out;
  }

  async heldReplies(email: string, caseIds: readonly string[], dates: readonly string[]): Promise<HeldItem[]> {
    const theirs = new Set(caseIds);
    // Her address as typed (the other spellings of her inbox are named to the operator, not taken: otherSpellings).
    const address = email.trim().toLowerCase();
    const out: HeldItem[] = [];
    for (const date of dates) {
      const items = await this.queryAll({
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': heldReplyKey(`${date}T00:00:00.000Z`, '').pk },
      });
      for (const item of items) {
        const reply = item['reply'] as { caseId?: unknown; to?: unknown } | undefined;
        const named =
          (typeof reply?.caseId === 'string' && theirs.has(reply.caseId)) ||
          (typeof reply?.to === 'string' && reply.to.trim().toLowerCase() === address);
        if (named) out.push({ key: keyOf(item), item });
      }
    }
    return out;
  }

  async remove(key: Key): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: key }));
  }

  /**
   * The address item (`OPEN#`) of an inbox goes whole only when it counts no open case
   * (releaseSenderCase ran first): what is left there is its variants'. A variant's own item counts
   * only its own cases (before the cap was keyed by inbox): it goes whole.
   */
  async removeAddressItem(key: Key): Promise<void> {
    const address = key.pk.slice(addressKey('').pk.length);
    if (key.sk !== addressKey('').sk || inboxKey(address).pk !== key.pk) return this.remove(key);
    try {
      await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: key,
          ConditionExpression: 'attribute_not_exists(#ids)',
          ExpressionAttributeNames: { '#ids': ADDRESS_ATTRIBUTES.caseIds },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      // Another variant's open cases are counted here: only the address's own bounce memory goes.
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: 'REMOVE #until, #reason',
          ExpressionAttributeNames: {
            '#until': ADDRESS_ATTRIBUTES.bounceUntil,
            '#reason': ADDRESS_ATTRIBUTES.bounceReason,
          },
        }),
      );
    }
  }

  async releaseSenderCase(email: string, caseId: string): Promise<void> {
    await new DynamoSenderOpenCases(this.client, this.tableName).forget(email, caseId);
  }

  async removeLateWrites(c: SubjectCase): Promise<void> {
    if (c.protocol) await this.remove(surveyKey(c.protocol));
  }

  /**
   * The analyst's open-case marker (its assignment instant kept on the staff item first, as on a
   * close) and the legacy open-case set on the staff item (`openCaseIds`), if the case is in it.
   */
  async releaseStaffCase(analystId: string, caseId: string): Promise<void> {
    await new DynamoOpenCaseCounter(this.client, this.tableName).closed(analystId, caseId);
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: staffKey(analystId),
          UpdateExpression: 'DELETE openCaseIds :id',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':id': new Set([caseId]) },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  /**
   * The record's random id is kept on the case item first (`erasedStatsId`, if absent): a re-run
   * erasure finds it and puts the same record. It expires when the case would have (its TTL, to the
   * day), so old reports lose it as they would have lost the case; one of an open case stays.
   */
  async keepStatistics(caseId: string, entry: ReportEntry): Promise<void> {
    const { Attributes } = await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: caseItemKey(caseId),
        UpdateExpression: 'SET erasedStatsId = if_not_exists(erasedStatsId, :id)',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':id': randomUUID() },
        ReturnValues: 'ALL_NEW',
      }),
    );
    const ttl = Attributes?.[TTL_ATTRIBUTE];
    const id = String(Attributes?.['erasedStatsId']);
    // The case names its record on the status index before the record is put: a run that dies
    // before its case items go leaves both, and the report counts the case once (the live one).
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: caseItemKey(caseId),
        UpdateExpression: 'SET #sk = :sk',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#sk': GSI.byStatus.sortKey },
        ExpressionAttributeValues: { ':sk': erasingStatusSortKey(String(Attributes?.['createdAt']), caseId, id) },
      }),
    );
    const record = {
      type: 'ERASED_CASE_STATS',
      ...entry,
      ...(typeof ttl === 'number' ? { [TTL_ATTRIBUTE]: Math.ceil(ttl / DAY_SECONDS) * DAY_SECONDS } : {}),
    };
    // Under its creation date (the intake figures) and under each date it was closed or first
    // answered (ERASEDEVENTS#: the closing figures of that date's period).
    const eventDates = new Set([
      ...(entry.closures ?? []).map((k) => k.closedOn),
      ...(entry.firstAnsweredOn ? [entry.firstAnsweredOn] : []),
    ]);
    const keys = [erasedStatsKey(entry.createdOn, id), ...[...eventDates].map((on) => erasedEventsKey(on, id))];
    for (const key of keys)
      await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...key, ...record } }));
    // The live case's entries in the closings' list (CASEEVENTS#) go: the record counts for it now.
    const history = Array.isArray(Attributes?.['history']) ? (Attributes['history'] as HistoryEvent[]) : [];
    for (const at of reportEventsOf({ events: history }, [])) {
      await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: caseEventKey(at, caseId) }));
    }
  }

  async rateCounters(keys: readonly string[], windows: readonly Date[]): Promise<HeldItem[]> {
    // One BatchGetItem per 100 counters (an erasure asks for a few hundred hour windows), not a
    // GetItem each; keys DynamoDB leaves unprocessed are asked again (untilProcessed).
    const wanted = keys.flatMap((key) => windows.map((window) => rateItemKey(key, window)));
    const found = new Map<string, Item>();
    await untilProcessed(wanted as Item[], BATCH_GET_MAX, 'Rate counters', async (batch) => {
      const { Responses, UnprocessedKeys } = await this.client.send(
        new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: batch, ConsistentRead: true } } }),
      );
      for (const item of Responses?.[this.tableName] ?? []) found.set(String(item['pk']), item);
      return UnprocessedKeys?.[this.tableName]?.Keys ?? [];
    });
    // In the order asked (a key's windows together), as the export lists them.
    return wanted.flatMap((key) => {
      const item = found.get(key.pk);
      return item ? [{ key, item }] : [];
    });
  }

  async forgetNumbering(caseId: string, protocol: string): Promise<void> {
    const parts = parseProtocol(protocol);
    // Another case drew since (or the counter says nothing of it): nothing of hers there.
    if (parts) await this.removeWhileNaming(counterKey(parts.year), 'lastCase', [], caseId);
  }

  async forgetCitation(citingCaseId: string, caseId: string): Promise<void> {
    // Gone (retention, its own erasure) or naming no longer this case: nothing of hers there.
    await this.removeWhileNaming(caseItemKey(citingCaseId), 'referencedCaseId', ['referencedProtocol'], caseId);
  }

  async forgetCiter(citedCaseId: string, citingCaseId: string): Promise<void> {
    const key = caseItemKey(citedCaseId);
    // The list grows by appends (addCitation) and shrinks by these removals: an index read now may
    // have moved when the write lands, so the write holds only while that index still names it.
    for (let attempt = 0; attempt < FORGET_CITER_TRIES; attempt++) {
      const { Item } = await this.client.send(
        new GetCommand({ TableName: this.tableName, Key: key, ProjectionExpression: 'citedBy', ConsistentRead: true }),
      );
      const at = Array.isArray(Item?.['citedBy']) ? Item['citedBy'].indexOf(citingCaseId) : -1;
      // Gone (retention, its own erasure) or not listing it: nothing of hers there.
      if (at < 0) return;
      try {
        await this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: key,
            UpdateExpression: `REMOVE citedBy[${at}]`,
            ConditionExpression: `citedBy[${at}] = :id`,
            ExpressionAttributeValues: { ':id': citingCaseId },
          }),
        );
        return;
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
      }
    }
    throw new Error(`Could not take the erased record off case ${citedCaseId}'s citations: too much contention`);
  }

  /**
   * Removes `attribute` (and `others` with it) from an item only while it names `caseId`: one
   * conditional update, idempotent; an item gone or naming something else is left as it is.
   */
  private async removeWhileNaming(
    key: Record<string, string>,
    attribute: string,
    others: readonly string[],
    caseId: string,
  ): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: `REMOVE ${[attribute, ...others].join(', ')}`,
          ConditionExpression: `${attribute} = :case`,
          ExpressionAttributeValues: { ':case': caseId },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  async putTombstone(tombstone: Tombstone): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: `TOMBSTONE#${tombstone.subjectHash}`, sk: 'TOMBSTONE', type: 'TOMBSTONE', ...tombstone },
      }),
    );
  }

  async tombstone(subjectHash: string): Promise<Tombstone | null> {
    const item = await this.getItem({ pk: `TOMBSTONE#${subjectHash}`, sk: 'TOMBSTONE' });
    if (!item) return null;
    const { pk: _pk, sk: _sk, type: _type, ...rest } = item;
    return rest as Tombstone;
  }
}
