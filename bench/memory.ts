/**
 * Peak memory of each handler on its largest input, each in its own `node --expose-gc` process
 * running a bundle built with the Lambda esbuild options (so no TypeScript loader inflates the
 * numbers). The child (bench/memory-child.ts) reports the kernel's peak RSS and sampled heap peaks.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseRecord } from '../shared/domain/case';
import { caseIdFor } from '../shared/domain/case';
import { bundle } from './bundles';
import { type Corpus, type CorpusMessage, sesEventFor } from './corpus';
import type { TicketRecord } from '../shared/ports';
import { BENCH_NOW, type FakeIntake, webformTicketOf } from './support';
import { postEvent } from './webform-latency';

export interface MemoryResult {
  handler: string;
  input: string;
  baselineRss?: number;
  maxRss?: number;
  peakHeapUsed?: number;
  peakExternal?: number;
  durationsMs?: number[];
  error?: string;
}

const MARKER = 'BENCH_RESULT ';

/**
 * The largest valid webform post: name, store and description at their limits, accented text,
 * urlencoded as a browser sends it (percent-encoding makes it the biggest body).
 */
function largestWebformEvent(): unknown {
  const accented = 'Não consigo emitir a nota fiscal eletrônica desde a atualização; a integração está parada. ';
  const ticket = webformTicketOf(400_000);
  const fields = {
    nome: 'Maria da Conceição Albuquerque de Araújo Magalhães Guimarães Figueiredo Montenegro Brandão Coutinho'
      .padEnd(120, 'ã')
      .slice(0, 120),
    email: ticket.requesterEmail,
    loja: `Loja ${'Ateliê & Empório São João – '.repeat(10)}`.slice(0, 200),
    chamado: `#${ticket.id}`,
    assunto: 'atendimento',
    descricao: accented.repeat(Math.ceil(5000 / accented.length)).slice(0, 5000),
    consentimento: 'on',
    website: '',
  };
  return postEvent(
    new URLSearchParams(fields).toString(),
    'application/x-www-form-urlencoded',
    '203.0.113.45',
    'largest',
  );
}

function sesFeedbackEvent(): unknown {
  const recipients = Array.from({ length: 50 }, (_, i) => ({ emailAddress: `lojista${i}@loja${i}.example.com.br` }));
  const message = {
    eventType: 'Bounce',
    bounce: {
      bounceType: 'Permanent',
      bounceSubType: 'General',
      bouncedRecipients: recipients,
      timestamp: BENCH_NOW.toISOString(),
    },
    mail: {
      timestamp: BENCH_NOW.toISOString(),
      source: 'ouvidoria@ouvidoria.example.com.br',
      messageId: 'bench-feedback',
    },
  };
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: 'arn:aws:sns:us-east-1:123456789012:ouvidoria-ses-feedback:bench',
        Sns: {
          Type: 'Notification',
          MessageId: '00000000-0000-4000-8000-000000000001',
          TopicArn: 'arn:aws:sns:us-east-1:123456789012:ouvidoria-ses-feedback',
          Subject: null,
          Message: JSON.stringify(message),
          Timestamp: BENCH_NOW.toISOString(),
          SignatureVersion: '1',
          Signature: 'EXAMPLE',
          SigningCertUrl: 'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-bench.pem',
          UnsubscribeUrl:
            'https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:us-east-1:123456789012:ouvidoria-ses-feedback:bench',
          MessageAttributes: {},
        },
      },
    ],
  };
}

/**
 * Runs a bench child process (`node <args>`) with a bare environment and returns the JSON of its
 * `BENCH_RESULT` line, or what went wrong (its first lines of stderr, or its exit status).
 */
