/**
 * Golden regression of the whole e-mail intake path (issue 16's CPU work must change no behaviour):
 * every bench corpus message, every events/emails fixture and the hostile corpus, through the email intake handler on
 * the in-memory ports, against what the code decided, replied and stored before the optimisation.
 * Regenerate only for an intended behaviour change: GOLDEN_UPDATE=1 npx vitest run <this file>.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { describe, expect, it } from 'vitest';
import { type CorpusMessage, generateCorpus, sesEventFor } from '../../../bench/corpus';
import { BENCH_NOW, fakeIntake } from '../../../bench/support';
import { createEmailIntakeHandler } from '../../../functions/email-intake/handler';
import { emailIntakeDepsFrom } from '../../../shared/composition/email-intake';
import type { CaseRecord } from '../../../shared/domain/case';
import type { TicketRecord } from '../../../shared/ports';
import { EMAILS_DIR, SEEDED_TICKETS, sesEvent } from '../../support/email-intake-harness';
import { InMemoryRawMailStore } from '../../support/fakes';
import { hostileCorpus } from '../../support/hostile-corpus';

const GOLDEN = join(import.meta.dirname, '..', '..', 'fixtures', 'intake.golden.json');
const BUCKET = 'golden';

interface Mail {
  id: string;
  raw: Buffer;
  event: unknown;
}

const sha = (value: unknown) =>
  createHash('sha256')
    .update(typeof value === 'string' ? value : JSON.stringify(value))
    .digest('hex')
    .slice(0, 16);

/** Our Message-IDs (randomMessageId): random per run. */
const OURS = /^<?[a-z0-9]{22}\.[a-z0-9]+@ouvidoria\.example\.com\.br>?$/;

/** A stored record without what is random per run. */
function stable(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_key, v) => (typeof v === 'string' && OURS.test(v) ? '<ours>' : v)));
}

/** One run of the mails, in order, through one set of ports (threading between them included). */
async function run(mails: Mail[], tickets: TicketRecord[]): Promise<Record<string, unknown>> {
  const fakes = fakeIntake(tickets);
  const rawMail = new InMemoryRawMailStore();
  for (const m of mails) rawMail.put({ bucket: BUCKET, key: `inbound/${m.id}` }, m.raw);
  const logger = new Logger({ serviceName: 'golden', logLevel: 'SILENT' });
  const metrics = new Metrics({
    namespace: 'Ouvidoria',
    serviceName: 'golden',
    logger: { ...console, warn: () => {} },
  });
  const handler = createEmailIntakeHandler(() => ({
    service: emailIntakeDepsFrom(fakes.deps, rawMail),
    rawMail: { bucket: BUCKET, prefix: 'inbound/' },
    logger,
    metrics,
  }));
  const out: Record<string, unknown> = {};
  for (const m of mails) {
    const before = fakes.mailer.sent.length;
    const { results } = await handler(m.event);
    const sent = fakes.mailer.sent.slice(before);
    out[m.id] = results.map((r) => {
      if (r.kind !== 'case') return r;
      const record = fakes.cases.records.get(r.caseId) as CaseRecord;
      return {
        outcome: r.outcome,
        decision: r.decision,
        candidates: record.ticketCandidates,
        reply: r.reply?.status === 'sent' ? 'sent' : r.reply,
        mails: sent.map((s) => ({
          to: s.to,
          subject: s.subject,
          text: s.text,
          html: sha(s.html),
          headers: stable(s.headers),
        })),
        record: sha(stable(record)),
      };
    });
  }
  return out;
}

function corpusMails(): Mail[] {
  return generateCorpus().messages.map((m: CorpusMessage) => ({
    id: m.id,
    raw: m.raw,
    event: sesEventFor(m, BENCH_NOW),
  }));
}

function fixtureMails(): Mail[] {
  return readdirSync(EMAILS_DIR)
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((file) => {
      const raw = readFileSync(join(EMAILS_DIR, file));
      const id = file.replace(/\.eml$/, '');
      return { id, raw, event: sesEvent(id, raw) };
    });
}

function hostileMails(): Mail[] {
  return hostileCorpus().map((m, i) => {
    const id = `hostile-${String(i).padStart(2, '0')}`;
    return { id, raw: m.raw, event: sesEvent(id, m.raw, m.verdicts) };
  });
}

async function current() {
  const corpus = generateCorpus();
  return {
    corpus: await run(corpusMails(), corpus.tickets),
    fixtures: await run(fixtureMails(), SEEDED_TICKETS),
    // Fresh ports per hostile mail: most share one Message-ID (else all but the first are duplicates).
    hostile: Object.assign({}, ...(await Promise.all(hostileMails().map((m) => run([m], SEEDED_TICKETS))))),
  };
}

describe('the e-mail intake path (golden)', () => {
  it('decides, replies and stores exactly as recorded, for the bench corpus, the .eml fixtures and the hostile corpus', async () => {
    const now = await current();
    if (process.env.GOLDEN_UPDATE === '1') writeFileSync(GOLDEN, `${JSON.stringify(now)}\n`);
    const golden = JSON.parse(readFileSync(GOLDEN, 'utf8'));
    expect(Object.keys(now.corpus)).toHaveLength(160);
    expect(Object.keys(now.fixtures).length).toBeGreaterThanOrEqual(26);
    for (const part of ['corpus', 'fixtures', 'hostile'] as const) {
      for (const [id, results] of Object.entries(now[part])) expect(results, `${part} ${id}`).toEqual(golden[part][id]);
    }
  }, 120_000);
});
