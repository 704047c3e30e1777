import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoQuarantineStore } from '../../../../shared/adapters/dynamo/quarantine-store';
import { MAX_FILTERED_QUERIES } from '../../../../shared/adapters/dynamo/paged-query';
import { GSI } from '../../../../shared/adapters/dynamo/table-design';
import { LocalMessageTextStore } from '../../../../shared/adapters/local/local-message-text-store';
import type { HistoryEvent } from '../../../../shared/domain/lifecycle/types';

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const ddb = mockClient(doc);
const store = new DynamoQuarantineStore(doc, 't');

/** Sofia's release of a held mail that the rules now accept. */
function acceptedRelease() {
  const at = '2026-03-12T14:00:00.000Z';
  return {
    status: 'QUEUED' as const,
    outcome: 'ACCEPTED' as const,
    decision: {
      outcome: 'ACCEPTED' as const,
      ruleIds: ['ticket.valid'],
      reason: 'ok',
      ticket: { status: 'none' as const },
    },
    ticketCandidates: [],
    event: {
      at,
      actor: { kind: 'staff' as const, id: 'sofia', role: 'supervisor' as const },
      type: 'quarantine-released' as const,
      outcome: 'ACCEPTED' as const,
      ruleIds: ['ticket.valid'],
    },
  };
}

beforeEach(() => ddb.reset());

