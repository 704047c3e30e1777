import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoConsoleCaseIndex, summaryOf } from '../../../../shared/adapters/dynamo/console-case-index';
import { MAX_FILTERED_QUERIES } from '../../../../shared/adapters/dynamo/paged-query';
import { GSI } from '../../../../shared/adapters/dynamo/table-design';

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const ddb = mockClient(doc);
const index = new DynamoConsoleCaseIndex(doc, 't');
const item = {
  pk: 'CASE#c1',
  sk: 'CASE',
  type: 'CASE',
  caseId: 'c1',
  protocol: 'OUV-2026-000001',
  status: 'ASSIGNED',
  outcome: 'ACCEPTED',
  senderEmail: 'maria@loja.com.br',
  subject: 'Cobrança',
  createdAt: '2026-03-02T12:00:00Z',
  assignee: 'ana',
};

beforeEach(() => ddb.reset());

describe('DynamoConsoleCaseIndex — one Query per page, never a Scan', () => {
  it('queries gsi1-status newest first with the filters inside the query and returns the cursor', async () => {
    const key = { pk: 'CASE#c1', gsi1pk: 'STATUS#ASSIGNED' };
    ddb
      .on(QueryCommand)
      .resolvesOnce({ Items: [item], LastEvaluatedKey: key })
      .resolves({ Items: [], LastEvaluatedKey: key });
    const page = await index.byStatus(
      'ASSIGNED',
      { assigneeOrNone: 'ana', outcome: 'ACCEPTED', dueBefore: '2026-03-20T00:00:00Z' },
      { limit: 25 },
    );
    expect(page.items).toEqual([
      expect.objectContaining({ caseId: 'c1', protocol: 'OUV-2026-000001', assignee: 'ana', status: 'ASSIGNED' }),
    ]);
    expect(page.next).toBeTypeOf('string');
    const input = ddb.commandCalls(QueryCommand)[0]!.args[0].input;
    expect(input.IndexName).toBe('gsi1-status');
    expect(input.ScanIndexForward).toBe(false);
    // Filtered: 100 entries a Query, up to MAX_FILTERED_QUERIES of them while the page is not full.
    expect(input.Limit).toBe(100);
    expect(ddb.commandCalls(QueryCommand)).toHaveLength(MAX_FILTERED_QUERIES);
    expect(input.ExpressionAttributeValues).toMatchObject({ ':pk': 'STATUS#ASSIGNED', ':assignee': 'ana' });
    expect(input.FilterExpression).toContain('attribute_not_exists(#assignee)');

    await index.byStatus('ASSIGNED', {}, { limit: 25, cursor: page.next as string });
    expect(ddb.commandCalls(QueryCommand).at(-1)!.args[0].input.ExclusiveStartKey).toEqual({
      pk: 'CASE#c1',
      gsi1pk: 'STATUS#ASSIGNED',
    });
    expect(ddb.commandCalls(ScanCommand)).toHaveLength(0);
  });

  it('overdue with promisedBefore: also the accepted cases without a due date received before it', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    await index.byStatus(
      'QUEUED',
      { dueBefore: '2026-03-20T12:00:00.000Z', promisedBefore: '2026-03-06T12:00:00.000Z' },
      { limit: 25 },
    );
    const input = ddb.commandCalls(QueryCommand)[0]!.args[0].input;
    expect(input.FilterExpression).toBe(
      '(#dueAt < :dueBefore OR (attribute_not_exists(#dueAt) AND #outcome = :acceptedOutcome AND #createdAt < :promisedBefore))',
    );
    expect(input.ExpressionAttributeValues).toMatchObject({
      ':dueBefore': '2026-03-20T12:00:00.000Z',
      ':promisedBefore': '2026-03-06T12:00:00.000Z',
      ':acceptedOutcome': 'ACCEPTED',
    });
    // Both indexes project what the filter reads.
    for (const name of Object.values(input.ExpressionAttributeNames ?? {}).filter(
      (n) => n !== GSI.byStatus.partitionKey,
    ))
      expect(GSI.byStatus.nonKeyAttributes, name).toContain(name);
  });

  it('searches by sender on gsi2-sender (lower-cased); a garbage cursor reads the first page', async () => {
    ddb.on(QueryCommand).resolves({ Items: [item] });
    const page = await index.bySender('Maria@Loja.com.br', { assignee: 'ana' }, { limit: 10, cursor: '%%%' });
    expect(page.next).toBeUndefined();
    const input = ddb.commandCalls(QueryCommand)[0]!.args[0].input;
    expect(input.IndexName).toBe('gsi2-sender');
    expect(input.ExpressionAttributeValues?.[':pk']).toBe('SENDER#maria@loja.com.br');
    expect(input.ExclusiveStartKey).toBeUndefined();
  });

  it("reads only what both indexes project: an index entry gives the whole item's summary, filters included", async () => {
    const whole = {
      ...item,
      senderName: 'Maria',
      dueAt: '2026-03-20T00:00:00Z',
      firstMessage: { text: 'x'.repeat(5000) },
      reply: { status: 'sent' },
      messageIds: ['a@b'],
      updatedAt: '2026-03-03T00:00:00Z',
    };
    for (const g of [GSI.byStatus, GSI.bySender]) {
      const projected: readonly string[] = ['pk', 'sk', g.partitionKey, g.sortKey, ...g.nonKeyAttributes];
      const entry = Object.fromEntries(Object.entries(whole).filter(([name]) => projected.includes(name)));
      expect(summaryOf(entry)).toEqual(summaryOf(whole));
      expect(entry).not.toHaveProperty('firstMessage');
    }
    ddb.on(QueryCommand).resolves({ Items: [] });
    await index.bySender('maria@loja.com.br', { assignee: 'ana', outcome: 'ACCEPTED', dueBefore: 'z' }, { limit: 5 });
    const names = Object.values(ddb.commandCalls(QueryCommand)[0]!.args[0].input.ExpressionAttributeNames ?? {});
    for (const name of names.filter((n) => n !== GSI.bySender.partitionKey)) {
      expect(GSI.bySender.nonKeyAttributes, name).toContain(name);
      expect(GSI.byStatus.nonKeyAttributes, name).toContain(name);
    }
  });
});

