import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { OuvidoriaConfig } from '../../domain/config';
import { reopenWindowEnd } from '../../domain/lifecycle/deadlines';
import { inboxLimitKey } from '../../domain/mailbox';
import type { SenderBounce, SenderOpenCases, TicketClaim } from '../../ports';
import { isConditionalCheckFailed } from './client';
import { TTL_ATTRIBUTE } from './table-design';

/**
 * The address item `OPEN#<address>` / `OPEN`: the address's bounce memory (`bounceUntil`,
 * `bounceReason`, written by bounce-registry.ts) and, on the item of an inbox's own address
 * (inboxKey), `caseIds`, the string set of the inbox's open accepted cases. For an ordinary address
 * (no "+tag", no Gmail dots) both are one item, so the write that counts an accepted case also reads
 * whether its acknowledgement may go (issue 16). It expires (TTL) only while it holds no open case:
 * counting a case removes the TTL, and the release that empties the set sets it.
 */
export const addressKey = (address: string) => ({ pk: `OPEN#${address.trim().toLowerCase()}`, sk: 'OPEN' });

/**
 * The item that counts open cases: the inbox's (inboxLimitKey), so "vitima+1@gmail.com" and
 * "vi.tima@gmail.com" share one cap with "vitima@gmail.com" (ticket checks take them as one person).
 */
export const inboxKey = (address: string) => addressKey(inboxLimitKey(address));

/** Whether the address's own item is its inbox's (its bounce memory is where its cases are counted). */
const isInboxAddress = (address: string): boolean => addressKey(address).pk === inboxKey(address).pk;

/** Attribute names of the address item, shared by both adapters of it. */
export const ADDRESS_ATTRIBUTES = { caseIds: 'caseIds', bounceUntil: 'bounceUntil', bounceReason: 'bounceReason' };

const TICKET_ATTRIBUTE_PREFIX = 'ticket#';

type Item = Record<string, unknown>;

/** The ticket claims on an address item, by attribute name, as stored (`{ caseId, at, closedAt? }`). */
function ticketClaimsOf(item: Item): Array<{ name: string; caseId?: unknown; closedAt?: unknown }> {
  return Object.entries(item)
    .filter(([name]) => name.startsWith(TICKET_ATTRIBUTE_PREFIX))
    .map(([name, value]) => ({ name, ...(value as { caseId?: unknown; closedAt?: unknown } | null) }));
}

/**
 * The attribute of the inbox item naming the case an exact address holds open for a ticket
 * (`{ caseId, at, closedAt? }`): a hint kept after the case closes, which the next claim hands over.
 * A claim is needed only while its case is open or within the reopen window after its closing (then
 * a mail naming the ticket joins, and reopens, the case; later it opens a new case, which takes the
 * claim over). So the release of a closing case stamps its claims with `closedAt`, and a release
 * drops the claims whose case closed longer ago than the reopen window and is not open again: a
 * merchant who always has a case open keeps an item the size of her recent cases, not of her history.
 */
export const ticketAttribute = (address: string, ticket: string) =>
  `${TICKET_ATTRIBUTE_PREFIX}${address.trim().toLowerCase()}#${ticket}`;

/**
 * The part of an address item that is the address's own (a data subject's export): the inbox's item
 * also keeps its other spellings' ticket claims (their names carry the spelling:
 * "ticket#ana+nf@loja.com.br#48213") and open cases (caseIds), and a "+tag" or a dot outside Gmail
 * may be another person's mailbox. Kept: the claims named for `address` or held by one of
 * `caseIds` (its cases), the open cases among them, and the rest of the item (bounce memory, TTL).
 */
export function ownPartOfAddressItem(item: Item, address: string, caseIds: ReadonlySet<string>): Item {
  const prefix = ticketAttribute(address, '');
  const own: Item = {};
  for (const [name, value] of Object.entries(item)) {
    if (name.startsWith(TICKET_ATTRIBUTE_PREFIX)) {
      const holder = (value as { caseId?: unknown } | null)?.caseId;
      if (name.startsWith(prefix) || (typeof holder === 'string' && caseIds.has(holder))) own[name] = value;
    } else if (name === ADDRESS_ATTRIBUTES.caseIds && value instanceof Set) {
      const open = [...value].filter((id) => typeof id === 'string' && caseIds.has(id));
      if (open.length > 0) own[name] = new Set(open);
    } else {
      own[name] = value;
    }
  }
  return own;
}

