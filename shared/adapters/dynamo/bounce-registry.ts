import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isBouncing } from '../../domain/bounce-policy';
import type { BounceRegistry } from '../../ports';
import { isConditionalCheckFailed } from './client';
import { caseKey } from './case-repository';
import { ADDRESS_ATTRIBUTES, addressKey, inboxKey } from './sender-open-cases';
import { TTL_ATTRIBUTE } from './table-design';

/**
 * Bounce memory on the address item (`OPEN#<address>`, sender-open-cases.ts): `bounceUntil` and
 * `bounceReason`. Counting an accepted case reads it in the same write (issue 16). Readers compare
 * `bounceUntil` with now; the item's TTL follows it while no case is open. (Tables written before
 * issue 16 kept it on `BOUNCE#` items: those are no longer read and lapse within
 * bounceSuppressionDays; SES's own suppression list keeps stopping hard bounces meanwhile.)
 *
 * Marking an address also marks its open cases (`merchantBounceUntil` on each case item whose
 * sender it is): the assignment notice, a transfer and a forward warn the analyst from the case they
 * read anyway (issue 16: the assignment reads nothing more).
 */
export class DynamoBounceRegistry implements BounceRegistry {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async markBouncing(address: string, until: Date, reason: string): Promise<void> {
    // One write either way, so the item never holds new bounce memory under an old TTL: an idle
    // item (no open case) expires with the memory; one with open cases keeps no TTL.
    for (const idle of [true, false, true]) {
      try {
        const { Attributes } = await this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: addressKey(address),
            UpdateExpression: `SET #until = :until, #reason = :reason, #type = :type${idle ? ', #ttl = :ttl' : ''}`,
            // A later bounce may extend the suppression, never shorten it.
            ConditionExpression: `(attribute_not_exists(#until) OR #until < :until) AND attribute_${idle ? 'not_' : ''}exists(#ids)`,
            ExpressionAttributeNames: {
              '#until': ADDRESS_ATTRIBUTES.bounceUntil,
              '#reason': ADDRESS_ATTRIBUTES.bounceReason,
              '#type': 'type',
              '#ids': ADDRESS_ATTRIBUTES.caseIds,
              ...(idle ? { '#ttl': TTL_ATTRIBUTE } : {}),
            },
            ExpressionAttributeValues: {
              ':until': until.toISOString(),
              ':reason': reason.slice(0, 500),
              ':type': 'OPEN',
              ...(idle ? { ':ttl': Math.ceil(until.getTime() / 1000) } : {}),
            },
            ReturnValues: 'ALL_NEW',
          }),
        );
        await this.markOpenCases(address, until, Attributes);
        return;
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
      }
      // Either a later bounce is stored (nothing to do) or the item is in the other state: ask it.
      const { Item } = await this.client.send(
        new GetCommand({ TableName: this.tableName, Key: addressKey(address), ConsistentRead: true }),
      );
      const stored = Item?.[ADDRESS_ATTRIBUTES.bounceUntil];
      if (typeof stored === 'string' && stored >= until.toISOString()) {
        // Stored already (a retry after a crash between the writes, a later bounce): her open cases
        // may still lack it — each case write is conditional, so this is idempotent.
        await this.markOpenCases(address, new Date(stored), Item);
        return;
      }
    }
    throw new Error('Bounce memory not written: the address item kept changing');
  }

  /**
   * Her open cases carry the memory too. They are counted on her inbox's item: this one for an
   * ordinary address (`item`, as written), another for a "+tag" or dotted Gmail one (read here); a
   * case of another alias of the inbox is left alone (the condition on its sender).
   */
  private async markOpenCases(address: string, until: Date, item: Record<string, unknown> | undefined): Promise<void> {
    const sender = address.trim().toLowerCase();
    const own = addressKey(sender).pk === inboxKey(sender).pk;
    const counted = own
      ? item
      : (
          await this.client.send(
            new GetCommand({
              TableName: this.tableName,
              Key: inboxKey(sender),
              ConsistentRead: true,
              ProjectionExpression: '#ids',
              ExpressionAttributeNames: { '#ids': ADDRESS_ATTRIBUTES.caseIds },
            }),
          )
        ).Item;
    const ids = counted?.[ADDRESS_ATTRIBUTES.caseIds];
    for (const caseId of ids instanceof Set ? [...ids] : []) {
      try {
        await this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: caseKey(String(caseId)),
            UpdateExpression: 'SET #until = :until',
            ConditionExpression:
              'attribute_exists(pk) AND #sender = :sender AND (attribute_not_exists(#until) OR #until < :until)',
            ExpressionAttributeNames: { '#until': 'merchantBounceUntil', '#sender': 'senderEmail' },
            ExpressionAttributeValues: { ':until': until.toISOString(), ':sender': sender },
          }),
        );
      } catch (error) {
        // Gone (erased), another alias's case, or a later memory already there: nothing to write.
        if (!isConditionalCheckFailed(error)) throw error;
      }
    }
  }

  async isSuppressed(address: string, now: Date): Promise<boolean> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: addressKey(address),
        ConsistentRead: true,
        ProjectionExpression: '#until',
        ExpressionAttributeNames: { '#until': ADDRESS_ATTRIBUTES.bounceUntil },
      }),
    );
    const until = Item?.[ADDRESS_ATTRIBUTES.bounceUntil];
    return typeof until === 'string' && isBouncing(until, now);
  }
}
