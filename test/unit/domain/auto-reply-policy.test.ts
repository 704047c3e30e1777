import { describe, expect, it } from 'vitest';
import {
  evaluateAutoReply,
  isMachineGenerated,
  newMessageId,
  replyHeaders,
} from '../../../shared/domain/auto-reply-policy';
import { localConfig, localConfigInput, parseConfig } from '../../../shared/domain/config';
import { OUTCOMES } from '../../../shared/domain/outcome';
import { type Submission, type SubmissionInput, SubmissionSchema } from '../../../shared/domain/submission';

function mail(overrides: Partial<SubmissionInput> = {}): Submission {
  return SubmissionSchema.parse({
    channel: 'email',
    sourceId: 'ses-0001',
    receivedAt: '2026-03-10T13:00:00.000Z',
    sender: { name: 'João Silva', address: 'joao.silva@lojadojoao.com.br' },
    returnPath: 'joao.silva@lojadojoao.com.br',
    recipients: ['ouvidoria@ouvidoria.example.com.br'],
    subject: 'Reclamação sobre o chamado 48213',
    text: 'Abri o chamado 48213 há duas semanas e ninguém resolveu.',
    messageId: 'CAF=abc123@mail.gmail.com',
    ...overrides,
  });
}

/** What absence notices say (no complaint in them). */
const NOTICE_PT = 'Estou ausente até 20/03, com acesso limitado ao e-mail. Responderei assim que possível.';
const NOTICE_EN = 'I am out of the office until March 20 with limited access to email.';
const BOUNCE_TEXT = 'Delivery to the following recipient failed permanently: maria@loja.com.br (address not found).';

function withHeaders(headers: Record<string, string>, overrides: Partial<SubmissionInput> = {}): Submission {
  return mail({ headers, ...overrides });
}

