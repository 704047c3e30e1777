/**
 * In-process duration of the assignment handler with the in-memory ports (with the lifecycle, as
 * deployed), on the cases the throughput run left QUEUED: the CPU part of its Lambda duration in
 * the cost model.
 */
import type { SQSEvent } from 'aws-lambda';
import { createAssignmentHandler } from '../functions/assignment/handler';
import { withRelayedAttachments } from '../shared/adapters/attachment-relay';
import { readMailFilesOnDemand } from '../shared/composition/assignment';
import type { RawMailStore } from '../shared/ports';
import { InMemoryStaffRepository, RecordingScheduler } from '../test/support/fakes';
import { RecordingTimerScheduler } from '../test/support/lifecycle-fakes';
import { BENCH_CONFIG, type FakeIntake, productionTelemetry, type StdoutSink } from './support';

function eventFor(body: string, i: number): SQSEvent {
  return {
    Records: [
      {
        messageId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        receiptHandle: `bench-${i}`,
        body,
        attributes: {
          ApproximateReceiveCount: '1',
          SentTimestamp: '1773151200000',
          SenderId: 'bench',
          ApproximateFirstReceiveTimestamp: '1773151200050',
        },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:ouvidoria-assignment',
        awsRegion: 'us-east-1',
      },
    ],
  };
}

export async function measureAssignment(
  fakes: FakeIntake,
  sink: StdoutSink,
  rawMail: RawMailStore,
): Promise<{ durationsMs: number[]; assigned: number }> {
  const staff = new InMemoryStaffRepository([
    { id: 'ana', name: 'Ana Beatriz Lima', email: 'ana.lima@ouvidoria.example.com.br', active: true, openCases: 0 },
    {
      id: 'bruno',
      name: 'Bruno Carvalho',
      email: 'bruno.carvalho@ouvidoria.example.com.br',
      active: true,
      openCases: 0,
    },
    { id: 'celia', name: 'Célia Duarte', email: 'celia.duarte@ouvidoria.example.com.br', active: true, openCases: 0 },
  ]);
  const handler = createAssignmentHandler({
    cases: fakes.cases,
    staff,
    // As deployed: the opening mail's files read from the raw mail and relayed with the notice.
    mailer: withRelayedAttachments(fakes.mailer, rawMail, readMailFilesOnDemand),
    scheduler: new RecordingScheduler(),
    clock: fakes.clock,
    config: BENCH_CONFIG,
    // As deployed: the per-case reply address and the reminder and escalation timers.
    lifecycle: { secret: 'bench-staff-reply-secret-0123456789', timers: new RecordingTimerScheduler() },
    ...productionTelemetry('assignment'),
  });
  const durationsMs: number[] = [];
  let assigned = 0;
  sink.start();
  try {
    for (const [i, message] of fakes.queue.messages.entries()) {
      const t = performance.now();
      const out = await handler(eventFor(JSON.stringify(message), i));
      durationsMs.push(performance.now() - t);
      if (out.batchItemFailures.length === 0) assigned++;
    }
  } finally {
    sink.stop();
  }
  return { durationsMs, assigned };
}
