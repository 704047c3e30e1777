/**
 * The case lifecycle end to end on the local stack (SPEC steps 8–9): a merchant writes, the case
 * is assigned, the analyst works it from their mailbox through the per-case address, the merchant
 * answers, the analyst waits, closes, the merchant rates it (by mail) and reopens it; forged staff mail
 * changes nothing; the virtual clock drives the reminder and the supervisor's alert. Real SMTP
 * client, every mail read back from the SES outbox.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '../../shared/adapters/dynamo/client';
import { DynamoSurveyStore } from '../../shared/adapters/dynamo/survey-store';
import type { CaseRecord } from '../../shared/domain/case';
import { verifySurveyLink } from '../../shared/domain/lifecycle/survey';
import type { WorkCase } from '../../shared/domain/lifecycle/types';
import {
  caseOf,
  type Email,
  getCaseRecord,
  listCases,
  mailsTo,
  outbox,
  sendMail,
  startTestStack,
  waitFor,
} from './helpers';

/** Wednesday 25/11/2026, office open. */
const START = '2026-11-25T10:00:00-03:00';
const MERCHANT = 'lojista@modasbella.com.br';
const SUPERVISOR = 'sofia.ramos@ouvidoria.example.com.br';

let stack: Awaited<ReturnType<typeof startTestStack>>;

beforeAll(async () => {
  stack = await startTestStack('lifecycle', START);
});

afterAll(async () => {
  await stack?.cleanup();
});

const work = (caseId: string) => getCaseRecord(stack, caseId) as Promise<CaseRecord & WorkCase>;
const analystEmail = (id: string | undefined) => stack.seed.analysts.find((a) => a.id === id)?.email ?? '(none)';

async function newMail(to: string, count: number, what: string): Promise<Email> {
  const list = await waitFor(
    what,
    () => outbox(stack),
    (all) => mailsTo(all, to).length >= count,
  );
  return mailsTo(list, to)[count - 1] as Email;
}

