import {
  type DynamoDBDocumentClient,
  GetCommand,
  type NativeAttributeValue,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { CaseMessage, CaseRecord, CaseWithoutTexts, TextsShown } from '../../domain/case';
import type { PendingEffect, WorkCase } from '../../domain/lifecycle/types';
import type {
  CaseCommit,
  CaseWorkStore,
  CommitResult,
  MarkedCase,
  RetentionKnown,
  WorkCaseState,
} from '../../app/lifecycle/ports';
import { CASE_PK_PREFIX, caseItemKey, DynamoCaseRepository, type KnownCase } from './case-repository';
import { isConditionalCheckFailed } from './client';
import { caseExpiry, DEFAULT_RETENTION, type RetentionSettings, retentionExpiry } from '../../domain/retention';
import { applyCaseRetention } from './case-retention';
import { caseEventKey, EFFECTS_PK, GSI, statusGsiPk, TTL_ATTRIBUTE } from './table-design';

type Item = Record<string, NativeAttributeValue>;

/**
 * Walks of a case's items per `item-retention` run: each later one follows a close or reopen
 * committed during the one before; past this, that transition's own effect walks again.
 */
const MAX_RETENTION_WALKS = 3;

/** Attribute of the case item holding messages committed but not yet written as `MSG#` items. */
export const PENDING_MESSAGES_ATTRIBUTE = 'pendingMessages';

export interface DynamoCaseWorkStoreOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** The repository that owns the case item's marshalling; built from client/table when omitted. */
  repository?: DynamoCaseRepository;
  /** LGPD retention (`config.retention`): closing sets `expiresAt`, reopening removes it. */
  retention?: RetentionSettings;
}

/**
 * CaseWorkStore on the CASE item of the single table (README.md next to this file).
 *
 * `commit` is ONE conditional UpdateItem on `CASE#<caseId> / CASE`: version check, SET/REMOVE of
 * the changed attributes (the status index key `gsi1pk` follows the status), `list_append` of the
 * history, `pendingEffects.<id>` per effect, `pendingMessages.<sourceId>` per new message and
 * `version + 1`. All of it or nothing.
 *
 * Messages. Case messages live as `MSG#` items (the repository's format, which the board and the
 * intake read). Those cannot be written in the same single-item write, and writing them after
 * the commit alone could lose one to a crash (the retry finds the event in the history and
 * stops). So the commit stores each new message in the item's `pendingMessages` map, keyed by
 * sourceId — inside the atomic write — and then moves it out: an idempotent `appendMessage`
 * (SRC# guard) followed by `REMOVE pendingMessages.<sourceId>`. A crash in between leaves the
 * message in the map, where `get()` still returns it and completes the move. The item thus holds
 * only the messages of in-flight commits (a few at most), never the case's whole correspondence: it
 * stays far below 400 KB. With a message text store (issue 16), a text over the repository's inline
 * limit is capped and put in the store before the commit, and the map keeps only its reference
 * (`DynamoCaseRepository.pendingEntry`), which the `MSG#` item then reuses: the commit's write does
 * not grow with the text either.
 *
 * Map paths (`pendingEffects.#id`) need the map to exist: the commit reads the case first (it
 * needs the stored messages to skip a sourceId already there anyway) and either SETs the whole
 * map or one key, with `attribute_exists`/`attribute_not_exists` of the map in the condition.
 */
export class DynamoCaseWorkStore implements CaseWorkStore {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;
  readonly repository: DynamoCaseRepository;
  private readonly retention: RetentionSettings;

  constructor(options: DynamoCaseWorkStoreOptions) {
    this.client = options.client;
    this.tableName = options.tableName;
    this.retention = options.retention ?? DEFAULT_RETENTION;
    this.repository =
      options.repository ?? new DynamoCaseRepository({ client: options.client, tableName: options.tableName });
  }

  async get(caseId: string, shown?: TextsShown): Promise<WorkCase | null> {
    const record = await this.repository.get(caseId, shown);
    if (!record) return null;
    const entries = pendingEntriesOf(record);
    const pending = await this.repository.readPendingEntries(entries);
    if (entries.length > 0) await this.materialise(caseId, entries);
    return toWorkCase(record, pending);
  }

  async getByProtocol(protocol: string, shown?: TextsShown): Promise<WorkCase | null> {
    // The id only: `get` reads the case (and its texts) once.
    const caseId = await this.repository.caseIdOfProtocol(protocol);
    return caseId === null ? null : this.get(caseId, shown);
  }