describe('DynamoConsoleCaseIndex — several statuses as one list (the open cases, all)', () => {
  const STATUSES = ['QUEUED', 'ASSIGNED', 'IN_PROGRESS', 'WAITING_MERCHANT'] as const;
  // 23 cases over four status partitions; every third one is another analyst's (filtered out).
  const table = Array.from({ length: 23 }, (_, i) => {
    const caseId = `c${String(i).padStart(2, '0')}`;
    const status = STATUSES[(i * 7) % 4] as string;
    const createdAt = `2026-03-${String(1 + i).padStart(2, '0')}T12:00:00Z`;
    return {
      ...item,
      pk: `CASE#${caseId}`,
      caseId,
      status,
      createdAt,
      assignee: i % 3 === 0 ? 'bruno' : 'ana',
      gsi1pk: `STATUS#${status}`,
      gsi1sk: `${createdAt}#${caseId}`,
    };
  });

  /** dynalite's behaviour in small: Limit counts entries read, the filter drops some after it. */
  function serveQueries() {
    ddb.on(QueryCommand).callsFake((input) => {
      const values = input.ExpressionAttributeValues as Record<string, string>;
      const start = input.ExclusiveStartKey?.gsi1sk as string | undefined;
      const partition = table
        .filter((t) => t.gsi1pk === values[':pk'])
        .sort((a, b) => b.gsi1sk.localeCompare(a.gsi1sk))
        .filter((t) => start === undefined || t.gsi1sk < start);
      const read = partition.slice(0, input.Limit);
      const last = read.length === input.Limit && partition.length > read.length ? read.at(-1) : undefined;
      return {
        Items: read.filter((t) => !values[':assignee'] || t.assignee === values[':assignee']),
        ...(last ? { LastEvaluatedKey: { pk: last.pk, sk: last.sk, gsi1pk: last.gsi1pk, gsi1sk: last.gsi1sk } } : {}),
      };
    });
  }

  it('lists every status newest first, page after page, with at most one Query per status a page', async () => {
    serveQueries();
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const before = ddb.commandCalls(QueryCommand).length;
      const page = await index.byStatuses(STATUSES, { assignee: 'ana' }, { limit: 4, ...(cursor ? { cursor } : {}) });
      expect(ddb.commandCalls(QueryCommand).length - before).toBeLessThanOrEqual(STATUSES.length);
      seen.push(...page.items.map((c) => c.caseId));
      cursor = page.next;
      pages++;
    } while (cursor && pages < 20);
    const expected = table
      .filter((t) => t.assignee === 'ana')
      .sort((a, b) => b.gsi1sk.localeCompare(a.gsi1sk))
      .map((t) => t.caseId);
    expect(seen).toEqual(expected);
    expect(ddb.commandCalls(ScanCommand)).toHaveLength(0);
    const indexes = new Set(ddb.commandCalls(QueryCommand).map((c) => c.args[0].input.IndexName));
    expect([...indexes]).toEqual(['gsi1-status']);
  });

  it('a search by sender keeps the status view: the statuses go inside the Query', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    await index.bySender('maria@loja.com.br', { statuses: ['QUEUED', 'ASSIGNED'] }, { limit: 5 });
    const input = ddb.commandCalls(QueryCommand)[0]!.args[0].input;
    expect(input.FilterExpression).toBe('#status IN (:status0, :status1)');
    expect(input.ExpressionAttributeValues).toMatchObject({ ':status0': 'QUEUED', ':status1': 'ASSIGNED' });
    expect(GSI.bySender.nonKeyAttributes).toContain('status');
  });
});