describe('a case worked by email, from the first mail to the survey and a reopening', () => {
  let caseId = '';
  let protocol = '';
  let analyst = '';
  let replyTo = '';
  const sentTo = (address: string) => outbox(stack).then((all) => mailsTo(all, address).length);

  it('the merchant writes; the case is accepted, assigned, and the notice carries the per-case address', async () => {
    const first = await sendMail(stack, {
      from: MERCHANT,
      name: 'Marina Costa',
      subject: 'Pedidos não sincronizam - chamado #48213',
      text: 'Olá, abri o chamado #48213 no suporte há duas semanas e os pedidos continuam sem sincronizar.',
    });
    const summary = await caseOf(stack, first.sesMessageId);
    caseId = summary.caseId;
    const assigned = await waitFor(
      'assignment',
      () => work(caseId),
      (c) => c.status === 'ASSIGNED',
    );
    protocol = assigned.protocol as string;
    analyst = assigned.assignee as string;
    expect(analyst).not.toBe('sofia');
    const ack = await newMail(MERCHANT, 1, 'the acknowledgement');
    expect(ack.body.text).toMatch(/Prazo de resposta: até \d{2}\/\d{2}\/2026/);
    const notice = await newMail(analystEmail(analyst), 1, 'the analyst notice');
    replyTo = notice.replyTo[0] as string;
    expect(replyTo).toMatch(new RegExp(`^caso\\+${protocol}\\.[a-z2-7]+@ouvidoria\\.example\\.com\\.br$`, 'i'));
    expect(notice.body.text).toContain('#encerrar');
  });

  it('the analyst answers from their mailbox: the merchant gets the fresh text from the ombudsman address', async () => {
    await sendMail(stack, {
      from: analystEmail(analyst),
      to: replyTo,
      subject: `RE: [${protocol}] Novo caso atribuído a você`,
      text: [
        'Olá, Marina. Já acionamos a equipe de integrações e voltamos a falar com você até sexta-feira.',
        '',
        '-- ',
        'Ana Souza | Ouvidoria',
        '',
        'Em 25/11/2026 10:00, Ouvidoria escreveu:',
        '> [OUV] Novo caso atribuído a você',
      ].join('\n'),
      attachmentBytes: 64,
    });
    const relayed = await newMail(MERCHANT, 2, 'the relayed answer');
    expect(relayed.from).toContain(stack.config.fromAddress);
    // The analyst's file goes along as an attachment SES adds to the message.
    expect(relayed.attachments).toEqual([
      expect.objectContaining({ filename: 'planilha-pedidos.csv', contentType: 'text/csv', size: 64 }),
    ]);
    expect(relayed.subject).toContain(protocol);
    expect(relayed.body.text).toContain('Já acionamos a equipe de integrações');
    // Never the analyst's own address, signature or the quoted history.
    const everything = JSON.stringify(relayed);
    expect(everything).not.toContain(analystEmail(analyst));
    expect(relayed.body.text).not.toContain('Ouvidoria escreveu');
    expect((await work(caseId)).status).toBe('IN_PROGRESS');
  });

  it('the merchant’s answer threads back and reaches the analyst; #aguardar waits; a new answer resumes', async () => {
    const noticesBefore = await sentTo(analystEmail(analyst));
    const relayed = await newMail(MERCHANT, 2, 'the relayed answer');
    await sendMail(stack, {
      from: MERCHANT,
      subject: `Re: ${relayed.subject}`,
      text: 'Obrigada! Segue o número de um pedido afetado: 123456.',
      inReplyTo: `<${relayed.messageId}>`,
    });
    const forwarded = await newMail(analystEmail(analyst), noticesBefore + 1, 'the forwarded answer');
    expect(forwarded.body.text).toContain('pedido afetado');
    expect(forwarded.replyTo[0]).toBe(replyTo);

    await sendMail(stack, {
      from: analystEmail(analyst),
      to: replyTo,
      subject: `RE: [${protocol}]`,
      text: '#aguardar\nMarina, pode nos enviar o print da tela de pedidos?',
    });
    await waitFor(
      'waiting',
      () => work(caseId),
      (c) => c.status === 'WAITING_MERCHANT',
    );
    await newMail(MERCHANT, 3, 'the question to the merchant');

    await sendMail(stack, {
      from: MERCHANT,
      subject: `Re: [${protocol}] Resposta da Ouvidoria`,
      text: `Segue o print. Protocolo ${protocol}.`,
    });
    await waitFor(
      'in progress again',
      () => work(caseId),
      (c) => c.status === 'IN_PROGRESS',
    );
  });

  it('copied on a case mail, the merchant answers the case’s staff address: her words reach the analyst, her “#encerrar” closes nothing', async () => {
    const noticesBefore = await sentTo(analystEmail(analyst));
    const recordsBefore = (await listCases(stack)).length;
    await sendMail(stack, {
      from: MERCHANT,
      to: replyTo,
      subject: `RE: [${protocol}] Nova mensagem do lojista`,
      text: '#encerrar procedente\nAna, o print que você pediu foi no e-mail anterior. Consegue ver?',
    });
    const forwarded = await newMail(analystEmail(analyst), noticesBefore + 1, 'her mail to the case address');
    expect(forwarded.body.text).toContain('o print que você pediu');
    const after = await work(caseId);
    expect(after.status).toBe('IN_PROGRESS');
    expect(after.messages.some((m) => m.text.includes('o print que você pediu'))).toBe(true);
    // Her mail joined the case: no record of its own (none set aside for review).
    expect(await listCases(stack)).toHaveLength(recordsBefore);

    // Her store's domain with SPF alone (no DKIM, no DMARC published): her thread's proof, not staff's.
    await sendMail(stack, {
      from: MERCHANT,
      to: replyTo,
      subject: `RE: [${protocol}] Nova mensagem do lojista`,
      text: 'Ana, mandei também a planilha dos pedidos afetados.',
      headers: { 'X-Local-Verdicts': 'spf=pass dkim=gray dmarc=gray' },
    });
    const second = await newMail(analystEmail(analyst), noticesBefore + 2, 'her SPF-only mail to the case address');
    expect(second.body.text).toContain('planilha dos pedidos afetados');
    expect(await listCases(stack)).toHaveLength(recordsBefore);
  });

  it('#encerrar procedente closes the case and mails the resolution with five signed survey links', async () => {
    await sendMail(stack, {
      from: analystEmail(analyst),
      to: replyTo,
      subject: `RE: [${protocol}]`,
      text: '#Encerrar Procedente Integração corrigida\nMarina, a integração foi corrigida e os pedidos voltaram a sincronizar.',
    });
    const closed = await waitFor(
      'closed',
      () => work(caseId),
      (c) => c.status === 'CLOSED',
    );
    expect(closed.closure?.category).toBe('procedente');
    const closing = await newMail(MERCHANT, 4, 'the closing mail');
    expect(closing.body.text).toContain('os pedidos voltaram a sincronizar');
    const links = [...(closing.body.text ?? '').matchAll(/https?:\/\/[^\s<>()]+\/pesquisa\?[A-Za-z0-9=&%_.-]+/g)].map(
      (m) => m[0],
    );
    expect(links).toHaveLength(5);
    const scores = links.map((link) => {
      const verified = verifySurveyLink(new URL(link).search, stack.clock.now(), stack.replySecret);
      return verified.ok ? verified.score : 0;
    });
    expect(scores.sort()).toEqual([1, 2, 3, 4, 5]);
    // A tampered link (score 1 changed to 5) does not verify.
    const one = links.find((link) => new URL(link).searchParams.get('n') === '1') as string;
    const tampered = new URL(one);
    tampered.searchParams.set('n', '5');
    expect(verifySurveyLink(tampered.search, stack.clock.now(), stack.replySecret)).toEqual({
      ok: false,
      error: 'bad-signature',
    });
  });

  it('she answers the closing mail with a score: recorded as the survey’s answer, the case stays closed', async () => {
    const before = await sentTo(MERCHANT);
    const toAnalyst = await sentTo(analystEmail(analyst));
    await sendMail(stack, {
      from: MERCHANT,
      subject: `Re: [${protocol}] Caso encerrado`,
      text: `Nota 5! Obrigada pela atenção.\n\nEm qua., 25 de nov. de 2026 às 15:00, Ouvidoria escreveu:\n> Como foi o atendimento da Ouvidoria?\n> Escolha uma nota de 1 a 5.`,
    });
    const surveys = new DynamoSurveyStore(documentClient({ endpoint: stack.urls.dynamodb }), stack.tableName);
    const answer = await waitFor(
      'the score recorded',
      () => surveys.get(protocol),
      (a) => a !== null,
    );
    expect(answer).toMatchObject({ score: 5, comment: 'Nota 5! Obrigada pela atenção.' });
    const c = await work(caseId);
    expect(c.status).toBe('CLOSED');
    expect(c.history?.some((e) => e.type === 'reopened')).toBe(false);
    // The analyst is told; the merchant gets no "reabrimos o seu caso".
    const told = await newMail(analystEmail(analyst), toAnalyst + 1, 'the analyst told of her score');
    expect(told.subject).toContain('Caso encerrado: nota 5 de 5 registrada na pesquisa de satisfação');
    expect(told.body.text).toContain('Nota 5! Obrigada pela atenção.');
    expect(await sentTo(MERCHANT)).toBe(before);
  });

  it('a Gmail 👍 on a case mail changes nothing: hers keeps the case closed, the analyst’s reaches no one', async () => {
    const toMerchant = await sentTo(MERCHANT);
    const toAnalyst = await sentTo(analystEmail(analyst));
    const reaction = (who: string) => ({
      text: `👍\n\n${who} reagiu via Gmail <https://www.google.com/gmail/about/#app>`,
      alternatives: [{ contentType: 'text/vnd.google.email-reaction+json', content: '{"emoji":"👍","version":1}' }],
      html: `<div>👍</div><p>${who} reagiu via Gmail</p>`,
    });
    const before = (await listCases(stack)).length;
    await sendMail(stack, { from: MERCHANT, subject: `Re: [${protocol}] Caso encerrado`, ...reaction('Marina') });
    await sendMail(stack, {
      from: analystEmail(analyst),
      to: replyTo,
      subject: `RE: [${protocol}] Nova mensagem do lojista`,
      ...reaction('Ana'),
    });
    const stored = await waitFor(
      'both reactions stored',
      () => listCases(stack),
      (all) => all.length >= before + 2,
    );
    const newest = [...stored].sort((x, y) => y.createdAt.localeCompare(x.createdAt)).slice(0, 2);
    const records = await Promise.all(newest.map((c) => getCaseRecord(stack, c.caseId)));
    // Hers: stored on its own, as what it is, no case and no reply; the analyst's: set aside, settled.
    const hers = records.find((r) => r.senderEmail === MERCHANT);
    expect(hers?.decision.reason).toContain('Reação com emoji (👍)');
    expect(hers?.protocol).toBeUndefined();
    const analysts = records.find((r) => r.senderEmail === analystEmail(analyst));
    expect(analysts).toMatchObject({ outcome: 'QUARANTINED', reviewedBy: 'sistema' });
    const c = await work(caseId);
    expect(c.status).toBe('CLOSED');
    expect(c.messages.some((m) => (m.text ?? '').includes('reagiu via Gmail'))).toBe(false);
    expect(await sentTo(MERCHANT)).toBe(toMerchant);
    expect(await sentTo(analystEmail(analyst))).toBe(toAnalyst);
  });

  it('the merchant writes within the reopen window: the case reopens with the same analyst', async () => {
    stack.clock.advance(2 * 24 * 3600 * 1000);
    await sendMail(stack, {
      from: MERCHANT,
      subject: `Re: [${protocol}] Caso encerrado`,
      text: `O problema voltou hoje de manhã. Protocolo ${protocol}.`,
    });
    const reopened = await waitFor(
      'reopened',
      () => work(caseId),
      (c) => c.status === 'IN_PROGRESS',
    );
    expect(reopened.assignee).toBe(analyst);
    expect(reopened.history?.some((e) => e.type === 'reopened')).toBe(true);
    const notice = await newMail(MERCHANT, 5, 'the reopen notice');
    // Every mail to her goes under her mail's subject, answered, with the protocol: one conversation.
    expect(notice.subject).toBe(`Re: Pedidos não sincronizam - chamado #48213 [${protocol}]`);
    expect(notice.body.text).toMatch(/Prazo de resposta: até \d{2}\/\d{2}\/2026\./);
  });

  it('forged staff mail changes nothing: stranger, wrong token, failed authentication', async () => {
    const before = await work(caseId);
    const wrongToken = replyTo.replace(/\.[a-z2-7]+@/i, '.aaaaaaaaaaaaaaaa@');
    const attempts = [
      { from: 'intruso@golpe.example.net', to: replyTo, text: '#encerrar improcedente' },
      { from: analystEmail(analyst), to: wrongToken, text: '#encerrar improcedente' },
      {
        from: analystEmail(analyst),
        to: replyTo,
        text: '#encerrar improcedente',
        headers: { 'X-Local-Verdicts': 'spf=fail dkim=fail dmarc=fail' },
      },
    ];
    for (const attempt of attempts) {
      const sent = await sendMail(stack, { ...attempt, subject: `RE: [${protocol}]` });
      const stored = await caseOf(stack, sent.sesMessageId);
      expect(stored.outcome).toBe('QUARANTINED');
    }
    const after = await work(caseId);
    expect(after.status).toBe(before.status);
    expect(after.version).toBe(before.version);
  });
});

