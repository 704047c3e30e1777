/**
 * Email intake throughput on the fixed corpus, in-process: the email intake handler (SES event →
 * raw mail read → parseEmail → processSubmission, logs and EMF metrics included) with the
 * in-memory ports of test/support/fakes.ts, against mailparser's simpleParser alone on the same
 * bytes. The parser is the floor: the ratio says what our path costs on top of it.
 */
import { type SimpleParserOptions, simpleParser } from 'mailparser';
import { createEmailIntakeHandler, type EmailIntakeHandlerDeps } from '../functions/email-intake/handler';
import { decideSubmission } from '../shared/app/intake';
import { emailIntakeDepsFrom } from '../shared/composition/email-intake';
import type { Submission } from '../shared/domain/submission';
import { extractTicketCandidates } from '../shared/domain/tickets';
import { PARSE_LIMITS, parseEmail } from '../shared/mail/parse-email';
import { InMemoryRawMailStore } from '../test/support/fakes';
import { type Corpus, type CorpusMessage, sesEventFor } from './corpus';
import {
  BENCH_CONFIG,
  BENCH_NOW,
  BenchUploads,
  type FakeIntake,
  fakeIntake,
  median,
  productionTelemetry,
  type StdoutSink,
} from './support';

const BUCKET = 'ouvidoria-raw-mail-bench';
const PREFIX = 'inbound/';

/** parseEmail's own mailparser options (shared/mail/parse-email.ts BASE_OPTIONS). */
export const INTAKE_PARSER_OPTIONS: SimpleParserOptions = {
  skipImageLinks: true,
  keepCidLinks: true,
  skipTextToHtml: true,
  skipTextLinks: true,
  checksumAlgo: false,
  maxHeadSize: PARSE_LIMITS.maxHeadSize,
  maxHtmlLengthToParse: PARSE_LIMITS.maxHtmlLengthToParse,
} as SimpleParserOptions;

export interface PassTiming {
  totalMs: number;
  perMessageMs: number[];
  /** Whole-path passes: the time spent in parseEmail inside the pass (the rest is our own work). */
  parseMs?: number;
}

export interface ThroughputResult {
  passes: number;
  messages: number;
  bytes: number;
  parserDefaults: PassTiming;
  parserIntakeOptions: PassTiming;
  fullPath: PassTiming;
  /** Outcome counts of one full-path pass (shows the mix is realistic). */
  outcomes: Record<string, number>;
  /** Bytes Powertools wrote to stdout per message (CloudWatch Logs ingestion). */
  logBytesPerMessage: number;
  /** The last pass's fakes (the largest message's case feeds the assignment memory run). */
  lastFakes: FakeIntake;
  /** Where the whole path's time goes, stage by stage (median pass of each). */
  stages: StageTimings;
  /**
   * Whole path ÷ parser, paired by round: each round times the parser and then the whole path back to
   * back, and this is the median of the rounds' ratios. Independent medians of the two kinds moved
   * the ratio from 1.7× to 2.9× between two runs minutes apart on the shared machine (a slow parser
   * pass in one run, a slow whole-path pass in the other): a disturbance slows both passes of a round.
   */
  overParser: { intakeOptions: number; defaults: number };
}

/**
 * The whole path's stages timed alone on the same corpus, pass for pass beside the others: our
 * parse (mailparser and what parseEmail adds), triage (ticket extraction, the in-memory directory
 * lookup and the rules), ticket extraction alone (part of triage). What the whole path spends
 * beyond parse and triage is the rest: the SES event, the delivery claim, the case and its
 * storage, the reply rendered and recorded, logs and metrics.
 */
export interface StageTimings {
  parseEmail: PassTiming;
  triage: PassTiming;
  ticketExtraction: PassTiming;
}

async function parserPass(corpus: Corpus, options?: SimpleParserOptions): Promise<PassTiming> {
  const perMessageMs: number[] = [];
  const start = performance.now();
  for (const message of corpus.messages) {
    const t = performance.now();
    await (options ? simpleParser(message.raw, options) : simpleParser(message.raw));
    perMessageMs.push(performance.now() - t);
  }
  return { totalMs: performance.now() - start, perMessageMs };
}

async function parseEmailPass(corpus: Corpus): Promise<{ timing: PassTiming; submissions: Submission[] }> {
  const perMessageMs: number[] = [];
  const submissions: Submission[] = [];
  const start = performance.now();
  for (const message of corpus.messages) {
    const t = performance.now();
    submissions.push(
      await parseEmail(message.raw, { sourceId: message.id, receivedAt: BENCH_NOW.toISOString() }, BENCH_CONFIG.limits),
    );
    perMessageMs.push(performance.now() - t);
  }
  return { timing: { totalMs: performance.now() - start, perMessageMs }, submissions };
}

async function timedPass(submissions: Submission[], work: (s: Submission) => unknown): Promise<PassTiming> {
  const perMessageMs: number[] = [];
  const start = performance.now();
  for (const submission of submissions) {
    const t = performance.now();
    await work(submission);
    perMessageMs.push(performance.now() - t);
  }
  return { totalMs: performance.now() - start, perMessageMs };
}