// The office after a year: 2,000 closed cases, one in ten Ana's. DynamoDB applies Limit before the
// filter, so her "Encerrados" page of 25 read 25 entries and showed two or three of her cases (80
// pages to see them all, many of them empty).
describe('DynamoConsoleCaseIndex — a filtered list over a year of cases', () => {
  const closed = Array.from({ length: 2_000 }, (_, i) => {
    const caseId = `c${String(i).padStart(4, '0')}`;
    const createdAt = new Date(Date.parse('2025-12-01T12:00:00Z') + i * 4 * 3_600_000).toISOString();
    return {
      ...item,
      pk: `CASE#${caseId}`,
      caseId,
      status: 'CLOSED',
      createdAt,
      assignee: i % 10 === 3 ? 'ana' : `analista${i % 10}`,
      gsi1pk: 'STATUS#CLOSED',
      gsi1sk: `${createdAt}#${caseId}`,
    };
  });
  const anas = closed
    .filter((t) => t.assignee === 'ana')
    .sort((a, b) => b.gsi1sk.localeCompare(a.gsi1sk))
    .map((t) => t.caseId);

  /** As DynamoDB: Limit counts the entries read, the filter drops the others' cases after it. */
  function serveQueries(rows: typeof closed) {
    ddb.on(QueryCommand).callsFake((input) => {
      const values = input.ExpressionAttributeValues as Record<string, string>;
      const start = input.ExclusiveStartKey?.gsi1sk as string | undefined;
      const partition = rows
        .filter((t) => t.gsi1pk === values[':pk'])
        .sort((a, b) => b.gsi1sk.localeCompare(a.gsi1sk))
        .filter((t) => start === undefined || t.gsi1sk < start);
      const read = partition.slice(0, input.Limit);
      const last = read.length === input.Limit && partition.length > read.length ? read.at(-1) : undefined;
      return {
        Items: read.filter((t) => !values[':assignee'] || t.assignee === values[':assignee']),
        ...(last ? { LastEvaluatedKey: { pk: last.pk, sk: last.sk, gsi1pk: last.gsi1pk, gsi1sk: last.gsi1sk } } : {}),
      };
    });
  }

  it.each([
    { name: 'her closed cases, 25 a page', rows: closed, filter: { assignee: 'ana' }, pages: 8, full: true },
    {
      name: 'an analyst with no case there: bounded reads, then the rest',
      rows: closed,
      filter: { assignee: 'ze' },
      pages: 4,
      full: false,
    },
  ])('$name', async ({ rows, filter, pages: expectedPages, full }) => {
    serveQueries(rows);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const before = ddb.commandCalls(QueryCommand).length;
      const page = await index.byStatus('CLOSED', filter, { limit: 25, ...(cursor ? { cursor } : {}) });
      expect(ddb.commandCalls(QueryCommand).length - before).toBeLessThanOrEqual(MAX_FILTERED_QUERIES);
      if (full && page.next) expect(page.items).toHaveLength(25);
      seen.push(...page.items.map((c) => c.caseId));
      cursor = page.next;
      pages++;
    } while (cursor && pages < 100);
    expect(pages).toBe(expectedPages);
    expect(seen).toEqual(filter.assignee === 'ana' ? anas : []);
    expect(ddb.commandCalls(ScanCommand)).toHaveLength(0);
  });
});