  async getStateByProtocol(protocol: string): Promise<WorkCaseState | null> {
    const caseId = await this.repository.caseIdOfProtocol(protocol);
    const state = caseId === null ? null : await this.repository.getState(caseId);
    if (!state) return null;
    const { messages: _messages, [PENDING_MESSAGES_ATTRIBUTE]: _pending, ...rest } = state as unknown as Item;
    return rest as WorkCaseState;
  }

  async getState(caseId: string): Promise<WorkCaseState | null> {
    const state = await this.repository.getState(caseId);
    if (!state) return null;
    const { messages: _messages, [PENDING_MESSAGES_ATTRIBUTE]: _pending, ...rest } = state as unknown as Item;
    return rest as WorkCaseState;
  }

  async addMessageIds(caseId: string, messageIds: string[], sentTo?: string[]): Promise<void> {
    await this.repository.addMessageIds(caseId, messageIds, sentTo);
  }

  async commit(commit: CaseCommit): Promise<CommitResult> {
    // The state only: the write decides on version, sourceIds and ids, never on a stored text.
    const read = await this.repository.getStateForWrite(commit.caseId);
    if (!read) return { ok: false, reason: 'not-found' };
    const record = read.state;
    const stored = record as unknown as Item;
    if ((typeof stored['version'] === 'number' ? stored['version'] : 0) !== commit.expectedVersion) {
      return { ok: false, reason: 'conflict' };
    }
    const names: Record<string, string> = { '#version': 'version' };
    const values: Item = {};
    const sets: string[] = [];
    const removes: string[] = [];
    const conditions: string[] = ['attribute_exists(pk)'];

    if (commit.expectedVersion === 0) conditions.push('attribute_not_exists(#version)');
    else {
      conditions.push('#version = :expected');
      values[':expected'] = commit.expectedVersion;
    }
    values[':next'] = commit.expectedVersion + 1;
    sets.push('#version = :next');

    let n = 0;
    for (const [key, value] of Object.entries(commit.changes)) {
      if (value === undefined) continue;
      const name = `#c${n}`;
      names[name] = key;
      if (value === null) removes.push(name);
      else {
        values[`:c${n}`] = value;
        sets.push(`${name} = :c${n}`);
      }
      n++;
    }
    if (commit.changes.status) {
      names['#gsiStatus'] = GSI.byStatus.partitionKey;
      values[':gsiStatus'] = statusGsiPk(commit.changes.status);
      sets.push('#gsiStatus = :gsiStatus');
    }

    // Retention: the case item's TTL moves in the same write as the status; side items follow below.
    const expiry = retentionChange(commit, stored, read.expiresAt, this.retention);
    if (expiry !== undefined) {
      names['#ttl'] = TTL_ATTRIBUTE;
      if (expiry === null) removes.push('#ttl');
      else {
        values[':ttl'] = expiry;
        sets.push('#ttl = :ttl');
      }
    }

    if (commit.history) {
      // Folded near the item's limit (CaseCommit.history): the whole list, pinned by the version and
      // by its length when it was computed — the assignment appends its event without a version
      // (DynamoCaseRepository.assign), and a rewrite from an older read would drop it.
      const base = commit.history.base;
      const storedLength = Array.isArray(stored['history']) ? (stored['history'] as unknown[]).length : 0;
      if (storedLength !== base) return { ok: false, reason: 'conflict' };
      names['#history'] = 'history';
      values[':history'] = commit.history.events;
      sets.push('#history = :history');
      if (base === 0) conditions.push('attribute_not_exists(#history)');
      else {
        values[':historyBase'] = base;
        conditions.push('size(#history) = :historyBase');
      }
    } else if (commit.events.length > 0) {
      names['#history'] = 'history';
      values[':events'] = commit.events;
      values[':emptyList'] = [];
      sets.push('#history = list_append(if_not_exists(#history, :emptyList), :events)');
    }

    // The sweep's marker (GSI.pendingEffects), in the same write: no effect is stored unlisted.
    const since = commit.effects[0]?.createdAt;
    if (since) {
      names['#effPk'] = GSI.pendingEffects.partitionKey;
      names['#effSince'] = GSI.pendingEffects.sortKey;
      values[':effPk'] = EFFECTS_PK;
      values[':effSince'] = since;
      sets.push('#effPk = :effPk', '#effSince = :effSince');
    }

    this.setMapEntries(
      'pendingEffects',
      'e',
      commit.effects.map((e): [string, PendingEffect] => [e.id, e]),
      stored,
      { names, values, sets, conditions },
    );

    // Overtaken effects leave in the same write (CaseCommit.superseded); only entries the map has.
    const held = stored['pendingEffects'];
    if (held && typeof held === 'object') {
      (commit.superseded ?? []).forEach((id, i) => {
        if (!(id in (held as Item))) return;
        names[`#s${i}`] = id;
        names['#sMap'] = 'pendingEffects';
        removes.push(`#sMap.#s${i}`);
      });
    }

    const known = new Set(record.messages.map((m) => m.sourceId));
    for (const m of pendingEntriesOf(record)) known.add(String(m['sourceId']));
    const newMessages: CaseMessage[] = [];
    for (const m of commit.messages) {
      if (known.has(m.sourceId)) continue;
      known.add(m.sourceId);
      newMessages.push(m);
    }
    // A long text goes to the text store first (when there is one): the entry keeps its reference.
    const newEntries: Item[] = [];
    for (const m of newMessages) newEntries.push(await this.repository.pendingEntry(commit.caseId, m));
    this.setMapEntries(
      PENDING_MESSAGES_ATTRIBUTE,
      'm',
      newEntries.map((entry): [string, Item] => [String(entry['sourceId']), entry]),
      stored,
      { names, values, sets, conditions },
    );
    // The case's last activity moves forward with the write that stores the messages (the version
    // condition pins the value read), not in a write of its own after each (issue 16).
    const latest = newMessages.reduce<string | undefined>(
      (max, m) => (max === undefined || m.receivedAt > max ? m.receivedAt : max),
      undefined,
    );
    if (latest !== undefined && !(typeof stored['updatedAt'] === 'string' && stored['updatedAt'] >= latest)) {
      names['#updatedAt'] = 'updatedAt';
      values[':updatedAt'] = latest;
      sets.push('#updatedAt = :updatedAt');
    }

    // The report's closings by date (CASEEVENTS#), before the commit: a closure is never unlisted.
    await Promise.all(
      reportEventsOf(commit, stored['history']).map((at) =>
        this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: caseEventItem(at, commit.caseId, this.retention),
          }),
        ),
      ),
    );

    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: caseItemKey(commit.caseId),
          UpdateExpression: `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}`,
          ConditionExpression: conditions.join(' AND '),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      return { ok: false, reason: 'conflict' };
    }
    if (newEntries.length > 0) {
      // The case as this write left it: the messages' items need no read of it (KnownCase).
      await this.materialise(commit.caseId, newEntries, {
        expiresAt: expiry === undefined ? read.expiresAt : expiry,
        status: commit.changes.status ?? record.status,
        updatedAtSet: true,
      });
    }
    // The case's other items follow by the transition's `item-retention` effect (applyItemRetention):
    // a walk stopped half-way here would have left them without an expiry for good.
    return { ok: true, version: commit.expectedVersion + 1 };
  }

  async applyItemRetention(caseId: string, known?: RetentionKnown): Promise<void> {
    // The case the effect runs on says what the item's TTL is (the commit wrote it from the same
    // fields): the first walk needs no read of the case item; the read after it checks.
    let seen = known
      ? {
          expiresAt: caseExpiry(known, this.retention),
          ...(known.protocol ? { protocol: known.protocol } : {}),
          messageIds: known.messageIds,
          ...(known.closedAt ? { closedAt: known.closedAt } : {}),
        }
      : await this.retentionOf(caseId);
    for (let walk = 1; seen !== null && walk <= MAX_RETENTION_WALKS; walk++) {
      const texts = this.repository.texts;
      await applyCaseRetention(
        this.client,
        this.tableName,
        { caseId, ...(seen.protocol ? { protocol: seen.protocol } : {}), messageIds: seen.messageIds },
        seen.expiresAt,
        texts ? { store: texts, closedAt: seen.closedAt ? new Date(seen.closedAt) : new Date() } : undefined,
      );
      // A close or reopen committed meanwhile (its own effect may have walked before this one's
      // writes landed): walk again with what the case item says now.
      const now = await this.retentionOf(caseId);
      if (now === null || now.expiresAt === seen.expiresAt) return;
      seen = now;
    }
  }

  /** What the walk needs of the case item, read strongly consistent; null when the case is gone (erased). */
  private async retentionOf(
    caseId: string,
  ): Promise<{ expiresAt: number | null; protocol?: string; messageIds: string[]; closedAt?: string } | null> {
    const { Item: item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: caseItemKey(caseId),
        ProjectionExpression: '#ttl, protocol, messageIds, closedAt',
        ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
        ConsistentRead: true,
      }),
    );
    if (!item) return null;
    const ttl = item[TTL_ATTRIBUTE];
    return {
      expiresAt: typeof ttl === 'number' ? ttl : null,
      ...(typeof item['protocol'] === 'string' ? { protocol: item['protocol'] } : {}),
      messageIds: Array.isArray(item['messageIds']) ? (item['messageIds'] as string[]) : [],
      ...(typeof item['closedAt'] === 'string' ? { closedAt: item['closedAt'] } : {}),
    };
  }

  async settleEffect(caseId: string, effectId: string): Promise<void> {
    await this.removeMapEntry(caseId, 'pendingEffects', effectId);
  }

  async claimEffect(caseId: string, effectId: string, now: string, until: string): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: caseItemKey(caseId),
          UpdateExpression: 'SET #map.#key.#claim = :until',
          ConditionExpression:
            'attribute_exists(#map.#key) AND (attribute_not_exists(#map.#key.#claim) OR #map.#key.#claim < :now)',
          ExpressionAttributeNames: { '#map': 'pendingEffects', '#key': effectId, '#claim': 'claimedUntil' },
          ExpressionAttributeValues: { ':until': until, ':now': now },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  async releaseEffect(caseId: string, effectId: string): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: caseItemKey(caseId),
          UpdateExpression: 'REMOVE #map.#key.#claim',
          ConditionExpression: 'attribute_exists(#map.#key)',
          ExpressionAttributeNames: { '#map': 'pendingEffects', '#key': effectId, '#claim': 'claimedUntil' },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  async listWithPendingEffects(before: string, limit: number): Promise<MarkedCase[]> {
    const ids: MarkedCase[] = [];
    let start: Item | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: GSI.pendingEffects.indexName,
          KeyConditionExpression: '#pk = :pk AND #since < :before',
          ExpressionAttributeNames: { '#pk': GSI.pendingEffects.partitionKey, '#since': GSI.pendingEffects.sortKey },
          ExpressionAttributeValues: { ':pk': EFFECTS_PK, ':before': before },
          Limit: limit - ids.length,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      for (const item of page.Items ?? []) {
        const pk = String(item['pk'] ?? '');
        const since = String(item[GSI.pendingEffects.sortKey] ?? '');
        if (pk.startsWith(CASE_PK_PREFIX)) ids.push({ caseId: pk.slice(CASE_PK_PREFIX.length), since });
      }
      start = page.LastEvaluatedKey;
    } while (start && ids.length < limit);
    return ids;
  }

  async unmarkSettled(caseId: string): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: caseItemKey(caseId),
          UpdateExpression: 'REMOVE #effPk, #effSince',
          // Atomic with the commits: one storing new effects after this check sets the marker again.
          // An assigned case whose analyst was never notified stays marked too.
          ConditionExpression:
            'attribute_exists(pk) AND (attribute_not_exists(#map) OR size(#map) = :none) AND (#status <> :assigned OR attribute_exists(analystNotifiedAt))',
          ExpressionAttributeNames: {
            '#effPk': GSI.pendingEffects.partitionKey,
            '#effSince': GSI.pendingEffects.sortKey,
            '#map': 'pendingEffects',
            '#status': 'status',
          },
          ExpressionAttributeValues: { ':none': 0, ':assigned': 'ASSIGNED' },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  async remark(caseId: string, since: string): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: caseItemKey(caseId),
          UpdateExpression: 'SET #effSince = :since',
          ConditionExpression: 'attribute_exists(#effPk)',
          ExpressionAttributeNames: {
            '#effPk': GSI.pendingEffects.partitionKey,
            '#effSince': GSI.pendingEffects.sortKey,
          },
          ExpressionAttributeValues: { ':since': since },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  /**
   * Adds entries to a map attribute: one path per key when the map exists, the whole map when it
   * does not (a path into a missing map is a ValidationException). The condition pins what was read.
   */
  private setMapEntries<T>(
    attribute: string,
    prefix: string,
    entries: Array<[string, T]>,
    stored: Item,
    expr: { names: Record<string, string>; values: Item; sets: string[]; conditions: string[] },
  ): void {
    if (entries.length === 0) return;
    const mapName = `#${prefix}Map`;
    expr.names[mapName] = attribute;
    const current = stored[attribute];
    if (current && typeof current === 'object') {
      expr.conditions.push(`attribute_exists(${mapName})`);
      entries.forEach(([key, value], i) => {
        expr.names[`#${prefix}${i}`] = key;
        expr.values[`:${prefix}${i}`] = value;
        expr.sets.push(`${mapName}.#${prefix}${i} = :${prefix}${i}`);
      });
    } else {
      expr.conditions.push(`attribute_not_exists(${mapName})`);
      expr.values[`:${prefix}Map`] = Object.fromEntries(entries);
      expr.sets.push(`${mapName} = :${prefix}Map`);
    }
  }

  /** `REMOVE map.#key`, idempotent; no version bump (it settles what a version already decided). */
  private async removeMapEntry(caseId: string, attribute: string, key: string): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: caseItemKey(caseId),
          UpdateExpression: 'REMOVE #map.#key',
          ConditionExpression: 'attribute_exists(#map)',
          ExpressionAttributeNames: { '#map': attribute, '#key': key },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  /** Writes pending messages as `MSG#` items (idempotent per sourceId), then drops them from the map. */
  private async materialise(caseId: string, entries: Item[], known?: KnownCase): Promise<void> {
    for (const entry of entries) {
      await this.repository.appendPendingEntry(caseId, entry, known);
      await this.removeMapEntry(caseId, PENDING_MESSAGES_ATTRIBUTE, String(entry['sourceId']));
    }
  }
}

