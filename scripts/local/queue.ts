/**
 * The local stack's stand-in for the SQS assignment queue and its dead-letter queue.
 *
 * `enqueue` stores a message; a pump hands visible messages, up to 10 at a time, to the real
 * assignment handler as an SQS-shaped event, one batch at a time (like the Lambda's reserved
 * concurrency of 1). Records listed in `batchItemFailures` come back after a backoff (the SQS
 * visibility timeout); after `maxReceiveCount` receives a message moves to the in-memory DLQ,
 * which the case board shows. Backoff runs on real time, like SQS: the virtual clock only drives
 * the office calendar.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { AssignmentMessage, AssignmentQueue } from '../../shared/ports';

export const QUEUE_ARN = 'arn:aws:sqs:us-east-1:000000000000:ouvidoria-local-assignment';

export type SqsBatchHandler = (event: SQSEvent) => Promise<SQSBatchResponse | undefined>;

export interface InProcessQueueOptions {
  handler: SqsBatchHandler;
  /** SQS event source batch size (max 10 for a standard queue with no batching window). */
  batchSize?: number;
  /** Receives before a message moves to the DLQ (the redrive policy's maxReceiveCount). */
  maxReceiveCount?: number;
  /** Delay before a failed message is visible again, by the receive count that just failed. */
  backoffMs?: (receiveCount: number) => number;
  /** Told about handler crashes (the whole batch fails and is retried). */
  onHandlerError?: (error: unknown) => void;
  /** Told when a message is dead-lettered. */
  onDeadLetter?: (entry: DeadLetter) => void;
}

interface QueuedMessage {
  messageId: string;
  body: string;
  message: AssignmentMessage;
  sentAt: number;
  firstReceivedAt?: number;
  receiveCount: number;
  visibleAt: number;
}

export interface DeadLetter {
  messageId: string;
  message: AssignmentMessage;
  receiveCount: number;
  sentAt: string;
  deadLetteredAt: string;
}

/** Exponential backoff starting at one second, capped at 30 seconds. */
export const defaultBackoffMs = (receiveCount: number): number => Math.min(30_000, 1000 * 2 ** (receiveCount - 1));

export class InProcessAssignmentQueue implements AssignmentQueue {
  private readonly messages: QueuedMessage[] = [];
  private readonly dlq: DeadLetter[] = [];
  private readonly batchSize: number;
  private readonly maxReceiveCount: number;
  private readonly backoffMs: (receiveCount: number) => number;
  private pumping: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Number.POSITIVE_INFINITY;
  private stopped = false;

  constructor(private readonly options: InProcessQueueOptions) {
    this.batchSize = Math.min(10, Math.max(1, options.batchSize ?? 10));
    this.maxReceiveCount = Math.max(1, options.maxReceiveCount ?? 5);
    this.backoffMs = options.backoffMs ?? defaultBackoffMs;
  }

  async enqueue(message: AssignmentMessage): Promise<void> {
    if (this.stopped) throw new Error('The local assignment queue is stopped');
    const now = Date.now();
    const copy = { caseId: message.caseId, protocol: message.protocol };
    this.messages.push({
      messageId: randomUUID(),
      body: JSON.stringify(copy),
      message: copy,
      sentAt: now,
      receiveCount: 0,
      visibleAt: now,
    });
    this.kick();
  }

  /** Messages waiting or in backoff (not dead-lettered), oldest first. */
  list(): Array<{ messageId: string; message: AssignmentMessage; receiveCount: number; visibleAt: Date }> {
    return this.messages.map((m) => ({
      messageId: m.messageId,
      message: { ...m.message },
      receiveCount: m.receiveCount,
      visibleAt: new Date(m.visibleAt),
    }));
  }

  deadLetters(): DeadLetter[] {
    return this.dlq.map((d) => ({ ...d, message: { ...d.message } }));
  }

