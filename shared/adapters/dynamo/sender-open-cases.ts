import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SenderBounce, SenderOpenCases } from '../../ports';
import { isConditionalCheckFailed } from './client';
import { TTL_ATTRIBUTE } from './table-design';

/**
 * The address item `OPEN#<address>` / `OPEN`: `caseIds`, the string set of the sender's open
 * accepted cases, and the address's bounce memory (`bounceUntil`, `bounceReason`, written by
 * bounce-registry.ts). One item per address, so the write that counts an accepted case also reads
 * whether its acknowledgement may go (issue 16). It expires (TTL) only while it holds no open case:
 * counting a case removes the TTL, and the release that empties the set sets it.
 */
export const addressKey = (address: string) => ({ pk: `OPEN#${address.trim().toLowerCase()}`, sk: 'OPEN' });

/** Attribute names of the address item, shared by both adapters of it. */
export const ADDRESS_ATTRIBUTES = { caseIds: 'caseIds', bounceUntil: 'bounceUntil', bounceReason: 'bounceReason' };

/**
 * The webform's cap is one conditional ADD on the address item (never count-then-create), and ids
 * leave the set when a case closes, so the item stays as small as what is open.
 */
export class DynamoSenderOpenCases implements SenderOpenCases {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async reserve(senderEmail: string, caseId: string, max: number): Promise<boolean> {
    if (!(max > 0)) return false;
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: addressKey(senderEmail),
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

  async add(senderEmail: string, caseId: string): Promise<SenderBounce> {
    const { Attributes } = await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: addressKey(senderEmail),
        UpdateExpression: 'ADD #ids :id SET #type = :type REMOVE #ttl',
        ExpressionAttributeNames: { '#ids': ADDRESS_ATTRIBUTES.caseIds, '#type': 'type', '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: { ':id': new Set([caseId]), ':type': 'OPEN' },
        // The whole item (small: the open ids and the bounce memory); ReturnValues costs no read.
        ReturnValues: 'ALL_NEW',
      }),
    );
    const until = Attributes?.[ADDRESS_ATTRIBUTES.bounceUntil];
    return typeof until === 'string' ? { until: new Date(until) } : {};
  }

  async release(senderEmail: string, caseId: string): Promise<void> {
    const { Attributes } = await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: addressKey(senderEmail),
        UpdateExpression: 'DELETE #ids :id',
        ExpressionAttributeNames: { '#ids': ADDRESS_ATTRIBUTES.caseIds },
        ExpressionAttributeValues: { ':id': new Set([caseId]) },
        ReturnValues: 'ALL_NEW',
      }),
    );
    if (Attributes?.[ADDRESS_ATTRIBUTES.caseIds] !== undefined) return;
    // Nothing open any more: the item expires once its bounce memory has (LGPD: everything expires).
    await this.expireWhenIdle(senderEmail, Attributes?.[ADDRESS_ATTRIBUTES.bounceUntil]);
  }

  /**
   * Sets the address item's TTL to the later of now and its bounce memory's end, unless it holds an
   * open case (a concurrent add won: it keeps the item). Idempotent.
   */
  private async expireWhenIdle(address: string, bounceUntil: unknown): Promise<void> {
    const until = typeof bounceUntil === 'string' ? Date.parse(bounceUntil) : Number.NaN;
    const at = Math.ceil(Math.max(this.now().getTime(), Number.isNaN(until) ? 0 : until) / 1000);
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: addressKey(address),
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
      new GetCommand({ TableName: this.tableName, Key: addressKey(senderEmail), ConsistentRead: true }),
    );
    const ids = Item?.[ADDRESS_ATTRIBUTES.caseIds];
    return ids instanceof Set ? ids.size : 0;
  }
}