describe('evaluateAutoReply — allowed', () => {
  it.each([
    ['a plain merchant mail', mail()],
    ['Auto-Submitted: no', withHeaders({ 'auto-submitted': 'no' })],
    ['Auto-Submitted: NO (comment)', withHeaders({ 'auto-submitted': ' NO (sent by a human)' })],
    ['Precedence: normal', withHeaders({ precedence: 'normal' })],
    ['Precedence: first-class', withHeaders({ precedence: 'first-class' })],
    ['X-Auto-Response-Suppress: None', withHeaders({ 'x-auto-response-suppress': 'None' })],
    [
      'a webform submission (no headers, no return path)',
      mail({ channel: 'webform', returnPath: undefined, messageId: undefined }),
    ],
    ['a subject with "ausente" inside', mail({ subject: 'Suporte ausente há 10 dias' })],
    // A merchant's own sentence going on to the complaint: stored as automatic, it would get no case.
    ['"Estou de férias" and a complaint', mail({ subject: 'Estou de férias e a loja caiu - chamado 48213' })],
    ['"Estarei ausente" and a ticket', mail({ subject: 'Estarei ausente até sexta, resolvam o chamado 48213' })],
    ['"Estou fora do escritório" and an error', mail({ subject: 'Estou fora do escritório e o checkout deu erro' })],
    ['"Ausente" starting a sentence, not a marker', mail({ subject: 'Ausente há 10 dias o retorno do suporte' })],
    ['a complaint about automatic replies', mail({ subject: 'Recebi só resposta automática do suporte' })],
    ['"Ausência de resposta" is a complaint', mail({ subject: 'Ausência de resposta do suporte' })],
    ['"Re: Resposta automática" from a merchant replying', mail({ subject: 'Re: Resposta automática não resolve' })],
    [
      'a merchant titling a complaint with a notice tag',
      mail({
        subject: '[Resposta automática] Chamado 48213 sem solução',
        text: 'Do suporte só recebo resposta automática e ninguém resolve, a loja continua sem frete.',
      }),
    ],
    [
      'a complaint starting with "Resposta automática"',
      mail({ subject: 'Resposta automática do suporte não resolve nada' }),
    ],
    [
      'a complaint starting with "Mensagem automática"',
      mail({ subject: 'Mensagem automática diz que o chamado foi encerrado' }),
    ],
    // A bare notice word over a complaint: a merchant titles it with what happened to them.
    [
      'Resposta automática over a complaint about support',
      mail({
        subject: 'Resposta automática',
        text: 'Recebi só resposta automática do suporte no chamado 48213 e o problema continua.',
      }),
    ],
    [
      'Férias over a store that stopped selling',
      mail({
        subject: 'Férias',
        text: 'Entrei de férias e a loja parou de receber pedidos. Chamado 48213 sem solução.',
      }),
    ],
    [
      'Ausente over an error',
      mail({ subject: 'Ausente', text: 'O suporte está ausente e o checkout dá erro desde ontem.' }),
    ],
    [
      'Mensagem automática over a closed ticket',
      mail({
        subject: 'Mensagem automática',
        text: 'Só recebo mensagem automática, protocolo 771234 foi fechado sem resposta.',
      }),
    ],
    [
      'Out of office over an English complaint',
      mail({ subject: 'Out of office', text: 'Your store builder is out of order: ticket 48213 has had no answer.' }),
    ],
    // A complaint's words that sound like a notice's: no day named, no robot, no unread mailbox.
    ...[
      'Volto a reclamar: o chamado 48213 no suporte continua parado.',
      'Não tive retorno do suporte no chamado 48213, prometeram retorno em 48 horas.',
      'Estou de férias e a loja está fora do ar desde ontem, chamado 48213.',
      'O suporte ficou ausente até agora e o checkout dá erro.',
      'Aguardo retorno até sexta sobre o protocolo 771234, senão vou ao Procon.',
    ].map((text): [string, Submission] => [
      `Resposta automática over "${text.slice(0, 30)}…"`,
      mail({ subject: 'Resposta automática', text }),
    ]),
    // A bare failure subject over a complaint: the store's own mail that bounces.
    [
      'Undeliverable over the store’s bouncing mail',
      mail({
        subject: 'Undeliverable',
        text: 'Meus e-mails para clientes voltam como undeliverable desde que mudei o DNS. Chamado 48213 sem solução.',
      }),
    ],
    [
      'Delivery Status Notification over a complaint',
      mail({
        subject: 'Delivery Status Notification',
        text: 'Recebo esse aviso em todo pedido e o chamado 48213 não resolveu.',
      }),
    ],
    [
      'Out of office over an English complaint without a ticket',
      mail({
        subject: 'Out of office',
        text: 'Our checkout has been broken since Monday and support does not answer.',
      }),
    ],
    [
      'Respuesta automática over a Spanish complaint',
      mail({
        subject: 'Respuesta automática',
        text: 'Solo recibo respuestas automáticas y el pago no funciona desde ayer.',
      }),
    ],
    [
      'Fuera de la oficina over a Spanish complaint',
      mail({ subject: 'Fuera de la oficina', text: 'El ticket 48213 sigue sin respuesta y la tienda no funciona.' }),
    ],
    // Round 15: a complaint in the words people use, under the bare notice subject they titled it with.
    ...[
      ['resposta automática', 'Só recebo resposta automática de vocês. Muito útil. Meu checkout segue quebrado.'],
      ['Resposta automática', 'É só isso que vocês mandam. Minha loja está travada desde segunda e ninguém me ajuda.'],
      ['resposta automatica', 'mandei 5 emails e so recebo resposta automatica, os produtos sumiram da loja'],
      ['Resposta automática', 'Cansei de resposta automática. O frete não calcula há duas semanas.'],
      ['Ausente', 'O suporte está ausente há 10 dias, sem resposta nenhuma sobre o meu checkout.'],
      ['Mensagem automática', 'Vocês só mandam mensagem automática e a vitrine não aparece pros clientes.'],
    ].map(([subject = '', text = '']): [string, Submission] => [
      `${subject} over "${text.slice(0, 40)}…"`,
      mail({ subject, text }),
    ]),
    // A notice's prefix before a complaint's own words, over a complaint: the merchant titled it so.
    ...[
      'Resposta automática: chamado 48213 encerrado sem solução',
      'Férias - loja fora do ar, chamado 48213',
      'Ausente: chamado 48213 sem resposta',
      'Automatic reply: ticket 48213 closed without a fix',
      'Aviso de ausência: chamado 48213',
      'Undeliverable: meus e-mails voltam, chamado 48213',
    ].map((subject): [string, Submission] => [
      `"${subject}" over a complaint`,
      mail({ subject, text: 'Saí de férias e a loja caiu. O chamado 48213 está sem resposta há 5 dias.' }),
    ]),
    // Away themselves, and asking for a cited ticket to be solved: a notice, written ahead of
    // time, names no ticket to solve.
    ...[
      ['Férias', 'Estou de férias até dia 20 mas preciso que o suporte resolva o checkout. Chamado 48213.'],
      ['Ausente', 'Volto na segunda e até lá resolvam o protocolo 771234, a loja está parada.'],
      ['Resposta automática', 'Estarei fora do escritório até 15/12; preciso da solução do chamado 48213 antes.'],
      ['Out of office', 'I am out of the office until Monday, please fix ticket 48213 before then.'],
      ['Fuera de la oficina', 'Estoy de vacaciones hasta el 15/12, necesito que solucionen el ticket 48213.'],
    ].map(([subject, text]): [string, Submission] => [
      `${subject} over an absence and a ticket to solve: "${text?.slice(0, 30)}…"`,
      mail({ subject, text }),
    ]),
    [
      'a notice sentence as subject over a complaint',
      mail({
        subject: 'Estarei ausente até 05/01',
        text: 'Antes de viajar preciso que resolvam o chamado 48213: o frete parou de calcular.',
      }),
    ],
    ['Away in a sentence', mail({ subject: 'Awaysoft integração parada' })],
    ['a return path in another domain (forwarder)', mail({ returnPath: 'joao@encaminhador.com.br' })],
    ['a sender whose name merely contains "noreply"', mail({ sender: { address: 'noreplyfan@loja.com.br' } })],
    [
      'a person named before a word that only starts like it',
      mail({ sender: { address: 'maria-norena@loja.com.br' } }),
    ],
    [
      'a domain that only ends like ours',
      mail({ sender: { address: 'ana@xouvidoria.example.com.br' }, returnPath: undefined }),
    ],
    ['return path in angle brackets', mail({ returnPath: '<joao.silva@lojadojoao.com.br>' })],
    // A person writing from a helpdesk or CRM that sends through SendGrid, Mailgun or Mandrill.
    ['a SendGrid bounce envelope', mail({ returnPath: 'bounces+12345-abc=lojadojoao.com.br@em123.lojadojoao.com.br' })],
    [
      'a Mailgun bounce envelope',
      mail({ returnPath: 'bounce+5f3a2.9c1e-joao.silva=lojadojoao.com.br@mg.lojadojoao.com.br' }),
    ],
    ['a Mandrill bounce envelope', mail({ returnPath: 'bounce-md_31050260.6550c6e1.v1-3e6b5f@mandrillapp.com' })],
    // Round 21: a receipt's or a calendar's prefix over a person's complaint is the person's.
    [
      'Lida alone, a person asking whether we read her mail',
      mail({ subject: 'Lida', text: 'Vocês leram meu e-mail? O chamado 51000 continua sem resposta.' }),
    ],
    [
      'Convite: over a complaint, no calendar words',
      mail({
        subject: 'Convite: reunião sobre o chamado 48213',
        text: 'Gostaria de marcar uma reunião: o frete não calcula há 3 semanas e o chamado 48213 segue sem solução.',
      }),
    ],
    ['Outlook’s ordinary Content-Class', mail({ headers: { 'content-class': 'urn:content-classes:message' } })],
    [
      'Convite: reunião, a merchant inviting the office about her ticket',
      mail({
        subject: 'Convite: reunião',
        text: 'Convido a Ouvidoria para uma reunião sobre o chamado 51000, que segue sem solução há 20 dias.',
      }),
    ],
    [
      'Read: …, a person asking whether anyone read her mail',
      mail({ subject: 'Read: my last three emails', text: 'Does anyone read these? My store is still down.' }),
    ],
    [
      'Mensagem não entregue, the store’s own mail complained of',
      mail({
        subject: 'Mensagem não entregue',
        text: 'Os e-mails da minha loja para clientes não chegam, dá erro, e o suporte não resolve.',
      }),
    ],
    // A failure's words at the start of a merchant's own subject: only "…: " or the whole subject is a notice.
    [
      '"Não foi possível entregar" the goods',
      mail({
        subject: 'Não foi possível entregar a mercadoria',
        text: 'A transportadora devolveu 12 pacotes e o painel não atualiza o rastreio. Chamado 48213 sem solução.',
      }),
    ],
    [
      '"E-mail devolvido" by Gmail, her store’s mail',
      mail({
        subject: 'E-mail devolvido pelo Gmail',
        text: 'Meus e-mails voltam e o suporte não responde há 10 dias.',
      }),
    ],
    [
      '"Mensagem não entregue" to her customers',
      mail({ subject: 'Mensagem não entregue aos meus clientes', text: 'Sem solução há uma semana.' }),
    ],
    [
      '"E-mail devolvido -" and her complaint',
      mail({
        subject: 'E-mail devolvido - clientes não recebem a confirmação',
        text: 'Desde ontem nenhum cliente recebe.',
      }),
    ],
    [
      '"Não foi possível entregar - Correios", a ticket in the text',
      mail({
        subject: 'Não foi possível entregar - Correios',
        text: 'Chamado 48213 sem solução, 12 pacotes voltaram.',
      }),
    ],
    [
      '"Mensagem não entregue:" before her own words',
      mail({
        subject: 'Mensagem não entregue: meus clientes não recebem nada',
        text: 'Os e-mails de confirmação de pedido não chegam aos clientes desde sexta e o suporte não resolve.',
      }),
    ],
    [
      '"Não foi possível entregar" alone over her complaint',
      mail({
        subject: 'Não foi possível entregar',
        text: 'Os pedidos de ontem voltaram todos e o suporte não resolve. Chamado 48213 sem solução.',
      }),
    ],
    // The office sends no invitations: an "Aceito:" over our subject is her answer to the case.
    [
      '"Aceito:" over our own subject, her acceptance',
      mail({
        subject: 'Aceito: acordo proposto no caso OUV-2026-000123',
        text: 'Aceito a proposta de abatimento de 50% na mensalidade de dezembro.',
      }),
    ],
  ])('%s', (_what, s) => {
    expect(evaluateAutoReply(s, 'ACCEPTED', localConfig)).toEqual({ allowed: true });
  });

  it.each(OUTCOMES.filter((o) => o !== 'QUARANTINED'))('is allowed for outcome %s', (outcome) => {
    expect(evaluateAutoReply(mail(), outcome, localConfig).allowed).toBe(true);
  });
});