/**
 * The webform's cap is one conditional ADD on the address item (never count-then-create), and ids
 * leave the set when a case closes, so the item stays as small as what is open.
 */
export class DynamoSenderOpenCases implements SenderOpenCases {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
    /** The reopen window's configuration: without it, no claim is ever dropped (only stamped). */
    private readonly config?: OuvidoriaConfig,
  ) {}

  async reserve(senderEmail: string, caseId: string, max: number): Promise<boolean> {
    if (!(max > 0)) return false;
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: inboxKey(senderEmail),
          UpdateExpression: 'ADD #ids :id SET #type = :type REMOVE #ttl',
          ConditionExpression: 'attribute_not_exists(#ids) OR size(#ids) < :max OR contains(#ids, :cid)',
          ExpressionAttributeNames: { '#ids': ADDRESS_ATTRIBUTES.caseIds, '#type': 'type', '#ttl': TTL_ATTRIBUTE },
          ExpressionAttributeValues: { ':id': new Set([caseId]), ':cid': caseId, ':max': max, ':type': 'OPEN' },
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      return false;
    }
  }

  async add(senderEmail: string, caseId: string): Promise<SenderBounce | null> {
    const { Attributes } = await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: inboxKey(senderEmail),
        UpdateExpression: 'ADD #ids :id SET #type = :type REMOVE #ttl',
        ExpressionAttributeNames: { '#ids': ADDRESS_ATTRIBUTES.caseIds, '#type': 'type', '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: { ':id': new Set([caseId]), ':type': 'OPEN' },
        // The whole item (small: the open ids and the bounce memory); ReturnValues costs no read.
        ReturnValues: 'ALL_NEW',
      }),
    );
    // A "+tag" or dotted variant's bounce memory is on its own item: the BounceRegistry reads it.
    if (!isInboxAddress(senderEmail)) return null;
    const until = Attributes?.[ADDRESS_ATTRIBUTES.bounceUntil];
    return typeof until === 'string' ? { until: new Date(until) } : {};
  }

  async claimTicket(senderEmail: string, ticket: string, caseId: string, at: Date): Promise<TicketClaim> {
    const { Attributes } = await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: inboxKey(senderEmail),
        UpdateExpression: 'ADD #ids :id SET #type = :type, #tk = if_not_exists(#tk, :holder) REMOVE #ttl',
        ExpressionAttributeNames: {
          '#ids': ADDRESS_ATTRIBUTES.caseIds,
          '#type': 'type',
          '#ttl': TTL_ATTRIBUTE,
          '#tk': ticketAttribute(senderEmail, ticket),
        },
        ExpressionAttributeValues: {
          ':id': new Set([caseId]),
          ':type': 'OPEN',
          ':holder': { caseId, at: at.toISOString() },
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    const held = Attributes?.[ticketAttribute(senderEmail, ticket)] as { caseId?: unknown; at?: unknown } | undefined;
    const holder =
      typeof held?.caseId === 'string' && typeof held.at === 'string'
        ? { caseId: held.caseId, at: new Date(held.at) }
        : { caseId, at };
    if (!isInboxAddress(senderEmail)) return { bounce: null, holder };
    const until = Attributes?.[ADDRESS_ATTRIBUTES.bounceUntil];
    return { bounce: typeof until === 'string' ? { until: new Date(until) } : {}, holder };
  }

  async ticketHolder(senderEmail: string, ticket: string): Promise<{ caseId: string; at: Date } | null> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: inboxKey(senderEmail),
        ConsistentRead: true,
        ProjectionExpression: '#tk',
        ExpressionAttributeNames: { '#tk': ticketAttribute(senderEmail, ticket) },
      }),
    );
    const held = Item?.[ticketAttribute(senderEmail, ticket)] as { caseId?: unknown; at?: unknown } | undefined;
    return typeof held?.caseId === 'string' && typeof held.at === 'string'
      ? { caseId: held.caseId, at: new Date(held.at) }
      : null;
  }

  async passTicket(senderEmail: string, ticket: string, from: string, to: string, at: Date): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: inboxKey(senderEmail),
          UpdateExpression: 'SET #tk = :holder',
          ConditionExpression: '#tk.caseId = :from',
          ExpressionAttributeNames: { '#tk': ticketAttribute(senderEmail, ticket) },
          ExpressionAttributeValues: { ':holder': { caseId: to, at: at.toISOString() }, ':from': from },
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      return false;
    }
  }

  /**
   * Releases from the inbox's item and, for a variant address, from its own item too: cases counted
   * before the cap was keyed by inbox are there, and leave as they close (no migration: a variant's
   * old open cases only go uncounted by the inbox's cap until then).
   */
  async release(senderEmail: string, caseId: string): Promise<void> {
    const inbox = await this.releaseFrom(inboxKey(senderEmail), caseId);
    if (inbox) await this.settleTicketClaims(inboxKey(senderEmail), inbox, caseId);
    if (!isInboxAddress(senderEmail)) await this.releaseFrom(addressKey(senderEmail), caseId);
  }

  /**
   * After `caseId` left the inbox's open cases (`item`, as the release wrote it): its claims get
   * `closedAt` (a re-closing after a reopening stamps them anew), and the claims of cases closed
   * longer ago than the reopen window, and not open again, go. Each write is conditional on the
   * claim as read (a claim handed over or reopened meanwhile stays); a lost race is left to the next
   * release. The stamp is the release's time, at or after the closing: a claim is never dropped early.
   */
  private async settleTicketClaims(key: { pk: string; sk: string }, item: Item, caseId: string): Promise<void> {
    const now = this.now();
    const open = item[ADDRESS_ATTRIBUTES.caseIds];
    const isOpen = (id: string) => open instanceof Set && open.has(id);
    const claims = ticketClaimsOf(item);
    for (const claim of claims.filter((c) => c.caseId === caseId)) {
      await this.conditional({
        TableName: this.tableName,
        Key: key,
        UpdateExpression: 'SET #tk.closedAt = :at',
        ConditionExpression: '#tk.caseId = :cid AND NOT contains(#ids, :cid)',
        ExpressionAttributeNames: { '#tk': claim.name, '#ids': ADDRESS_ATTRIBUTES.caseIds },
        ExpressionAttributeValues: { ':at': now.toISOString(), ':cid': caseId },
      });
    }
    const config = this.config;
    if (!config) return;
    const expired = claims.filter(
      (c) =>
        typeof c.caseId === 'string' &&
        c.caseId !== caseId &&
        !isOpen(c.caseId) &&
        typeof c.closedAt === 'string' &&
        now.getTime() > reopenWindowEnd(c.closedAt, config),
    );
    if (expired.length === 0) return;
    const names: Record<string, string> = { '#ids': ADDRESS_ATTRIBUTES.caseIds };
    const values: Record<string, unknown> = {};
    const conditions = expired.map((c, i) => {
      names[`#t${i}`] = c.name;
      values[`:c${i}`] = c.caseId;
      values[`:a${i}`] = c.closedAt;
      return `#t${i}.caseId = :c${i} AND #t${i}.closedAt = :a${i} AND NOT contains(#ids, :c${i})`;
    });
    await this.conditional({
      TableName: this.tableName,
      Key: key,
      UpdateExpression: `REMOVE ${expired.map((_, i) => `#t${i}`).join(', ')}`,
      ConditionExpression: conditions.join(' AND '),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    });
  }

  /** An update whose condition may fail (a race lost): nothing written, nothing thrown. */
  private async conditional(input: ConstructorParameters<typeof UpdateCommand>[0]): Promise<void> {
    try {
      await this.client.send(new UpdateCommand(input));
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  /**
   * An erased case (LGPD) leaves the counts as a closed one does, from the inbox's item and the
   * address's own, but only where it is counted: no item is written back under an erased address,
   * and the other ids of the inbox (its other variants' open cases) stay.
   */
  async forget(senderEmail: string, caseId: string): Promise<void> {
    await this.releaseFrom(inboxKey(senderEmail), caseId, true);
    if (!isInboxAddress(senderEmail)) await this.releaseFrom(addressKey(senderEmail), caseId, true);
    await this.forgetTicketClaims(senderEmail, caseId);
  }

  /**
   * An erasure (LGPD) takes the address's ticket claims off the inbox's item — their names carry the
   * address — and any claim held by the erased case, under whichever variant claimed it: they outlive
   * the case's release (the reopen window reads them) and, while another variant keeps a case open,
   * the item itself. Idempotent: a second call finds none.
   */
  private async forgetTicketClaims(senderEmail: string, caseId: string): Promise<void> {
    const key = inboxKey(senderEmail);
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    const prefix = ticketAttribute(senderEmail, '');
    const names = ticketClaimsOf(Item ?? {})
      .filter((claim) => claim.name.startsWith(prefix) || claim.caseId === caseId)
      .map(({ name }) => name);
    if (names.length === 0) return;
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: key,
        UpdateExpression: `REMOVE ${names.map((_, i) => `#t${i}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#t${i}`, name])),
      }),
    );
  }

  /** The item as the release left it (undefined when the conditional release found the case not counted). */
  private async releaseFrom(
    key: { pk: string; sk: string },
    caseId: string,
    onlyIfCounted = false,
  ): Promise<Item | undefined> {
    let Attributes: Item | undefined;
    try {
      ({ Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: 'DELETE #ids :id',
          ...(onlyIfCounted ? { ConditionExpression: 'contains(#ids, :cid)' } : {}),
          ExpressionAttributeNames: { '#ids': ADDRESS_ATTRIBUTES.caseIds },
          ExpressionAttributeValues: { ':id': new Set([caseId]), ...(onlyIfCounted ? { ':cid': caseId } : {}) },
          ReturnValues: 'ALL_NEW',
        }),
      ));
    } catch (error) {
      if (onlyIfCounted && isConditionalCheckFailed(error)) return undefined;
      throw error;
    }
    if (Attributes?.[ADDRESS_ATTRIBUTES.caseIds] !== undefined) return Attributes;
    // Nothing open any more: the item expires once its bounce memory and its ticket claims' reopen
    // windows have (LGPD: everything expires; a claim must outlive its case's closing by the window).
    await this.expireWhenIdle(key, Attributes?.[ADDRESS_ATTRIBUTES.bounceUntil], this.claimsNeededUntil(Attributes));
    return Attributes;
  }

  /**
   * When the item's last ticket claim stops being needed: the end of its case's reopen window, from
   * its `closedAt`, or from now for a claim not stamped yet (the closing being released now stamps
   * it after this). 0 without claims, or without the configuration (no window known).
   */
  private claimsNeededUntil(item: Item | undefined): number {
    const config = this.config;
    if (!item || !config) return 0;
    const now = this.now().toISOString();
    let until = 0;
    for (const { closedAt } of ticketClaimsOf(item)) {
      until = Math.max(until, reopenWindowEnd(typeof closedAt === 'string' ? closedAt : now, config));
    }
    return until;
  }

  /**
   * Sets the address item's TTL to the latest of now, its bounce memory's end and `keepUntilMs`,
   * unless it holds an open case (a concurrent add won: it keeps the item). Idempotent.
   */
  private async expireWhenIdle(key: { pk: string; sk: string }, bounceUntil: unknown, keepUntilMs = 0): Promise<void> {
    const until = typeof bounceUntil === 'string' ? Date.parse(bounceUntil) : Number.NaN;
    const at = Math.ceil(Math.max(this.now().getTime(), Number.isNaN(until) ? 0 : until, keepUntilMs) / 1000);
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: 'SET #ttl = :at',
          ConditionExpression: 'attribute_not_exists(#ids)',
          ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE, '#ids': ADDRESS_ATTRIBUTES.caseIds },
          ExpressionAttributeValues: { ':at': at },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  async count(senderEmail: string): Promise<number> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: inboxKey(senderEmail), ConsistentRead: true }),
    );
    const ids = Item?.[ADDRESS_ATTRIBUTES.caseIds];
    return ids instanceof Set ? ids.size : 0;
  }
}
