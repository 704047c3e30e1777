import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoAttachmentScanStore } from '../../../../shared/adapters/dynamo/attachment-scan-store';
import { documentClient } from '../../../../shared/adapters/dynamo/client';

const ddb = mockClient(DynamoDBDocumentClient);
const store = new DynamoAttachmentScanStore(documentClient({ region: 'us-east-1' }), 'ouvidoria-test');
const KEY = 'uploads/2026/abc/nota.pdf';

beforeEach(() => ddb.reset());

const withAttachments = (attachments: unknown[]) =>
  ddb.on(GetCommand).resolves({ Item: { pk: 'CASE#c1', sk: 'CASE', firstMessage: { attachments } } });

describe('DynamoAttachmentScanStore.recordScan', () => {
  it.each([
    ['no such case', undefined],
    ['no such file on the case', [{ key: 'uploads/other' }]],
  ])('missing: %s', async (_label, attachments) => {
    if (attachments) withAttachments(attachments);
    else ddb.on(GetCommand).resolves({});
    expect(await store.recordScan('c1', KEY, { scan: 'NO_THREATS_FOUND' })).toBe('missing');
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('unchanged: the same result already recorded (a redelivery), no write', async () => {
    withAttachments([{ key: KEY, scan: 'THREATS_FOUND' }]);
    expect(await store.recordScan('c1', KEY, { scan: 'THREATS_FOUND' })).toBe('unchanged');
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('records the scan on that attachment, conditioned on its key still being there', async () => {
    withAttachments([{ key: 'uploads/first' }, { key: KEY, scan: 'PENDING' }]);
    ddb.on(UpdateCommand).resolves({});
    expect(await store.recordScan('c1', KEY, { scan: 'THREATS_FOUND' })).toBe('recorded');
    expect(ddb.commandCalls(GetCommand)[0]?.args[0].input.Key).toEqual({ pk: 'CASE#c1', sk: 'CASE' });
    expect(ddb.commandCalls(UpdateCommand)[0]?.args[0].input).toEqual({
      TableName: 'ouvidoria-test',
      Key: { pk: 'CASE#c1', sk: 'CASE' },
      UpdateExpression: 'SET #fm.#att[1].#scan = :scan',
      ConditionExpression: '#fm.#att[1].#key = :key',
      ExpressionAttributeNames: { '#fm': 'firstMessage', '#att': 'attachments', '#scan': 'scan', '#key': 'key' },
      ExpressionAttributeValues: { ':scan': 'THREATS_FOUND', ':key': KEY },
    });
  });

  it('a clean file also gets its proved name and type', async () => {
    withAttachments([{ key: KEY }]);
    ddb.on(UpdateCommand).resolves({});
    await store.recordScan('c1', KEY, {
      scan: 'NO_THREATS_FOUND',
      filename: 'nota.pdf',
      contentType: 'application/pdf',
    });
    const input = ddb.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(input?.UpdateExpression).toBe(
      'SET #fm.#att[0].#scan = :scan, #fm.#att[0].#filename = :filename, #fm.#att[0].#type = :type',
    );
    expect(input?.ExpressionAttributeNames).toMatchObject({ '#filename': 'filename', '#type': 'contentType' });
    expect(input?.ExpressionAttributeValues).toMatchObject({ ':filename': 'nota.pdf', ':type': 'application/pdf' });
  });

  it('missing when the list changed meanwhile (condition failed); other errors propagate', async () => {
    withAttachments([{ key: KEY }]);
    ddb.on(UpdateCommand).rejectsOnce(new ConditionalCheckFailedException({ message: 'changed', $metadata: {} }));
    expect(await store.recordScan('c1', KEY, { scan: 'REFUSED' })).toBe('missing');
    ddb.on(UpdateCommand).rejects(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }));
    await expect(store.recordScan('c1', KEY, { scan: 'REFUSED' })).rejects.toThrow('throttled');
  });

  // The clean result moves the file to its copy under claimed/ (out of every upload policy's reach):
  // the case then points there; a redelivered result finds it there, recorded.
  it.each([
    ['first time: the key follows the file', [{ key: KEY, scan: 'PENDING' }], 'recorded', 1],
    [
      'redelivered: found at its new key, nothing written',
      [{ key: 'claimed/x/01', scan: 'NO_THREATS_FOUND' }],
      'unchanged',
      0,
    ],
  ] as const)('moved: %s', async (_label, attachments, answer, writes) => {
    withAttachments([...attachments]);
    ddb.on(UpdateCommand).resolves({});
    expect(await store.recordScan('c1', KEY, { scan: 'NO_THREATS_FOUND', movedTo: 'claimed/x/01' })).toBe(answer);
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(writes);
    if (writes) {
      const input = ddb.commandCalls(UpdateCommand)[0]?.args[0].input;
      expect(input?.UpdateExpression).toBe('SET #fm.#att[0].#scan = :scan, #fm.#att[0].#key = :movedTo');
      expect(input?.ConditionExpression).toBe('#fm.#att[0].#key = :key');
      expect(input?.ExpressionAttributeValues).toMatchObject({ ':key': KEY, ':movedTo': 'claimed/x/01' });
    }
  });

  it("a follow-up's file (a merchant's later mail): found on its MSG# item, recorded there", async () => {
    withAttachments([{ key: 'uploads/first' }]);
    ddb.on(QueryCommand).resolves({
      Items: [
        { pk: 'CASE#c1', sk: 'MSG#2026-03-03T10:00:00.000Z#ses-2', message: { attachments: [{ key: 'other' }] } },
        {
          pk: 'CASE#c1',
          sk: 'MSG#2026-03-04T10:00:00.000Z#ses-3',
          message: { attachments: [{ partId: '2' }, { key: KEY, scan: 'PENDING' }] },
        },
      ],
    });
    ddb.on(UpdateCommand).resolves({});
    expect(await store.recordScan('c1', KEY, { scan: 'THREATS_FOUND' })).toBe('recorded');
    expect(ddb.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :msg)',
      ExpressionAttributeValues: { ':pk': 'CASE#c1', ':msg': 'MSG#' },
      ConsistentRead: true,
    });
    expect(ddb.commandCalls(UpdateCommand)[0]?.args[0].input).toMatchObject({
      Key: { pk: 'CASE#c1', sk: 'MSG#2026-03-04T10:00:00.000Z#ses-3' },
      UpdateExpression: 'SET #fm.#att[1].#scan = :scan',
      ConditionExpression: '#fm.#att[1].#key = :key',
      ExpressionAttributeNames: { '#fm': 'message', '#att': 'attachments', '#scan': 'scan', '#key': 'key' },
    });
  });

  it('no follow-up lists it either: missing, nothing written', async () => {
    withAttachments([]);
    ddb.on(QueryCommand).resolves({ Items: [] });
    expect(await store.recordScan('c1', KEY, { scan: 'NO_THREATS_FOUND' })).toBe('missing');
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
  });
});
