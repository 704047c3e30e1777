/**
 * The staff command in its AWS form (TABLE_NAME set, no DYNAMODB_ENDPOINT) when the SDK fails: what
 * it prints. The table client is replaced by one failing as the SDK does on a machine with no region.
 */
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../../scripts/staff';

vi.mock('../../../shared/adapters/dynamo/client', async (original) => {
  const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
  const { DynamoDBDocumentClient } = await import('@aws-sdk/lib-dynamodb');
  return {
    ...(await original<object>()),
    documentClient: () => {
      const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'sa-east-1' }));
      client.send = async () => {
        throw new Error(failure.message);
      };
      return client;
    },
  };
});

const failure = { message: '' };

describe('npm run staff on AWS when the SDK fails', () => {
  it.each([
    // Journeys 55: the bare 'Region is missing' said neither the variable nor that it was about to reach AWS.
    ['no region', 'Region is missing', /^Failed: Error: Region is missing: o comando vai à AWS .*AWS_REGION=sa-east-1/],
    ['any other error, as it is', 'Requested resource not found', /^Failed: Error: Requested resource not found$/],
  ])('%s → exit 1 saying what to do', async (_, message, printed) => {
    failure.message = message;
    const err: string[] = [];
    const code = await main(['list'], { TABLE_NAME: 'ouvidoria-dev' }, { out: () => {}, err: (l) => err.push(l) });
    expect(code).toBe(1);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(printed);
  });
});
