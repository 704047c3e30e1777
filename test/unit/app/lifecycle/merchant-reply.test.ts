import { describe, expect, it } from 'vitest';
import { asksNothingAfterClosing, handleMerchantReply } from '../../../../shared/app/lifecycle/merchant-reply';
import type { CaseMessage } from '../../../../shared/domain/case';
import { parseEmail } from '../../../../shared/mail/parse-email';
import { staffReplyAddress } from '../../../../shared/domain/lifecycle/reply-address';
import { localConfig } from '../../../../shared/domain/config';
import { lifecycleWorld, MERCHANT, PROTOCOL, SECRET, workCase } from '../../../support/lifecycle-fakes';

const reply: CaseMessage = {
  sourceId: 'ses-merchant-2',
  channel: 'email',
  receivedAt: '2026-03-12T14:00:00.000Z',
  subject: `Re: [${PROTOCOL}] Resposta da Ouvidoria`,
  text: 'Segue a fatura em PDF.\n\nEm qui., 12 de mar. de 2026 às 10:00, Ouvidoria <ouvidoria@ouvidoria.example.com.br> escreveu:\n> Pode enviar a fatura?',
  attachments: [],
  messageId: 'CAF=merchant-2@mail.gmail.com',
};

describe('handleMerchantReply', () => {
  it('WAITING_MERCHANT → IN_PROGRESS; appended once; forwarded to the analyst with her reply address', async () => {
    const parent = workCase({ status: 'WAITING_MERCHANT' });
    const w = lifecycleWorld({ cases: [parent] });
    expect(await handleMerchantReply(parent, reply, w.deps)).toEqual({
      kind: 'applied',
      status: 'IN_PROGRESS',
      reopened: false,
      forwarded: true,
    });
    const c = w.cases.must();
    expect(c.messages.map((m) => m.sourceId)).toEqual(['0100019abcdef-lojadamaria', 'ses-merchant-2']);
    expect(c.history).toMatchObject([{ type: 'merchant-replied', actor: { kind: 'merchant' } }]);
    expect(w.mailer.sent).toHaveLength(1);
    const forward = w.mailer.sent[0]!;
    expect(forward.to).toEqual(['ana@empresa.com.br']);
    expect(forward.replyTo).toEqual([staffReplyAddress(PROTOCOL, 'ana', SECRET, localConfig)]);
    expect(forward.subject).toBe(`[${PROTOCOL}] Nova mensagem do lojista`);
    expect(forward.text).toContain('Segue a fatura em PDF.');

    expect(await handleMerchantReply(parent, reply, w.deps)).toEqual({ kind: 'duplicate' });
    expect(w.cases.must().messages).toHaveLength(2);
    expect(w.mailer.sent).toHaveLength(1);
  });

  // Red team 48 (local stack): her confirmation link POSTed five times at once (a double click, two
  // tabs) joined her case once, and its analyst never got her message. A repeat is handed the case as
  // the intake read it (CaseRepository: her message may still be in the case item's pending map,
  // which only the lifecycle's store merges), found her message applied, and carried out the pending
  // forward on that read: no message to forward, so nothing went and the effect was settled.
  it.each([
    ['WAITING_MERCHANT', 'Nova mensagem do lojista'],
    ['ASSIGNED', 'Nova mensagem do lojista'],
  ] as const)(
    '%s: a repeat handed a read without her message still forwards it, with her text',
    async (status, subject) => {
      const parent = workCase({ status });
      const w = lifecycleWorld({ cases: [parent] });
      // The first attempt stored her message; its forward failed and stays pending.
      w.mailer.failNext = Object.assign(new Error('throttled'), { name: 'TooManyRequestsException' });
      await expect(handleMerchantReply(parent, reply, w.deps)).rejects.toThrow();
      expect(w.mailer.sent).toHaveLength(0);
      const stored = w.cases.must();
      expect(Object.keys(stored.pendingEffects ?? {})).not.toHaveLength(0);
      // The repeat's read: her message applied (history, pending effects), not yet among the messages.
      const readBefore = { ...stored, messages: stored.messages.filter((m) => m.sourceId !== reply.sourceId) };
      expect(await handleMerchantReply(readBefore, reply, w.deps)).toEqual({ kind: 'duplicate' });
      expect(w.mailer.sent.map((m) => m.subject)).toEqual([`[${PROTOCOL}] ${subject}`]);
      expect(w.mailer.sent[0]?.text).toContain('Segue a fatura em PDF.');
    },
  );

  it.each(['Ok, obrigada!', 'Obrigada, Ana!', '👍'])(
    'WAITING_MERCHANT, %j: it goes on waiting for what was asked; the analyst gets it with a note saying so',
    async (text) => {
      const parent = workCase({ status: 'WAITING_MERCHANT', assignee: 'ana' });
      const w = lifecycleWorld({ cases: [parent] });
      expect(await handleMerchantReply(parent, { ...reply, text }, w.deps)).toEqual({
        kind: 'applied',
        status: 'WAITING_MERCHANT',
        reopened: false,
        forwarded: true,
      });
      expect(w.cases.must().status).toBe('WAITING_MERCHANT');
      expect(w.mailer.sent.map((m) => m.to)).toEqual([['ana@empresa.com.br']]);
      expect(w.mailer.sent[0]?.text).toContain('O caso segue aguardando o lojista');
    },
  );

  it('a thank-you after the closing mail: kept on the closed case, the analyst told, nothing to the merchant', async () => {
    const parent = workCase({ status: 'CLOSED', closedAt: '2026-03-11T14:00:00.000Z', senderName: 'Maria Aparecida' });
    const w = lifecycleWorld({ cases: [parent] });
    const thanks = { ...reply, text: 'Muito obrigada!! Deu tudo certo 😊\n\nEnviado do meu iPhone' };
    expect(await handleMerchantReply(parent, thanks, w.deps)).toEqual({
      kind: 'applied',
      status: 'CLOSED',
      reopened: false,
      forwarded: true,
    });
    const c = w.cases.must();
    expect(c.status).toBe('CLOSED');
    expect(c.messages.map((m) => m.sourceId)).toContain('ses-merchant-2');
    expect(w.mailer.sent.map((m) => [m.to, m.subject])).toEqual([
      [['ana@empresa.com.br'], `[${PROTOCOL}] Caso encerrado: mensagem do lojista que não o reabre`],
    ]);
    expect(w.mailer.sent[0]?.text).toContain('O caso segue encerrado');
    expect(w.timers.list()).toEqual([]);
  });

  it.each([
    ['CLOSED', { status: 'CLOSED', closedAt: '2026-03-11T14:00:00.000Z' }, 'CLOSED'],
    ['WAITING_MERCHANT', { status: 'WAITING_MERCHANT' }, 'WAITING_MERCHANT'],
  ] as const)(
    '%s: her helpdesk’s automatic acknowledgement (read so by the intake) reopens nothing and answers nothing',
    async (_status, state, after) => {
      const parent = workCase({ ...state, assignee: 'ana' });
      const w = lifecycleWorld({ cases: [parent] });
      const ack = {
        ...reply,
        text: 'Olá! Recebemos seu e-mail e abrimos o atendimento #991 na Loja do João. Responderemos em até 48 horas úteis.',
      };
      expect(await handleMerchantReply(parent, ack, w.deps, { automatic: true })).toMatchObject({
        kind: 'applied',
        status: after,
        reopened: false,
      });
      expect(w.cases.must().status).toBe(after);
      expect(w.mailer.sent.map((m) => m.to)).toEqual([['ana@empresa.com.br']]);
      expect(w.timers.list()).toEqual([]);
      // The same words unread by the intake reopen the closed case, as any request of hers does.
      if (after === 'CLOSED') {
        const again = lifecycleWorld({ cases: [workCase({ ...state, assignee: 'ana' })] });
        expect(await handleMerchantReply(again.cases.must(), ack, again.deps)).toMatchObject({ reopened: true });
      }
    },
  );

  it('a thank-you to the analyst by her first name (“Obrigada, Ana!”) is a thank-you too', async () => {
    const parent = workCase({ status: 'CLOSED', closedAt: '2026-03-11T14:00:00.000Z', assignee: 'ana' });
    const w = lifecycleWorld({ cases: [parent] });
    const thanks = { ...reply, text: 'Obrigada, Ana! Deu tudo certo.' };
    expect(await handleMerchantReply(parent, thanks, w.deps)).toMatchObject({ status: 'CLOSED', reopened: false });
  });

  // Carla's case was closed by the supervisor (Sofia) from the console; Mariana's was answered by Ana, then
  // transferred to Bruno, who closed it. "Muito obrigada, Sofia! Deu tudo certo." reopened Carla's case
  // and mailed her analyst a "Caso reaberto": only the current analyst's name read as a thank-you's.
  it.each([
    ['the supervisor who closed it', 'Muito obrigada, Sofia! Deu tudo certo.', 'carla', 'sofia', []],
    ['the analyst who answered before a transfer', 'Obrigada, Ana, pela ajuda!', 'bruno', 'bruno', ['ana']],
    ['her current analyst', 'Obrigada, Bruno!', 'bruno', 'bruno', []],
  ])('a thank-you by name to %s keeps the case closed', async (_who, text, assignee, closer, writers) => {
    const staffActor = (id: string) => ({ kind: 'staff' as const, id, role: 'analyst' as const });
    const parent = workCase({
      status: 'CLOSED',
      closedAt: '2026-03-11T14:00:00.000Z',
      assignee,
      messages: [
        ...workCase().messages,
        ...writers.map((id, i) => ({
          ...workCase().messages[0]!,
          sourceId: `out-${i}`,
          direction: 'out' as const,
          author: id,
          text: 'Olá, Maria, aqui é a Ana. Já pedi o estorno.',
        })),
      ],
      history: [
        {
          type: 'closed',
          category: 'resolvido',
          summary: 'Estorno feito',
          at: '2026-03-11T14:00:00.000Z',
          actor: staffActor(closer),
        },
      ],
    });
    const w = lifecycleWorld({ cases: [parent] });
    expect(await handleMerchantReply(parent, { ...reply, text }, w.deps)).toMatchObject({
      status: 'CLOSED',
      reopened: false,
    });
    // Someone else's name is still more than a thank-you: it reopens.
    const other = lifecycleWorld({ cases: [parent] });
    expect(
      await handleMerchantReply(parent, { ...reply, text: 'Muito obrigada, Davi! Deu tudo certo.' }, other.deps),
    ).toMatchObject({ reopened: true });
  });

  describe('a score in her reply to the closing mail (“Escolha uma nota de 1 a 5”)', () => {
    const closed = () =>
      workCase({ status: 'CLOSED', closedAt: '2026-03-11T14:00:00.000Z', senderName: 'Maria Aparecida' });
    const QUOTE =
      '\n\nEm qua., 11 de mar. de 2026 às 11:00, Ouvidoria <ouvidoria@ouvidoria.example.com.br> escreveu:\n> Como foi o atendimento da Ouvidoria?\n> Escolha uma nota de 1 a 5.';

    it('“Nota 5”: recorded as the survey’s answer, the case stays closed, the analyst told; a retry records nothing again', async () => {
      const parent = closed();
      const w = lifecycleWorld({ cases: [parent] });
      const rating = { ...reply, text: `Nota 5${QUOTE}` };
      expect(await handleMerchantReply(parent, rating, w.deps)).toEqual({
        kind: 'applied',
        status: 'CLOSED',
        reopened: false,
        forwarded: true,
        rated: 5,
      });
      expect(w.surveys.answers.get(PROTOCOL)).toEqual({
        protocol: PROTOCOL,
        score: 5,
        answeredAt: '2026-03-12T14:00:00.000Z',
        closedAt: '2026-03-11T14:00:00.000Z',
        via: 'email',
      });
      expect(w.mailer.sent.map((m) => m.subject)).toEqual([
        `[${PROTOCOL}] Caso encerrado: nota 5 de 5 registrada na pesquisa de satisfação`,
      ]);
      expect(w.timers.list()).toEqual([]);
      expect(await handleMerchantReply(parent, rating, w.deps)).toEqual({ kind: 'duplicate' });
      expect(w.surveys.answers.size).toBe(1);
    });

    // Journey 48: the analyst's copy said only "a mensagem só agradece, confirma ou dá uma nota …"
    // whether her score was recorded, came too late, or was sarcasm; it now says which.
    it.each([
      [
        'a score the open survey takes',
        'Nota 3 - resolveram, mas demorou demais.',
        {},
        'a mensagem dá nota 3 de 5 ao atendimento, registrada como a resposta do lojista à pesquisa de satisfação',
        'Caso encerrado: nota 3 de 5 registrada na pesquisa de satisfação',
      ],
      [
        'a score after the survey page was answered',
        '⭐⭐⭐⭐⭐',
        { answered: 2 },
        'a mensagem dá nota 5 de 5 ao atendimento; a pesquisa de satisfação já tinha resposta, que continua valendo: esta nota não foi registrada.',
        'Caso encerrado: nota 5 de 5 não registrada (a pesquisa já tinha resposta)',
      ],
      [
        'a score after the survey closed',
        'Nota 4',
        { now: '2026-04-11T14:00:00.000Z' },
        'a mensagem dá nota 4 de 5 ao atendimento; a pesquisa de satisfação já estava encerrada (30 dias após o encerramento): esta nota não foi registrada.',
        'Caso encerrado: nota 4 de 5 não registrada (a pesquisa já estava encerrada)',
      ],
      [
        'a top score taken back in irony',
        'Nota 5… só que não.',
        {},
        'a mensagem dá a nota máxima e a desmente na mesma frase (ironia, como "nota 5… só que não"): nenhuma nota foi registrada',
        'Caso encerrado: nota irônica do lojista, nenhuma nota registrada',
      ],
    ])(
      '%s: the analyst’s copy says what came of it',
      async (_label, text, setup: { answered?: number; now?: string }, said, subject) => {
        const parent = closed();
        const w = lifecycleWorld({ cases: [parent], ...(setup.now ? { now: setup.now } : {}) });
        if (setup.answered) {
          await w.surveys.record({ protocol: PROTOCOL, score: setup.answered, answeredAt: '2026-03-11T15:00:00.000Z' });
        }
        expect(await handleMerchantReply(parent, { ...reply, text }, w.deps)).toMatchObject({ status: 'CLOSED' });
        const copy = w.mailer.sent[0]?.text ?? '';
        expect(copy.replace(/\s+/g, ' ')).toContain(said);
        expect(copy).not.toContain('só agradece, confirma ou dá uma nota');
        // Journeys 48: the subject said "mensagem do lojista que não o reabre" above a recorded score.
        expect(w.mailer.sent[0]?.subject).toBe(`[${PROTOCOL}] ${subject}`);
      },
    );

    it('thanks without a score keep the general sentence', async () => {
      const parent = closed();
      const w = lifecycleWorld({ cases: [parent] });
      await handleMerchantReply(parent, { ...reply, text: 'Muito obrigada, resolveu!' }, w.deps);
      expect(w.mailer.sent[0]?.text.replace(/\s+/g, ' ')).toContain('a mensagem só agradece, confirma ou dá uma nota');
      expect(w.mailer.sent[0]?.subject).toBe(`[${PROTOCOL}] Caso encerrado: mensagem do lojista que não o reabre`);
    });

    it('her words beyond the score are the comment', async () => {
      const parent = closed();
      const w = lifecycleWorld({ cases: [parent] });
      const text = 'Dou nota 4, a Ana foi muito atenciosa. Obrigada!';
      expect(await handleMerchantReply(parent, { ...reply, text }, w.deps)).toMatchObject({ rated: 4 });
      expect(w.surveys.answers.get(PROTOCOL)).toMatchObject({ score: 4, comment: text });
    });

    it('an answer already confirmed on the survey page stands (one answer per case)', async () => {
      const parent = closed();
      const w = lifecycleWorld({ cases: [parent] });
      await w.surveys.record({ protocol: PROTOCOL, score: 2, answeredAt: '2026-03-11T15:00:00.000Z' });
      const result = await handleMerchantReply(parent, { ...reply, text: '⭐⭐⭐⭐⭐' }, w.deps);
      expect(result).toMatchObject({ status: 'CLOSED', reopened: false });
      expect(result).not.toHaveProperty('rated');
      expect(w.surveys.answers.get(PROTOCOL)?.score).toBe(2);
    });

    it('after the survey closed (its links’ days), nothing is recorded and nothing reopens', async () => {
      const parent = closed();
      const w = lifecycleWorld({ cases: [parent], now: '2026-04-11T14:00:00.000Z' });
      const result = await handleMerchantReply(parent, { ...reply, text: 'Nota 5' }, w.deps);
      expect(result).toMatchObject({ status: 'CLOSED', reopened: false });
      expect(w.surveys.answers.size).toBe(0);
    });

    it.each([
      'Nota 1, não resolveram nada',
      'Nota 5, mas o estorno ainda não caiu',
      'Nota 5. O pedido 100234 continua sem rastreio',
    ])(
      '%j asks for more: the case reopens and no score is recorded (the survey rates the final outcome)',
      async (text) => {
        const parent = closed();
        const w = lifecycleWorld({ cases: [parent] });
        expect(await handleMerchantReply(parent, { ...reply, text }, w.deps)).toMatchObject({ reopened: true });
        expect(w.surveys.answers.size).toBe(0);
      },
    );

    it('a rating with no score of the survey’s (“nota 8”, on another scale) keeps the case closed and records nothing', async () => {
      const parent = closed();
      const w = lifecycleWorld({ cases: [parent] });
      expect(await handleMerchantReply(parent, { ...reply, text: 'Nota 8' }, w.deps)).toMatchObject({
        status: 'CLOSED',
        reopened: false,
      });
      expect(w.surveys.answers.size).toBe(0);
    });

    it('the store failing after her message is on the case: the retry of the same mail records the score', async () => {
      const parent = closed();
      const w = lifecycleWorld({ cases: [parent] });
      const record = w.surveys.record.bind(w.surveys);
      let failures = 1;
      w.surveys.record = async (answer) => {
        if (failures-- > 0) throw new Error('ProvisionedThroughputExceededException');
        return record(answer);
      };
      const rating = { ...reply, text: 'Nota 3' };
      await expect(handleMerchantReply(parent, rating, w.deps)).rejects.toThrow('ProvisionedThroughputExceeded');
      expect(await handleMerchantReply(parent, rating, w.deps)).toEqual({ kind: 'duplicate', rated: 3 });
      expect(w.surveys.answers.get(PROTOCOL)?.score).toBe(3);
      expect(w.cases.must().messages.filter((m) => m.sourceId === rating.sourceId)).toHaveLength(1);
    });
  });

  it('asksNothingAfterClosing reads her reply as handleMerchantReply does, her analyst’s name from the roster', async () => {
    const parent = workCase({ status: 'CLOSED', closedAt: '2026-03-01T14:00:00.000Z', assignee: 'ana' });
    const w = lifecycleWorld({ cases: [parent] });
    const mail = (text: string) => ({ text, attachments: [] });
    expect(await asksNothingAfterClosing(parent, mail('Nota 5, obrigada Ana!'), w.deps)).toBe(true);
    expect(await asksNothingAfterClosing(parent, mail('Obrigada, Ana! Deu tudo certo.'), w.deps)).toBe(true);
    expect(await asksNothingAfterClosing(parent, mail('Obrigada, Bruno!'), w.deps)).toBe(false);
    expect(await asksNothingAfterClosing(parent, mail('Ana, o problema voltou.'), w.deps)).toBe(false);
  });

  it('“Obrigada, mas o problema voltou” reopens the closed case', async () => {
    const parent = workCase({ status: 'CLOSED', closedAt: '2026-03-11T14:00:00.000Z' });
    const w = lifecycleWorld({ cases: [parent] });
    const back = { ...reply, text: 'Obrigada, mas o problema voltou.' };
    expect(await handleMerchantReply(parent, back, w.deps)).toMatchObject({ status: 'IN_PROGRESS', reopened: true });
  });

  it('forwards the merchant’s files with her words, within the relay limit, and says where each one is', async () => {
    const parent = workCase({ status: 'WAITING_MERCHANT' });
    const w = lifecycleWorld({ cases: [parent] });
    const raw = { bucket: 'ouvidoria-raw-mail', key: 'inbound/ses-merchant-3' };
    const files = [
      { filename: 'logo.png', contentType: 'image/png', size: 4_000, inline: true, partId: '2' },
      {
        filename: 'fatura-dezembro.pdf',
        contentType: 'application/pdf',
        size: 180_000,
        inline: false,
        partId: '3',
        kind: 'pdf' as const,
      },
      { filename: 'video-erro.mp4', contentType: 'video/mp4', size: 40_000_000, inline: false, partId: '4' },
      {
        filename: 'print-painel.png',
        contentType: 'image/png',
        size: 95_000,
        inline: false,
        partId: '5',
        kind: 'png' as const,
      },
      // Bytes of a program: never sent on from the office's address (parse-email.ts refuses it).
      {
        filename: 'segunda-via.pdf.exe',
        contentType: 'application/pdf',
        size: 90_000,
        inline: false,
        partId: '6',
        scan: 'REFUSED' as const,
      },
    ];
    await handleMerchantReply(
      parent,
      { ...reply, sourceId: 'ses-merchant-3', raw, attachments: files, virus: 'PASS' },
      w.deps,
    );
    const forward = w.mailer.sent[0] as (typeof w.mailer.sent)[number] & { attachments?: unknown };
    expect(forward.attachments).toEqual({ raw, parts: [files[1], files[3]] });
    expect(forward.text).toMatch(/segunda-via\.pdf\.exe — application\/pdf, [^—]+ — não anexado \(formato não aceito/);
    expect(forward.text).toMatch(/fatura-dezembro\.pdf — application\/pdf, [^—]+ — anexado a este e-mail/);
    expect(forward.text).toMatch(/print-painel\.png — image\/png, [^—]+ — anexado a este e-mail/);
    expect(forward.text).toMatch(/video-erro\.mp4 — video\/mp4, [^—]+ — não anexado \(acima do limite de envio\)/);
    expect(forward.text).toMatch(/logo\.png — image\/png, [^—]+ — imagem no corpo da mensagem/);
  });

  it('an iPhone photo (inline disposition, no cid in any body) reaches the analyst attached, as a PDF does', async () => {
    const jpeg = Buffer.concat([
      Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'),
      Buffer.alloc(64),
      Buffer.from('ffd9', 'hex'),
    ]);
    const rawMime = [
      `From: Maria <${MERCHANT}>`,
      'To: Ouvidoria <ouvidoria@ouvidoria.example.com.br>',
      `Subject: Re: [${PROTOCOL}] Resposta da Ouvidoria`,
      'Message-ID: <A1B2C3D4-1111-2222-3333-444455556666@lojadamaria.com.br>',
      'X-Mailer: iPhone Mail (21A329)',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="Apple-Mail-ABC"',
      '',
      '--Apple-Mail-ABC',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      'Segue o print da tela de erro. O ERP é o Bling.',
      '',
      'Enviado do meu iPhone',
      '--Apple-Mail-ABC',
      'Content-Type: image/jpeg; name="IMG_0042.jpeg"',
      'Content-Disposition: inline; filename="IMG_0042.jpeg"',
      'Content-Transfer-Encoding: base64',
      '',
      jpeg.toString('base64'),
      '--Apple-Mail-ABC--',
      '',
    ].join('\r\n');
    const raw = { bucket: 'ouvidoria-raw-mail', key: 'inbound/ses-merchant-5' };
    const mail = await parseEmail(
      Buffer.from(rawMime),
      { sourceId: 'ses-merchant-5', receivedAt: '2026-03-12T14:00:00.000Z', raw },
      { maxRawMailBytes: 25 * 1024 * 1024 },
    );
    const parent = workCase({ status: 'WAITING_MERCHANT' });
    const w = lifecycleWorld({ cases: [parent] });
    const message = { ...reply, sourceId: mail.sourceId, text: mail.text, raw, attachments: mail.attachments };
    await handleMerchantReply(parent, { ...message, virus: 'PASS' }, w.deps);
    const forward = w.mailer.sent[0] as (typeof w.mailer.sent)[number] & { attachments?: unknown };
    expect(forward.attachments).toEqual({
      raw,
      parts: [expect.objectContaining({ filename: 'IMG_0042.jpeg', contentType: 'image/jpeg', kind: 'jpeg' })],
    });
    expect(forward.text).toMatch(/IMG_0042\.jpeg — image\/jpeg, [^—]+ — anexado a este e-mail/);
    expect(forward.text).not.toContain('imagem no corpo da mensagem');
  });

  // SES's anti-virus did not pass her mail: her words reach the analyst, her files do not.
  it.each([
    ['SES could not scan it', 'PROCESSING_FAILED' as const],
    ['SES was unsure of it', 'GRAY' as const],
    ['the scan was off', 'DISABLED' as const],
    ['stored without a verdict', undefined],
  ])('forwards her words without her files when %s', async (_what, virus) => {
    const parent = workCase({ status: 'WAITING_MERCHANT' });
    const w = lifecycleWorld({ cases: [parent] });
    const raw = { bucket: 'ouvidoria-raw-mail', key: 'inbound/ses-merchant-4' };
    const pdf = {
      filename: 'fatura-dezembro.pdf',
      contentType: 'application/pdf',
      size: 180_000,
      inline: false,
      partId: '3',
      kind: 'pdf' as const,
    };
    const message = { ...reply, sourceId: 'ses-merchant-4', raw, attachments: [pdf], ...(virus ? { virus } : {}) };
    await handleMerchantReply(parent, message, w.deps);
    const forward = w.mailer.sent[0] as (typeof w.mailer.sent)[number] & { attachments?: unknown };
    expect(forward.attachments).toBeUndefined();
    expect(forward.text).toContain(reply.text.split('\n')[0]);
    expect(forward.text).toMatch(
      /fatura-dezembro\.pdf — application\/pdf, [^—]+ — não anexado \(não verificado pelo antivírus/,
    );
  });

  it('QUEUED: stored and recorded, nobody to forward to yet', async () => {
    const parent = workCase({ status: 'QUEUED', assignee: undefined });
    const w = lifecycleWorld({ cases: [parent] });
    expect(await handleMerchantReply(parent, reply, w.deps)).toMatchObject({ status: 'QUEUED', forwarded: false });
    expect(w.mailer.sent).toEqual([]);
  });

  it('CLOSED within the window: reopened with the same analyst, count back up, new timers', async () => {
    const parent = workCase({
      status: 'CLOSED',
      closedAt: '2026-03-06T14:00:00.000Z',
      closure: { category: 'procedente', summary: '', at: '2026-03-06T14:00:00.000Z', by: 'ana' },
    });
    const w = lifecycleWorld({ cases: [parent] });
    w.counter.open.clear();
    expect(await handleMerchantReply(parent, reply, w.deps)).toMatchObject({ status: 'IN_PROGRESS', reopened: true });
    const c = w.cases.must();
    expect(c.closedAt).toBeUndefined();
    expect(c.closure).toBeUndefined();
    expect(c.assignee).toBe('ana');
    expect(w.counter.count('ana')).toBe(1);
    expect(w.timers.list().map((t) => t.dueAt)).toEqual([c.dueAt, c.dueAt]);
    expect(w.mailer.sent[0]!.subject).toBe(`[${PROTOCOL}] Caso reaberto: nova mensagem do lojista`);
    // The merchant is told, from the ombudsman address, that the case is open again and until when.
    const notice = w.mailer.sent[1]!;
    expect(w.mailer.sent).toHaveLength(2);
    expect(notice.to).toEqual([c.senderEmail]);
    expect(notice.subject).toBe(`Re: Cobrança em duplicidade — chamado #48213 [${PROTOCOL}]`);
    expect(notice.text).toContain(`Recebemos a sua mensagem e reabrimos o caso ${PROTOCOL}.`);
    expect(notice.text).toContain('Prazo de resposta: até 26/03/2026.');
    expect(notice.text).not.toContain('ana@empresa.com.br');
  });

  it.each([
    { analyst: 'ana', state: 'active', promisesSamePerson: true },
    { analyst: 'davi', state: 'on leave (01–31/03)', promisesSamePerson: false },
    { analyst: 'edu', state: 'inactive', promisesSamePerson: false },
  ])(
    'CLOSED within the window, analyst $state: the reopening notice promises her only if she can answer',
    async ({ analyst, promisesSamePerson }) => {
      const parent = workCase({
        status: 'CLOSED',
        assignee: analyst,
        closedAt: '2026-03-06T14:00:00.000Z',
        closure: { category: 'procedente', summary: '', at: '2026-03-06T14:00:00.000Z', by: analyst },
      });
      const w = lifecycleWorld({ cases: [parent] });
      expect(await handleMerchantReply(parent, reply, w.deps)).toMatchObject({ status: 'IN_PROGRESS', reopened: true });
      const notice = w.mailer.sent.find(
        (m) => m.subject === `Re: Cobrança em duplicidade — chamado #48213 [${PROTOCOL}]`,
      );
      expect(notice?.to).toEqual([w.cases.must().senderEmail]);
      expect(notice?.text).toContain(`Recebemos a sua mensagem e reabrimos o caso ${PROTOCOL}.`);
      expect(notice?.text).toContain('Prazo de resposta: até 26/03/2026.');
      if (promisesSamePerson) {
        expect(notice?.text).toContain(
          'Ele continua com a mesma pessoa da nossa equipe, que já recebeu o que você escreveu.',
        );
      } else {
        expect(notice?.text).not.toContain('mesma pessoa');
        expect(notice?.text).toContain(
          'A nossa equipe já recebeu o que você escreveu e vai responder dentro do prazo abaixo.',
        );
      }
    },
  );

  it('CLOSED after the window: a linked case is opened by the caller; this one is untouched', async () => {
    const parent = workCase({ status: 'CLOSED', closedAt: '2026-01-02T14:00:00.000Z' });
    const w = lifecycleWorld({ cases: [parent] });
    const before = w.cases.must();
    expect(await handleMerchantReply(parent, reply, w.deps)).toEqual({
      kind: 'open-linked-case',
      linkedProtocol: PROTOCOL,
    });
    expect(w.cases.must()).toEqual(before);
    expect(w.mailer.sent).toEqual([]);
  });

  it('a redirected submission is not a case', async () => {
    const parent = workCase({ status: 'REDIRECTED', outcome: 'NO_PRIOR_TICKET' });
    const w = lifecycleWorld({ cases: [parent] });
    expect(await handleMerchantReply(parent, reply, w.deps)).toEqual({ kind: 'not-a-case' });
  });

  it('a reply racing a staff command is still applied (re-read on conflict)', async () => {
    const parent = workCase({ status: 'WAITING_MERCHANT' });
    const w = lifecycleWorld({ cases: [parent] });
    const first = handleMerchantReply(parent, reply, w.deps);
    const second = handleMerchantReply(parent, { ...reply, sourceId: 'ses-merchant-3' }, w.deps);
    await Promise.all([first, second]);
    const c = w.cases.must();
    expect(c.status).toBe('IN_PROGRESS');
    expect(c.messages).toHaveLength(3);
    expect(c.history).toHaveLength(2);
  });
});

// Journey 44 left: her iPhone follow-up with IMG_0042.HEIC reached the analyst with the photo
// listed "não anexado (formato não aceito)", and she was never told it did not go.
describe('handleMerchantReply — files the office does not take', () => {
  const heic = {
    filename: 'IMG_0042.HEIC',
    contentType: 'image/heic',
    size: 812_000,
    inline: false,
    scan: 'REFUSED' as const,
  };
  const jpeg = {
    filename: 'IMG_0043.jpeg',
    contentType: 'image/jpeg',
    size: 90_000,
    inline: false,
    kind: 'jpeg' as const,
  };

  it('she is told which file did not go and how to send it again; the analyst still gets her message', async () => {
    const parent = workCase({ status: 'IN_PROGRESS' });
    const w = lifecycleWorld({ cases: [parent] });
    await handleMerchantReply(parent, { ...reply, attachments: [heic, jpeg] }, w.deps);
    expect(w.mailer.sent.map((m) => m.to[0]).sort()).toEqual(['ana@empresa.com.br', MERCHANT]);
    const toHer = w.mailer.sent.find((m) => m.to[0] === MERCHANT)!;
    expect(toHer.text).toContain('este arquivo não pôde ser aceito e não foi repassado');
    expect(toHer.text).toContain('IMG_0042.HEIC');
    expect(toHer.text).not.toContain('IMG_0043.jpeg');
    expect(toHer.text).toContain('exportada como JPEG');
    expect(toHer.headers['Auto-Submitted']).toBe('auto-generated');
    // Recorded with her address, as every mail to her (a delivery report about it is a bounce).
    expect(w.cases.sentTo.get(toHer.messageId)).toEqual([MERCHANT]);
  });

  it.each([
    ['every file taken', [jpeg]],
    [
      'a forwarded mail (read into her message)',
      [{ filename: 'chamado.eml', contentType: 'message/rfc822', size: 4000, inline: false, scan: 'REFUSED' as const }],
    ],
  ])('%s: nothing to tell her', async (_what, attachments) => {
    const parent = workCase({ status: 'IN_PROGRESS' });
    const w = lifecycleWorld({ cases: [parent] });
    await handleMerchantReply(parent, { ...reply, attachments }, w.deps);
    expect(w.mailer.sent.map((m) => m.to[0])).toEqual(['ana@empresa.com.br']);
  });

  // Journey 45: her encrypted follow-up reached the analyst unreadable, and she was never asked to resend.
  it('an encrypted follow-up: she is asked to send it again unencrypted; the analyst is told why it reads empty', async () => {
    const parent = workCase({ status: 'IN_PROGRESS' });
    const w = lifecycleWorld({ cases: [parent] });
    const sealed = {
      filename: 'smime.p7m',
      contentType: 'application/pkcs7-mime',
      size: 1800,
      inline: false,
      scan: 'REFUSED' as const,
    };
    await handleMerchantReply(parent, { ...reply, text: '', attachments: [sealed] }, w.deps);
    const toHer = w.mailer.sent.find((m) => m.to[0] === MERCHANT)!;
    expect(toHer.text).toContain('chegou criptografada (S/MIME) e não conseguimos ler o conteúdo');
    expect(toHer.text).not.toContain('smime.p7m');
    const forward = w.mailer.sent.find((m) => m.to[0] === 'ana@empresa.com.br')!;
    expect(forward.text).toContain('mensagem criptografada com S/MIME');
  });
});

// Journey 46: the acknowledgement of an es/en case spoke her language, and the later "files not
// taken" and "send it again unencrypted" mails were pt-BR with Spanish or English greeting and signature.
describe('handleMerchantReply — files not taken and encrypted follow-ups in the case’s language', () => {
  const heic = {
    filename: 'IMG_0042.HEIC',
    contentType: 'image/heic',
    size: 812_000,
    inline: false,
    scan: 'REFUSED' as const,
  };
  const sealed = {
    filename: 'smime.p7m',
    contentType: 'application/pkcs7-mime',
    size: 1800,
    inline: false,
    scan: 'REFUSED' as const,
  };
  const inLanguage = (language: 'es' | 'en') =>
    workCase({ status: 'IN_PROGRESS', decision: { ...workCase().decision, language } });
  const toHer = async (language: 'es' | 'en', message: CaseMessage) => {
    const parent = inLanguage(language);
    const w = lifecycleWorld({ cases: [parent] });
    await handleMerchantReply(parent, message, w.deps);
    return w.mailer.sent.find((m) => m.to[0] === MERCHANT)!;
  };

  it.each([
    ['es', 'este archivo no pudo ser aceptado y no se entregó al equipo', 'El texto de su mensaje llegó normalmente'],
    ['en', 'this file could not be accepted and was not passed on to the team', 'The text of your message reached'],
  ] as const)('%s: the files-not-taken mail says it in her language', async (language, which, rest) => {
    const mail = await toHer(language, { ...reply, attachments: [heic] });
    expect(mail.text).toContain(which);
    expect(mail.text).toContain(rest);
    expect(mail.text).toContain('IMG_0042.HEIC');
    expect(mail.text).not.toMatch(/Recebemos|Aceitamos|repassad/);
  });

  it.each([
    ['es', 'pero llegó cifrado (S/MIME) y no pudimos leer su contenido'],
    ['en', 'but it arrived encrypted (S/MIME) and we could not read it'],
  ] as const)('%s: the resend request for an encrypted follow-up says it in her language', async (language, says) => {
    const mail = await toHer(language, { ...reply, text: '', attachments: [sealed] });
    expect(mail.text).toContain(says);
    expect(mail.text).not.toMatch(/Recebemos|criptografada|e-mail/);
  });
});

// Journey 46: her form post joining the case reached the analyst as "O lojista respondeu no caso",
// the form named only in the subject line ("Formulário: …").
describe('handleMerchantReply — a message that came by the webform', () => {
  it.each([
    ['webform', 'O lojista escreveu pelo formulário da Ouvidoria no caso '],
    ['email', 'O lojista respondeu no caso '],
  ] as const)('%s: the forward says how it came', async (channel, says) => {
    const parent = workCase({ status: 'IN_PROGRESS' });
    const w = lifecycleWorld({ cases: [parent] });
    await handleMerchantReply(parent, { ...reply, channel, subject: 'Formulário: Cobrança/faturas' }, w.deps);
    const forward = w.mailer.sent.find((m) => m.to[0] === 'ana@empresa.com.br')!;
    expect(forward.text).toContain(`${says}${PROTOCOL}`);
  });
});
