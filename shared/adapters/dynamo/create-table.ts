import {
  CreateTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { ALL_KEY_ATTRIBUTES, GSI, TABLE_KEYS } from './table-design';

/**
 * Creates the single table (same keys and indexes as the CDK stack) unless it exists, and waits
 * until it is ACTIVE. For the local stack and integration tests on dynalite; on AWS the CDK does it.
 */
export async function createTableIfMissing(client: DynamoDBClient, tableName: string): Promise<void> {
  const gsi = (index: (typeof GSI)[keyof typeof GSI]) => ({
    IndexName: index.indexName,
    KeySchema: [
      { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
    ],
    // Only what the index readers need (table-design.ts): case rewrites do not copy whole items.
    Projection: { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: [...index.nonKeyAttributes] },
  });
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: ALL_KEY_ATTRIBUTES.map((name) => ({ AttributeName: name, AttributeType: 'S' as const })),
        KeySchema: [
          { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [gsi(GSI.byStatus), gsi(GSI.bySender)],
      }),
    );
  } catch (error) {
    // Created by a concurrent starter or an earlier run: only waiting is left to do.
    if (!(error instanceof ResourceInUseException) && (error as Error).name !== 'ResourceInUseException') throw error;
  }
  await waitUntilTableExists({ client, maxWaitTime: 60, minDelay: 1, maxDelay: 2 }, { TableName: tableName });
}