describe('evaluateAutoReply — refused', () => {
  it.each<[string, Submission, string]>([
    ['Auto-Submitted: auto-replied', withHeaders({ 'auto-submitted': 'auto-replied' }), 'auto-submitted'],
    [
      'Auto-Submitted: Auto-Generated; type=x',
      withHeaders({ 'auto-submitted': 'Auto-Generated; type=x' }),
      'auto-submitted',
    ],
    ['Auto-Submitted: auto-notified', withHeaders({ 'auto-submitted': 'auto-notified' }), 'auto-submitted'],
    ['Auto-Submitted empty', withHeaders({ 'auto-submitted': '' }), 'auto-submitted'],
    ['Precedence: bulk', withHeaders({ precedence: 'bulk' }), 'precedence'],
    ['Precedence: JUNK', withHeaders({ precedence: 'JUNK' }), 'precedence'],
    ['Precedence: list', withHeaders({ precedence: ' list ' }), 'precedence'],
    ['Precedence: auto_reply', withHeaders({ precedence: 'auto_reply' }), 'precedence'],
    ['List-Id', withHeaders({ 'list-id': '<lojistas.groups.example.com>' }), 'list-header'],
    ['List-Unsubscribe', withHeaders({ 'list-unsubscribe': '<mailto:unsub@news.example.com>' }), 'list-header'],
    ['List-Post', withHeaders({ 'list-post': 'NO' }), 'list-header'],
    ['any other List-* header', withHeaders({ 'list-whatever': 'x' }), 'list-header'],
    ['X-Loop from someone else', withHeaders({ 'x-loop': 'helpdesk@outra.com.br' }), 'x-loop'],
    ['X-Loop empty', withHeaders({ 'x-loop': '' }), 'x-loop'],
    ['X-Loop with our address', withHeaders({ 'x-loop': 'Ouvidoria@Ouvidoria.Example.com.br' }), 'x-loop-own'],
    ['X-Loop with our domain', withHeaders({ 'x-loop': 'robo@ouvidoria.example.com.br' }), 'x-loop-own'],
    ['X-Auto-Response-Suppress: All', withHeaders({ 'x-auto-response-suppress': 'All' }), 'x-auto-response-suppress'],
    [
      'X-Auto-Response-Suppress: DR, RN, NRN',
      withHeaders({ 'x-auto-response-suppress': 'DR, RN, NRN' }),
      'x-auto-response-suppress',
    ],
    ['X-Auto-Response-Suppress: OOF', withHeaders({ 'x-auto-response-suppress': 'oof' }), 'x-auto-response-suppress'],
    [
      'X-Auto-Response-Suppress: AutoReply',
      withHeaders({ 'x-auto-response-suppress': 'AutoReply' }),
      'x-auto-response-suppress',
    ],
    ['X-Auto-Response-Suppress: NDR', withHeaders({ 'x-auto-response-suppress': 'NDR' }), 'x-auto-response-suppress'],
    ['X-Autoreply', withHeaders({ 'x-autoreply': 'yes' }), 'x-autoreply'],
    ['X-Autorespond', withHeaders({ 'x-autorespond': 'x' }), 'x-autorespond'],
    ['X-Autoresponder', withHeaders({ 'x-autoresponder': '' }), 'x-autoresponder'],
    [
      'Exchange generated',
      withHeaders({ 'x-ms-exchange-generated-message-source': 'Mailbox Rules Agent' }),
      'ms-exchange-generated',
    ],
    [
      'Exchange inbox rule loop',
      withHeaders({ 'x-ms-exchange-inbox-rules-loop': 'joao@loja.com.br' }),
      'ms-exchange-inbox-rules-loop',
    ],
    ['Feedback-Type (ARF)', withHeaders({ 'feedback-type': 'abuse' }), 'feedback-report'],
    ['X-Failed-Recipients', withHeaders({ 'x-failed-recipients': 'x@y.com' }), 'failed-recipients'],
    ['empty return path ""', mail({ returnPath: '' }), 'null-return-path'],
    ['empty return path "<>"', mail({ returnPath: '<>' }), 'null-return-path'],
    ['empty return path " < > "', mail({ returnPath: ' < > ' }), 'null-return-path'],
    [
      'empty Return-Path header when the envelope is unknown',
      withHeaders({ 'return-path': '<>' }, { returnPath: undefined }),
      'null-return-path',
    ],
    ['MAILER-DAEMON', mail({ sender: { address: 'MAILER-DAEMON@mx.loja.com.br' } }), 'noreply-sender'],
    ['postmaster', mail({ sender: { address: 'postmaster@loja.com.br' } }), 'noreply-sender'],
    ['no-reply', mail({ sender: { address: 'no-reply@plataforma.com' } }), 'noreply-sender'],
    ['noreply+tag', mail({ sender: { address: 'noreply+abc@plataforma.com' } }), 'noreply-sender'],
    ['do_not_reply', mail({ sender: { address: 'Do_Not_Reply@banco.com.br' } }), 'noreply-sender'],
    ['nao-responda', mail({ sender: { address: 'nao-responda@loja.com.br' } }), 'noreply-sender'],
    // Round 21: a service's name before the no-reply words.
    ['googlealerts-noreply', mail({ sender: { address: 'googlealerts-noreply@google.com' } }), 'noreply-sender'],
    ['drive-shares-dm-noreply', mail({ sender: { address: 'drive-shares-dm-noreply@google.com' } }), 'noreply-sender'],
    ['loja.naoresponda', mail({ sender: { address: 'pedidos.naoresponda@loja.com.br' } }), 'noreply-sender'],
    ['no-reply return path', mail({ returnPath: 'noreply@mailer.loja.com.br' }), 'noreply-return-path'],
    ['daemon return path', mail({ returnPath: 'mailer-daemon@loja.com.br' }), 'noreply-return-path'],
    [
      'our ombudsman address as sender',
      mail({ sender: { address: 'ouvidoria@ouvidoria.example.com.br' }, returnPath: undefined }),
      'own-address',
    ],
    ['our address as return path', mail({ returnPath: 'Ouvidoria@ouvidoria.example.com.br' }), 'own-address'],
    [
      'a sender in our domain',
      mail({ sender: { address: 'analista@ouvidoria.example.com.br' }, returnPath: undefined }),
      'own-domain',
    ],
    [
      'a sender in a subdomain of ours',
      mail({ sender: { address: 'x@mx.ouvidoria.example.com.br' }, returnPath: undefined }),
      'own-domain',
    ],
    ['a return path in our domain', mail({ returnPath: 'sistema@ouvidoria.example.com.br' }), 'own-domain'],
    ['a Message-ID from our domain', mail({ messageId: 'case-1-reply@ouvidoria.example.com.br' }), 'own-message-id'],
    [
      'a bracketed Message-ID from our domain',
      mail({ messageId: '<case-1@OUVIDORIA.example.com.br>' }),
      'own-message-id',
    ],
    ['Resposta automática:', mail({ subject: 'Resposta automática: Reclamação', text: NOTICE_PT }), 'ooo-subject'],
    ['Resposta automatica (no accent)', mail({ subject: 'RESPOSTA AUTOMATICA - ausente' }), 'ooo-subject'],
    ['Mensagem automática', mail({ subject: 'Mensagem automática', text: NOTICE_PT }), 'ooo-subject'],
    ['Ausente:', mail({ subject: 'Ausente: Reclamação sobre o chamado', text: NOTICE_PT }), 'ooo-subject'],
    ['Ausente -', mail({ subject: 'Ausente - volto dia 20' }), 'ooo-subject'],
    ['Ausente alone', mail({ subject: 'Ausente', text: NOTICE_PT }), 'ooo-subject'],
    ['Fora do escritório', mail({ subject: 'Fora do escritório até 20/03', text: NOTICE_PT }), 'ooo-subject'],
    ['Estou de férias', mail({ subject: 'Estou de férias', text: NOTICE_PT }), 'ooo-subject'],
    ['Estarei ausente até', mail({ subject: 'Estarei ausente até 05/01', text: NOTICE_PT }), 'ooo-subject'],
    // A notice's prefix before our own mail's subject (a reply, the protocol) stays a notice,
    // whatever its text says: it answers something we sent.
    ['Fora do escritório: Re:', mail({ subject: 'Fora do escritório: Re: Chamado 48213' }), 'ooo-subject'],
    ['Out of office', mail({ subject: 'Out of Office: Re: pedido' }), 'ooo-subject'],
    [
      'a notice prefix before our protocol',
      mail({ subject: 'Resposta automática: [OUV-2026-000123] Recebemos sua manifestação' }),
      'ooo-subject',
    ],
    [
      'a notice prefix before our guidance subject',
      mail({ subject: 'Ausente: Ouvidoria: fale primeiro com a Central de Atendimento' }),
      'ooo-subject',
    ],
    [
      'a failure before our own reply',
      mail({ subject: 'Undeliverable: RES: Reclamação do chamado 48213' }),
      'bounce-subject',
    ],
    ["I'm out of the office", mail({ subject: "I'm out of the office", text: NOTICE_EN }), 'ooo-subject'],
    ['Automatic reply', mail({ subject: 'Automatic reply: Reclamação', text: NOTICE_EN }), 'ooo-subject'],
    ['Autoreply', mail({ subject: 'Autoreply: hello' }), 'ooo-subject'],
    ['Auto-reply', mail({ subject: 'Auto-Reply: hello' }), 'ooo-subject'],
    ['AUTO:', mail({ subject: 'AUTO: João is out of the office' }), 'ooo-subject'],
    ['Away:', mail({ subject: 'Away: back Monday' }), 'ooo-subject'],
    ['Away from office', mail({ subject: 'Away from the office', text: NOTICE_EN }), 'ooo-subject'],
    ['Respuesta automática', mail({ subject: 'Respuesta automática', text: NOTICE_PT }), 'ooo-subject'],
    ['Ausência temporária', mail({ subject: 'Ausência temporária', text: NOTICE_PT }), 'ooo-subject'],
    ['Aviso de ausência:', mail({ subject: 'Aviso de ausência: Re: Chamado 48213' }), 'ooo-subject'],
    ['a tagged automatic reply', mail({ subject: '[EXTERNO] [SPAM?] Resposta automática: x' }), 'ooo-subject'],
    // The notice's words as a helpdesk's tag, before our own subject or a bare word.
    [
      'a helpdesk acknowledgement tagged [Resposta Automática]',
      mail({
        subject: '[Resposta Automática] Re: Ouvidoria',
        text: 'Obrigado pelo contato! Responderemos em até 24 horas úteis.',
      }),
      'ooo-subject',
    ],
    [
      'a notice tagged [Auto-Reply]',
      mail({ subject: '[Auto-Reply] Re: Chamado 48213', text: NOTICE_EN }),
      'ooo-subject',
    ],
    ['a notice tagged [Ausente]', mail({ subject: '[EXTERNO] [Ausente] Reclamação', text: NOTICE_PT }), 'ooo-subject'],
    ['a bare [Undeliverable] tag', mail({ subject: '[Undeliverable]', text: BOUNCE_TEXT }), 'bounce-subject'],
    // Under a bare subject the text decides: a notice names its problems-and-orders contact too.
    ...[
      [
        'Férias, a notice naming who handles problems',
        'Férias',
        'Estou de férias até 15/12. Para problemas com pedidos, fale com o João.',
      ],
      [
        'Ausente, "esta é uma resposta automática" with a ticket word',
        'Ausente',
        'Esta é uma resposta automática. Seu chamado 48213 será lido no meu retorno.',
      ],
      [
        'Resposta automática, a back-on-Monday notice',
        'Resposta automática',
        'Volto na segunda-feira. Erros no site: suporte@loja.com.br',
      ],
      [
        'Out of office, until a date, with limited access',
        'Out of office',
        'I am out of the office until Monday with limited access to email.',
      ],
      [
        'Fuera de la oficina, a Spanish notice naming who handles problems',
        'Fuera de la oficina',
        'Estoy fuera de la oficina hasta el 15/12. Para problemas con pedidos, contacte a Juan.',
      ],
    ].map(([name, subject, text]): [string, Submission, string] => [
      name as string,
      mail({ subject, text }),
      'ooo-subject',
    ]),
    ['Férias, with no text at all', mail({ subject: 'Férias', text: '' }), 'ooo-subject'],
    // Notices in their usual words, each with a complaint's word in it.
    ...[
      'Volto na segunda-feira. Problemas com pedidos: suporte@loja.com.br',
      'Estarei de volta dia 20. Em caso de erro no site, ligue para o João.',
      'Retorno em 10 de janeiro. Chamados 48213 e outros serão vistos então.',
      'Responderei sua mensagem assim que possível. Reclamações: sac@loja.com.br',
      'Esta é uma mensagem automática: estou sem acesso ao e-mail e problemas urgentes vão para o João.',
      // A robot says so: a ticket to solve does not make it a person.
      'Esta é uma resposta automática. Estou de férias até 20/12; o chamado 48213 será resolvido no meu retorno.',
      // No ticket cited: solving is what the notice hands to someone else.
      'Estou de férias até 20/12. Problemas a resolver: fale com o João.',
      'Out of office until Monday. Tickets will be solved by Maria (maria@loja.com.br).',
      // Round 15: a complaint's newer words in a notice that names its day.
      'Estou ausente até 20/12. Pedidos parados ou sem resposta: fale com a Maria.',
      'Volto dia 05/01. Se o site não carregar ou algo sumiu, ligue para o João.',
    ].map((text): [string, Submission, string] => [
      `Ausente over "${text.slice(0, 30)}…"`,
      mail({ subject: 'Ausente', text }),
      'ooo-subject',
    ]),

    ['Undeliverable', mail({ subject: 'Undeliverable: Reclamação', text: BOUNCE_TEXT }), 'bounce-subject'],
    [
      'Delivery Status Notification',
      mail({ subject: 'Delivery Status Notification (Failure)', text: BOUNCE_TEXT }),
      'bounce-subject',
    ],
    // A failure that carries our acknowledgement's words (a ticket, a protocol) unquoted is still one.
    [
      'Undeliverable, our acknowledgement inside',
      mail({
        subject: 'Undeliverable',
        text: 'Your message to maria@loja.com.br could not be delivered. Recebemos sua manifestação sobre o chamado 48213.',
      }),
      'bounce-subject',
    ],
    [
      'Falha na entrega, a server answer',
      mail({ subject: 'Falha na entrega', text: 'Erro: 550 5.1.1 usuário inexistente. Chamado 48213.' }),
      'bounce-subject',
    ],
    // Round 21: Exchange's pt-BR failure, plain failure words, read receipts and calendar mail.
    [
      'Não é possível entregar: Re: …',
      mail({
        subject: 'Não é possível entregar: Re: Ouvidoria',
        text: 'Sua mensagem para diego@rochamoda.com.br não pôde ser entregue. O diego não foi encontrado.',
      }),
      'bounce-subject',
    ],
    [
      'Mensagem não entregue, a server answer',
      mail({
        subject: 'Mensagem não entregue',
        text: 'A mensagem enviada para contato@lojafechada.com.br não pôde ser entregue. Motivo: 550 5.1.1 usuário inexistente.',
      }),
      'bounce-subject',
    ],
    [
      'Lida: Re: … (Outlook read receipt)',
      mail({ subject: 'Lida: Re: Ouvidoria: sua mensagem', text: 'Sua mensagem foi lida em 01/12/2026 10:15.' }),
      'receipt-subject',
    ],
    [
      'Read: … (English read receipt)',
      mail({ subject: 'Read: Your message to Ouvidoria', text: 'Your message was read on Tuesday, December 1.' }),
      'receipt-subject',
    ],
    [
      'Confirmação de leitura (Thunderbird)',
      mail({
        subject: 'Confirmação de leitura (exibida) - Ouvidoria: sua mensagem',
        text: 'Esta é uma Confirmação de Leitura para a mensagem que você enviou.',
      }),
      'receipt-subject',
    ],
    [
      'Convite: … (Google Calendar), a store word in the event name',
      mail({
        subject: 'Convite: Alinhamento loja x Bagy @ qui 10 de dez de 2026 11:00 - 12:00 (BRT)',
        text: 'Juliana Prado convidou você para Alinhamento loja x Bagy.\n\nConvite do Google Agenda',
      }),
      'calendar-subject',
    ],
    [
      'Aceito: … (an invitation accepted)',
      mail({ subject: 'Aceito: Reunião Ouvidoria @ sex 11 de dez', text: 'Diego aceitou este convite.' }),
      'calendar-subject',
    ],
    [
      'Provisório: … (an invitation accepted tentatively)',
      mail({ subject: 'Provisório: Reunião Ouvidoria', text: 'Diego aceitou provisoriamente este convite.' }),
      'calendar-subject',
    ],
    [
      'an Outlook meeting request, its title as the subject',
      mail({
        subject: 'Alinhamento Bagy',
        text: 'Reunião do Microsoft Teams\nIngressar no computador ou aplicativo móvel',
        headers: { 'content-class': 'urn:content-classes:calendarmessage' },
      }),
      'calendar-message',
    ],
    [
      'Updated invitation: …',
      mail({ subject: 'Updated invitation: Bagy partnership call', text: 'This event has been changed.' }),
      'calendar-subject',
    ],
    ['no sender address', mail({ sender: { address: '' }, returnPath: undefined }), 'no-reply-address'],
    [
      'an unusable sender address',
      mail({ sender: { address: 'joao silva' }, returnPath: undefined }),
      'invalid-reply-address',
    ],
    [
      'a header-injection address',
      mail({ sender: { address: 'a@b.com\r\nBcc: x@y.com' }, returnPath: undefined }),
      'invalid-reply-address',
    ],
    // Each spelling was its own inbox to the daily limit: one more guidance mail per added dot.
    ['a return path whose domain ends in a dot', mail({ returnPath: 'contato@alvo.com.br.' }), 'invalid-reply-address'],
    ['…in two dots', mail({ returnPath: 'contato@alvo.com.br..' }), 'invalid-reply-address'],
    ['…with an empty label inside', mail({ returnPath: 'contato@alvo..com.br' }), 'invalid-reply-address'],
    ['…or starting with a dot', mail({ returnPath: 'contato@.alvo.com.br' }), 'invalid-reply-address'],
  ])('%s', (_what, s, ruleId) => {
    const verdict = evaluateAutoReply(s, 'NO_PRIOR_TICKET', localConfig);
    expect(verdict.allowed).toBe(false);
    if (!verdict.allowed) {
      expect(verdict.ruleId).toBe(ruleId);
      expect(verdict.reason.length).toBeGreaterThan(5);
      expect(verdict.reason).not.toContain('@');
    }
  });

  it('never replies to quarantined mail, even a perfect one', () => {
    expect(evaluateAutoReply(mail(), 'QUARANTINED', localConfig)).toMatchObject({
      allowed: false,
      ruleId: 'quarantined',
    });
  });

  it('uses the configured no-reply pattern', () => {
    const config = parseConfig({ ...localConfigInput, autoReply: { noReplySenderPattern: '^robo$' } });
    const robo = mail({ sender: { address: 'robo@loja.com.br' }, returnPath: undefined });
    expect(evaluateAutoReply(robo, 'ACCEPTED', config)).toMatchObject({ ruleId: 'noreply-sender' });
    const noreply = mail({ sender: { address: 'noreply@loja.com.br' }, returnPath: undefined });
    expect(evaluateAutoReply(noreply, 'ACCEPTED', config).allowed).toBe(true);
  });

  it('asks the same submission again under another config afresh (the verdict is kept per config)', () => {
    const robo = mail({ sender: { address: 'robo@loja.com.br' }, returnPath: undefined });
    const strict = parseConfig({ ...localConfigInput, autoReply: { noReplySenderPattern: '^robo$' } });
    expect(evaluateAutoReply(robo, 'ACCEPTED', localConfig).allowed).toBe(true);
    expect(evaluateAutoReply(robo, 'NOT_A_CLIENT', strict)).toMatchObject({ ruleId: 'noreply-sender' });
    expect(isMachineGenerated(robo, strict)).toBe(true);
    expect(isMachineGenerated(robo, localConfig)).toBe(false);
    expect(evaluateAutoReply(robo, 'QUARANTINED', localConfig)).toMatchObject({ ruleId: 'quarantined' });
  });

  it('fails loudly on an invalid configured pattern', () => {
    const config = parseConfig({ ...localConfigInput, autoReply: { noReplySenderPattern: '(' } });
    expect(() => evaluateAutoReply(mail(), 'ACCEPTED', config)).toThrow(/noReplySenderPattern/);
  });
});

