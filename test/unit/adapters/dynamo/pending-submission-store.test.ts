import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  DynamoPendingSubmissionStore,
  pendingSenderPk,
  pendingSubmissionKey,
} from '../../../../shared/adapters/dynamo/pending-submission-store';
import type { PendingSubmission } from '../../../../shared/ports';

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const ddb = mockClient(doc);
beforeEach(() => ddb.reset());

const ID = `form-${'c3'.repeat(32)}`;
const conditionFailed = () => new ConditionalCheckFailedException({ message: 'x', $metadata: {} });

const PENDING: PendingSubmission = {
  id: ID,
  email: 'Contato@EletroPonto.com.br',
  form: {
    nome: 'Rafael Lima',
    email: 'Contato@EletroPonto.com.br',
    chamado: '48215',
    assunto: 'atendimento',
    descricao: 'O chamado 48215 foi encerrado e a integração com o ERP continua parada desde segunda.',
    naoCliente: false,
  },
  createdAt: '2026-03-02T13:20:00.000Z',
  expiresAt: '2026-03-04T13:20:00.000Z',
};

describe('DynamoPendingSubmissionStore', () => {
  const store = new DynamoPendingSubmissionStore(doc, 't');

  it('creates with attribute_not_exists, indexed by the lower-cased address, expiring with the link', async () => {
    ddb.on(PutCommand).resolves({});
    expect(await store.create(PENDING)).toBe(true);
    const input = ddb.commandCalls(PutCommand)[0]?.args[0].input;
    // One past its link's expiry (waiting for the TTL) is replaced: a post again.
    expect(input?.ConditionExpression).toBe('attribute_not_exists(pk) OR linkExpiresAt <= :now');
    expect(input?.ExpressionAttributeValues).toEqual({ ':now': PENDING.createdAt });
    expect(input?.Item).toMatchObject({
      ...pendingSubmissionKey(ID),
      senderEmail: 'contato@eletroponto.com.br',
      gsi2pk: pendingSenderPk('contato@eletroponto.com.br'),
      gsi2sk: `2026-03-02T13:20:00.000Z#${ID}`,
      expiresAt: Date.parse('2026-03-04T13:20:00.000Z') / 1000,
      form: PENDING.form,
    });
    expect(pendingSenderPk('X@Y.com')).toBe('PENDINGSENDER#x@y.com');
  });

  it('a second create of the id answers false; other errors propagate', async () => {
    ddb.on(PutCommand).rejectsOnce(conditionFailed()).rejectsOnce(new Error('boom'));
    expect(await store.create(PENDING)).toBe(false);
    await expect(store.create(PENDING)).rejects.toThrow('boom');
  });

  it('reads consistently; an item without its form reads as none', async () => {
    ddb
      .on(GetCommand)
      .resolvesOnce({
        Item: {
          senderEmail: 'contato@eletroponto.com.br',
          form: PENDING.form,
          createdAt: PENDING.createdAt,
          linkExpiresAt: PENDING.expiresAt,
          confirmedCaseId: 'webform-1',
        },
      })
      .resolvesOnce({ Item: { senderEmail: 'x@y.com' } });
    expect(await store.get(ID)).toEqual({
      ...PENDING,
      email: 'contato@eletroponto.com.br',
      confirmedCaseId: 'webform-1',
    });
    expect(ddb.commandCalls(GetCommand)[0]?.args[0].input.ConsistentRead).toBe(true);
    expect(await store.get(ID)).toBeNull();
  });

  it('claims the mail once: not yet sent, and no claim newer than the stale instant', async () => {
    ddb.on(UpdateCommand).resolvesOnce({}).rejectsOnce(conditionFailed());
    const now = new Date('2026-03-02T13:20:00.000Z');
    const stale = new Date('2026-03-02T13:19:45.000Z');
    expect(await store.claimMail(ID, now, stale)).toBe(true);
    expect(await store.claimMail(ID, now, stale)).toBe(false);
    const input = ddb.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(input?.ConditionExpression).toContain('attribute_not_exists(mailedAt)');
    expect(input?.ExpressionAttributeValues).toEqual({ ':now': now.toISOString(), ':stale': stale.toISOString() });
  });

  it.each([
    ['markMailed', (s: DynamoPendingSubmissionStore) => s.markMailed(ID, new Date('2026-03-02T13:20:01.000Z'))],
    ['markConfirmed', (s: DynamoPendingSubmissionStore) => s.markConfirmed(ID, 'webform-1')],
    ['noteRepeatUpload', (s: DynamoPendingSubmissionStore) => s.noteRepeatUpload(ID, 'p-1')],
    ['releaseMail', (s: DynamoPendingSubmissionStore) => s.releaseMail(ID)],
  ])('%s updates an existing item only (an erased or expired one is not recreated)', async (_m, call) => {
    ddb.on(UpdateCommand).rejectsOnce(conditionFailed()).rejectsOnce(new Error('boom'));
    await expect(call(store)).resolves.toBeUndefined();
    expect(ddb.commandCalls(UpdateCommand)[0]?.args[0].input.ConditionExpression).toBe('attribute_exists(pk)');
    await expect(call(store)).rejects.toThrow('boom');
  });
});
