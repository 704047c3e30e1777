/**
 * What one held-reply sweep run reads (DynamoHeldReplies.heldSince, every HELD_REPLY_SWEEP_MINUTES
 * while the breaker is clear) with thousands of replies held: the read units DynamoDB charges.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTableIfMissing } from '../../shared/adapters/dynamo/create-table';
import { DynamoHeldReplies } from '../../shared/adapters/dynamo/held-replies';
import { heldReplyKey, TTL_ATTRIBUTE } from '../../shared/adapters/dynamo/table-design';
import {
  HELD_REPLY_FRESH_MS,
  HELD_REPLY_KEPT_MS,
  HELD_REPLY_READ_PER_RUN,
  HELD_REPLY_SWEEP_MINUTES,
  type HeldReply,
} from '../../shared/domain/bounce-breaker';
import { type DynaliteHandle, startDynalite } from '../support/emulators';

const TABLE = 'ouvidoria-held-reads';
const NOW = new Date('2026-11-24T18:00:00.000Z');
const HELD = 5_000;
let dynalite: DynaliteHandle;

beforeAll(async () => {
  dynalite = await startDynalite();
});
afterAll(async () => {
  await dynalite?.stop();
});

/** A guidance reply the breaker held for a made-up mailbox of an attacker's domain, as the intake keeps it. */
function held(i: number): HeldReply {
  const heldAt = new Date(NOW.getTime() - 6 * 3_600_000 + i * 1_000).toISOString();
  return {
    caseId: `email:0100018e${String(i).padStart(8, '0')}-ataque`,
    heldAt,
    messageId: `${String(i).padStart(8, '0')}.a1b2c3d4e5f60718@ouvidoria.example.com.br`,
    to: `x${i}@devolve-tudo.example`,
    headers: {
      'In-Reply-To': `<ataque-${i}@devolve-tudo.example>`,
      References: `<ataque-${i}@devolve-tudo.example>`,
      'Auto-Submitted': 'auto-replied',
      'X-Auto-Response-Suppress': 'All',
    },
    envelopeProven: true,
  };
}

describe('the held-reply sweep’s reads', () => {
  it(`one run with ${HELD} replies held reads them all in 3 Queries, 525 read units; a cap reads less`, {
    timeout: 120_000,
  }, async () => {
    const raw = new DynamoDBClient({
      endpoint: dynalite.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
    await createTableIfMissing(raw, TABLE);
    const client = DynamoDBDocumentClient.from(raw);
    for (let i = 0; i < HELD; i += 25) {
      const items = Array.from({ length: 25 }, (_, j) => held(i + j)).map((reply) => ({
        PutRequest: {
          Item: {
            ...heldReplyKey(reply.heldAt, reply.caseId),
            reply,
            [TTL_ATTRIBUTE]: Math.floor((Date.parse(reply.heldAt) + HELD_REPLY_KEPT_MS) / 1000),
          },
        },
      }));
      await client.send(new BatchWriteCommand({ RequestItems: { [TABLE]: items } }));
    }
    let units = 0;
    let queries = 0;
    client.middlewareStack.add(
      (next) => async (args) => {
        const input = (args as { input: Record<string, unknown> }).input;
        input['ReturnConsumedCapacity'] = 'TOTAL';
        const out = await next(args);
        const consumed = (out.output as { ConsumedCapacity?: { CapacityUnits?: number } }).ConsumedCapacity;
        units += consumed?.CapacityUnits ?? 0;
        queries++;
        return out;
      },
      { step: 'initialize' },
    );
    const store = new DynamoHeldReplies(client, TABLE);
    const since = new Date(NOW.getTime() - HELD_REPLY_FRESH_MS);
    const found = await store.heldSince(since, NOW, HELD_REPLY_READ_PER_RUN);
    expect(found).toHaveLength(HELD);
    // Measured on dynalite (as DynamoDB counts: 4 KB of consistent reads a unit): 3 Queries, 525 units a
    // run, some 151,000 a day at a run every 5 minutes — HELD_REPLY_READ_PER_RUN's reasoning.
    // (Bounds, not the number: a field more on HeldReply moves it a little.)
    expect(queries).toBe(3);
    expect(units).toBeGreaterThan(400);
    expect(units * ((24 * 60) / HELD_REPLY_SWEEP_MINUTES)).toBeLessThan(175_000);
    // Capped, a run reads as much less, the oldest first.
    queries = 0;
    units = 0;
    const capped = await store.heldSince(since, NOW, 1_000);
    expect(capped.map((reply) => reply.caseId)).toEqual(found.slice(0, 1_000).map((reply) => reply.caseId));
    expect(units).toBeLessThanOrEqual(125);
  });
});