describe('replyHeaders', () => {
  const ours = 'reply-ses-0001@ouvidoria.example.com.br';

  it('replies to the return path with RFC 3834 headers', () => {
    const s = mail({
      returnPath: 'envelope@lojadojoao.com.br',
      references: ['root@mail.gmail.com', 'mid@mail.gmail.com'],
    });
    const { to, headers } = replyHeaders(s, ours, localConfig);
    expect(to).toBe('envelope@lojadojoao.com.br');
    expect(headers).toEqual({
      'Auto-Submitted': 'auto-replied',
      'In-Reply-To': '<CAF=abc123@mail.gmail.com>',
      References: '<root@mail.gmail.com> <mid@mail.gmail.com> <CAF=abc123@mail.gmail.com>',
      'X-Loop': 'ouvidoria@ouvidoria.example.com.br',
      'X-Auto-Response-Suppress': 'All',
    });
    expect(headers).not.toHaveProperty('Precedence');
  });

  it('falls back to the From address without a return path (webform)', () => {
    const s = mail({
      channel: 'webform',
      returnPath: undefined,
      messageId: undefined,
      sender: { address: 'Ana@Loja.com.br' },
    });
    const { to, headers } = replyHeaders(s, ours, localConfig);
    expect(to).toBe('ana@loja.com.br');
    expect(headers).not.toHaveProperty('In-Reply-To');
    expect(headers).not.toHaveProperty('References');
    expect(headers['Auto-Submitted']).toBe('auto-replied');
  });

  it('strips angle brackets, drops malformed and duplicate ids, never lists our own id', () => {
    const s = mail({
      messageId: '<abc@x.com>',
      references: ['<root@x.com>', 'root@x.com', 'bad id with spaces@x', 'evil@x.com>\r\nBcc: a@b.c', ours, ''],
    });
    const { headers } = replyHeaders(s, ours, localConfig);
    expect(headers['In-Reply-To']).toBe('<abc@x.com>');
    expect(headers['References']).toBe('<root@x.com> <abc@x.com>');
  });

  it('caps References to the root plus the most recent ids', () => {
    const refs = Array.from({ length: 60 }, (_, i) => `m${i}@x.com`);
    const { headers } = replyHeaders(mail({ references: refs }), ours, localConfig);
    const ids = (headers['References'] as string).split(' ');
    expect(ids).toHaveLength(20);
    expect(ids[0]).toBe('<m0@x.com>');
    expect(ids[ids.length - 1]).toBe('<CAF=abc123@mail.gmail.com>');
    expect(ids[ids.length - 2]).toBe('<m59@x.com>');
  });

  it('never puts CR or LF in any value', () => {
    const s = mail({ returnPath: undefined, sender: { address: 'a@b.com\r\nBcc: x@y.com' }, messageId: 'x@y\r\nz' });
    const { to, headers } = replyHeaders(s, ours, localConfig);
    for (const v of [to, ...Object.values(headers)]) expect(v).not.toMatch(/[\r\n]/);
  });
});

