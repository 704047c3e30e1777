/**
 * Every hostile or broken email of the corpus goes through the real email intake handler (SES
 * receipt event → raw mail from the store → parseEmail → processSubmission) and ends in a stored
 * submission or a QUARANTINED record with its reason: never an unhandled error. The raw mail is
 * always kept, quarantined mail gets no reply, and no outgoing email (reply or analyst notice)
 * carries the merchant's active HTML.
 */
import { describe, expect, it, vi } from 'vitest';
import { CASE_STATUSES } from '../../shared/domain/case';
import { OUTCOMES } from '../../shared/domain/outcome';
import { CORPUS_SENDER, type HostileMail, hostileCorpus } from '../support/hostile-corpus';
import { activeContent, BUCKET, inMemoryPipeline, PREFIX } from '../support/reliability-harness';

// Built once, at collection: the table of tests below is made from it.
const corpus: HostileMail[] = hostileCorpus();

describe('the hostile corpus', () => {
  it('has at least 40 distinct entries, some of each expectation', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(40);
    expect(new Set(corpus.map((c) => c.name)).size).toBe(corpus.length);
    for (const kind of ['stored', 'quarantined', 'either'] as const) {
      expect(corpus.some((c) => c.expect === kind)).toBe(true);
    }
  });

  it('holds a 30 MB message, a 10,000-recipient message and a 2 MB subject', () => {
    const sizeOf = (fragment: string) => corpus.find((c) => c.name.includes(fragment))?.raw.length ?? 0;
    expect(sizeOf('30 MB')).toBeGreaterThan(30 * 1000 * 1000);
    expect(sizeOf('10,000 recipients')).toBeGreaterThan(10_000 * 30);
    expect(sizeOf('2 MB subject')).toBeGreaterThan(2 * 1000 * 1000);
  });
});

describe('each hostile email through the real email intake handler', () => {
  const names = corpus.map((c) => c.name);

  it.each(names)('%s', async (name) => {
    const entry = corpus.find((c) => c.name === name) as HostileMail;
    const p = inMemoryPipeline();
    const sesMessageId = `hostile-${names.indexOf(name)}`;
    const event = p.receive(sesMessageId, entry.raw, {
      mailFrom: entry.mailFrom ?? CORPUS_SENDER,
      ...(entry.verdicts ? { verdicts: entry.verdicts } : {}),
    });
    const read = vi.spyOn(p.store, 'read');

    // Never an unhandled error: the handler resolves with one result per record.
    const { results } = await p.emailHandler(event);
    expect(results).toHaveLength(1);
    const result = results[0];
    if (result?.kind !== 'case') throw new Error(`expected a case, got ${JSON.stringify(result)}`);

    const record = await p.cases.get(result.caseId);
    expect(record).not.toBeNull();
    if (!record) return;
    expect(OUTCOMES).toContain(record.outcome);
    expect(CASE_STATUSES).toContain(record.status);
    expect(record.decision.reason.trim()).not.toBe('');
    // The raw mail is kept, untouched, and the record points at it.
    expect(p.rawOf(sesMessageId)?.equals(entry.raw)).toBe(true);
    expect(record.messages[0]?.raw).toEqual({ bucket: BUCKET, key: `${PREFIX}${sesMessageId}` });

    const quarantined = record.outcome === 'QUARANTINED';
    if (entry.expect === 'quarantined') expect(quarantined, record.decision.reason).toBe(true);
    if (entry.expect === 'stored') expect(quarantined, record.decision.reason).toBe(false);
    if (quarantined) {
      expect(record.status).toBe('QUARANTINED');
      expect(record.decision.ruleIds.at(-1)).toMatch(/^quarantine\./);
      if (entry.reason) expect(record.decision.reason).toMatch(entry.reason);
      expect(p.queue.messages).toHaveLength(0);
      if (/oversized/.test(entry.reason?.source ?? '') && record.verdicts?.dkim === 'PASS') {
        // Too big to read, from an authenticated person: told in pt-BR how to send it (issue 12).
        expect(record.reply?.status).toBe('sent');
        expect(p.mailer.sent).toHaveLength(1);
        expect(p.mailer.sent[0]?.subject).not.toMatch(/OUV-/);
        expect(p.mailer.sent[0]?.text).toContain('grande demais');
      } else {
        // No backscatter: no reply.
        expect(record.reply?.status).toBe('suppressed');
        expect(p.mailer.sent).toHaveLength(0);
      }
    }
    if (/oversized/.test(entry.reason?.source ?? '')) {
      // Quarantined on its size alone: the body was never read into memory.
      expect(read).not.toHaveBeenCalled();
    }

    // Accepted cases go on to assignment: the analyst notice carries the merchant's text.
    await p.drainAssignments();
    if (record.outcome === 'ACCEPTED') {
      expect((await p.cases.get(record.caseId))?.status).toBe('ASSIGNED');
    }
    expect(p.mailer.sent.length).toBeLessThanOrEqual(2);
    for (const mail of p.mailer.sent) {
      expect(activeContent(mail.html), `${mail.subject}`).toEqual([]);
      for (const value of [
        mail.subject,
        ...mail.to,
        mail.from,
        ...(mail.replyTo ?? []),
        ...Object.values(mail.headers),
      ]) {
        expect(value).not.toMatch(/[\r\n\0]/);
      }
    }
  });
});

describe('hostile mail with active HTML that is accepted', () => {
  it('reaches the analyst with the scripts escaped, and is acknowledged without them', async () => {
    const entry = corpus.find((c) => c.name.startsWith('HTML-only body with scripts')) as HostileMail;
    const p = inMemoryPipeline();
    await p.emailHandler(p.receive('html-xss', entry.raw, { mailFrom: CORPUS_SENDER }));
    await p.drainAssignments();
    const record = await p.cases.get('email:html-xss');
    expect(record?.outcome).toBe('ACCEPTED');
    expect(record?.status).toBe('ASSIGNED');
    // Acknowledgement to the merchant and notice to the analyst.
    expect(p.mailer.sent.map((m) => m.to[0])).toEqual([CORPUS_SENDER, 'ana.souza@ouvidoria.example.com.br']);
    const notice = p.mailer.sent[1];
    expect(notice?.text).toContain('48213');
    expect(activeContent(notice?.html ?? '')).toEqual([]);
    expect(notice?.html).not.toMatch(/<script/i);
  });
});
