import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DlqWatchStore } from '../../app/dlq-watch';
import type { DlqWatchState } from '../../domain/dlq-watch';

/** Item DLQWATCH / <queue name>: what the dead-letter queues' watch remembers (strongly consistent reads). */
export class DynamoDlqWatchStore implements DlqWatchStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async load(name: string): Promise<DlqWatchState> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: key(name), ConsistentRead: true }),
    );
    const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
    const firstSeenAt = text(Item?.firstSeenAt);
    const emptySeenAt = text(Item?.emptySeenAt);
    return { ...(firstSeenAt ? { firstSeenAt } : {}), ...(emptySeenAt ? { emptySeenAt } : {}) };
  }

  async save(name: string, state: DlqWatchState): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...key(name), ...state } }));
  }
}

const key = (name: string) => ({ pk: 'DLQWATCH', sk: name });