// Journey 50: the list said 'Orientado (resposta automática)' for Paulo's out-of-office, which the
// case page calls 'Mensagem automática guardada'. gsi2-sender does not project `decision`.
describe('DynamoConsoleCaseIndex — a guided record that is stored automatic mail is marked, one read a page at most', () => {
  const guided = (caseId: string, ruleIds?: string[]) => ({
    ...item,
    pk: `CASE#${caseId}`,
    caseId,
    status: 'REDIRECTED',
    outcome: 'NO_PRIOR_TICKET',
    protocol: undefined,
    assignee: undefined,
    ...(ruleIds ? { decision: { outcome: 'NO_PRIOR_TICKET', ruleIds, reason: 'r' } } : {}),
  });
  const marks = (items: Array<{ caseId: string; automatic?: true }>) =>
    Object.fromEntries(items.map((i) => [i.caseId, i.automatic === true]));

  it('by status: from the decision gsi1-status projects, no other read', async () => {
    ddb.on(QueryCommand).resolves({
      Items: [guided('auto', ['ticket.valid', 'auto.machine-generated']), guided('hers', ['ticket.none'])],
    });
    const page = await index.byStatus('REDIRECTED', {}, { limit: 25 });
    expect(marks(page.items)).toEqual({ auto: true, hers: false });
    expect(ddb.commandCalls(BatchGetCommand)).toHaveLength(0);
  });

  it('by sender: the guided rows only, in one BatchGetItem (unprocessed keys asked again)', async () => {
    ddb.on(QueryCommand).resolves({ Items: [item, guided('auto'), guided('hers'), guided('quoted')] });
    ddb
      .on(BatchGetCommand)
      .resolvesOnce({
        Responses: {
          t: [
            { caseId: 'auto', decision: { ruleIds: ['auto.machine-generated.text'] } },
            { caseId: 'hers', decision: { ruleIds: ['ticket.none'] } },
          ],
        },
        UnprocessedKeys: { t: { Keys: [{ pk: 'CASE#quoted', sk: 'CASE' }] } },
      })
      .resolves({
        Responses: {
          t: [{ caseId: 'quoted', decision: { ruleIds: ['auto.machine-generated', 'topic.billing.charge'] } }],
        },
      });
    const page = await index.bySender('maria@loja.com.br', {}, { limit: 25 });
    expect(marks(page.items)).toEqual({ c1: false, auto: true, hers: false, quoted: false });
    const calls = ddb.commandCalls(BatchGetCommand);
    expect(calls).toHaveLength(2);
    expect(calls[0]!.args[0].input.RequestItems?.['t']?.Keys).toEqual([
      { pk: 'CASE#auto', sk: 'CASE' },
      { pk: 'CASE#hers', sk: 'CASE' },
      { pk: 'CASE#quoted', sk: 'CASE' },
    ]);
  });

  it('by sender with no guided row: no read', async () => {
    ddb.on(QueryCommand).resolves({ Items: [item] });
    await index.bySender('maria@loja.com.br', {}, { limit: 25 });
    expect(ddb.commandCalls(BatchGetCommand)).toHaveLength(0);
  });
});