  /** Resolves once every visible message was delivered and the pump is idle (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.pumping) await this.pumping;
  }

  /** Stops delivering; waits for a batch in flight. Messages left are dropped with the process. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimer();
    await this.idle();
  }

  /**
   * Starts the pump on the next turn of the event loop (a zero batching window), so messages
   * enqueued together travel in one batch, as with the SQS event source's polling.
   */
  private kick(): void {
    if (this.stopped || this.pumping) return;
    this.pumping = new Promise<void>((started) => setImmediate(started))
      .then(() => this.pump())
      .finally(() => {
        this.pumping = undefined;
        this.armTimer();
      });
  }

  private async pump(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const now = Date.now();
      const batch = this.messages.filter((m) => m.visibleAt <= now).slice(0, this.batchSize);
      if (batch.length === 0) return;
      for (const m of batch) {
        m.receiveCount += 1;
        m.firstReceivedAt ??= now;
        // Invisible while the handler runs, as with a visibility timeout.
        m.visibleAt = Number.POSITIVE_INFINITY;
      }
      const failed = await this.deliver(batch);
      const after = Date.now();
      for (const m of batch) {
        if (!failed.has(m.messageId)) {
          this.remove(m);
        } else if (m.receiveCount >= this.maxReceiveCount) {
          this.remove(m);
          const entry: DeadLetter = {
            messageId: m.messageId,
            message: { ...m.message },
            receiveCount: m.receiveCount,
            sentAt: new Date(m.sentAt).toISOString(),
            deadLetteredAt: new Date(after).toISOString(),
          };
          this.dlq.push(entry);
          this.options.onDeadLetter?.(entry);
        } else {
          m.visibleAt = after + this.backoffMs(m.receiveCount);
        }
      }
    }
  }

  /** Delivers one batch; returns the ids that failed (all of them if the handler threw). */
  private async deliver(batch: QueuedMessage[]): Promise<Set<string>> {
    const event: SQSEvent = { Records: batch.map(toSqsRecord) };
    try {
      const response = await this.options.handler(event);
      const ids = new Set(batch.map((m) => m.messageId));
      const failed = new Set<string>();
      for (const item of response?.batchItemFailures ?? []) {
        // An id that is not in the batch fails the whole batch, as Lambda does.
        if (!ids.has(item.itemIdentifier)) return ids;
        failed.add(item.itemIdentifier);
      }
      return failed;
    } catch (error) {
      this.options.onHandlerError?.(error);
      return new Set(batch.map((m) => m.messageId));
    }
  }

  private remove(m: QueuedMessage): void {
    const index = this.messages.indexOf(m);
    if (index >= 0) this.messages.splice(index, 1);
  }

  /** One timer for the earliest message in backoff. */
  private armTimer(): void {
    if (this.stopped) return;
    const next = Math.min(...this.messages.map((m) => m.visibleAt));
    if (!Number.isFinite(next)) {
      this.clearTimer();
      return;
    }
    if (next <= Date.now()) {
      this.kick();
      return;
    }
    if (this.timer && this.timerAt <= next) return;
    this.clearTimer();
    this.timerAt = next;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.timerAt = Number.POSITIVE_INFINITY;
        this.kick();
      },
      Math.max(0, next - Date.now()),
    );
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Number.POSITIVE_INFINITY;
  }
}

function toSqsRecord(m: QueuedMessage): SQSRecord {
  return {
    messageId: m.messageId,
    receiptHandle: `${m.messageId}#${m.receiveCount}`,
    body: m.body,
    attributes: {
      ApproximateReceiveCount: String(m.receiveCount),
      SentTimestamp: String(m.sentAt),
      SenderId: 'local-stack',
      ApproximateFirstReceiveTimestamp: String(m.firstReceivedAt ?? m.sentAt),
    },
    messageAttributes: {},
    md5OfBody: createHash('md5').update(m.body).digest('hex'),
    eventSource: 'aws:sqs',
    eventSourceARN: QUEUE_ARN,
    awsRegion: 'us-east-1',
  };
}
