import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { ALL_GSIS, ALL_KEY_ATTRIBUTES, type IndexDesign, TABLE_KEYS } from './table-design';

/**
 * Creates the single table (same keys and indexes as the CDK stack) unless it exists, and waits
 * until it is ACTIVE. For the local stack and integration tests on dynalite; on AWS the CDK does it.
 * A table that exists without an index of table-design.ts is an error: dynalite cannot add one
 * (its UpdateTable changes throughput only), so local data made before the index must be wiped.
 */
export async function createTableIfMissing(client: DynamoDBClient, tableName: string): Promise<void> {
  const gsi = (index: IndexDesign) => ({
    IndexName: index.indexName,
    KeySchema: [
      { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
      ...(index.sortKey ? [{ AttributeName: index.sortKey, KeyType: 'RANGE' as const }] : []),
    ],
    // Only what the index readers need (table-design.ts): case rewrites do not copy whole items.
    Projection:
      index.nonKeyAttributes.length > 0
        ? { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: [...index.nonKeyAttributes] }
        : { ProjectionType: 'KEYS_ONLY' as const },
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
        GlobalSecondaryIndexes: ALL_GSIS.map(gsi),
      }),
    );
  } catch (error) {
    // Created by a concurrent starter or an earlier run: only waiting is left to do.
    if (!(error instanceof ResourceInUseException) && (error as Error).name !== 'ResourceInUseException') throw error;
  }
  await waitUntilTableExists({ client, maxWaitTime: 60, minDelay: 1, maxDelay: 2 }, { TableName: tableName });
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  const present = new Set((Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  const missing = ALL_GSIS.filter((index) => !present.has(index.indexName)).map((index) => index.indexName);
  if (missing.length > 0) {
    throw new Error(
      `Table ${tableName} was made before its index(es) ${missing.join(', ')}: start the local stack with \`npm start -- --fresh\` to recreate it`,
    );
  }
}
