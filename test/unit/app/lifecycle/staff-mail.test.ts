import MailComposer from 'nodemailer/lib/mail-composer';
import { describe, expect, it } from 'vitest';
import { withRelayedAttachments } from '../../../../shared/adapters/attachment-relay';
import { readMailFiles } from '../../../../shared/mail/mail-files';
import { InMemoryRawMailStore, RecordingMailer } from '../../../support/fakes';
import { RecordingRawMailRetention } from '../../../../shared/adapters/s3-raw-mail-retention';
import { handleMerchantReply } from '../../../../shared/app/lifecycle/merchant-reply';
import { handleMisaddressedCommands, handleStaffMail } from '../../../../shared/app/lifecycle/staff-mail';
import { MailRejected } from '../../../../shared/ports';
import { parseEmail } from '../../../../shared/mail/parse-email';
import { relayableAttachments } from '../../../../shared/domain/lifecycle/relayed-files';
import { staffReplyAddress } from '../../../../shared/domain/lifecycle/reply-address';
import type { WorkStatus } from '../../../../shared/domain/lifecycle/types';
import { localConfig } from '../../../../shared/domain/config';
import type { AttachmentMeta } from '../../../../shared/domain/submission';
import {
  CASE_ID,
  InMemoryStaffDirectory,
  lifecycleWorld,
  MERCHANT,
  PROTOCOL,
  ROSTER,
  SECRET,
  staffMail,
  workCase,
} from '../../../support/lifecycle-fakes';

const addressOf = (id: string) => staffReplyAddress(PROTOCOL, id, SECRET, localConfig);
const ANA = 'ana@empresa.com.br';

function mailFrom(
  id: string,
  email: string,
  text: string,
  extra: Parameters<typeof staffMail>[0] extends infer T ? Partial<T> : never = {},
) {
  return staffMail({ to: addressOf(id), from: email, text, ...extra });
}

/** A file of an analyst's mail whose bytes proved a PDF: it goes to the merchant. */
const PDF = {
  filename: 'comprovante.pdf',
  contentType: 'application/pdf',
  size: 1000,
  inline: false,
  partId: '2',
  kind: 'pdf' as const,
};

/** A Gmail-style answer from Ana, quoting our notice and signed. */
const GMAIL_ANSWER = [
  'Olá, Maria.',
  '',
  'Pedimos o estorno da cobrança em duplicidade ao financeiro; ele aparece na próxima fatura.',
  '',
  '-- ',
  'Ana Lima',
  'Analista de Ouvidoria',
  '',
  'Em qui., 12 de mar. de 2026 às 10:00, Ouvidoria <ouvidoria@ouvidoria.example.com.br> escreveu:',
  `> [${PROTOCOL}] Nova mensagem do lojista`,
  '> Fui cobrada duas vezes.',
].join('\n');

/** An Outlook answer in upper case, accents left out. */
const OUTLOOK_CLOSE = [
  '#ENCERRAR PROCEDENTE estorno realizado',
  '',
  'Ola, Maria. O estorno foi feito hoje e voce recebe o comprovante por e-mail.',
  '',
  '________________________________',
  'De: Ouvidoria <ouvidoria@ouvidoria.example.com.br>',
  'Enviado: quinta-feira, 12 de março de 2026 10:00',
  'Para: Ana Lima <ana@empresa.com.br>',
  `Assunto: [${PROTOCOL}] Nova mensagem do lojista`,
  '',
  '#encerrar improcedente',
].join('\n');