/**
 * The TTL a commit writes: an expiry when it closes the case, `null` (remove) when it moves a case
 * that had one out of CLOSED (reopening), `undefined` when retention does not change.
 */
function retentionChange(
  commit: CaseCommit,
  stored: Item,
  storedExpiry: number | null,
  settings: RetentionSettings,
): number | null | undefined {
  const status = commit.changes.status;
  if (status === 'CLOSED') {
    const closedAt = commit.changes.closedAt ?? (typeof stored['closedAt'] === 'string' ? stored['closedAt'] : null);
    return closedAt ? retentionExpiry('CLOSED', closedAt, settings) : undefined;
  }
  if (status !== undefined && (stored['status'] === 'CLOSED' || storedExpiry !== null)) return null;
  return undefined;
}

/** The entries of the pending-messages map: messages, or with a text store their references (pendingEntry). */
function pendingEntriesOf(record: CaseRecord | CaseWithoutTexts): Item[] {
  const map = (record as unknown as Item)[PENDING_MESSAGES_ATTRIBUTE];
  if (!map || typeof map !== 'object') return [];
  return Object.values(map as Record<string, Item>);
}

/** The record as the lifecycle sees it: pending messages merged in arrival order, storage details out. */
function toWorkCase(record: CaseRecord, pending: CaseMessage[]): WorkCase {
  const { [PENDING_MESSAGES_ATTRIBUTE]: _pending, ...rest } = record as unknown as Item;
  const messages = [...record.messages];
  for (const m of pending) if (!messages.some((x) => x.sourceId === m.sourceId)) messages.push(m);
  const [first, ...followUps] = messages;
  followUps.sort((a, b) => Date.parse(a.receivedAt) - Date.parse(b.receivedAt));
  return { ...(rest as WorkCase), messages: first ? [first, ...followUps] : [] };
}