/** The corpus where the receipt rule's S3 action would have stored it. */
export function storeOf(corpus: Corpus): InMemoryRawMailStore {
  const store = new InMemoryRawMailStore();
  for (const m of corpus.messages) store.put({ bucket: BUCKET, key: `${PREFIX}${m.id}` }, m.raw);
  return store;
}

export function emailIntakeDeps(
  fakes: FakeIntake,
  rawMail: InMemoryRawMailStore,
  service = 'email-intake',
): EmailIntakeHandlerDeps {
  const { logger, metrics } = productionTelemetry(service);
  // A case's mailed files are copied to the uploads bucket as in production, so the whole path pays
  // what the deployed function pays.
  return {
    service: emailIntakeDepsFrom(fakes.deps, rawMail, undefined, new BenchUploads()),
    rawMail: { bucket: BUCKET, prefix: PREFIX },
    logger,
    metrics,
  };
}

async function fullPass(
  corpus: Corpus,
  rawMail: InMemoryRawMailStore,
  outcomes?: Record<string, number>,
): Promise<{ timing: PassTiming; fakes: FakeIntake }> {
  // Fresh ports each pass: otherwise every message after the first pass is a duplicate delivery.
  const fakes = fakeIntake(corpus.tickets);
  const deps = emailIntakeDeps(fakes, rawMail);
  // Parsing timed where it runs: beside our own work it is slower than alone (shared caches, heap).
  let parseMs = 0;
  const parse = deps.service.parse;
  deps.service.parse = async (raw, meta) => {
    const t = performance.now();
    try {
      return await parse(raw, meta);
    } finally {
      parseMs += performance.now() - t;
    }
  };
  const handler = createEmailIntakeHandler(() => deps);
  const events = corpus.messages.map((m: CorpusMessage) => sesEventFor(m, BENCH_NOW));
  const perMessageMs: number[] = [];
  const start = performance.now();
  for (const event of events) {
    const t = performance.now();
    const { results } = await handler(event);
    perMessageMs.push(performance.now() - t);
    if (outcomes) {
      for (const r of results) {
        const key = r.kind === 'case' ? r.outcome : r.kind;
        outcomes[key] = (outcomes[key] ?? 0) + 1;
      }
    }
  }
  return { timing: { totalMs: performance.now() - start, perMessageMs, parseMs }, fakes };
}

function medianPass(passes: PassTiming[]): PassTiming {
  const sorted = [...passes].sort((a, b) => a.totalMs - b.totalMs);
  return sorted[Math.floor((sorted.length - 1) / 2)] as PassTiming;
}

/** One warm-up pass of each, then `passes` alternating passes; the median pass of each counts. */
export async function measureThroughput(corpus: Corpus, passes: number, sink: StdoutSink): Promise<ThroughputResult> {
  const rawMail = storeOf(corpus);
  const outcomes: Record<string, number> = {};
  sink.start();
  try {
    await parserPass(corpus);
    await parserPass(corpus, INTAKE_PARSER_OPTIONS);
    sink.reset();
    let last = await fullPass(corpus, rawMail, outcomes);
    const logBytesPerMessage = sink.bytes / corpus.messages.length;
    const triageDeps = fakeIntake(corpus.tickets).deps;
    const triage = (s: Submission) => decideSubmission(s, triageDeps);
    const extraction = (s: Submission) =>
      extractTicketCandidates({ subject: s.subject, text: s.text, formTicket: s.formTicket });
    const { submissions } = await parseEmailPass(corpus);
    await timedPass(submissions, triage);
    await timedPass(submissions, extraction);
    const a: PassTiming[] = [];
    const b: PassTiming[] = [];
    const c: PassTiming[] = [];
    const stages = { parseEmail: [] as PassTiming[], triage: [] as PassTiming[], ticketExtraction: [] as PassTiming[] };
    for (let i = 0; i < passes; i++) {
      a.push(await parserPass(corpus));
      b.push(await parserPass(corpus, INTAKE_PARSER_OPTIONS));
      last = await fullPass(corpus, rawMail);
      c.push(last.timing);
      stages.parseEmail.push((await parseEmailPass(corpus)).timing);
      stages.triage.push(await timedPass(submissions, triage));
      stages.ticketExtraction.push(await timedPass(submissions, extraction));
    }
    return {
      passes,
      messages: corpus.messages.length,
      bytes: corpus.totalBytes,
      parserDefaults: medianPass(a),
      parserIntakeOptions: medianPass(b),
      fullPath: medianPass(c),
      overParser: {
        intakeOptions: median(c.map((full, i) => full.totalMs / (b[i] as PassTiming).totalMs)),
        defaults: median(c.map((full, i) => full.totalMs / (a[i] as PassTiming).totalMs)),
      },
      stages: {
        parseEmail: medianPass(stages.parseEmail),
        triage: medianPass(stages.triage),
        ticketExtraction: medianPass(stages.ticketExtraction),
      },
      outcomes,
      logBytesPerMessage,
      lastFakes: last.fakes,
    };
  } finally {
    sink.stop();
  }
}

export function rate(timing: PassTiming, messages: number, bytes: number): { msgPerS: number; mbPerS: number } {
  const s = timing.totalMs / 1000;
  return { msgPerS: messages / s, mbPerS: bytes / (1024 * 1024) / s };
}
