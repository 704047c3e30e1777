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
import { InMemoryRawMailStore, type InMemorySenderOpenCases } from '../../support/fakes';
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

/**
 * One run of the mails, in order, through one set of ports (threading between them included), but
 * for the ticket each accepted mail's case holds for her next mail naming it: forgotten after each
 * mail, so that every entry records that mail's own decision (the corpus reuses its merchants and
 * their tickets; her second mail joining her open case is intake.test's, in rows of its own).
 */
async function run(mails: Mail[], tickets: TicketRecord[], joins = false): Promise<Record<string, unknown>> {
  const fakes = fakeIntake(tickets);
  const openCases = fakes.deps.openCases as InMemorySenderOpenCases;
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
    if (!joins) openCases.ticketHolders.clear();
    const before = fakes.mailer.sent.length;
    const { results } = await handler(m.event);
    const sent = fakes.mailer.sent.slice(before);
    out[m.id] = results.map((r) => {
      if (r.kind === 'follow-up' && joins) {
        const parent = fakes.cases.records.get(r.caseId) as CaseRecord;
        return { ...r, mails: sent.length, joined: { sender: parent.senderEmail, ticket: parent.decision.ticket } };
      }
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

type Entry = {
  kind?: string;
  outcome?: string;
  decision?: { ticket: { number?: string } };
  joined?: { sender: string; ticket: { number?: string } };
  mails?: number;
};

/** The From address of a raw mail, as the corpus and the fixtures write it. */
const fromOf = (raw: Buffer) => /^From:[^\n]*?<([^>\s]+)>/im.exec(raw.toString('latin1'))?.[1]?.toLowerCase();

describe('the e-mail intake path (golden)', () => {
  it('through one store, a mail joins an earlier case only when it is her accepted mail naming the same ticket, and decides the same otherwise', async () => {
    const golden = JSON.parse(readFileSync(GOLDEN, 'utf8'));
    const corpus = generateCorpus();
    const joinedCount: Record<string, number> = {};
    for (const [part, mails, tickets] of [
      ['corpus', corpusMails(), corpus.tickets],
      ['fixtures', fixtureMails(), SEEDED_TICKETS],
    ] as const) {
      const shared = await run(mails, tickets, true);
      joinedCount[part] = 0;
      for (const m of mails) {
        const [own] = golden[part][m.id] as Entry[];
        const [now] = shared[m.id] as Entry[];
        if (own?.kind === 'follow-up') {
          // A reply threaded by its headers, as recorded.
          expect(now, `${part} ${m.id}`).toMatchObject({
            kind: 'follow-up',
            caseId: (own as { caseId: string }).caseId,
          });
        } else if (now?.kind === 'follow-up' && now.joined) {
          joinedCount[part] += 1;
          // Her own decision would have accepted it, on the ticket of the case it joined, from its address.
          expect(own?.outcome, `${part} ${m.id}`).toBe('ACCEPTED');
          expect(now.joined, `${part} ${m.id}`).toEqual({ sender: fromOf(m.raw), ticket: own?.decision?.ticket });
          expect(now.mails, `${part} ${m.id}: no second acknowledgement`).toBe(0);
        } else {
          expect({ kind: now?.kind, outcome: now?.outcome, decision: now?.decision }, `${part} ${m.id}`).toEqual({
            kind: own?.kind,
            outcome: own?.outcome,
            decision: own?.decision,
          });
        }
      }
    }
    expect(joinedCount).toEqual({ corpus: 28, fixtures: 7 });
  }, 120_000);

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