describe('deadlines driven by the clock', () => {
  it('reminds the analyst before the due date and alerts the supervisor at it', async () => {
    const first = await sendMail(stack, {
      from: 'contato@eletroponto.com.br',
      subject: 'Integração com ERP parada - chamado 48215',
      text: 'O chamado 48215 foi encerrado sem solução e a integração com o ERP continua parada.',
    });
    const { caseId } = await caseOf(stack, first.sesMessageId);
    // Assigned, the analyst told and both timers set: the assignment writes the case first, then
    // mails the analyst and schedules the timers, so waiting on the status alone races them.
    const assigned = await waitFor(
      'assignment, with the analyst notified',
      () => work(caseId),
      (c) => c.status === 'ASSIGNED' && Boolean(c.analystNotifiedAt),
    );
    const due = new Date(assigned.dueAt as string);
    const timers = await waitFor(
      'the reminder and escalation timers',
      async () => stack.timers.list().filter((t) => t.caseId === caseId),
      (list) => list.length === 2,
    );
    const [reminder, escalation] = timers;
    expect(reminder?.kind).toBe('reminder');
    expect(escalation?.kind).toBe('escalation');

    const toAnalyst = await outbox(stack).then((all) => mailsTo(all, analystEmail(assigned.assignee)).length);
    stack.clock.set(new Date((reminder as { at: Date }).at.getTime() + 1000));
    await stack.releaseTimers();
    const reminded = await newMail(analystEmail(assigned.assignee), toAnalyst + 1, 'the reminder');
    expect(reminded.subject).toContain(assigned.protocol as string);

    stack.clock.set(new Date(due.getTime() + 1000));
    await stack.releaseTimers();
    const alerts = await waitFor(
      'the supervisor alert about this case',
      () => outbox(stack),
      (all) => mailsTo(all, SUPERVISOR).some((m) => m.subject.includes(assigned.protocol as string)),
    );
    expect(mailsTo(alerts, SUPERVISOR).length).toBeGreaterThan(0);
  });
});
