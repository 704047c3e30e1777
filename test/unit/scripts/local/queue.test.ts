/** The in-process SQS stand-in of the local stack: batches, partial failures, redelivery, DLQ. */
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { InProcessAssignmentQueue } from '../../../../scripts/local/queue';
import type { AssignmentMessage } from '../../../../shared/ports';

const message = (n: number): AssignmentMessage => ({
  caseId: `email:m${n}`,
  protocol: `OUV-2026-${String(n).padStart(6, '0')}`,
});

/** A handler that records every batch and fails the case ids it is told to. */
function recordingHandler(failing: (caseId: string, receiveCount: number) => boolean) {
  const batches: Array<Array<{ caseId: string; receiveCount: number }>> = [];
  const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const seen = event.Records.map((r) => ({
      caseId: (JSON.parse(r.body) as AssignmentMessage).caseId,
      receiveCount: Number(r.attributes.ApproximateReceiveCount),
      id: r.messageId,
    }));
    batches.push(seen.map(({ caseId, receiveCount }) => ({ caseId, receiveCount })));
    return {
      batchItemFailures: seen.filter((s) => failing(s.caseId, s.receiveCount)).map((s) => ({ itemIdentifier: s.id })),
    };
  };
  return { batches, handler };
}

async function drained(queue: InProcessAssignmentQueue): Promise<void> {
  // Redeliveries come back on a (zero) timer: wait until nothing is left but dead letters.
  for (let i = 0; i < 200 && queue.list().length > 0; i++) {
    await queue.idle();
    await new Promise((r) => setTimeout(r, 5));
  }
  await queue.idle();
}

describe('InProcessAssignmentQueue', () => {
  it('delivers in SQS-shaped batches of at most 10, one batch at a time', async () => {
    const { batches, handler } = recordingHandler(() => false);
    let inFlight = 0;
    let maxInFlight = 0;
    const queue = new InProcessAssignmentQueue({
      handler: async (event) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
        expect(event.Records[0]).toMatchObject({ eventSource: 'aws:sqs', awsRegion: 'us-east-1' });
        return handler(event);
      },
    });
    for (let n = 1; n <= 23; n++) await queue.enqueue(message(n));
    await drained(queue);
    const sizes = batches.map((b) => b.length);
    expect(sizes.every((s) => s >= 1 && s <= 10)).toBe(true);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(23);
    expect(maxInFlight).toBe(1);
    expect(queue.list()).toEqual([]);
    expect(queue.deadLetters()).toEqual([]);
  });

  it('redelivers only the failed records, counting receives, and dead-letters after maxReceiveCount', async () => {
    // m2 fails twice then succeeds; m3 always fails.
    const { batches, handler } = recordingHandler(
      (caseId, receiveCount) => caseId === 'email:m3' || (caseId === 'email:m2' && receiveCount <= 2),
    );
    const dead: string[] = [];
    const queue = new InProcessAssignmentQueue({
      handler,
      backoffMs: () => 0,
      maxReceiveCount: 5,
      onDeadLetter: (d) => dead.push(d.message.caseId),
    });
    for (const n of [1, 2, 3]) await queue.enqueue(message(n));
    await drained(queue);

    const receives = (caseId: string) =>
      batches
        .flat()
        .filter((r) => r.caseId === caseId)
        .map((r) => r.receiveCount);
    expect(receives('email:m1')).toEqual([1]);
    expect(receives('email:m2')).toEqual([1, 2, 3]);
    expect(receives('email:m3')).toEqual([1, 2, 3, 4, 5]);
    expect(dead).toEqual(['email:m3']);
    expect(queue.deadLetters()).toMatchObject([{ message: message(3), receiveCount: 5 }]);
    expect(queue.list()).toEqual([]);
  });

  it('retries the whole batch when the handler throws, or names a record that is not in the batch', async () => {
    const receives: Record<string, string[]> = {};
    let calls = 0;
    const queue = new InProcessAssignmentQueue({
      backoffMs: () => 0,
      handler: async (event) => {
        calls++;
        for (const r of event.Records) {
          const { caseId } = JSON.parse(r.body) as AssignmentMessage;
          receives[caseId] = [...(receives[caseId] ?? []), r.attributes.ApproximateReceiveCount];
        }
        if (calls === 1) throw new Error('boom');
        if (calls === 2) return { batchItemFailures: [{ itemIdentifier: 'not-in-this-batch' }] };
        return { batchItemFailures: [] };
      },
    });
    await queue.enqueue(message(1));
    await queue.enqueue(message(2));
    await drained(queue);
    expect(calls).toBe(3);
    expect(receives).toEqual({ 'email:m1': ['1', '2', '3'], 'email:m2': ['1', '2', '3'] });
    expect(queue.list()).toEqual([]);
    expect(queue.deadLetters()).toEqual([]);
  });

  it('refuses new messages once stopped', async () => {
    const queue = new InProcessAssignmentQueue({ handler: async () => ({ batchItemFailures: [] }) });
    await queue.stop();
    await expect(queue.enqueue(message(1))).rejects.toThrow(/stopped/);
  });
});