/**
 * The instants of a commit the report lists by date (CASEEVENTS#): each closure, and the case's first
 * answer (an `answered` event when the stored history has neither an answer nor a closure). One
 * small write at closing and one at the first answer; every other commit writes nothing more.
 */
export function reportEventsOf(commit: Pick<CaseCommit, 'events'>, storedHistory: unknown): string[] {
  const stored = Array.isArray(storedHistory) ? (storedHistory as { type?: unknown }[]) : [];
  let answered = stored.some((e) => e.type === 'answered' || e.type === 'closed');
  const out: string[] = [];
  for (const e of commit.events) {
    if (e.type === 'closed' || (e.type === 'answered' && !answered)) out.push(e.at);
    if (e.type === 'answered' || e.type === 'closed') answered = true;
  }
  return [...new Set(out)];
}

/** One entry of the closings' list (CASEEVENTS#): the commit's, and the backfill's of older closings. */
export function caseEventItem(at: string, caseId: string, retention: RetentionSettings): Record<string, unknown> {
  return {
    ...caseEventKey(at, caseId),
    type: 'CASE_EVENT',
    caseId,
    ...expiryItem(retentionExpiry('CLOSED', at, retention)),
  };
}

const expiryItem = (expiresAt: number | null) => (expiresAt === null ? {} : { [TTL_ATTRIBUTE]: expiresAt });
