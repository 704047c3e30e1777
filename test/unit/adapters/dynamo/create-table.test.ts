import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ProvisionedThroughputExceededException,
  ResourceInUseException,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createTableIfMissing } from '../../../../shared/adapters/dynamo/create-table';
import { ALL_GSIS, GSI } from '../../../../shared/adapters/dynamo/table-design';

const raw = new DynamoDBClient({ region: 'us-east-1' });
const doc = DynamoDBDocumentClient.from(raw);
const ddb = mockClient(doc);
const throttled = () => new ProvisionedThroughputExceededException({ message: 'throttled', $metadata: {} });

beforeEach(() => {
  ddb.reset();
});

describe('createTableIfMissing', () => {
  const dynamo = mockClient(raw);
  beforeEach(() => dynamo.reset());
  const active = (indexes = ALL_GSIS) => ({
    Table: { TableStatus: 'ACTIVE' as const, GlobalSecondaryIndexes: indexes.map((g) => ({ IndexName: g.indexName })) },
  });

  it('creates the table with the shared keys and indexes, then waits until ACTIVE', async () => {
    dynamo.on(CreateTableCommand).resolves({});
    dynamo.on(DescribeTableCommand).resolves(active());
    await createTableIfMissing(raw, 'tbl');
    const input = dynamo.commandCalls(CreateTableCommand)[0]!.args[0].input;
    expect(input.BillingMode).toBe('PAY_PER_REQUEST');
    expect(input.GlobalSecondaryIndexes?.map((g) => g.IndexName)).toEqual([
      GSI.byStatus.indexName,
      GSI.bySender.indexName,
      GSI.byProtocol.indexName,
      GSI.pendingEffects.indexName,
    ]);
    // The protocol index: keyed on the case's own attribute alone, keys only.
    expect(input.GlobalSecondaryIndexes?.[2]).toMatchObject({
      KeySchema: [{ AttributeName: 'protocol', KeyType: 'HASH' }],
      Projection: { ProjectionType: 'KEYS_ONLY' },
    });
    // The effects sweep's sparse index, keys only.
    expect(input.GlobalSecondaryIndexes?.[3]).toMatchObject({
      KeySchema: [
        { AttributeName: 'effectsPk', KeyType: 'HASH' },
        { AttributeName: 'effectsSince', KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'KEYS_ONLY' },
    });
    expect(input.AttributeDefinitions).toContainEqual({ AttributeName: 'protocol', AttributeType: 'S' });
  });

  it('refuses an existing table made before one of the indexes (dynalite cannot add one)', async () => {
    dynamo.on(CreateTableCommand).rejects(new ResourceInUseException({ message: 'exists', $metadata: {} }));
    dynamo.on(DescribeTableCommand).resolves(active([GSI.byStatus, GSI.bySender]));
    await expect(createTableIfMissing(raw, 'tbl')).rejects.toThrow(`index(es) ${GSI.byProtocol.indexName}`);
    await expect(createTableIfMissing(raw, 'tbl')).rejects.toThrow('npm start -- --fresh');
  });

  it('treats an existing table as success, and other errors as failures', async () => {
    dynamo.on(CreateTableCommand).rejectsOnce(new ResourceInUseException({ message: 'exists', $metadata: {} }));
    dynamo.on(DescribeTableCommand).resolves(active());
    await createTableIfMissing(raw, 'tbl');
    dynamo.on(CreateTableCommand).rejects(throttled());
    await expect(createTableIfMissing(raw, 'tbl')).rejects.toThrow('throttled');
  });
});