export function runBenchChild<T>(args: string[]): T | string {
  const out = spawnSync(process.execPath, args, {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, AWS_REGION: 'us-east-1', POWERTOOLS_LOG_LEVEL: 'INFO' },
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = out.stdout.split('\n').find((l) => l.startsWith(MARKER));
  if (out.status !== 0 || !line)
    return (out.stderr || `exit ${out.status}`).split('\n').slice(0, 2).join(' ').slice(0, 200);
  return JSON.parse(line.slice(MARKER.length)) as T;
}

/** The memory child's email-intake input: the mail's raw bytes and its SES event, in `dir`. */
export function writeEmailIntakeInput(
  dir: string,
  mail: CorpusMessage,
  tickets: readonly TicketRecord[],
  mailFile: string,
): void {
  const bucket = 'ouvidoria-raw-mail-bench';
  const prefix = 'inbound/';
  writeFileSync(join(dir, mailFile), mail.raw);
  writeFileSync(
    join(dir, 'email-intake.json'),
    JSON.stringify({
      event: sesEventFor(mail, BENCH_NOW),
      key: `${prefix}${mail.id}`,
      bucket,
      prefix,
      tickets,
      mailFile,
    }),
  );
}

/** The largest corpus message whose own case the throughput run accepted (what an assignment relays). */
function largestOpener(corpus: Corpus, fakes: FakeIntake): CorpusMessage | undefined {
  let best: CorpusMessage | undefined;
  for (const m of corpus.messages) {
    if (fakes.cases.records.get(caseIdFor('email', m.id))?.outcome !== 'ACCEPTED') continue;
    if (!best || m.raw.length > best.raw.length) best = m;
  }
  return best;
}

export async function measureMemory(workDir: string, corpus: Corpus, fakes: FakeIntake): Promise<MemoryResult[]> {
  const dir = join(workDir, 'memory');
  mkdirSync(dir, { recursive: true });

  const largest = corpus.messages.reduce((a, b) => (b.raw.length > a.raw.length ? b : a));
  writeEmailIntakeInput(dir, largest, corpus.tickets, 'largest.eml');
  const webformEvent = largestWebformEvent();
  writeFileSync(join(dir, 'webform.json'), JSON.stringify({ event: webformEvent, tickets: corpus.tickets }));
  // The assignment relays the opening mail's files: its input is the case the largest message that
  // opened an accepted case opened (the corpus's largest may join an earlier case of its sender's,
  // and then no case is its own: nc52 found the row unmeasured for that reason).
  const opener = largestOpener(corpus, fakes);
  const record: CaseRecord | undefined = opener && fakes.cases.records.get(caseIdFor('email', opener.id));
  if (opener && record) {
    writeFileSync(join(dir, 'opening.eml'), opener.raw);
    // Back to QUEUED as the intake left it, so that the child assigns it.
    const { assignee: _a, assignedAt: _b, dueAt: _c, analystNotifiedAt: _d, ...rest } = record;
    const queued: CaseRecord = { ...rest, status: 'QUEUED' };
    const body = JSON.stringify({ caseId: record.caseId, protocol: record.protocol });
    writeFileSync(
      join(dir, 'assignment.json'),
      JSON.stringify({
        record: queued,
        event: {
          Records: [
            {
              messageId: '00000000-0000-4000-8000-000000000002',
              receiptHandle: 'bench',
              body,
              attributes: {
                ApproximateReceiveCount: '1',
                SentTimestamp: String(BENCH_NOW.getTime()),
                SenderId: 'bench',
                ApproximateFirstReceiveTimestamp: String(BENCH_NOW.getTime()),
              },
              messageAttributes: {},
              md5OfBody: '',
              eventSource: 'aws:sqs',
              eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:ouvidoria-assignment',
              awsRegion: 'us-east-1',
            },
          ],
        },
      }),
    );
  }
  writeFileSync(join(dir, 'ses-feedback.json'), JSON.stringify({ event: sesFeedbackEvent() }));

  const inputs: Record<string, string> = {
    'email-intake': `largest corpus message, ${largest.raw.length} bytes (${largest.attachments} attachments)`,
    webform: `largest valid post, ${(webformEvent as { body: string }).body.length} body bytes`,
    assignment:
      opener && record
        ? `case opened by the largest message that opened an accepted case, ${opener.raw.length} bytes (${opener.attachments} attachments; ${record.protocol ?? 'no protocol'})`
        : 'n/a',
    'ses-feedback': 'SNS bounce notification, 50 recipients',
  };

  const results: MemoryResult[] = [];
  for (const handler of ['email-intake', 'webform', 'assignment', 'ses-feedback']) {
    const input = inputs[handler] ?? '';
    if (handler === 'assignment' && !record) {
      results.push({ handler, input, error: 'no message opened an accepted case in the throughput run' });
      continue;
    }
    const childFile = join(dir, handler, 'index.mjs');
    try {
      await bundle('bench/memory-child.ts', childFile, { BENCH_HANDLER: JSON.stringify(handler) });
    } catch (error) {
      results.push({ handler, input, error: `bundle failed: ${(error as Error).message.split('\n')[0]}` });
      continue;
    }
    const parsed = runBenchChild<Omit<MemoryResult, 'input'>>(['--expose-gc', childFile, dir]);
    if (typeof parsed === 'string') {
      results.push({ handler, input, error: parsed });
      continue;
    }
    results.push({ ...parsed, handler, input });
  }
  return results;
}