describe('DynamoQuarantineStore', () => {
  it('lists STATUS#QUARANTINED newest first, reviewed records filtered inside the Query, never a Scan', async () => {
    ddb
      .on(QueryCommand)
      .resolvesOnce({
        Items: [
          {
            caseId: 'email:m1',
            senderEmail: 'x@y.z',
            subject: 'oi',
            createdAt: '2026-03-12T14:00:00Z',
            decision: { reason: 'DMARC', ruleIds: ['quarantine.auth.dmarc'] },
          },
        ],
        LastEvaluatedKey: { pk: 'CASE#email:m1' },
      })
      .resolves({ Items: [], LastEvaluatedKey: { pk: 'CASE#email:m1' } });
    const page = await store.listQuarantined({ limit: 25 });
    expect(page.items).toEqual([
      {
        caseId: 'email:m1',
        senderEmail: 'x@y.z',
        subject: 'oi',
        createdAt: '2026-03-12T14:00:00Z',
        reason: 'DMARC',
        ruleIds: ['quarantine.auth.dmarc'],
      },
    ]);
    expect(page.next).toBeTypeOf('string');
    const input = ddb.commandCalls(QueryCommand)[0]!.args[0].input;
    expect(input).toMatchObject({
      IndexName: 'gsi1-status',
      ScanIndexForward: false,
      ExpressionAttributeValues: { ':pk': 'STATUS#QUARANTINED' },
      FilterExpression: 'attribute_not_exists(#reviewedAt)',
    });
    // The index returns only what it projects: the filter and the listed attributes are there.
    for (const name of [...Object.values(input.ExpressionAttributeNames ?? {}), ...Object.keys(page.items[0] ?? {})]) {
      if (name === 'gsi1pk' || name === 'reason' || name === 'ruleIds') continue;
      expect(GSI.byStatus.nonKeyAttributes, name).toContain(name);
    }
    expect(GSI.byStatus.nonKeyAttributes).toContain('decision');
    await store.listQuarantined({ limit: 25, cursor: page.next as string });
    expect(ddb.commandCalls(QueryCommand).at(-1)!.args[0].input.ExclusiveStartKey).toEqual({ pk: 'CASE#email:m1' });
    expect(ddb.commandCalls(ScanCommand)).toHaveLength(0);
  });

  it('discards with one conditional update recording who and when; false when the condition fails', async () => {
    ddb
      .on(UpdateCommand)
      .resolvesOnce({})
      .rejectsOnce(Object.assign(new Error('x'), { name: 'ConditionalCheckFailedException' }));
    expect(await store.discard('email:m1', 'sofia', '2026-03-12T14:00:00.000Z')).toBe(true);
    const input = ddb.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(input.ConditionExpression).toBe('#status = :q AND attribute_not_exists(#reviewedAt)');
    expect(input.ExpressionAttributeValues).toMatchObject({
      ':q': 'QUARANTINED',
      ':by': 'sofia',
      ':review': 'discarded',
      ':event': [{ type: 'quarantine-discarded', actor: { kind: 'staff', id: 'sofia', role: 'supervisor' } }],
    });
    expect(await store.discard('email:m1', 'sofia', '2026-03-12T14:00:00.000Z')).toBe(false);
  });

  it('requarantines a mail read again with one conditional update of its decision; a review meanwhile stands', async () => {
    ddb
      .on(UpdateCommand)
      .resolvesOnce({})
      .rejectsOnce(Object.assign(new Error('x'), { name: 'ConditionalCheckFailedException' }));
    const decision = {
      outcome: 'QUARANTINED' as const,
      ruleIds: ['quarantine.parse-problem'],
      reason: 'Mensagem não pôde ser lida: unparseable: too many header items.',
      ticket: { status: 'none' as const },
    };
    await store.requarantine('email:m1', decision, []);
    const input = ddb.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(input.Key).toEqual({ pk: 'CASE#email:m1', sk: 'CASE' });
    expect(input.ConditionExpression).toBe('#status = :q AND attribute_not_exists(#reviewedAt)');
    expect(input.ExpressionAttributeValues).toMatchObject({ ':q': 'QUARANTINED', ':decision': decision });
    await expect(store.requarantine('email:m1', decision, [])).resolves.toBeUndefined();
  });

  it('notes a refused release on the case item with its history line, once per request, never creating one; other errors go through', async () => {
    const refused = {
      reason: 'no-raw-mail' as const,
      by: 'sofia',
      at: '2026-03-12T14:00:05.000Z',
      requestedAt: '2026-03-12T14:00:01.000Z',
    };
    const event: HistoryEvent = {
      at: refused.at,
      actor: { kind: 'system' },
      type: 'quarantine-release-refused',
      reason: 'no-raw-mail',
      requestedBy: 'sofia',
    };
    ddb
      .on(UpdateCommand)
      .rejectsOnce(Object.assign(new Error('x'), { name: 'ConditionalCheckFailedException' }))
      .resolvesOnce({})
      .rejectsOnce(new Error('throttled'));
    await expect(store.noteRefusal('email:gone', refused, event)).resolves.toBeUndefined();
    await store.noteRefusal('email:m1', refused, event);
    const input = ddb.commandCalls(UpdateCommand)[1]!.args[0].input;
    expect(input.Key).toEqual({ pk: 'CASE#email:m1', sk: 'CASE' });
    expect(input.ConditionExpression).toBe(
      'attribute_exists(pk) AND (attribute_not_exists(#refused.#requestedAt) OR #refused.#requestedAt <> :requestedAt)',
    );
    expect(input.UpdateExpression).toContain('#history = list_append(if_not_exists(#history, :empty), :event)');
    expect(input.ExpressionAttributeValues).toMatchObject({
      ':refused': refused,
      ':requestedAt': refused.requestedAt,
      ':event': [event],
    });
    await expect(store.noteRefusal('email:m1', refused, event)).rejects.toThrow('throttled');
  });

  it("lists the last refused release a row's history holds (the index projects the history, not releaseRefused)", async () => {
    const refusal = (at: string, reason: string, requestedBy: string) => ({
      at,
      actor: { kind: 'system' },
      type: 'quarantine-release-refused',
      reason,
      requestedBy,
    });
    ddb.on(QueryCommand).resolves({
      Items: [
        {
          caseId: 'email:m1',
          createdAt: '2026-03-12T14:00:00Z',
          history: [
            refusal('2026-03-12T15:00:00.000Z', 'no-raw-mail', 'sofia'),
            { at: '2026-03-12T15:30:00.000Z', actor: { kind: 'system' }, type: 'reminder-sent', dueAt: 'x' },
            refusal('2026-03-12T16:00:00.000Z', 'still-quarantined', 'carla'),
          ],
        },
        { caseId: 'email:m2', createdAt: '2026-03-12T13:00:00Z', history: [] },
        { caseId: 'email:m3', createdAt: '2026-03-12T12:00:00Z' },
      ],
    });
    const page = await store.listQuarantined({ limit: 25 });
    expect(page.items.map((i) => i.releaseRefused)).toEqual([
      { at: '2026-03-12T16:00:00.000Z', reason: 'still-quarantined', requestedBy: 'carla' },
      undefined,
      undefined,
    ]);
    expect('releaseRefused' in (page.items[1] as object)).toBe(false);
  });

  it('releases with one conditional update: new decision, status index key, reviewer, history; the old reply removed', async () => {
    ddb
      .on(UpdateCommand)
      .resolvesOnce({})
      .rejectsOnce(Object.assign(new Error('x'), { name: 'ConditionalCheckFailedException' }));
    const released = acceptedRelease();
    const {
      decision,
      event: { at },
    } = released;
    expect(await store.release('email:m1', released, 'sofia', at)).toBe(true);
    const input = ddb.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(input.Key).toEqual({ pk: 'CASE#email:m1', sk: 'CASE' });
    expect(input.ConditionExpression).toBe('#status = :q AND attribute_not_exists(#reviewedAt)');
    // The reply's claim goes with it: a mail the intake failed on had its notice claimed and sent.
    expect(input.UpdateExpression).toMatch(/ REMOVE #reply, #replyClaimedAt$/);
    expect(input.ExpressionAttributeNames).toMatchObject({
      '#gsiPk': 'gsi1pk',
      '#reply': 'reply',
      '#replyClaimedAt': 'replyClaimedAt',
    });
    expect(input.ExpressionAttributeValues).toMatchObject({
      ':status': 'QUEUED',
      ':gsiPk': 'STATUS#QUEUED',
      ':outcome': 'ACCEPTED',
      ':decision': decision,
      ':review': 'released',
      ':by': 'sofia',
      ':event': [released.event],
    });
    expect(await store.release('email:m1', released, 'sofia', at)).toBe(false);
  });

  // Mend 51: her released reply to a case closed long ago keeps "Caso anterior relacionado" (and a
  // colleague's, the case it cited), in the release's one write, as the intake's record keeps them.
  it.each([
    ['her case closed long ago', { linkedProtocol: 'OUV-2026-000001' }],
    ['another sender’s case', { referencedCaseId: 'email:m0', referencedProtocol: 'OUV-2026-000001' }],
    ['her guidance answered', { answersSubmissionId: 'email:m0' }],
  ])('a release keeps the link to %s in the same write', async (_label, links) => {
    ddb.on(UpdateCommand).resolvesOnce({});
    const released = { ...acceptedRelease(), links };
    expect(await store.release('email:m1', released, 'sofia', released.event.at)).toBe(true);
    const input = ddb.commandCalls(UpdateCommand)[0]!.args[0].input;
    const names = input.ExpressionAttributeNames ?? {};
    const values = input.ExpressionAttributeValues ?? {};
    const written = Object.fromEntries(
      [...(input.UpdateExpression ?? '').matchAll(/(#\w+) = (:\w+)/g)].map(([, n, v]) => [names[n!], values[v!]]),
    );
    expect(written).toMatchObject(links);
  });

  // Journey 48: a released mail that joined her open case on the same ticket stays quarantined
  // mail, reviewed: its status, decision and (suppressed) reply are left as they are.
  it('a release that joined her case only records the review and its event', async () => {
    ddb.on(UpdateCommand).resolvesOnce({});
    const at = '2026-03-12T14:00:00.000Z';
    const joined = { caseId: 'email:m0', protocol: 'OUV-2026-000001' };
    const event = {
      at,
      actor: { kind: 'staff' as const, id: 'sofia', role: 'supervisor' as const },
      type: 'quarantine-released' as const,
      outcome: 'ACCEPTED' as const,
      ruleIds: ['ticket.valid'],
      joined,
    };
    expect(await store.release('email:m1', { joined, event }, 'sofia', at)).toBe(true);
    const input = ddb.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(input.ConditionExpression).toBe('#status = :q AND attribute_not_exists(#reviewedAt)');
    expect(input.UpdateExpression).not.toMatch(/#reply|#decision|#gsiPk|#outcome\b/);
    expect(input.ExpressionAttributeValues).toMatchObject({ ':review': 'released', ':by': 'sofia', ':event': [event] });
  });

  it('lets other errors through (the queue redelivers the request)', async () => {
    ddb.on(UpdateCommand).rejects(Object.assign(new Error('x'), { name: 'ProvisionedThroughputExceededException' }));
    await expect(store.discard('email:m1', 'sofia', '2026-03-12T14:00:00.000Z')).rejects.toThrow('x');
  });

  describe('keepOpen (a release that opened a case)', () => {
    it('removes the TTL from the case item, then from its side items, pointers and kept texts', async () => {
      const texts = new LocalMessageTextStore();
      const ref = await texts.put({ caseId: 'email:m1', sourceId: 'm1', redirected: true }, 'x'.repeat(4000));
      ddb.on(QueryCommand).resolves({
        Items: [
          { pk: 'CASE#email:m1', sk: 'CASE' },
          { pk: 'CASE#email:m1', sk: 'FIRSTMSG', textRef: ref },
        ],
      });
      ddb.on(UpdateCommand).resolves({});
      await new DynamoQuarantineStore(doc, 't', texts).keepOpen({ caseId: 'email:m1', messageIds: ['m1@gmail.com'] });

      const updates = ddb.commandCalls(UpdateCommand).map((c) => c.args[0].input);
      expect(updates[0]).toMatchObject({
        Key: { pk: 'CASE#email:m1', sk: 'CASE' },
        UpdateExpression: 'REMOVE #ttl',
        ConditionExpression: 'attribute_exists(pk) AND #status <> :closed',
        ExpressionAttributeNames: { '#ttl': 'expiresAt', '#status': 'status' },
      });
      const keys = updates.slice(1).map((u) => `${u.Key?.['pk']}/${u.Key?.['sk']}`);
      expect(keys).toEqual(expect.arrayContaining(['CASE#email:m1/FIRSTMSG', 'MSGID#m1@gmail.com/MSGID']));
      expect(updates.slice(1).every((u) => u.UpdateExpression === 'REMOVE #ttl')).toBe(true);
      expect(texts.marks.at(-1)).toEqual({ kind: 'open', key: ref.key });
    });

    it('leaves a case closed since (a resumed release) and a deleted one as they are', async () => {
      ddb.on(UpdateCommand).rejects(Object.assign(new Error('no'), { name: 'ConditionalCheckFailedException' }));
      await store.keepOpen({ caseId: 'email:m1', messageIds: ['m1@gmail.com'] });
      expect(ddb.commandCalls(UpdateCommand)).toHaveLength(1);
      expect(ddb.commandCalls(QueryCommand)).toHaveLength(0);
    });

    it('lets other errors through (the release is retried)', async () => {
      ddb.on(UpdateCommand).rejects(Object.assign(new Error('x'), { name: 'ThrottlingException' }));
      await expect(store.keepOpen({ caseId: 'email:m1', messageIds: [] })).rejects.toThrow('x');
    });
  });
});

// A month of spam after a year: 400 held mails under QUARANTINED, the reviewed (discarded) ones kept
// until they expire; 8 still wait for review. DynamoDB applies Limit before the filter, so the
// review page of 25 read 25 entries and showed the one or two pending among them.
describe('DynamoQuarantineStore — the review list among many reviewed', () => {
  const rows = Array.from({ length: 400 }, (_, i) => {
    const createdAt = new Date(Date.parse('2026-11-01T12:00:00Z') + i * 3_600_000).toISOString();
    return {
      pk: `CASE#email:q${i}`,
      sk: 'CASE',
      caseId: `email:q${i}`,
      senderEmail: 'promo@spam.example',
      subject: 'Oferta',
      createdAt,
      gsi1pk: 'STATUS#QUARANTINED',
      gsi1sk: `${createdAt}#email:q${i}`,
      ...(i % 50 === 7 ? {} : { reviewedAt: createdAt }),
    };
  });
  const pending = rows
    .filter((r) => !r.reviewedAt)
    .sort((a, b) => b.gsi1sk.localeCompare(a.gsi1sk))
    .map((r) => r.caseId);

  it('one page lists every pending mail, within the bounded reads', async () => {
    ddb.on(QueryCommand).callsFake((input) => {
      const start = input.ExclusiveStartKey?.gsi1sk as string | undefined;
      const partition = rows
        .sort((a, b) => b.gsi1sk.localeCompare(a.gsi1sk))
        .filter((t) => start === undefined || t.gsi1sk < start);
      const read = partition.slice(0, input.Limit);
      const last = read.length === input.Limit && partition.length > read.length ? read.at(-1) : undefined;
      return {
        Items: read.filter((t) => !t.reviewedAt),
        ...(last ? { LastEvaluatedKey: { pk: last.pk, sk: last.sk, gsi1pk: last.gsi1pk, gsi1sk: last.gsi1sk } } : {}),
      };
    });
    const page = await store.listQuarantined({ limit: 25 });
    expect(page.items.map((i) => i.caseId)).toEqual(pending);
    expect(page.next).toBeUndefined();
    expect(ddb.commandCalls(QueryCommand).length).toBeLessThanOrEqual(MAX_FILTERED_QUERIES);
  });
});