describe('isMachineGenerated: automatic mail is never threaded as the merchant speaking', () => {
  it.each([
    ['an autoresponder', withHeaders({ 'auto-submitted': 'auto-replied' }), true],
    [
      'an Outlook out-of-office subject',
      mail({ subject: 'Resposta automática: Re: [OUV-2026-000001] Recebemos' }),
      true,
    ],
    ['a mailing list', withHeaders({ 'list-id': '<novidades.loja.com.br>' }), true],
    ['a bounce with a null return path', mail({ returnPath: '' }), true],
    ['a person whose client adds X-Auto-Response-Suppress', withHeaders({ 'x-auto-response-suppress': 'All' }), false],
    ['a person writing normally', mail(), false],
    [
      'a person writing from a helpdesk that sends through SendGrid',
      mail({ returnPath: 'bounces+7-a=loja.com@em.loja.com' }),
      false,
    ],
    ['a no-reply envelope', mail({ returnPath: 'nao-responda@loja.com.br' }), true],
    // Read past what people's mail earns too: the signs after it still say a machine wrote it.
    [
      'an Outlook out-of-office with X-Auto-Response-Suppress, said by its subject',
      withHeaders({ 'x-auto-response-suppress': 'All' }, { subject: 'Resposta automática: Re: [OUV-2026-000001]' }),
      true,
    ],
    [
      "a helpdesk's X-Loop and an out-of-office subject",
      withHeaders(
        { 'x-loop': 'suporte@loja.com.br' },
        { subject: 'Fora do escritório: Re: chamado 48213', text: NOTICE_PT },
      ),
      true,
    ],
    [
      'an out-of-office from our own domain, said by its subject',
      mail({
        sender: { name: 'Ana', address: 'ana@ouvidoria.example.com.br' },
        returnPath: 'ana@ouvidoria.example.com.br',
        subject: 'Automatic reply: [OUV-2026-000001] Nova mensagem do lojista',
        text: NOTICE_EN,
      }),
      true,
    ],
  ])('%s → %s', (_name, submission, expected) => {
    expect(isMachineGenerated(submission, localConfig)).toBe(expected);
  });

  it('a staff member’s Message-ID in our own domain is her mail server’s, no machine sign', () => {
    const hers = mail({
      sender: { name: 'Ana', address: 'ana@ouvidoria.example.com.br' },
      returnPath: 'ana@ouvidoria.example.com.br',
      subject: 'RE: [OUV-2026-000001] Nova mensagem do lojista',
      messageId: 'AM0PR01MB-1@ouvidoria.example.com.br',
    });
    expect(isMachineGenerated(hers, localConfig, 'staff')).toBe(false);
    // From outside, a Message-ID of our domain is our own mail come back.
    expect(isMachineGenerated(hers, localConfig)).toBe(true);
  });
});

describe('newMessageId', () => {
  it('builds <unique>@<domain> without brackets', () => {
    expect(newMessageId(localConfig, 'reply.ses-0001')).toBe('reply.ses-0001@ouvidoria.example.com.br');
  });

  it('drops characters that are not allowed in a msg-id', () => {
    expect(newMessageId(localConfig, 'web:form/ab<c>d e\r\n')).toBe('webform/abcde@ouvidoria.example.com.br');
    expect(newMessageId(localConfig, '..a...b..')).toBe('a.b@ouvidoria.example.com.br');
  });

  it('refuses an empty unique part', () => {
    expect(() => newMessageId(localConfig, '<>')).toThrow(RangeError);
  });
});