describe('handleStaffMail — verified mail from the case analyst', () => {
  it('her own signature block, written without "-- ", does not reach the merchant', async () => {
    const w = lifecycleWorld();
    const answer =
      'Olá, Maria. O estorno foi pedido ao financeiro hoje.\n\nAtenciosamente,\nAna Lima\nAnalista de Ouvidoria | Bagy\nTel. (11) 4000-0000';
    await handleStaffMail(mailFrom('ana', ANA, answer), w.deps);
    const sent = w.mailer.sent[0]!;
    expect(sent.text).toContain('O estorno foi pedido ao financeiro hoje.');
    expect(sent.text).not.toMatch(/Ana Lima|4000-0000|Analista de Ouvidoria/);
    expect(sent.text).toMatch(/Atenciosamente,\s+Ouvidoria/);
  });

  it.each([
    [
      'signed with a middle initial: the card is cut',
      'Olá, Maria. O financeiro já está atuando.\n\nAtt.,\nAna P. Lima\nOuvidoria | Loja Exemplo\nana@empresa.com.br\n(11) 4000-1234',
    ],
    [
      'signed with a nickname: her address is written as the office’s',
      'Olá, Maria. O financeiro já está atuando.\n\nAninha\nANA@empresa.com.br | (11) 4000-1234',
    ],
  ])('her own address never reaches the merchant — %s', async (_what, answer) => {
    const w = lifecycleWorld();
    await handleStaffMail(mailFrom('ana', ANA, answer), w.deps);
    const sent = w.mailer.sent[0]!;
    expect(sent.text).toContain('O financeiro já está atuando.');
    expect(sent.text).not.toMatch(/ana@empresa\.com\.br/i);
    const stored = await w.cases.get(CASE_ID);
    expect(stored?.messages?.at(-1)?.text).not.toMatch(/ana@empresa\.com\.br/i);
  });

  // A form's case has no mail of hers: its mails named nothing, and her mail program could show the
  // acknowledgement and each later mail as separate conversations.
  const ACK_AS_DELIVERED = ['0100019ack-0000@us-east-1.amazonses.com', '0100019ack-0000@email.amazonses.com'];
  const acknowledged = {
    status: 'sent' as const,
    messageId: 'ack.1@ouvidoria.example.com.br',
    at: '2026-03-10T13:00:05.000Z',
    deliveredAs: ACK_AS_DELIVERED,
  };
  it.each([
    [
      'a form’s case: the acknowledgement as she received it, which the answer replies to',
      workCase({
        channel: 'webform',
        messages: [{ ...workCase().messages[0]!, channel: 'webform', messageId: undefined }],
        messageIds: [
          'ack.1@ouvidoria.example.com.br',
          ...ACK_AS_DELIVERED,
          'assign.notice.ana@ouvidoria.example.com.br',
        ],
        reply: acknowledged,
      }),
      `<${ACK_AS_DELIVERED[0]}> <${ACK_AS_DELIVERED[1]}>`,
      `<${ACK_AS_DELIVERED[1]}>`,
    ],
    [
      'a mail’s case: her mail, then the acknowledgement; the answer replies to hers',
      workCase({ reply: acknowledged }),
      `<CAF=merchant-1@mail.gmail.com> <${ACK_AS_DELIVERED[0]}> <${ACK_AS_DELIVERED[1]}>`,
      '<CAF=merchant-1@mail.gmail.com>',
    ],
    [
      'a case from before deliveredAs: her mail only, as before',
      workCase({
        reply: { status: 'sent', messageId: 'ack.1@ouvidoria.example.com.br', at: '2026-03-10T13:00:05.000Z' },
      }),
      '<CAF=merchant-1@mail.gmail.com>',
      '<CAF=merchant-1@mail.gmail.com>',
    ],
  ])('the answer names the conversation’s mails — %s', async (_what, c, references, inReplyTo) => {
    const w = lifecycleWorld({ cases: [c] });
    await handleStaffMail(mailFrom('ana', ANA, GMAIL_ANSWER), w.deps);
    const sent = w.mailer.sent[0]!;
    expect(sent.headers['References']).toBe(references);
    expect(sent.headers['In-Reply-To']).toBe(inReplyTo);
    // Never a staff mail's id (the analyst's notice): the merchant never had it.
    expect(sent.headers['References']).not.toContain('assign.notice');
  });

  it.each([
    ['DMARC passed, SES’s own headers not on the mail', { dmarc: 'PASS' }, undefined],
    ['DKIM of the From’s domain, as SES’s headers say, no DMARC published', { dmarc: 'GRAY' }, true],
  ] as const)('the analyst proves her From: %s — applied', async (_what, verdicts, dkimAligned) => {
    const w = lifecycleWorld();
    const mail = mailFrom('ana', ANA, GMAIL_ANSWER, {
      verdicts: { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', ...verdicts },
      ...(dkimAligned === undefined ? {} : { dkimAligned }),
    });
    expect(await handleStaffMail(mail, w.deps)).toMatchObject({ kind: 'applied', events: ['answered'] });
  });

  it('an answer is relayed to the merchant from the office, threaded, and recorded', async () => {
    const w = lifecycleWorld();
    const result = await handleStaffMail(mailFrom('ana', ANA, GMAIL_ANSWER), w.deps);
    expect(result).toEqual({ kind: 'applied', caseId: CASE_ID, protocol: PROTOCOL, events: ['answered'] });

    expect(w.mailer.sent).toHaveLength(1);
    const sent = w.mailer.sent[0]!;
    expect(sent.to).toEqual([MERCHANT]);
    expect(sent.from).toBe('Ouvidoria <ouvidoria@ouvidoria.example.com.br>');
    expect(sent.subject).toBe(`Re: Cobrança em duplicidade — chamado #48213 [${PROTOCOL}]`);
    expect(sent.headers['Thread-Topic']).toBe('Cobrança em duplicidade — chamado #48213');
    expect(sent.headers['In-Reply-To']).toBe('<CAF=merchant-1@mail.gmail.com>');
    expect(sent.headers['Auto-Submitted']).toBeUndefined();
    expect(sent.text).toContain('Pedimos o estorno da cobrança em duplicidade');
    expect(sent.text).not.toContain('Analista de Ouvidoria');
    expect(sent.text).not.toContain('Fui cobrada duas vezes');
    expect(JSON.stringify(sent)).not.toContain(ANA);
    expect(sent.messageId).not.toContain(PROTOCOL);

    const c = w.cases.must();
    expect(c.status).toBe('IN_PROGRESS');
    expect(c.version).toBe(2);
    expect(c.history).toMatchObject([
      { type: 'answered', actor: { kind: 'staff', id: 'ana' }, sourceId: 'ses-staff-1' },
    ]);
    expect(c.messages.at(-1)).toMatchObject({ direction: 'out', author: 'ana', sourceId: 'ses-staff-1' });
    expect(c.messageIds).toContain(sent.messageId);
    expect(c.pendingEffects).toEqual({});
  });

  it('#encerrar from Outlook, upper case, no accents: closed, one closing mail with five links, count falls', async () => {
    const w = lifecycleWorld({ cases: [workCase({ status: 'IN_PROGRESS' })] });
    const result = await handleStaffMail(mailFrom('ana', ANA, OUTLOOK_CLOSE), w.deps);
    expect(result).toMatchObject({ kind: 'applied', events: ['closed'] });
    const c = w.cases.must();
    expect(c.status).toBe('CLOSED');
    expect(c.closure).toMatchObject({ category: 'procedente', summary: 'estorno realizado', by: 'ana' });
    expect(w.counter.count('ana')).toBe(0);
    expect(w.mailer.sent).toHaveLength(1);
    const closing = w.mailer.sent[0]!;
    expect(closing.subject).toBe(`Re: Cobrança em duplicidade — chamado #48213 [${PROTOCOL}]`);
    expect(closing.headers['Auto-Submitted']).toBe('auto-generated');
    expect(closing.text).toContain('O estorno foi feito hoje');
    expect(closing.text.match(/\/pesquisa\?/g)).toHaveLength(5);
  });

  it.each([
    ['a zero-width space pasted before it', '\u200b#encerrar procedente estorno realizado'],
    ['a right-to-left mark before it', '\u200f#encerrar procedente estorno realizado'],
  ])('#encerrar with %s: closed, and the command never reaches the merchant as text', async (_, line) => {
    const w = lifecycleWorld({ cases: [workCase({ status: 'IN_PROGRESS' })] });
    const text = `${line}\n\nOlá, Maria. O estorno foi feito hoje.\n\n-- \nAna Lima`;
    expect(await handleStaffMail(mailFrom('ana', ANA, text), w.deps)).toMatchObject({
      kind: 'applied',
      events: ['closed'],
    });
    expect(w.cases.must().closure).toMatchObject({ category: 'procedente', summary: 'estorno realizado' });
    expect(w.mailer.sent).toHaveLength(1);
    expect(w.mailer.sent[0]!.text).toContain('O estorno foi feito hoje.');
    expect(w.mailer.sent[0]!.text).not.toContain('#encerrar');
  });

  it.each([
    ['in her answer', (a: string) => `Olá, Maria. Se preferir, escreva direto para ${a}.`],
    ['in a #prorrogar reason', (a: string) => `#prorrogar 3 aguardando o financeiro (cópias para ${a})`],
    ['in a closing message', (a: string) => `#encerrar procedente estorno feito\nDúvidas? Escreva para <${a}>.`],
    ['in a closing summary', (a: string) => `#encerrar procedente estorno feito, ver ${a}`],
  ])('her case address %s reaches neither the merchant nor her status page', async (_, write) => {
    const w = lifecycleWorld({ cases: [workCase({ status: 'IN_PROGRESS' })] });
    const token = addressOf('ana').split('.')[1]?.split('@')[0] as string;
    await handleStaffMail(mailFrom('ana', ANA, write(addressOf('ana'))), w.deps);
    const toMerchant = w.mailer.sent.filter((m) => m.to.includes(MERCHANT));
    expect(toMerchant).toHaveLength(1);
    expect(JSON.stringify(toMerchant)).not.toMatch(/caso\+/i);
    expect(JSON.stringify(toMerchant)).not.toContain(token);
    expect(toMerchant[0]!.text).toContain('ouvidoria@ouvidoria.example.com.br');
    expect(JSON.stringify(w.cases.must())).not.toContain(token);
  });

  it.each([
    [
      'below the quoted history',
      `Olá, Maria. Estamos verificando.\n\n${GMAIL_ANSWER.split('\n').slice(-3).join('\n')}\n\n#encerrar improcedente`,
    ],
    ['inside the answer, an internal note', 'Olá, Maria. Estamos verificando.\n#nota a lojista já ligou três vezes'],
  ])('a command %s: nothing relayed, the case unchanged, the analyst told why', async (_, text) => {
    const w = lifecycleWorld({ cases: [workCase({ status: 'IN_PROGRESS' })] });
    expect(await handleStaffMail(mailFrom('ana', ANA, text), w.deps)).toMatchObject({
      kind: 'refused',
      codes: ['misplaced-command'],
    });
    expect(w.cases.must().status).toBe('IN_PROGRESS');
    expect(w.mailer.sent.map((m) => m.to)).toEqual([[ANA]]);
    expect(w.mailer.sent[0]?.text).toContain('primeiras linhas');
  });

  it('#encerrar written in the subject: nothing relayed, the case stays open, the analyst told to write it in the text', async () => {
    const w = lifecycleWorld({ cases: [workCase({ status: 'IN_PROGRESS' })] });
    const mail = mailFrom('ana', ANA, 'Olá, Maria. O estorno foi feito hoje.', {
      subject: `RE: [${PROTOCOL}] #encerrar procedente`,
    });
    expect(await handleStaffMail(mail, w.deps)).toMatchObject({ kind: 'refused', codes: ['command-in-subject'] });
    expect(w.cases.must().status).toBe('IN_PROGRESS');
    expect(w.mailer.sent.map((m) => m.to)).toEqual([[ANA]]);
    expect(w.mailer.sent[0]?.text).toContain('está no assunto');
  });

  it('#aguardar with an answer: relayed, then waiting for the merchant', async () => {
    const w = lifecycleWorld();
    await handleStaffMail(mailFrom('ana', ANA, '#aguardar\nOlá, Maria. Pode enviar a fatura em PDF?'), w.deps);
    expect(w.cases.must().status).toBe('WAITING_MERCHANT');
    expect(w.mailer.sent.map((m) => m.to[0])).toEqual([MERCHANT]);
  });

  it('#nota: recorded, nothing sent to anyone', async () => {
    const w = lifecycleWorld();
    await handleStaffMail(mailFrom('ana', ANA, '#Nota\nLojista ligou; combinei retorno até sexta.'), w.deps);
    expect(w.mailer.sent).toEqual([]);
    expect(w.cases.must().history).toMatchObject([
      { type: 'note', text: 'Lojista ligou; combinei retorno até sexta.' },
    ]);
    expect(w.cases.must().messages).toHaveLength(1);
  });

  it('#transferir: counts move, the new analyst gets the notice with her own reply address', async () => {
    const w = lifecycleWorld();
    await handleStaffMail(mailFrom('ana', ANA, '#transferir carla\nCarla, é sobre a fatura de fevereiro.'), w.deps);
    expect(w.cases.must().assignee).toBe('carla');
    expect(w.counter.count('ana')).toBe(0);
    expect(w.counter.count('carla')).toBe(1);
    // A case handed to her is her assignment turn; ana's is not moved by giving one away.
    expect(w.counter.turns.get('carla')).toBe(w.clock.now().toISOString());
    expect(w.counter.turns.has('ana')).toBe(false);
    expect(w.mailer.sent).toHaveLength(1);
    const notice = w.mailer.sent[0]!;
    expect(notice.to).toEqual(['carla@empresa.com.br']);
    expect(notice.replyTo).toEqual([addressOf('carla')]);
    expect(notice.text).toContain('Carla, é sobre a fatura de fevereiro.');
  });

  it('#transferir: the notice names who answered and who noted by their roster names, not ids', async () => {
    const w = lifecycleWorld();
    await handleStaffMail(
      mailFrom('ana', ANA, 'Olá, Maria. Já pedi o estorno ao financeiro.', { sourceId: 's1' }),
      w.deps,
    );
    await handleStaffMail(mailFrom('ana', ANA, '#nota Financeiro promete até sexta.', { sourceId: 's2' }), w.deps);
    await handleStaffMail(mailFrom('ana', ANA, '#transferir carla', { sourceId: 's3' }), w.deps);
    const notice = w.mailer.sent.at(-1)!;
    expect(notice.text).toContain('foi transferido para você por Ana Lima.');
    expect(notice.text).toMatch(/^Resposta da Ouvidoria ao lojista \(Ana Lima\) — /m);
    expect(notice.text).toMatch(/^Nota interna — não enviada ao lojista \(Ana Lima\) — /m);
    expect(notice.text).not.toContain('(ana)');
  });

  it('#prorrogar: new due date, merchant told, timers armed for it', async () => {
    const w = lifecycleWorld();
    await handleStaffMail(mailFrom('ana', ANA, '#prorrogar 5 dias uteis aguardando retorno do financeiro'), w.deps);
    const c = w.cases.must();
    expect(c.dueAt).toBe('2026-03-31T13:00:00.000Z');
    expect(w.mailer.sent).toHaveLength(1);
    expect(w.mailer.sent[0]!.text).toContain('Novo prazo: até 31/03/2026');
    expect(w.mailer.sent[0]!.text).toContain('Motivo: aguardando retorno do financeiro');
    expect(w.timers.list().map((t) => [t.kind, t.dueAt])).toEqual([
      ['reminder', '2026-03-31T13:00:00.000Z'],
      ['escalation', '2026-03-31T13:00:00.000Z'],
    ]);
  });

  it('an answer with #prorrogar: the merchant gets one mail, the answer with the new date and why', async () => {
    const w = lifecycleWorld();
    const text = '#prorrogar 5 dias uteis: aguardando retorno do financeiro\nMaria, o estorno foi pedido ao banco.';
    await handleStaffMail(mailFrom('ana', ANA, text), w.deps);
    expect(w.cases.must().dueAt).toBe('2026-03-31T13:00:00.000Z');
    expect(w.mailer.sent).toHaveLength(1);
    const mail = w.mailer.sent[0]!;
    expect(mail.text).toContain('o estorno foi pedido ao banco.');
    expect(mail.text).toContain('Novo prazo: até 31/03/2026');
    expect(mail.text).toContain('Motivo: aguardando retorno do financeiro');
    expect(w.timers.list()).toHaveLength(2);
  });

  it('#aguardar with what is awaited on its line: her answer is relayed, the words stay in the history', async () => {
    const w = lifecycleWorld();
    const text = '#aguardar retorno do lojista sobre o print\nMaria, pode enviar o print da tela do pedido?';
    const result = await handleStaffMail(mailFrom('ana', ANA, text), w.deps);
    expect(result).toMatchObject({ kind: 'applied' });
    const c = w.cases.must();
    expect(c.status).toBe('WAITING_MERCHANT');
    expect(c.history?.find((e) => e.type === 'waiting-merchant')).toMatchObject({
      awaiting: 'retorno do lojista sobre o print',
    });
    expect(w.mailer.sent).toHaveLength(1);
    expect(w.mailer.sent[0]!.text).toContain('pode enviar o print da tela do pedido?');
    expect(`${w.mailer.sent[0]!.text}${w.mailer.sent[0]!.html}`).not.toContain('retorno do lojista');
  });

  it('a supervisor may act on any case', async () => {
    const w = lifecycleWorld();
    const result = await handleStaffMail(mailFrom('sofia', 'sofia@empresa.com.br', '#encerrar resolvido'), w.deps);
    expect(result).toMatchObject({ kind: 'applied', events: ['closed'] });
    expect(w.counter.count('ana')).toBe(0);
  });

  it('attachments within the limit are relayed; inline logos, oversize files and webform files are not', () => {
    const files = [
      { filename: 'logo.png', contentType: 'image/png', size: 5_000, inline: true, partId: '2', kind: 'png' as const },
      // A webform file has no MIME part to read: the console serves it.
      { filename: 'nota.pdf', contentType: 'application/pdf', size: 900, inline: false, key: 'uploads/ab/01' },
      {
        filename: 'fatura.pdf',
        contentType: 'application/pdf',
        size: 6_000_000,
        inline: false,
        partId: '3',
        kind: 'pdf' as const,
      },
      {
        filename: 'extrato.pdf',
        contentType: 'application/pdf',
        size: 6_000_000,
        inline: false,
        partId: '4',
        kind: 'pdf' as const,
      },
      {
        filename: 'print.png',
        contentType: 'image/png',
        size: 1_000,
        inline: false,
        partId: '5',
        kind: 'png' as const,
      },
    ];
    expect(relayableAttachments({ attachments: files, virus: 'PASS' }, 10 * 1024 * 1024).map((f) => f.partId)).toEqual([
      '3',
      '5',
    ]);
  });

  // Files the bytes did not prove an accepted kind (parse-email.ts): never sent on from our address.
  it.each<[string, Record<string, unknown>]>([
    ['a program under a PDF name', { filename: 'fatura.pdf.exe', contentType: 'application/pdf', scan: 'REFUSED' }],
    ['an HTML page', { filename: 'boleto.html', contentType: 'text/html', scan: 'REFUSED' }],
    ['a forwarded message', { filename: 'encaminhada.eml', contentType: 'message/rfc822', scan: 'REFUSED' }],
    ['a file left unchecked (past the parser’s budget)', { filename: 'foto-11.png', contentType: 'image/png' }],
  ])('%s is not relayed', (_what, file) => {
    const files = [
      { size: 1_000, inline: false, partId: '2', ...file } as AttachmentMeta,
      {
        filename: 'print.png',
        contentType: 'image/png',
        size: 1_000,
        inline: false,
        partId: '3',
        kind: 'png' as const,
      },
    ];
    expect(relayableAttachments({ attachments: files, virus: 'PASS' }, 10 * 1024 * 1024).map((f) => f.partId)).toEqual([
      '3',
    ]);
  });

  it('the relayed answer carries its attachments for the mailer', async () => {
    const w = lifecycleWorld();
    const pdf = PDF;
    await handleStaffMail(mailFrom('ana', ANA, 'Segue o comprovante.', { attachments: [pdf] }), w.deps);
    expect((w.mailer.sent[0] as { attachments?: unknown }).attachments).toEqual({
      raw: { bucket: 'raw-mail', key: 'inbound/ses-staff-1' },
      parts: [pdf],
    });
  });
});

describe('handleStaffMail — files that do not go with the answer: the analyst is told', () => {
  const pdf = PDF;
  const zip = {
    filename: 'prints.zip',
    contentType: 'application/zip',
    size: 900,
    inline: false,
    partId: '3',
    scan: 'REFUSED' as const,
  };
  const heic = {
    filename: 'IMG_2231.HEIC',
    contentType: 'image/heic',
    size: 800,
    inline: false,
    partId: '4',
    scan: 'REFUSED' as const,
  };
  const video = {
    filename: 'gravacao.png',
    contentType: 'image/png',
    size: 40 * 1024 * 1024,
    inline: false,
    partId: '5',
    kind: 'png' as const,
  };
  const logo = {
    filename: 'logo.png',
    contentType: 'image/png',
    size: 500,
    inline: true,
    partId: '6',
    kind: 'png' as const,
  };

  it.each<[string, string, string[]]>([
    ['an answer', 'Segue o comprovante e os prints.', ['answered']],
    ['#aguardar with an answer', '#aguardar\nSegue o comprovante e os prints.', ['answered', 'waiting-merchant']],
    [
      '#encerrar with a message',
      '#encerrar procedente estorno feito\nSegue o comprovante e os prints.',
      ['answered', 'closed'],
    ],
  ])('%s: the merchant gets the PDF; the analyst, which files stayed behind and why', async (_label, text, events) => {
    const w = lifecycleWorld();
    const mail = mailFrom('ana', ANA, text, { attachments: [pdf, zip, heic, video, logo] });
    const result = await handleStaffMail(mail, w.deps);
    expect(result).toMatchObject({ kind: 'applied', events });
    const toAnalyst = w.mailer.sent.filter((m) => m.to.includes(ANA));
    expect(toAnalyst.map((m) => m.subject)).toEqual([`[${PROTOCOL}] Anexos não enviados ao lojista`]);
    const note = toAnalyst[0]?.text ?? '';
    expect(note).toMatch(/prints\.zip — formato que a Ouvidoria não envia \(aceitos: PDF, PNG, JPEG/);
    expect(note).toContain('IMG_2231.HEIC — formato que a Ouvidoria não envia');
    expect(note).toMatch(/gravacao\.png — acima do limite de \d+ MB por mensagem/);
    expect(note).not.toContain('comprovante.pdf');
    expect(note).not.toContain('logo.png');
    const toMerchant = w.mailer.sent.find((m) => !m.to.includes(ANA) && 'attachments' in m) as {
      attachments?: { parts: unknown[] };
    };
    expect(toMerchant?.attachments?.parts).toEqual([pdf]);
  });

  it('every file went, or the mail is an internal note: no such notice', async () => {
    const w = lifecycleWorld();
    await handleStaffMail(mailFrom('ana', ANA, 'Segue o comprovante.', { attachments: [pdf, logo] }), w.deps);
    await handleStaffMail(
      mailFrom('ana', ANA, '#nota prints da conversa com o financeiro', {
        attachments: [zip],
        sourceId: 'ses-staff-2',
      }),
      w.deps,
    );
    expect(w.mailer.sent.filter((m) => m.subject.includes('Anexos não enviados'))).toEqual([]);
  });

  it('only a PDF, no text: an answer of that file (the merchant gets it, nothing refused)', async () => {
    const w = lifecycleWorld();
    const result = await handleStaffMail(mailFrom('ana', ANA, '', { attachments: [pdf, logo] }), w.deps);
    expect(result).toMatchObject({ kind: 'applied', events: ['answered'] });
    expect(w.mailer.sent.map((m) => m.to)).toEqual([['maria@lojadamaria.com.br']]);
    expect((w.mailer.sent[0] as { attachments?: { parts: unknown[] } }).attachments?.parts).toEqual([pdf]);
  });

  it('only files the office does not send, no text: refused, and the refusal names them and why', async () => {
    const w = lifecycleWorld();
    const result = await handleStaffMail(mailFrom('ana', ANA, '', { attachments: [zip, heic] }), w.deps);
    expect(result).toMatchObject({ kind: 'refused', codes: ['empty-answer'] });
    expect(w.mailer.sent.map((m) => m.to)).toEqual([[ANA]]);
    const text = w.mailer.sent[0]?.text ?? '';
    expect(text).toContain('Sua mensagem trazia só arquivos que a Ouvidoria não envia ao lojista (prints.zip: formato');
    expect(text).toContain('IMG_2231.HEIC: formato que a Ouvidoria não envia');
    expect(text).not.toContain('sem texto novo');
  });

  // SES's anti-virus did not pass her mail: her words go to the merchant, her files stay behind.
  const verdicts = (virus: 'PROCESSING_FAILED' | 'GRAY' | 'DISABLED') => ({
    spam: 'PASS' as const,
    virus,
    spf: 'PASS' as const,
    dkim: 'PASS' as const,
    dmarc: 'PASS' as const,
  });
  it.each([
    ['SES could not scan it', 'PROCESSING_FAILED' as const],
    ['SES was unsure of it', 'GRAY' as const],
    ['the scan was off', 'DISABLED' as const],
  ])('%s: the merchant gets the answer without the PDF; the analyst is told why', async (_what, virus) => {
    const w = lifecycleWorld();
    const mail = mailFrom('ana', ANA, 'Segue o comprovante do estorno.', {
      attachments: [pdf, logo],
      verdicts: verdicts(virus),
    });
    expect(await handleStaffMail(mail, w.deps)).toMatchObject({ kind: 'applied', events: ['answered'] });
    const toMerchant = w.mailer.sent.filter((m) => !m.to.includes(ANA));
    expect(toMerchant).toHaveLength(1);
    expect(toMerchant[0]?.text).toContain('Segue o comprovante do estorno.');
    expect((toMerchant[0] as { attachments?: unknown }).attachments).toBeUndefined();
    const note = w.mailer.sent.find((m) => m.subject === `[${PROTOCOL}] Anexos não enviados ao lojista`)?.text ?? '';
    expect(note).toContain('comprovante.pdf — não verificado pelo antivírus');
    expect(note).not.toContain('logo.png');
  });

  it('only a PDF SES could not scan, no text: refused, saying it was not scanned', async () => {
    const w = lifecycleWorld();
    const mail = mailFrom('ana', ANA, '', { attachments: [pdf], verdicts: verdicts('PROCESSING_FAILED') });
    expect(await handleStaffMail(mail, w.deps)).toMatchObject({ kind: 'refused', codes: ['empty-answer'] });
    expect(w.mailer.sent.map((m) => m.to)).toEqual([[ANA]]);
    expect(w.mailer.sent[0]?.text).toContain('(comprovante.pdf: não verificado pelo antivírus');
  });

  it('the same mail delivered twice tells the analyst once', async () => {
    const w = lifecycleWorld();
    const mail = mailFrom('ana', ANA, 'Segue o comprovante.', { attachments: [pdf, zip] });
    await handleStaffMail(mail, w.deps);
    await handleStaffMail(mail, w.deps);
    expect(w.mailer.sent.filter((m) => m.subject.includes('Anexos não enviados'))).toHaveLength(1);
  });
});

describe('handleStaffMail — refused commands change nothing but the audit trail', () => {
  it.each<[string, string, string, string, WorkStatus?]>([
    ['another analyst', 'bruno', 'bruno@empresa.com.br', '#encerrar procedente'],
    ['an unknown command', 'ana', ANA, '#fechar procedente\nOlá'],
    ['malformed days', 'ana', ANA, '#prorrogar cinco dias motivo'],
    ['too many days', 'ana', ANA, '#prorrogar 45 motivo'],
    ['a transfer to someone on leave', 'ana', ANA, '#transferir davi'],
    ['a transfer to an inactive analyst', 'ana', ANA, '#transferir edu'],
    ['a transfer to nobody', 'ana', ANA, '#transferir zeca'],
    ['#aguardar when already waiting', 'ana', ANA, '#aguardar', 'WAITING_MERCHANT'],
    ['an answer to a closed case', 'ana', ANA, 'Olá de novo', 'CLOSED'],
    ['only quoted text', 'ana', ANA, '\n\nEm qui., 12 de mar. de 2026 às 10:00, Ouvidoria <o@x> escreveu:\n> antigo'],
  ])('%s', async (_what, id, email, text, status) => {
    const w = lifecycleWorld({ cases: [workCase(status ? { status } : {})] });
    const before = w.cases.must();
    const result = await handleStaffMail(mailFrom(id, email, text), w.deps);
    expect(result.kind).toBe('refused');
    const after = w.cases.must();
    expect(after.status).toBe(before.status);
    expect(after.assignee).toBe(before.assignee);
    expect(after.dueAt).toBe(before.dueAt);
    expect(after.messages).toEqual(before.messages);
    expect(after.history).toMatchObject([{ type: 'refused', actor: { id }, sourceId: 'ses-staff-1' }]);
    // Only the explanation, to the sender; nothing to the merchant.
    expect(w.mailer.sent.map((m) => m.to)).toEqual([[email]]);
    expect(w.mailer.sent[0]!.subject).toBe(`[${PROTOCOL}] Sua mensagem não foi processada`);
    // A case that is not hers gets no reply address: her answer there would be refused again.
    expect(w.mailer.sent[0]!.replyTo).toEqual(id === 'ana' ? [addressOf(id)] : []);
    expect(w.counter.count('ana')).toBe(1);
    expect(w.timers.list()).toEqual([]);
  });
});

describe('handleStaffMail — the raw mail of a refused staff mail', () => {
  it('is tagged like a set-aside one: no message refers to it, so no closing would ever tag it', async () => {
    const w = lifecycleWorld({ cases: [workCase()] });
    const retention = new RecordingRawMailRetention();
    const refused = await handleStaffMail(mailFrom('ana', ANA, '#fechar procedente'), {
      ...w.deps,
      rawMailRetention: retention,
    });
    expect(refused.kind).toBe('refused');
    expect(retention.marks).toEqual([{ kind: 'redirected', key: 'inbound/ses-staff-1' }]);
    // Named on its entry, for an erasure of the merchant (it may quote her case).
    expect(w.cases.must().history?.at(-1)).toMatchObject({
      type: 'refused',
      raw: { bucket: 'raw-mail', key: 'inbound/ses-staff-1' },
    });
    // An answer's raw mail is its message's, on the case's clock.
    const second = { sourceId: 'ses-staff-2', raw: { bucket: 'raw-mail', key: 'inbound/ses-staff-2' } };
    const answered = await handleStaffMail(mailFrom('ana', ANA, 'Olá, resolvido.', second), {
      ...w.deps,
      rawMailRetention: retention,
    });
    expect(answered.kind).toBe('applied');
    expect(retention.marks).toHaveLength(1);
    // Its closing tags the case's mails, not the refused one (already on the set-aside clock).
    await handleStaffMail(
      mailFrom('ana', ANA, OUTLOOK_CLOSE, {
        sourceId: 'ses-staff-3',
        messageId: 'DM6PR01MB-staff-3@outlook.com',
        raw: { bucket: 'raw-mail', key: 'inbound/ses-staff-3' },
      }),
      { ...w.deps, rawMailRetention: retention },
    );
    expect(w.cases.must().status).toBe('CLOSED');
    expect(retention.marks.filter((m) => m.key === 'inbound/ses-staff-1')).toEqual([
      { kind: 'redirected', key: 'inbound/ses-staff-1' },
    ]);
  });
});

describe('handleStaffMail — the raw mail of a mail of commands only', () => {
  it('is named by its events and follows the case: tagged at the closing, untagged at a reopening', async () => {
    const w = lifecycleWorld({ cases: [workCase({ status: 'IN_PROGRESS' })] });
    const retention = new RecordingRawMailRetention();
    const deps = { ...w.deps, rawMailRetention: retention };
    const noted = await handleStaffMail(mailFrom('ana', ANA, '#nota\nLojista ligou; combinei retorno.'), deps);
    expect(noted).toMatchObject({ kind: 'applied', events: ['note'] });
    // No message keeps it: the note's event does, and nothing is tagged while the case is open.
    expect(w.cases.must().history?.at(-1)).toMatchObject({
      type: 'note',
      raw: { bucket: 'raw-mail', key: 'inbound/ses-staff-1' },
    });
    expect(retention.marks).toEqual([]);

    const second = {
      sourceId: 'ses-staff-2',
      messageId: 'DM6PR01MB-staff-2@outlook.com',
      raw: { bucket: 'raw-mail', key: 'inbound/ses-staff-2' },
    };
    await handleStaffMail(mailFrom('ana', ANA, OUTLOOK_CLOSE, second), deps);
    expect(w.cases.must().status).toBe('CLOSED');
    expect(retention.marks).toEqual(
      expect.arrayContaining([
        { kind: 'closed', key: 'inbound/ses-staff-1' },
        { kind: 'closed', key: 'inbound/ses-staff-2' },
      ]),
    );
    // Every raw mail of the case once: its first message's, the note's and the closing mail's.
    expect(retention.marks.filter((m) => m.key === 'inbound/ses-staff-1')).toHaveLength(1);
  });

  it('an answer keeps its raw mail on its message, not on its events', async () => {
    const w = lifecycleWorld();
    await handleStaffMail(mailFrom('ana', ANA, 'Olá, Maria. Resolvido.'), w.deps);
    expect(w.cases.must().messages.at(-1)?.raw).toEqual({ bucket: 'raw-mail', key: 'inbound/ses-staff-1' });
    expect(w.cases.must().history?.some((e) => e.raw)).toBe(false);
  });
});

describe('handleStaffMail — forged or unverifiable mail is quarantined and changes nothing', () => {
  const other = staffReplyAddress(PROTOCOL, 'ana', 'another-secret-0123456789abcdef', localConfig);
  // The last column: who is told her mail was set aside (her roster address), when anyone is.
  const cases: Array<[string, ReturnType<typeof staffMail>, string, string[]?]> = [
    [
      'a token made with another secret',
      staffMail({ to: other, from: ANA, text: '#encerrar procedente' }),
      'bad-token',
      [ANA],
    ],
    [
      "Ana's address used by Bruno (he wrote to a colleague's case address)",
      staffMail({ to: addressOf('ana'), from: 'bruno@empresa.com.br', text: '#encerrar procedente' }),
      'bad-token',
      ['bruno@empresa.com.br'],
    ],
    [
      "Ana's address used by Bruno, his From in capitals: told at his roster address",
      staffMail({ to: addressOf('ana'), from: 'Bruno@Empresa.COM.BR', text: '#encerrar procedente' }),
      'bad-token',
      ['bruno@empresa.com.br'],
    ],
    [
      "Ana's address used by Bruno, DKIM and SPF failed: nobody is told",
      staffMail({
        to: addressOf('ana'),
        from: 'bruno@empresa.com.br',
        text: '#encerrar procedente',
        verdicts: { spam: 'PASS', virus: 'PASS', spf: 'FAIL', dkim: 'FAIL', dmarc: 'FAIL' },
      }),
      'sender-authentication-failed',
    ],
    [
      "Ana's address used by Bruno, SPF passed without DMARC: nobody is told",
      staffMail({
        to: addressOf('ana'),
        from: 'bruno@empresa.com.br',
        text: '#encerrar procedente',
        verdicts: { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'FAIL', dmarc: 'GRAY' },
      }),
      'sender-authentication-failed',
    ],
    [
      'a token for another case',
      staffMail({
        to: staffReplyAddress('OUV-2026-000124', 'ana', SECRET, localConfig).replace('000124', '000123'),
        from: ANA,
        text: 'x',
      }),
      'bad-token',
      [ANA],
    ],
    ['an unknown sender', mailFrom('ana', 'golpista@evil.example.com', '#encerrar procedente'), 'unknown-sender'],
    ['an inactive member', mailFrom('edu', 'edu@empresa.com.br', '#encerrar procedente'), 'inactive-sender'],
    [
      'DKIM and SPF failed',
      mailFrom('ana', ANA, '#encerrar procedente', {
        verdicts: { spam: 'PASS', virus: 'PASS', spf: 'FAIL', dkim: 'FAIL', dmarc: 'FAIL' },
      }),
      'sender-authentication-failed',
    ],
    [
      'DKIM passed but DMARC failed (a signature of another domain)',
      mailFrom('ana', ANA, '#encerrar procedente', {
        verdicts: { spam: 'PASS', virus: 'PASS', spf: 'FAIL', dkim: 'PASS', dmarc: 'FAIL' },
      }),
      'sender-authentication-failed',
    ],
    [
      'SPF passed without DMARC',
      mailFrom('ana', ANA, '#encerrar procedente', {
        verdicts: { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'FAIL', dmarc: 'GRAY' },
      }),
      'sender-authentication-failed',
    ],
    [
      'no verdicts at all',
      mailFrom('ana', ANA, '#encerrar procedente', { verdicts: undefined }),
      'sender-authentication-failed',
    ],
    // SES's anti-virus flagged it: the answer and its file went on to the merchant under the
    // office's name (a merchant's mail is quarantined by quarantine.virus; staff mail skipped it).
    [
      "Ana's signed answer with a file SES's anti-virus flagged",
      mailFrom('ana', ANA, 'Segue o comprovante do estorno.', {
        verdicts: { spam: 'PASS', virus: 'FAIL', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' },
        attachments: [PDF],
      }),
      'virus',
    ],
    [
      "the analyst's closing the SES anti-virus flagged",
      mailFrom('ana', ANA, '#encerrar procedente\nResolvido, segue a planilha.', {
        verdicts: { spam: 'PASS', virus: 'FAIL', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' },
      }),
      'virus',
    ],
    [
      'DKIM valid but of another domain than the From (SES’s headers say which)',
      mailFrom('ana', ANA, '#encerrar procedente', {
        verdicts: { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'GRAY' },
        dkimAligned: false,
      }),
      'sender-authentication-failed',
    ],
    [
      'DKIM valid, of a domain SES did not say (no Authentication-Results of its own), no DMARC',
      mailFrom('ana', ANA, '#encerrar procedente', {
        verdicts: { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'GRAY' },
      }),
      'sender-authentication-failed',
    ],
    [
      'a From naming the analyst and someone else (the author left to a guess)',
      mailFrom('ana', ANA, '#encerrar procedente', { authorUnclear: true }),
      'sender-authentication-failed',
    ],
    [
      'a mail to the ombudsman address',
      staffMail({ to: 'ouvidoria@ouvidoria.example.com.br', from: ANA, text: '#encerrar procedente' }),
      'not-a-staff-address',
    ],
    [
      "a mail to two cases' addresses, this case's first (the second was silently ignored)",
      mailFrom('ana', ANA, '#encerrar procedente\nResolvido.', {
        recipients: [addressOf('ana'), staffReplyAddress('OUV-2026-000124', 'ana', SECRET, localConfig)],
      }),
      'ambiguous-address',
    ],
    [
      "a mail to two cases' addresses, this case's second",
      mailFrom('ana', ANA, '#encerrar procedente\nResolvido.', {
        recipients: [`Caso <${staffReplyAddress('OUV-2026-000124', 'ana', SECRET, localConfig)}>`, addressOf('ana')],
      }),
      'ambiguous-address',
    ],
    [
      'a case that does not exist',
      staffMail({ to: staffReplyAddress('OUV-2026-000999', 'ana', SECRET, localConfig), from: ANA, text: 'x' }),
      'unknown-case',
    ],
  ];

  it.each(cases)('%s', async (_what, mail, reason, told = []) => {
    const w = lifecycleWorld();
    const before = w.cases.must();
    expect(await handleStaffMail(mail, w.deps)).toEqual({ kind: 'quarantine', reason });
    expect(w.cases.must()).toEqual(before);
    expect(w.cases.commits).toEqual([]);
    expect(w.mailer.sent.map((m) => m.to)).toEqual(told.map((to) => [to]));
    for (const notice of w.mailer.sent) {
      expect(notice.subject).toBe(`[${PROTOCOL}] Sua mensagem não foi processada`);
      expect(notice.text).toContain('nada foi enviado ao lojista e o caso não mudou');
      expect(notice.text).toContain('não é o seu endereço de resposta desse caso');
      // Nothing of the case, which may not be hers: no merchant, no case address to act with.
      expect(notice.text).not.toContain(MERCHANT);
      expect(notice.replyTo ?? []).toEqual([]);
    }
    expect(w.counter.count('ana')).toBe(1);
  });

  it('the notices to one analyst are capped per day: re-sent copies cannot flood her', async () => {
    const w = lifecycleWorld();
    const max = localConfig.lifecycle.staffQuarantineNoticesPerDay;
    for (let i = 0; i < max + 3; i++) {
      const mail = staffMail({ to: other, from: ANA, text: '#encerrar procedente', sourceId: `ses-copy-${i}` });
      expect(await handleStaffMail(mail, w.deps)).toEqual({ kind: 'quarantine', reason: 'bad-token' });
    }
    expect(w.mailer.sent).toHaveLength(max);
  });

  // SES refuses the notice (her address on the suppression list, the sandbox) or the day's counter
  // is throttled: the mail is still set aside, quarantined, never failed into the intake's DLQ.
  it.each([
    ['SES refuses the notice', 'mailer'],
    ['the notice counter fails', 'limiter'],
  ] as const)('a notice that cannot go (%s) leaves the mail quarantined', async (_what, failing) => {
    const w = lifecycleWorld();
    const fail = async () => {
      throw new MailRejected('Address is on the suppression list');
    };
    const deps =
      failing === 'mailer' ? { ...w.deps, mailer: { send: fail } } : { ...w.deps, noticeLimiter: { hit: fail } };
    const mail = staffMail({ to: other, from: ANA, text: '#encerrar procedente' });
    expect(await handleStaffMail(mail, deps)).toEqual({ kind: 'quarantine', reason: 'bad-token' });
    expect(w.cases.commits).toEqual([]);
  });
});

// An analyst copied the merchant on a case mail and she answered all, to the case's address: not
// staff, but the case's own merchant — her mail goes to the intake's threading, never as commands.
describe("handleStaffMail — the case's merchant writing to its staff address", () => {
  it.each([
    ['her answer', mailFrom('ana', MERCHANT, 'Segue o print da tela de pedidos.')],
    ['her address in capitals', mailFrom('ana', MERCHANT.toUpperCase(), 'Segue o print.')],
    ['commands in her text act on nothing', mailFrom('ana', MERCHANT, '#encerrar procedente\nPode fechar.')],
  ])('%s: handed back as hers, nothing applied', async (_what, mail) => {
    const w = lifecycleWorld();
    const before = w.cases.must();
    expect(await handleStaffMail(mail, w.deps)).toEqual({
      kind: 'merchant',
      protocol: PROTOCOL,
      otherwise: 'unknown-sender',
    });
    expect(w.cases.must()).toEqual(before);
    expect(w.cases.commits).toEqual([]);
    expect(w.mailer.sent).toEqual([]);
  });

  it.each([
    ['DMARC failed', { spam: 'PASS', virus: 'PASS', spf: 'FAIL', dkim: 'FAIL', dmarc: 'FAIL' }],
    [
      'SPF alone, her domain publishing no DMARC',
      { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'GRAY', dmarc: 'GRAY' },
    ],
  ] as const)(
    'her address with no staff proof (%s): handed back for her thread’s own checks',
    async (_what, verdicts) => {
      const w = lifecycleWorld();
      const mail = mailFrom('ana', MERCHANT, 'Segue o print.', { verdicts });
      expect(await handleStaffMail(mail, w.deps)).toEqual({
        kind: 'merchant',
        protocol: PROTOCOL,
        otherwise: 'sender-authentication-failed',
      });
      expect(w.mailer.sent).toEqual([]);
    },
  );
});

// Red team 55 note 3: her Gmail in another spelling is her (one inbox); a look-alike is not.
describe("handleStaffMail — the case's Gmail merchant writing to its staff address in another spelling", () => {
  it.each([
    ['without the dot', 'mariasouza@gmail.com', true],
    ['with a +tag', 'maria.souza+loja@gmail.com', true],
    ['a look-alike domain', 'maria.souza@gmai1.com', false],
  ])('%s: hers %s', async (_what, from, hers) => {
    const w = lifecycleWorld({ cases: [workCase({ senderEmail: 'maria.souza@gmail.com' })] });
    const result = await handleStaffMail(mailFrom('ana', from, 'Segue o print.'), w.deps);
    expect(result.kind).toBe(hers ? 'merchant' : 'quarantine');
    expect(w.cases.commits).toEqual([]);
  });
});

describe('handleStaffMail — a signed mail of the analyst handed to the case address by someone else', () => {
  const mailOfAna = (text: string, addressedTo: string[]) =>
    mailFrom('ana', ANA, text, { recipients: [addressOf('ana')], addressedTo });
  it.each([
    [
      'her internal mail to Bruno, re-sent by him to her case address (the envelope only)',
      mailOfAna('Bruno, essa lojista já ligou três vezes; acho que não tem razão.', ['bruno@empresa.com.br']),
    ],
    [
      'her #encerrar to another case, with Bruno in Cc, re-sent by him to this case',
      mailOfAna('#encerrar improcedente\nSem fundamento.', [
        staffReplyAddress('OUV-2026-000124', 'ana', SECRET, localConfig),
        'bruno@empresa.com.br',
      ]),
    ],
    [
      "Bruno's address of the case in her To, hers only in the envelope",
      mailOfAna('#encerrar procedente\nResolvido.', [addressOf('bruno')]),
    ],
    ['a mail of hers with no To nor Cc at all', mailOfAna('#encerrar procedente\nResolvido.', [])],
  ])('%s: quarantined, nothing changes, she alone is told it did nothing', async (_, mail) => {
    const w = lifecycleWorld();
    const before = w.cases.must();
    expect(await handleStaffMail(mail, w.deps)).toEqual({ kind: 'quarantine', reason: 'not-addressed-to-case' });
    expect(w.cases.must()).toEqual(before);
    expect(w.mailer.sent.map((m) => m.to)).toEqual([[ANA]]);
    expect(w.mailer.sent[0]!.text).toContain('sem que ele estivesse entre os destinatários');
    expect(w.mailer.sent[0]!.text).not.toContain(MERCHANT);
  });

  it.each([
    ['her address in To, as her client wrote it', [`"Caso ${PROTOCOL}" <${addressOf('ana').toUpperCase()}>`]],
    ['her address in Cc, a colleague in To', ['bruno@empresa.com.br', addressOf('ana')]],
  ])('%s: acts', async (_, addressedTo) => {
    const w = lifecycleWorld();
    const result = await handleStaffMail(mailOfAna('Olá, Maria. O estorno foi feito hoje.', addressedTo), w.deps);
    expect(result).toMatchObject({ kind: 'applied', events: ['answered'] });
    expect(w.mailer.sent.map((m) => m.to)).toEqual([[MERCHANT]]);
  });

  it('from the wire: To names Bruno, the envelope the case address — quarantined', async () => {
    const raw = [
      'From: Ana Lima <ana@empresa.com.br>',
      'To: Bruno Costa <bruno@empresa.com.br>',
      'Subject: lojista OUV-2026-000123',
      'Message-ID: <CAF-ana-internal-1@mail.gmail.com>',
      '',
      '#encerrar improcedente',
      'Bruno, vou encerrar esse sem fundamento.',
    ].join('\r\n');
    const mail = await parseEmail(
      Buffer.from(raw),
      {
        sourceId: 'ses-replayed-1',
        receivedAt: '2026-03-12T14:00:00.000Z',
        verdicts: { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' },
        returnPath: 'ana@empresa.com.br',
        recipients: [addressOf('ana')],
      },
      { maxRawMailBytes: 1024 * 1024 },
    );
    const w = lifecycleWorld();
    const before = w.cases.must();
    expect(await handleStaffMail(mail, w.deps)).toEqual({ kind: 'quarantine', reason: 'not-addressed-to-case' });
    expect(w.cases.must()).toEqual(before);
    // Told at her roster address (the From of a replayed copy of hers is hers too).
    expect(w.mailer.sent.map((m) => m.to)).toEqual([[ANA]]);
  });
});

describe('handleStaffMail — an HTML-only mail acts by the lines its writer sees', () => {
  it.each([
    ['a hidden #encerrar above her answer', '<div style="display:none">#encerrar improcedente</div>', 'answered'],
    ['a #encerrar in a font of size 0', '<p style="font-size:0">#encerrar improcedente</p>', 'answered'],
    ['a visible #encerrar', '<p>#encerrar procedente estorno feito</p>', 'closed'],
  ])('%s', async (_, top, event) => {
    const raw = [
      'From: Ana Lima <ana@empresa.com.br>',
      `To: ${addressOf('ana')}`,
      `Subject: RE: [${PROTOCOL}] Nova mensagem do lojista`,
      'Message-ID: <CAF-ana-html-1@mail.gmail.com>',
      'MIME-Version: 1.0',
      'Content-Type: text/html; charset=utf-8',
      '',
      `${top}<p>Olá, Maria. Estamos verificando o estorno com o financeiro.</p>`,
    ].join('\r\n');
    const mail = await parseEmail(
      Buffer.from(raw),
      {
        sourceId: 'ses-html-1',
        receivedAt: '2026-03-12T14:00:00.000Z',
        verdicts: { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' },
        returnPath: ANA,
        recipients: [addressOf('ana')],
      },
      { maxRawMailBytes: 1024 * 1024 },
    );
    const w = lifecycleWorld({ cases: [workCase({ status: 'IN_PROGRESS' })] });
    expect(await handleStaffMail(mail, w.deps)).toMatchObject({ kind: 'applied', events: [event] });
    expect(w.mailer.sent[0]?.text).toContain('Estamos verificando o estorno');
    expect(w.mailer.sent[0]?.text).not.toContain('improcedente');
  });
});

describe('handleStaffMail — a mail of two bodies whose commands differ is refused, the analyst told', () => {
  const ANSWER = 'Olá, Maria. Estamos verificando o estorno com o financeiro.';
  function alternative(text: string, html: string): string {
    return [
      'From: Ana Lima <ana@empresa.com.br>',
      `To: ${addressOf('ana')}`,
      `Subject: RE: [${PROTOCOL}] Nova mensagem do lojista`,
      'Message-ID: <CAF-ana-alt-1@mail.gmail.com>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/alternative; boundary="alt"',
      '',
      '--alt',
      'Content-Type: text/plain; charset=utf-8',
      '',
      text,
      '--alt',
      'Content-Type: text/html; charset=utf-8',
      '',
      html,
      '--alt--',
      '',
    ].join('\r\n');
  }
  async function parsed(raw: string) {
    return parseEmail(
      Buffer.from(raw),
      {
        sourceId: 'ses-alt-1',
        receivedAt: '2026-03-12T14:00:00.000Z',
        verdicts: { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' },
        returnPath: ANA,
        recipients: [addressOf('ana')],
      },
      { maxRawMailBytes: 1024 * 1024 },
    );
  }

  it.each([
    ['a #encerrar in the text part only', `#encerrar improcedente\n${ANSWER}`, `<p>${ANSWER}</p>`],
    ['a #encerrar in the HTML part only', ANSWER, `<p>#encerrar procedente</p><p>${ANSWER}</p>`],
    [
      'another category in each part',
      `#encerrar improcedente\n${ANSWER}`,
      `<p>#encerrar procedente</p><p>${ANSWER}</p>`,
    ],
    ['a #transferir to someone else', `#transferir bruno\n${ANSWER}`, `<p>#transferir carla</p><p>${ANSWER}</p>`],
    ['a #nota in the HTML part only: the text would reach the merchant', ANSWER, `<p>#nota</p><p>${ANSWER}</p>`],
  ])('%s: refused, nothing applied or relayed', async (_, text, html) => {
    const w = lifecycleWorld({ cases: [workCase({ status: 'IN_PROGRESS' })] });
    const before = w.cases.must();
    const result = await handleStaffMail(await parsed(alternative(text, html)), w.deps);
    expect(result).toMatchObject({ kind: 'refused', codes: ['parts-disagree'] });
    const after = w.cases.must();
    expect(after.status).toBe(before.status);
    expect(after.assignee).toBe(before.assignee);
    expect(after.messages).toEqual(before.messages);
    expect(w.mailer.sent.map((m) => m.to)).toEqual([[ANA]]);
    expect(w.mailer.sent[0]!.subject).toBe(`[${PROTOCOL}] Sua mensagem não foi processada`);
    expect(w.mailer.sent[0]!.text).toContain('duas versões que não combinam');
    expect(w.mailer.sent[0]!.text).not.toContain('Estamos verificando');
  });

  it.each([
    [
      'the same #encerrar in both parts',
      `#encerrar procedente\n${ANSWER}`,
      `<p>#encerrar procedente</p><p>${ANSWER}</p>`,
      'closed',
    ],
    [
      'the same command, other case and spacing',
      `#Encerrar  Procedente\n${ANSWER}`,
      `<div>#encerrar procedente</div><div>${ANSWER}</div>`,
      'closed',
    ],
    [
      'no command in either part',
      ANSWER,
      `<p><b>Olá, Maria.</b> Estamos verificando o estorno com o financeiro.</p>`,
      'answered',
    ],
  ])('%s: acts', async (_, text, html, event) => {
    const w = lifecycleWorld({ cases: [workCase({ status: 'IN_PROGRESS' })] });
    const result = await handleStaffMail(await parsed(alternative(text, html)), w.deps);
    expect(result).toMatchObject({ kind: 'applied', events: [event] });
    expect(w.mailer.sent.map((m) => m.to)).toEqual([[MERCHANT]]);
  });
});

describe("handleStaffMail — several of one case's addresses", () => {
  it.each([
    ['the same address in To and Cc, in another letter case', [addressOf('ana'), addressOf('ana').toUpperCase()]],
    ["Bruno's address of the case first, then Ana's (a reply to all)", [addressOf('bruno'), addressOf('ana')]],
    ["Ana's address, then Bruno's", [addressOf('ana'), addressOf('bruno')]],
  ])('%s: acts once, as the sender', async (_, recipients) => {
    const w = lifecycleWorld();
    const mail = mailFrom('ana', ANA, '#encerrar procedente\nResolvido.', { recipients });
    expect(await handleStaffMail(mail, w.deps)).toMatchObject({ kind: 'applied', caseId: CASE_ID });
    expect(w.cases.must().status).toBe('CLOSED');
    expect(w.mailer.sent).toHaveLength(1);
  });
});

describe('handleStaffMail — the same signed mail delivered again days later, under another SES id', () => {
  const DAY = 24 * 60 * 60 * 1000;
  /** The same bytes (same Message-ID) as a new delivery: a copy re-sent by whoever kept it. */
  const replayOf = (mail: ReturnType<typeof mailFrom>, sourceId: string) => ({
    ...mail,
    sourceId,
    raw: { bucket: 'raw-mail', key: `inbound/${sourceId}` },
  });
  const merchantWrites = (sourceId: string) => ({
    sourceId,
    channel: 'email' as const,
    receivedAt: '2026-03-13T12:00:00.000Z',
    subject: `Re: [${PROTOCOL}] Resposta da Ouvidoria`,
    text: 'O estorno não apareceu na fatura, continuo cobrada duas vezes.',
    attachments: [],
    messageId: `CAF=${sourceId}@mail.gmail.com`,
  });

  it.each([
    {
      what: 'an answer, 40 days later: not relayed to the merchant again',
      text: 'Olá, Maria. O estorno foi pedido ao financeiro hoje.',
      meanwhile: async () => {},
      status: 'IN_PROGRESS',
    },
    {
      what: '#encerrar, after the merchant reopened the case: it stays open',
      text: '#encerrar procedente estorno realizado\nOlá, Maria. O estorno foi feito.',
      meanwhile: async (w: ReturnType<typeof lifecycleWorld>) => {
        w.clock.advance(DAY);
        await handleMerchantReply(w.cases.must(), merchantWrites('ses-merchant-9'), w.deps);
      },
      status: 'IN_PROGRESS',
    },
    {
      what: '#transferir bruno, after Bruno handed the case back to Ana: it stays with Ana',
      text: '#transferir bruno\nBruno, a lojista prefere falar com você.',
      meanwhile: async (w: ReturnType<typeof lifecycleWorld>) => {
        const back = staffMail({
          to: addressOf('bruno'),
          from: 'bruno@empresa.com.br',
          text: '#transferir ana\nAna, melhor com você.',
          sourceId: 'ses-bruno-1',
        });
        expect(await handleStaffMail(back, w.deps)).toMatchObject({ kind: 'applied' });
      },
      status: 'IN_PROGRESS',
      assignee: 'ana',
    },
    {
      what: '#prorrogar 5: the due date moves once',
      text: '#prorrogar 5 aguardando retorno do financeiro',
      meanwhile: async () => {},
      status: 'IN_PROGRESS',
    },
  ])('$what', async ({ text, meanwhile, status, assignee }) => {
    const w = lifecycleWorld({ cases: [workCase({ status: 'IN_PROGRESS' })] });
    const first = mailFrom('ana', ANA, text, { sourceId: 'ses-staff-1', messageId: 'CAF-ana-7@mail.gmail.com' });
    expect(await handleStaffMail(first, w.deps)).toMatchObject({ kind: 'applied' });
    await meanwhile(w);
    const before = w.cases.must();
    const sentBefore = w.mailer.sent.length;
    w.clock.advance(40 * DAY);

    const again = await handleStaffMail(replayOf(first, 'ses-replayed-1'), w.deps);
    expect(again).toEqual({ kind: 'duplicate', caseId: CASE_ID, protocol: PROTOCOL });
    expect(w.cases.must()).toEqual(before);
    expect(w.cases.must()).toMatchObject({ status, ...(assignee ? { assignee } : {}) });
    expect(w.mailer.sent).toHaveLength(sentBefore);
  });

  it('her new mail with the same words (another Message-ID) is a new answer: relayed', async () => {
    const w = lifecycleWorld();
    const text = 'Olá, Maria. O estorno foi pedido ao financeiro hoje.';
    await handleStaffMail(mailFrom('ana', ANA, text, { messageId: 'CAF-ana-7@mail.gmail.com' }), w.deps);
    const rewritten = mailFrom('ana', ANA, text, { sourceId: 'ses-staff-2', messageId: 'CAF-ana-8@mail.gmail.com' });
    expect(await handleStaffMail(rewritten, w.deps)).toMatchObject({ kind: 'applied', events: ['answered'] });
    expect(w.mailer.sent).toHaveLength(2);
  });

  it("the supervisor's mail with the Message-ID of Ana's is her own: it is not Ana's replayed", async () => {
    const w = lifecycleWorld();
    await handleStaffMail(
      mailFrom('ana', ANA, 'Olá, Maria. Pedido feito.', { messageId: 'x-1@empresa.com.br' }),
      w.deps,
    );
    const sofia = mailFrom('sofia', 'sofia@empresa.com.br', '#nota conferi o estorno', {
      sourceId: 'ses-staff-2',
      messageId: 'x-1@empresa.com.br',
    });
    expect(await handleStaffMail(sofia, w.deps)).toMatchObject({ kind: 'applied', events: ['note'] });
  });
});

describe('handleStaffMail — retries and races', () => {
  it('the same mail delivered twice acts once', async () => {
    const w = lifecycleWorld();
    const mail = mailFrom('ana', ANA, '#encerrar procedente\nResolvido.');
    await handleStaffMail(mail, w.deps);
    expect(await handleStaffMail(mail, w.deps)).toEqual({ kind: 'duplicate', caseId: CASE_ID, protocol: PROTOCOL });
    expect(w.mailer.sent).toHaveLength(1);
    expect(w.cases.must().history).toHaveLength(1);
    expect(w.counter.count('ana')).toBe(0);
  });

  it('a failed send stays pending; the redelivery sends it once, with the same Message-ID', async () => {
    const w = lifecycleWorld();
    const mail = mailFrom('ana', ANA, 'Olá, Maria. Resolvido.');
    w.mailer.failNext = new Error('SES throttled');
    await expect(handleStaffMail(mail, w.deps)).rejects.toThrow(/lifecycle effect/);
    expect(w.cases.must().status).toBe('IN_PROGRESS');
    expect(Object.keys(w.cases.must().pendingEffects ?? {})).toHaveLength(1);
    const registeredId = w.cases.must().messageIds.at(-1);

    expect(await handleStaffMail(mail, w.deps)).toMatchObject({ kind: 'duplicate' });
    expect(w.mailer.sent).toHaveLength(1);
    expect(w.mailer.sent[0]!.messageId).toBe(registeredId);
    expect(w.cases.must().pendingEffects).toEqual({});
    expect(w.cases.must().history).toHaveLength(1);
  });

  it('#encerrar and #aguardar at the same time: both orders end CLOSED with the count down once', async () => {
    for (const order of [
      ['#encerrar procedente', '#aguardar'],
      ['#aguardar', '#encerrar procedente'],
    ]) {
      const w = lifecycleWorld({ cases: [workCase({ status: 'IN_PROGRESS' })] });
      const results = await Promise.all(
        order.map((text, i) => handleStaffMail(mailFrom('ana', ANA, text, { sourceId: `ses-${i}` }), w.deps)),
      );
      const c = w.cases.must();
      expect(c.status).toBe('CLOSED');
      expect(c.version).toBe(3);
      expect(w.counter.count('ana')).toBe(0);
      const types = c.history!.map((e) => e.type);
      // Closed first: the wait is refused against a closed case. Waiting first: then closed.
      expect([
        ['closed', 'refused'],
        ['waiting-merchant', 'closed'],
      ]).toContainEqual(types);
      expect(results.filter((r) => r.kind === 'refused')).toHaveLength(types.includes('refused') ? 1 : 0);
    }
  });

  it('#transferir and #encerrar by the old analyst at the same time: counts stay consistent', async () => {
    const w = lifecycleWorld();
    await Promise.all([
      handleStaffMail(mailFrom('ana', ANA, '#transferir carla', { sourceId: 'ses-a' }), w.deps),
      handleStaffMail(mailFrom('ana', ANA, '#encerrar resolvido', { sourceId: 'ses-b' }), w.deps),
    ]);
    const c = w.cases.must();
    expect(c.history).toHaveLength(2);
    const total = w.counter.count('ana') + w.counter.count('carla');
    // Either transferred then refused (Ana no longer has it): open with Carla; or closed then refused: nobody.
    if (c.status === 'CLOSED') expect(total).toBe(0);
    else expect([c.assignee, w.counter.count('carla'), w.counter.count('ana')]).toEqual(['carla', 1, 0]);
  });

  it('five concurrent answers: all applied, in some order, none lost', async () => {
    const w = lifecycleWorld();
    await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        handleStaffMail(mailFrom('ana', ANA, `Resposta ${i}`, { sourceId: `ses-${i}` }), w.deps),
      ),
    );
    const c = w.cases.must();
    expect(c.history).toHaveLength(5);
    expect(c.version).toBe(6);
    expect(w.mailer.sent).toHaveLength(5);
    expect(c.messages.filter((m) => m.direction === 'out')).toHaveLength(5);
  });
});

// A year-long case of 60 long messages (hers and the office's answers). Each mail of the case read
// all 60 texts twice (the case before and after its write: 120 text-store GETs on DynamoDB); it
// reads the texts its effects send (EFFECT_TEXTS), and the mails are the same.
describe('a mail on a case of 60 long messages reads the texts it sends', () => {
  const base = workCase();
  const first = base.messages[0]!;
  const messages = Array.from({ length: 60 }, (_, i) => ({
    ...first,
    sourceId: `ses-long-${i + 1}`,
    receivedAt: new Date(Date.parse('2026-02-01T12:00:00Z') + i * 3_600_000).toISOString(),
    text: `Mensagem número ${i + 1}. ${'Ainda aguardo o estorno da fatura de fevereiro. '.repeat(40)}`,
    ...(i % 2 ? { direction: 'out' as const, author: 'ana' } : {}),
  }));
  const herNewMail = {
    sourceId: 'ses-merchant-61',
    channel: 'email' as const,
    receivedAt: '2026-03-12T13:00:00.000Z',
    subject: `Re: [${PROTOCOL}] Resposta da Ouvidoria`,
    text: 'Mensagem número 61. O estorno não apareceu na fatura, continuo cobrada duas vezes.',
    attachments: [],
    messageId: 'CAF=ses-merchant-61@mail.gmail.com',
  };
  it.each<[string, number, (w: ReturnType<typeof lifecycleWorld>) => Promise<unknown>, RegExp[]]>([
    [
      'an answer to her',
      0,
      (w) => handleStaffMail(mailFrom('ana', ANA, 'Olá, Maria. O estorno sai na próxima fatura.'), w.deps),
      [/O estorno sai na próxima fatura/],
    ],
    ['a note', 0, (w) => handleStaffMail(mailFrom('ana', ANA, '#nota Financeiro promete até sexta.'), w.deps), []],
    [
      'a transfer: its notice shows the newest 8',
      8,
      (w) => handleStaffMail(mailFrom('ana', ANA, '#transferir carla'), w.deps),
      [/Mensagem número 53\./, /Mensagem número 60\./],
    ],
    [
      'her follow-up: forwarded to the analyst',
      1,
      (w) => handleMerchantReply(w.cases.must(), herNewMail, w.deps),
      [/Mensagem número 61\. O estorno não apareceu/],
    ],
  ])('%s: %i texts read', async (_what, reads, act, mailSays) => {
    const w = lifecycleWorld({ cases: [workCase({ status: 'IN_PROGRESS', messages } as never)] });
    await act(w);
    expect(w.cases.textReads).toBe(reads);
    const sent = w.mailer.sent.map((m) => m.text).join('\n');
    for (const says of mailSays) expect(sent).toMatch(says);
    if (reads === 8) expect(sent).not.toMatch(/Mensagem número 52\./);
  });
});

// An analyst's commands sent to the ombudsman address (a reply to a notice without Reply-To, a new
// mail): nothing acts on a case there, and the office's own domain gets no automatic reply — she
// would believe the case closed. She is told where commands go; no one else is concerned.
describe('handleMisaddressedCommands — commands sent to the ombudsman address', () => {
  const OFFICE = localConfig.ombudsmanAddresses[0] as string;
  const toOffice = (from: string, text: string, extra: Partial<Parameters<typeof staffMail>[0]> = {}) =>
    staffMail({ to: OFFICE, from, text, subject: `RE: [${PROTOCOL}] Caso transferido para outra pessoa`, ...extra });

  it.each([
    ['#encerrar procedente\nMarina, resolvido.'],
    ['# aguardar'],
    ['#NOTA liguei para a lojista'],
    ['#transferir bruno\n\nBruno, assume por favor.'],
  ])('an active member is told, at her roster address: %j', async (text) => {
    const w = lifecycleWorld();
    expect(await handleMisaddressedCommands(toOffice(ANA.toUpperCase(), text), w.deps)).toBe(true);
    expect(w.mailer.sent).toHaveLength(1);
    const [notice] = w.mailer.sent;
    expect(notice?.to).toEqual([ANA]);
    expect(notice?.subject).toBe(`[${PROTOCOL}] Sua mensagem não foi processada`);
    expect(notice?.text).toContain(`enviada ao endereço da Ouvidoria ${OFFICE}`);
    expect(notice?.text).toContain('nenhum caso mudou');
    expect(notice?.text).toContain('Responder a');
    expect(w.cases.commits).toHaveLength(0);
  });

  it.each<[string, Parameters<typeof toOffice>]>([
    ['a merchant who writes a hashtag', ['maria@lojadamaria.com.br', '#encerrar procedente']],
    ['a member without a command', [ANA, 'Oi, vocês podem ver o caso da Marina?']],
    ['a member whose mail mentions a command mid-text', [ANA, 'Tentei mandar\n#encerrar procedente\nno caso']],
    [
      'a member whose mail proves nothing',
      [
        ANA,
        '#encerrar procedente',
        { verdicts: { spam: 'PASS', virus: 'PASS', spf: 'FAIL', dkim: 'FAIL', dmarc: 'FAIL' } },
      ],
    ],
    ['an automatic reply', [ANA, '#encerrar procedente', { headers: { 'auto-submitted': 'auto-replied' } }]],
    ['a member no longer active', ['edu@empresa.com.br', '#encerrar procedente']],
  ])('%s: not concerned, nothing sent', async (_who, args) => {
    const w = lifecycleWorld();
    expect(await handleMisaddressedCommands(toOffice(...args), w.deps)).toBe(false);
    expect(w.mailer.sent).toHaveLength(0);
  });
});

describe('handleStaffMail — the office’s notice quoted back in a format the quote cut does not know', () => {
  it('a Zoho reply relays her answer, never the notice’s internal note, trail or console link', async () => {
    const w = lifecycleWorld();
    const answer = [
      '#aguardar',
      'Maria, pode enviar o print da tela do pedido?',
      '',
      '---- Em qua, 25 nov 2026 10:01:00 -0300 Ouvidoria<ouvidoria@ouvidoria.example.com.br> escreveu ----',
      '',
      'Olá, Ana Lima,',
      '',
      `O caso ${PROTOCOL} foi transferido para você. Abrir no console (https://ouvidoria.example.com.br/equipe?caso=1).`,
      '',
      'Nota interna — não enviada ao lojista (Bruno Costa)',
      '',
      'Cliente inadimplente: não prometer estorno.',
    ].join('\n');
    const result = await handleStaffMail(mailFrom('ana', ANA, answer), w.deps);
    expect(result.kind).toBe('applied');
    const sent = w.mailer.sent[0]!;
    expect(sent.text).toContain('pode enviar o print da tela do pedido?');
    expect(`${sent.text}\n${sent.html}`).not.toMatch(
      /inadimplente|Nota interna|equipe\?caso|Olá, Ana Lima|escreveu ----/,
    );
    const stored = await w.cases.get(CASE_ID);
    expect(stored?.messages?.at(-1)?.text).not.toMatch(/inadimplente|Nota interna/);
  });
});

// As deployed, staff addresses are in the office's own domain (ana.souza@<domain>): every staff
// mail is then "from our own domain", which the automatic-mail checks stopped at — an analyst's
// out-of-office, said only by its subject, was relayed to the merchant as her answer.
describe('staff whose addresses are in the office’s own domain', () => {
  const OWN_ANA = `ana.lima@${localConfig.domain}`;
  const world = () => {
    const w = lifecycleWorld();
    w.deps.staff = new InMemoryStaffDirectory(ROSTER.map((m) => (m.id === 'ana' ? { ...m, email: OWN_ANA } : m)));
    return w;
  };
  // Her mail server mints Message-IDs in the same domain.
  const fromHer = (subject: string, text: string) =>
    mailFrom('ana', OWN_ANA, text, { subject, messageId: `ooo-1@${localConfig.domain}` });

  it.each([
    [
      'Resposta automática: RE: [OUV-2026-000123] Nova mensagem do lojista',
      'Estou de férias até 20/03 sem acesso ao e-mail. Em caso de urgência, fale com a Sofia.',
    ],
    ['Fora do escritório: [OUV-2026-000123] Nova mensagem do lojista', 'Estarei fora até segunda-feira.'],
    ['Automatic reply: [OUV-2026-000123] Nova mensagem do lojista', 'I am out of the office until March 20.'],
    ['Respuesta automática: [OUV-2026-000123] Nova mensagem do lojista', 'Estoy de vacaciones hasta el 20/03.'],
  ])('her out-of-office said by its subject (%s) is set aside: nothing reaches the merchant', async (subject, text) => {
    const w = world();
    const before = w.cases.must();
    expect(await handleStaffMail(fromHer(subject, text), w.deps)).toEqual({
      kind: 'quarantine',
      reason: 'automatic-message',
    });
    expect(w.cases.must()).toEqual(before);
    // Only the supervisors hear of it (she may be away): never the merchant.
    expect(w.mailer.sent.map((m) => m.to)).toEqual([['sofia@empresa.com.br']]);
  });

  it('her answer, with a Message-ID of the same domain, is relayed', async () => {
    const w = world();
    const result = await handleStaffMail(
      fromHer(`RE: [${PROTOCOL}] Nova mensagem do lojista`, 'Olá, Maria. Pedimos o estorno ao financeiro.'),
      w.deps,
    );
    expect(result).toMatchObject({ kind: 'applied', events: ['answered'] });
    expect(w.mailer.sent.map((m) => m.to)).toEqual([[MERCHANT]]);
  });
});

// Her mailbox answered a case mail by itself: she may be away with no leave on the roster, and new
// cases would keep going to her. The supervisors hear of it once a day; nothing else happens.
describe('an analyst’s out-of-office tells the supervisors she may be away', () => {
  const ooo = (
    extra: Parameters<typeof mailFrom>[3] = {},
    text = 'Estou de férias até 20/03. Urgências: fale com a Sofia.',
  ) =>
    mailFrom('ana', ANA, text, {
      subject: `Resposta automática: RE: [${PROTOCOL}] Nova mensagem do lojista`,
      ...extra,
    });

  it('once a day, to the supervisors, with what it says and what to do; the case and the merchant untouched', async () => {
    const w = lifecycleWorld();
    const before = w.cases.must();
    expect(await handleStaffMail(ooo(), w.deps)).toEqual({ kind: 'quarantine', reason: 'automatic-message' });
    expect(await handleStaffMail(ooo({ sourceId: 'ses-staff-2', messageId: 'ooo-2@outlook.com' }), w.deps)).toEqual({
      kind: 'quarantine',
      reason: 'automatic-message',
    });
    expect(w.cases.must()).toEqual(before);
    expect(w.mailer.sent).toHaveLength(1);
    const notice = w.mailer.sent[0]!;
    expect(notice.to).toEqual(['sofia@empresa.com.br']);
    expect(notice.subject).toBe('Ausência de Ana Lima: casos podem estar parados');
    expect(notice.text).toContain(`caso ${PROTOCOL}`);
    expect(notice.text).toContain('Estou de férias até 20/03. Urgências: fale com a Sofia.');
    expect(notice.text).toContain('registre o afastamento');
    expect(notice.text).toContain(`${localConfig.webformOrigin}/equipe/pessoas`);
    expect(notice.text).not.toContain(MERCHANT);
    expect(notice.headers['Auto-Submitted']).toBe('auto-generated');
  });

  it.each([
    [
      'by its headers only',
      ooo({ subject: `RE: [${PROTOCOL}] Nova mensagem do lojista`, headers: { 'auto-submitted': 'auto-replied' } }),
    ],
    [
      'by X-Autoreply',
      ooo({ subject: `RE: [${PROTOCOL}] Nova mensagem do lojista`, headers: { 'x-autoreply': 'yes' } }),
    ],
  ])('an out-of-office %s counts too', async (_how, mail) => {
    const w = lifecycleWorld();
    await handleStaffMail(mail, w.deps);
    expect(w.mailer.sent.map((m) => m.subject)).toEqual(['Ausência de Ana Lima: casos podem estar parados']);
  });

  it.each([
    [
      'not authenticated (anyone can write her From)',
      ooo({ verdicts: { spam: 'PASS', virus: 'PASS', spf: 'FAIL', dkim: 'FAIL', dmarc: 'FAIL' } }),
    ],
    [
      'from an address off the roster',
      mailFrom('ana', 'ana.pessoal@gmail.com', 'Estou de férias.', {
        subject: `Resposta automática: RE: [${PROTOCOL}] Nova mensagem do lojista`,
      }),
    ],
    [
      'a bounce, not an absence',
      ooo({ subject: `Undeliverable: RE: [${PROTOCOL}] Nova mensagem do lojista`, returnPath: '' }),
    ],
  ])('nothing when %s', async (_what, mail) => {
    const w = lifecycleWorld();
    expect(await handleStaffMail(mail, w.deps)).toEqual({ kind: 'quarantine', reason: 'automatic-message' });
    expect(w.mailer.sent).toEqual([]);
  });

  it('nothing when her leave is on the roster already', async () => {
    const w = lifecycleWorld();
    w.deps.staff = new InMemoryStaffDirectory(
      ROSTER.map((m) => (m.id === 'ana' ? { ...m, leave: { from: '2026-03-01', to: '2026-03-31' } } : m)),
    );
    await handleStaffMail(ooo(), w.deps);
    expect(w.mailer.sent).toEqual([]);
  });
});

describe('#nota above a letter to the merchant', () => {
  it('is refused and explained to the analyst: the note relays nothing, her answer is not lost unsaid', async () => {
    const w = lifecycleWorld();
    const before = w.cases.must();
    const result = await handleStaffMail(
      mailFrom(
        'ana',
        ANA,
        '#nota ERP aplicou o hotfix 3.2\n\nOlá, Maria! A integração foi corrigida pela equipe de produto.',
      ),
      w.deps,
    );
    expect(result).toMatchObject({ kind: 'refused', codes: ['note-or-answer'] });
    expect(w.cases.must().status).toBe(before.status);
    expect(w.mailer.sent.map((m) => m.to)).toEqual([[ANA]]);
    expect(w.mailer.sent[0]?.text).toContain('envie a resposta sem #nota');
    expect(w.mailer.sent[0]?.text).not.toContain('A integração foi corrigida');
  });
});

// Her answers inside the quoted history: relayed, the fresh text would reach the merchant without the
// questions (answers under '>' lines) or empty ("Respondi abaixo, em vermelho." over Outlook's quote).
describe('answers inside the quoted history', () => {
  const QUOTE = [
    'Em ter., 1 de dez. de 2026 às 10:05, Ouvidoria <ouvidoria@ouvidoria.example.com.br> escreveu:',
    '> A lojista pergunta:',
    '> 1) quando o frete volta a calcular?',
  ].join('\n');
  it.each([
    ['an answer under a quoted question', `${QUOTE}\nJá voltou hoje.\n> 2) haverá estorno?\nNão.`],
    ['announced in red, below', `Respondi abaixo, em vermelho.\n\n${QUOTE}`],
    [
      'with #encerrar: the closing mail would carry them',
      `#encerrar procedente Frete corrigido\nRespostas abaixo.\n\n${QUOTE}`,
    ],
  ])('%s: refused and explained, nothing reaches the merchant', async (_what, text) => {
    const w = lifecycleWorld();
    const before = w.cases.must();
    const result = await handleStaffMail(mailFrom('ana', ANA, text), w.deps);
    expect(result).toMatchObject({ kind: 'refused', codes: ['answer-in-quote'] });
    expect(w.cases.must().status).toBe(before.status);
    expect(w.mailer.sent.map((m) => m.to)).toEqual([[ANA]]);
    expect(w.mailer.sent[0]?.text).toContain('Escreva (ou copie) acima do histórico');
  });

  it('a #nota that points below relays nothing anyway: kept as the note', async () => {
    const w = lifecycleWorld();
    const result = await handleStaffMail(mailFrom('ana', ANA, `#nota Comentários abaixo.\n\n${QUOTE}`), w.deps);
    expect(result).toMatchObject({ kind: 'applied', events: ['note'] });
    expect(w.mailer.sent).toEqual([]);
  });

  it('“segue o comprovante:” over the file it sends is relayed with the file', async () => {
    const w = lifecycleWorld();
    const mail = mailFrom('ana', ANA, `Maria, segue o comprovante do estorno:\n\n${QUOTE}`, { attachments: [PDF] });
    const result = await handleStaffMail(mail, w.deps);
    expect(result).toMatchObject({ kind: 'applied', events: ['answered'] });
    expect(w.mailer.sent.map((m) => m.to)).toEqual([[MERCHANT]]);
  });

  it('“segue o retorno da equipe abaixo” over a forwarded mail: refused, the forward never reaches her', async () => {
    const w = lifecycleWorld();
    const forward = `Maria, segue o retorno da equipe técnica abaixo.\n\n---------- Forwarded message ---------\nDe: Integrações <integracoes@empresa.com.br>\nDate: ter., 1 de dez. de 2026\nSubject: Frete\n\nCorrigido no deploy de hoje.`;
    const result = await handleStaffMail(mailFrom('ana', ANA, forward), w.deps);
    expect(result).toMatchObject({ kind: 'refused', codes: ['answer-in-quote'] });
    expect(w.mailer.sent.map((m) => m.to)).toEqual([[ANA]]);
  });

  it('an answer above the history is relayed as always', async () => {
    const w = lifecycleWorld();
    const result = await handleStaffMail(mailFrom('ana', ANA, `O frete voltou hoje.\n\n${QUOTE}`), w.deps);
    expect(result).toMatchObject({ kind: 'applied', events: ['answered'] });
    expect(w.mailer.sent.map((m) => m.to)).toEqual([[MERCHANT]]);
  });
});

describe('handleStaffMail — images in the answer’s body', () => {
  // A screenshot's bytes (a real PNG signature, then the size of one) and a signature logo's.
  const PNG_HEAD = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
  const SCREENSHOT = Buffer.concat([PNG_HEAD, Buffer.alloc(90_000)]);
  const LOGO = Buffer.concat([PNG_HEAD, Buffer.alloc(4_000)]);

  async function answerWithImages(html: string, text: string) {
    const raw = await new MailComposer({
      from: 'Ana Lima <ana@empresa.com.br>',
      to: addressOf('ana'),
      subject: `RE: [${PROTOCOL}] Nova mensagem do lojista`,
      messageId: '<CAF-ana-img-1@mail.gmail.com>',
      text,
      html,
      attachments: [
        { filename: 'image.png', contentType: 'image/png', content: SCREENSHOT, cid: 'ii_shot1' },
        { filename: 'image001.png', contentType: 'image/png', content: LOGO, cid: 'logo@empresa' },
      ],
    })
      .compile()
      .build();
    const mail = await parseEmail(
      raw,
      {
        sourceId: 'ses-img-1',
        receivedAt: '2026-03-12T14:00:00.000Z',
        verdicts: { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' },
        returnPath: ANA,
        recipients: [addressOf('ana')],
        raw: { bucket: 'raw-mail', key: 'inbound/ses-img-1' },
      },
      { maxRawMailBytes: 10 * 1024 * 1024 },
    );
    return { raw, mail };
  }

  it.each([
    [
      'Gmail: a screenshot pasted between the lines goes to the merchant, the signature logo does not',
      '<div dir="ltr">Maria, o campo fica aqui:<br><img src="cid:ii_shot1" alt="image.png" width="562" height="316"><br>É só marcar "Ativo".<br>--<br>Ana Lima<br><img src="cid:logo@empresa" width="120" height="40"></div>',
      'Maria, o campo fica aqui:\n[image: image.png]\nÉ só marcar "Ativo".\n--\nAna Lima\n[image: logo]',
      ['image.png'],
    ],
    [
      'Outlook: the same, sizes in the style only',
      '<p class=MsoNormal>Maria, o campo fica aqui:</p><p><img style="width:5.85in;height:3.29in" src="cid:ii_shot1"></p><p>É só marcar "Ativo".</p><p>Ana Lima<br><img style="width:1.25in;height:.41in" src="cid:logo@empresa"></p>',
      'Maria, o campo fica aqui:\n\n\nÉ só marcar "Ativo".\n\nAna Lima\n',
      ['image.png'],
    ],
  ])('%s', async (_what, html, text, relayed) => {
    const { raw, mail } = await answerWithImages(html, text);
    const w = lifecycleWorld();
    expect(await handleStaffMail(mail, w.deps)).toMatchObject({ kind: 'applied', events: ['answered'] });
    const sent = w.mailer.sent[0] as { attachments?: { parts: AttachmentMeta[] } };
    expect(sent.attachments?.parts.map((p) => p.filename)).toEqual(relayed);
    // The relay reads exactly those bytes from the raw mail and sends them from the office.
    const store = new InMemoryRawMailStore();
    store.put({ bucket: 'raw-mail', key: 'inbound/ses-img-1' }, raw);
    const inner = new RecordingMailer();
    await withRelayedAttachments(inner, store, readMailFiles).send(w.mailer.sent[0] as never);
    expect(inner.sent[0]?.files?.map((f) => [f.filename, f.contentType, f.content.length])).toEqual([
      ['image.png', 'image/png', SCREENSHOT.length],
    ]);
  });
});

describe('handleStaffMail — the merchant’s subject, echoed by the analyst’s notice, is not the analyst’s command', () => {
  it.each([
    ['#encerrar improcedente', 'Cobrança indevida #encerrar improcedente'],
    ['#aguardar', 'Pedidos não sincronizam - chamado #48213 #aguardar'],
    ['#transferir', 'Loja fora do ar #transferir bruno'],
  ])('her subject ending in %s: the answer goes to her, nothing refused', async (_cmd, merchantSubject) => {
    const w = lifecycleWorld({ cases: [workCase({ subject: merchantSubject })] });
    const subject = `RE: [${PROTOCOL}] Novo caso atribuído a você: ${merchantSubject}`;
    const result = await handleStaffMail(mailFrom('ana', ANA, GMAIL_ANSWER, { subject }), w.deps);
    expect(result).toMatchObject({ kind: 'applied', events: ['answered'] });
    expect(w.mailer.sent.map((m) => m.to)).toEqual([[MERCHANT]]);
  });

  it('a command the analyst wrote in her own part of the subject is still refused', async () => {
    const merchantSubject = 'Cobrança indevida';
    const w = lifecycleWorld({ cases: [workCase({ subject: merchantSubject })] });
    const subject = `RE: [${PROTOCOL}] #encerrar procedente Novo caso atribuído a você: ${merchantSubject}`;
    const result = await handleStaffMail(mailFrom('ana', ANA, GMAIL_ANSWER, { subject }), w.deps);
    expect(result).toMatchObject({ kind: 'refused' });
    expect(w.mailer.sent.map((m) => m.to)).toEqual([[ANA]]);
  });
});

// Journey 44 (local stack): a vacation responder with no Auto-Submitted, keeping the notice's own
// subject, answered Ana's case notice — its text went to the merchant as her answer, the case
// moved on to IN_PROGRESS as if answered.
describe('an analyst’s out-of-office said only by its text', () => {
  const TEXT =
    'Olá,\n\nEstou de férias até 04/01/2027 e sem acesso ao e-mail. Sua mensagem será lida no meu retorno.\n\nAna Lima';
  const ooo = () => mailFrom('ana', ANA, TEXT, { subject: `Re: [${PROTOCOL}] Nova mensagem do lojista` });

  it('reaches no merchant and moves nothing: she is told why, the supervisors that she may be away', async () => {
    const w = lifecycleWorld({ cases: [workCase({ status: 'ASSIGNED' })] });
    const before = w.cases.must();
    expect(await handleStaffMail(ooo(), w.deps)).toMatchObject({ kind: 'refused', codes: ['absence-notice'] });
    const after = w.cases.must();
    expect(after.status).toBe('ASSIGNED');
    expect(after.messages).toEqual(before.messages);
    expect(after.dueAt).toBe(before.dueAt);
    expect(w.timers.list()).toEqual([]);
    expect(w.mailer.sent.map((m) => m.to).sort()).toEqual([[ANA], ['sofia@empresa.com.br']]);
    expect(w.mailer.sent.map((m) => m.to.join()).filter((t) => t === MERCHANT)).toEqual([]);
    const toHer = w.mailer.sent.find((m) => m.to[0] === ANA)!;
    expect(toHer.text).toContain('aviso automático de ausência');
    const toSofia = w.mailer.sent.find((m) => m.to[0] === 'sofia@empresa.com.br')!;
    expect(toSofia.subject).toBe('Ausência de Ana Lima: casos podem estar parados');
  });

  it('explained once a day: a responder that answers every mail would answer each explanation again (a loop)', async () => {
    const w = lifecycleWorld({ cases: [workCase({ status: 'ASSIGNED' })] });
    const again = (n: number) =>
      mailFrom('ana', ANA, TEXT, {
        subject: `Re: [${PROTOCOL}] Sua mensagem não foi processada`,
        sourceId: `ses-ooo-${n}`,
        messageId: `ooo-${n}@empresa.com.br`,
      });
    expect(await handleStaffMail(again(1), w.deps)).toMatchObject({ kind: 'refused', codes: ['absence-notice'] });
    const sent = w.mailer.sent.length;
    for (const n of [2, 3, 4]) {
      expect(await handleStaffMail(again(n), w.deps)).toEqual({ kind: 'quarantine', reason: 'automatic-message' });
    }
    expect(w.mailer.sent).toHaveLength(sent);
    expect(w.cases.must().status).toBe('ASSIGNED');
  });

  it('her answer saying she will come back to the merchant by a date is relayed as ever', async () => {
    const w = lifecycleWorld({ cases: [workCase({ status: 'ASSIGNED' })] });
    const mail = mailFrom('ana', ANA, 'Olá, Maria. Vou verificar com o financeiro e retorno em 04/12.', {
      subject: `Re: [${PROTOCOL}] Nova mensagem do lojista`,
    });
    expect(await handleStaffMail(mail, w.deps)).toMatchObject({ kind: 'applied', events: ['answered'] });
    expect(w.mailer.sent.map((m) => m.to)).toEqual([[MERCHANT]]);
  });
});

// Journey 44 left: her real letter that also tells of her leave was refused as her responder.
describe('an analyst’s letter that tells the merchant of her leave', () => {
  it.each([
    ['greeting her by name', 'Olá, Maria. Estou de férias até 04/01 e sem acesso ao e-mail; a Sofia acompanha até lá.'],
    ['talking about the case', 'Estarei de férias até 10/01, depois retomamos. O estorno já foi pedido ao financeiro.'],
  ])('%s: relayed to the merchant, the case answered', async (_what, text) => {
    const w = lifecycleWorld({ cases: [workCase({ status: 'ASSIGNED' })] });
    const mail = mailFrom('ana', ANA, text, { subject: `Re: [${PROTOCOL}] Nova mensagem do lojista` });
    expect(await handleStaffMail(mail, w.deps)).toMatchObject({ kind: 'applied', events: ['answered'] });
    expect(w.mailer.sent.map((m) => m.to)).toEqual([[MERCHANT]]);
    expect(w.mailer.sent[0]?.text).toContain(text.slice(0, 30));
  });
});

// Journey 44 left: Bruno's answer and Sofia's seconds later both reached the merchant, and
// neither writer learned of the other.
describe('two answers to one case seconds apart', () => {
  it('both are relayed; the second writer is told who answered just before, and when', async () => {
    const w = lifecycleWorld({ cases: [workCase({ status: 'ASSIGNED' })] });
    const first = mailFrom('ana', ANA, 'Olá, Maria. Pode me enviar o comprovante do estorno?', {
      sourceId: 'ses-ana-1',
      messageId: 'ana-1@empresa.com.br',
    });
    expect(await handleStaffMail(first, w.deps)).toMatchObject({ kind: 'applied', events: ['answered'] });
    w.clock.advance(5_000);
    const second = mailFrom('sofia', 'sofia@empresa.com.br', 'Olá, Maria. O estorno está em análise no financeiro.', {
      sourceId: 'ses-sofia-1',
      messageId: 'sofia-1@empresa.com.br',
    });
    expect(await handleStaffMail(second, w.deps)).toMatchObject({ kind: 'applied', events: ['answered'] });
    expect(w.mailer.sent.filter((m) => m.to[0] === MERCHANT)).toHaveLength(2);
    const hint = w.mailer.sent.filter((m) => m.to[0] === 'sofia@empresa.com.br');
    expect(hint.map((m) => m.subject)).toEqual([`[${PROTOCOL}] Outra resposta ao lojista pouco antes da sua`]);
    expect(hint[0]?.text.replace(/\s+/g, ' ')).toContain('Ana Lima também respondeu a ele em 12/03/2026');
    // The first writer gets nothing more (her answer was the first).
    expect(w.mailer.sent.filter((m) => m.to[0] === ANA)).toEqual([]);
  });
});

describe('handleStaffMail — an answer to a case a supervisor already closed', () => {
  it('the refusal says who closed it and when, and that only a note still goes (nothing to correct)', async () => {
    const closedAt = '2026-03-11T18:30:00.000Z';
    const w = lifecycleWorld({
      cases: [
        workCase({
          status: 'CLOSED',
          closedAt,
          closure: { category: 'procedente', summary: 'estorno feito', at: closedAt, by: 'sofia' },
        }),
      ],
    });
    await handleStaffMail(mailFrom('ana', ANA, 'Olá, Maria. O estorno cai amanhã.'), w.deps);
    const told = w.mailer.sent.filter((m) => m.to.includes(ANA));
    expect(told).toHaveLength(1);
    const text = told[0]!.text.replace(/\s+/g, ' ');
    expect(text).toContain('O caso foi encerrado por Sofia Martins em 11/03/2026 às 15:30.');
    expect(text).toContain('Uma nota interna (#nota) ainda pode ser registrada');
    expect(text).not.toContain('Corrija e envie de novo');
    // Nor the footer that invites answering the merchant, with the commands of an open case.
    expect(text).not.toContain('para falar com o lojista');
    expect(w.mailer.sent.filter((m) => m.to.includes(MERCHANT))).toEqual([]);
  });
});
