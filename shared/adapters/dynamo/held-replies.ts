import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { HELD_REPLY_KEPT_MS, type HeldReply } from '../../domain/bounce-breaker';
import { DAY_SECONDS } from '../../domain/instant';
import type { HeldReplies } from '../../ports';
import { heldReplyKey, TTL_ATTRIBUTE } from './table-design';

const DAY_MS = DAY_SECONDS * 1000;

/**
 * Held replies as HELDREPLY#<UTC date> / <heldAt>#<caseId> items (table-design.ts heldReplyKey): one
 * Query per date of the window, by key. They expire a day after their window closes; dynalite never
 * expires items, so reads skip expired ones too.
 */
export class DynamoHeldReplies implements HeldReplies {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async hold(reply: HeldReply): Promise<void> {
    const expiresAt = Math.floor((Date.parse(reply.heldAt) + HELD_REPLY_KEPT_MS) / 1000);
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...heldReplyKey(reply.heldAt, reply.caseId), reply, [TTL_ATTRIBUTE]: expiresAt },
      }),
    );
  }

  async heldSince(since: Date, now: Date, limit: number): Promise<HeldReply[]> {
    const found: HeldReply[] = [];
    const from = since.toISOString();
    const last = Math.floor(now.getTime() / DAY_MS);
    for (let day = Math.floor(since.getTime() / DAY_MS); day <= last && found.length < limit; day++) {
      const { pk } = heldReplyKey(new Date(day * DAY_MS).toISOString(), '');
      let start: Record<string, unknown> | undefined;
      do {
        const out = await this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            KeyConditionExpression: 'pk = :pk AND sk >= :from',
            ExpressionAttributeValues: { ':pk': pk, ':from': from },
            ConsistentRead: true,
            // No more read than is kept (an expired item read counts too: a page or two more at most).
            Limit: limit - found.length,
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        );
        for (const item of out.Items ?? []) {
          const expires = item[TTL_ATTRIBUTE];
          if (typeof expires === 'number' && expires * 1000 <= now.getTime()) continue;
          if (isHeldReply(item['reply']) && found.length < limit) found.push(item['reply']);
        }
        start = out.LastEvaluatedKey;
      } while (start && found.length < limit);
    }
    return found;
  }

  async remove(reply: Pick<HeldReply, 'caseId' | 'heldAt'>): Promise<void> {
    await this.client.send(
      new DeleteCommand({ TableName: this.tableName, Key: heldReplyKey(reply.heldAt, reply.caseId) }),
    );
  }
}

function isHeldReply(value: unknown): value is HeldReply {
  if (!value || typeof value !== 'object') return false;
  const reply = value as Record<string, unknown>;
  return ['caseId', 'heldAt', 'messageId', 'to'].every((field) => typeof reply[field] === 'string');
}
