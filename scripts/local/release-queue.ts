/**
 * The local stand-ins of the SQS queues a function consumes (quarantine releases → email intake,
 * confirmation link mails → webform): each request becomes the SQS event the function receives
 * on AWS (same body, same parsing), delivered on the next turn of the event loop, so the request
 * that sent it returns first as it does on AWS. A failed delivery is retried a few times with a
 * pause, then reported (the DLQ).
 */
import { randomUUID } from 'node:crypto';
import type { QuarantineReleaseRequests, ReleaseRequest } from '../../shared/app/quarantine';

export interface InProcessQueue<M> {
  request(message: M): Promise<void>;
  /** Resolves when every request sent so far was handled (tests). */
  idle(): Promise<void>;
}

export type InProcessReleaseQueue = InProcessQueue<ReleaseRequest> & QuarantineReleaseRequests;

export function inProcessReleaseQueue(
  handle: (event: unknown) => Promise<unknown>,
  options: { onDeadLetter: (error: Error, message: ReleaseRequest) => void; attempts?: number; pauseMs?: number },
): InProcessReleaseQueue {
  return inProcessQueue<ReleaseRequest>(handle, options);
}

export function inProcessQueue<M>(
  handle: (event: unknown) => Promise<unknown>,
  options: { onDeadLetter: (error: Error, message: M) => void; attempts?: number; pauseMs?: number },
): InProcessQueue<M> {
  const inFlight = new Set<Promise<void>>();
  const attempts = options.attempts ?? 3;
  const deliver = async (message: M): Promise<void> => {
    const event = { Records: [{ eventSource: 'aws:sqs', messageId: randomUUID(), body: JSON.stringify(message) }] };
    for (let attempt = 1; ; attempt++) {
      try {
        await handle(event);
        return;
      } catch (error) {
        if (attempt >= attempts) return options.onDeadLetter(error as Error, message);
        await new Promise((r) => setTimeout(r, options.pauseMs ?? 500));
      }
    }
  };
  return {
    async request(message) {
      const run: Promise<void> = new Promise<void>((r) => setImmediate(r))
        .then(() => deliver(message))
        .finally(() => inFlight.delete(run));
      inFlight.add(run);
    },
    async idle() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
