/**
 * The benchmark's fixed email corpus, generated in memory from one seed (nothing MB-sized is
 * committed). A realistic mix of what merchants send to an ombudsman address, 2 KB to 2 MB:
 * Gmail/Apple-style multipart/alternative in UTF-8 quoted-printable, Outlook HTML bloat in
 * windows-1252, ERP and Brazilian webmail mail in ISO-8859-1 8-bit, phone mail in 8-bit UTF-8,
 * long quoted threads with the support desk, forwarded messages (message/rfc822), and
 * attachments (boletos and invoices as PDF, screenshots as PNG/JPEG, spreadsheets, NF-e XML).
 * Attachment bytes are random: like real PDFs, images and XLSX files they do not compress.
 */
import { sesReceiptEvent } from '../shared/adapters/ses-receipt-event';
import type { TicketRecord } from '../shared/ports';
import { KB, MB, Prng } from './support';

export const CORPUS_SEED = 20260310;
export const CORPUS_SIZE = 160;
/** Largest message of the corpus (the brief: 2 KB to 2 MB). */
export const LARGEST_BYTES = 2 * MB - 4 * KB;

export const OMBUDSMAN = 'ouvidoria@ouvidoria.example.com.br';

export type MailKind =
  | 'ticket-own'
  | 'ticket-other'
  | 'no-ticket'
  | 'access'
  | 'billing'
  | 'not-client'
  | 'feature'
  | 'commercial';

export type MailStyle = 'gmail' | 'outlook' | 'apple' | 'erp-latin1' | 'webmail-latin1' | 'phone';

export interface CorpusMessage {
  /** SES message id (also the S3 key suffix). */
  id: string;
  raw: Buffer;
  kind: MailKind;
  style: MailStyle;
  attachments: number;
  sender: { name: string; address: string };
  subject: string;
  date: Date;
}

export interface Corpus {
  messages: CorpusMessage[];
  /** Tickets the directory knows: each merchant owns one. */
  tickets: TicketRecord[];
  totalBytes: number;
}

interface Merchant {
  name: string;
  address: string;
  store: string;
  ticket: string;
}

// Fictional merchants (example domains); the ticket numbers are theirs in the directory.
const MERCHANTS: Merchant[] = [
  ['Mariana Costa', 'lojista@modasbella.com.br', 'Modas Bella'],
  ['João Pedro Almeida', 'joao@lojadojoao.com.br', 'Loja do João'],
  ['Carla Nogueira', 'carla@docesdacarla.com.br', 'Doces da Carla'],
  ['Beatriz Araújo', 'beatriz@bazarimperial.com.br', 'Bazar Imperial'],
  ['Ana Luíza Estrela', 'ana@papelariaestrela.com.br', 'Papelaria Estrela'],
  ['Roberto Fagundes', 'contato@eletroponto.com.br', 'EletroPonto'],
  ['Fernanda Guimarães', 'financeiro@casadosaromas.com.br', 'Casa dos Aromas'],
  ['Luís Henrique Souza', 'luis@pedalecia.com.br', 'Pedal & Cia'],
  ['Patrícia Magalhães', 'patricia@belezanatural.com.br', 'Beleza Natural'],
  ['Conceição Ribeiro', 'conceicao@artesanatodaceica.com.br', 'Artesanato da Ceiça'],
  ['Thiago Barbosa', 'thiago@suplementosfit.com.br', 'Suplementos Fit'],
  ['Gisele Antunes', 'gisele@petshopamigo.com.br', 'Pet Shop Amigo'],
  ['André Luiz Pereira', 'andre@ferragenspereira.com.br', 'Ferragens Pereira'],
  ['Júlia Montenegro', 'julia@ateliejulia.com.br', 'Ateliê Júlia'],
  ['Sérgio Tavares', 'sergio@vinhosdosul.com.br', 'Vinhos do Sul'],
  ['Renata Figueiredo', 'sac@renatakids.com.br', 'Renata Kids'],
  ['Márcio Gonçalves', 'marcio@informaticamg.com.br', 'Informática MG'],
  ['Lúcia Helena Dias', 'lucia@cafeecia.com.br', 'Café & Cia'],
  ['Otávio Brandão', 'otavio@brandaocalcados.com.br', 'Brandão Calçados'],
  ['Vânia Coutinho', 'vania@decoracaovania.com.br', 'Decoração Vânia'],
  ['Cláudio Rezende', 'claudio@rezendeesportes.com.br', 'Rezende Esportes'],
  ['Priscila Lemos', 'priscila@lemosjoias.com.br', 'Lemos Joias'],
  ['Fábio Nascimento', 'fabio@naturalemporio.com.br', 'Natural Empório'],
  ['Débora Quintão', 'debora@quintaomodafitness.com.br', 'Quintão Moda Fitness'],
].map(([name, address, store], i) => ({
  name: name as string,
  address: address as string,
  store: store as string,
  ticket: String(48213 + i * 37),
}));

const PROSPECTS = [
  ['Rafael Souza', 'rafael.souza@gmail.com'],
  ['Camila Rocha', 'camilarocha.loja@hotmail.com'],
  ['Eduardo Lins', 'eduardo.lins@yahoo.com.br'],
  ['Sônia Medeiros', 'soniamedeiros@uol.com.br'],
] as const;

const SUBJECTS: Record<MailKind, string[]> = {
  'ticket-own': [
    'Reclamação sobre o chamado #{t}',
    'Chamado {t} sem solução há semanas',
    'Protocolo {t} – pedidos parados',
    'Solicito acompanhamento da Ouvidoria (ticket nº {t})',
    'Cobrança em duplicidade – chamado {t}',
  ],
  'ticket-other': ['Chamado #{t} não resolvido', 'Reclamação – solicitação {t}', 'Ticket {t}: sem resposta'],
  'no-ticket': [
    'Reclamação sobre o atendimento',
    'Checkout lento e pedidos perdidos',
    'Péssima experiência com a plataforma',
  ],
  access: ['Não consigo acessar o painel', 'Usuário bloqueado por inatividade', 'Domínio congelado no registro.br'],
  billing: ['Dúvida sobre a fatura de março', 'Migração de plano', 'Valor da mensalidade aumentou'],
  'not-client': ['Quero conhecer os planos', 'Ainda não sou cliente – preços', 'Informações para abrir minha loja'],
  feature: ['Integração com marketplace', 'Sugestão de funcionalidade', 'Vocês têm integração com meu ERP?'],
  commercial: ['Desconto na renovação', 'Negociação de condições especiais', 'Proposta para isenção de taxa'],
};

const OPENINGS = [
  'Olá, bom dia.',
  'Boa tarde, equipe da Ouvidoria.',
  'Prezados, boa tarde.',
  'Oi, tudo bem?',
  'Bom dia! Escrevo em nome da minha loja.',
];

const BODIES: Record<MailKind, string[]> = {
  'ticket-own': [
    'Abri o chamado #{t} há duas semanas porque os pedidos pagos por Pix não mudam de status e até agora ninguém resolveu.',
    'Já abri o chamado {t} com o suporte, enviei prints e o comprovante, mas a resposta foi só uma mensagem padrão.',
    'Sobre o ticket nº {t}: a integração com os Correios parou de calcular o frete e estou perdendo vendas todos os dias.',
    'Fui cobrada duas vezes pela fatura de fevereiro do plano Profissional. O protocolo do suporte é {t} e o estorno não veio.',
  ],
  'ticket-other': [
    'O meu chamado é o #{t} e ele foi encerrado sem que o problema fosse resolvido.',
    'Estou esperando retorno da solicitação {t} desde o mês passado.',
  ],
  'no-ticket': [
    'O checkout da minha loja está muito lento desde a última atualização e os clientes desistem da compra.',
    'Estou muito insatisfeita com o atendimento, ninguém me responde e os pedidos continuam com erro.',
    'As fotos dos produtos somem do catálogo depois que eu edito o estoque.',
  ],
  access: [
    'Meu usuário foi bloqueado por inatividade e não consigo acessar o painel administrativo.',
    'O domínio da loja está congelado no registro.br e a loja saiu do ar.',
    'Depois da troca de domínio errada a loja não abre mais e não consigo entrar no painel.',
  ],
  billing: [
    'Gostaria de entender por que a fatura deste mês veio com um valor diferente do plano contratado.',
    'Quero migrar do plano Essencial para o Profissional e não sei como fica a cobrança proporcional.',
    'O boleto da mensalidade não chegou e tenho medo de a loja ser suspensa.',
  ],
  'not-client': [
    'Ainda não sou cliente e gostaria de saber os preços dos planos para abrir uma loja de roupas.',
    'Estou pensando em migrar minha loja para vocês. Quais são as condições?',
  ],
  feature: [
    'Vocês têm integração com o marketplace do Mercado Livre e com o ERP Bling? Preciso muito disso.',
    'Seria ótimo ter venda por assinatura recorrente na plataforma; existe previsão?',
  ],
  commercial: [
    'Gostaria de negociar um desconto de 50% na renovação anual, porque outra plataforma me ofereceu condições melhores.',
    'Peço isenção da taxa de transação por três meses, como condição especial para continuar com vocês.',
  ],
};

const FILLER = [
  'Trabalho com a loja virtual há quatro anos e nunca tive um problema tão sério.',
  'Os clientes reclamam no Instagram e no WhatsApp, e isso prejudica a reputação da marca.',
  'Na semana passada foram mais de trinta pedidos afetados, alguns já com o prazo de entrega vencido.',
  'Já limpei o cache, testei em outro navegador e no celular, e o erro continua igual.',
  'Segue em anexo o print da tela com a mensagem de erro e o relatório de vendas do período.',
  'Preciso de uma posição concreta, com prazo, porque estamos em plena campanha de Dia das Mães.',
  'Agradeço desde já a atenção e fico no aguardo de um retorno.',
  'Minha equipe de atendimento não consegue responder os clientes porque o painel trava ao abrir os pedidos.',
  'O frete calculado está errado para as regiões Norte e Nordeste, com valores acima do normal.',
  'A nota fiscal eletrônica não é emitida automaticamente, como era antes da atualização.',
  'Também percebi que o relatório financeiro não bate com os repasses do gateway de pagamento.',
  'Não é a primeira vez que isso acontece: em dezembro tivemos o mesmo problema durante três dias.',
];

const SIGNATURES = [
  '--\n{name}\n{store}\nWhatsApp: (11) 9{n}-{m}\nwww.{domain}',
  'Atenciosamente,\n{name}\n{store}',
  'Obrigada,\n{name}\nSócia-proprietária – {store}',
  'Att.,\n{name}',
];

// ---------------------------------------------------------------------------------------------
// Encoding helpers

const WINDOWS_1252: Record<string, number> = {
  '€': 0x80,
  '…': 0x85,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '–': 0x96,
  '—': 0x97,
};

function encodeText(text: string, charset: 'utf-8' | 'iso-8859-1' | 'windows-1252'): Buffer {
  if (charset === 'utf-8') return Buffer.from(text, 'utf8');
  const out = Buffer.alloc(text.length);
  let i = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0x3f;
    const mapped = charset === 'windows-1252' ? WINDOWS_1252[ch] : undefined;
    out[i++] = mapped ?? (code <= 0xff ? code : 0x3f);
  }
  return out.subarray(0, i);
}

/** Quoted-printable (RFC 2045 §6.7) of already-encoded bytes, CRLF line ends, 76-char lines. */
function quotedPrintable(bytes: Buffer): string {
  const lines: string[] = [];
  let line = '';
  const flush = (soft: boolean) => {
    lines.push(soft ? `${line}=` : line);
    line = '';
  };
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b === 0x0a) {
      // Trailing whitespace before a hard break must be encoded.
      if (line.endsWith(' ')) line = `${line.slice(0, -1)}=20`;
      flush(false);
      continue;
    }
    if (b === 0x0d) continue;
    const token =
      (b >= 33 && b <= 126 && b !== 61) || b === 32
        ? String.fromCharCode(b)
        : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
    if (line.length + token.length > 75) flush(true);
    line += token;
  }
  lines.push(line);
  return lines.join('\r\n');
}

function base64Lines(bytes: Buffer): string {
  const b64 = bytes.toString('base64');
  const parts: string[] = [];
  for (let i = 0; i < b64.length; i += 76) parts.push(b64.slice(i, i + 76));
  return parts.join('\r\n');
}

/** RFC 2047 encoded-word(s) for a header value with non-ASCII characters. */
function encodedWord(text: string, charset: 'utf-8' | 'iso-8859-1' | 'windows-1252', mode: 'B' | 'Q'): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  const label = charset === 'utf-8' ? 'UTF-8' : charset.toUpperCase();
  if (mode === 'B') {
    const words: string[] = [];
    // Whole characters per word, each word under 75 characters.
    let chunk = '';
    for (const ch of text) {
      if (Buffer.byteLength(chunk + ch) > 36) {
        words.push(`=?${label}?B?${encodeText(chunk, charset).toString('base64')}?=`);
        chunk = '';
      }
      chunk += ch;
    }
    if (chunk) words.push(`=?${label}?B?${encodeText(chunk, charset).toString('base64')}?=`);
    return words.join('\r\n ');
  }
  let q = '';
  for (const b of encodeText(text, charset)) {
    if (b === 0x20) q += '_';
    else if ((b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122)) q += String.fromCharCode(b);
    else q += `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return `=?${label}?Q?${q}?=`;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 5322 date in São Paulo time (-0300). */
function rfc5322Date(date: Date): string {
  const local = new Date(date.getTime() - 3 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${WEEKDAYS[local.getUTCDay()]}, ${local.getUTCDate()} ${MONTHS[local.getUTCMonth()]} ${local.getUTCFullYear()} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} -0300`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// ---------------------------------------------------------------------------------------------
// Message building

interface Part {
  headers: string[];
  body: string | Buffer;
}

function joinParts(boundary: string, parts: Part[]): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n${part.headers.join('\r\n')}\r\n\r\n`, 'latin1'));
    chunks.push(typeof part.body === 'string' ? Buffer.from(part.body, 'latin1') : part.body);
    chunks.push(Buffer.from('\r\n', 'latin1'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, 'latin1'));
  return Buffer.concat(chunks);
}

const ATTACHMENT_TYPES = [
  {
    type: 'application/pdf',
    ext: 'pdf',
    names: ['boleto-fatura-{m}-2026', 'nota-fiscal-{n}', 'comprovante-pagamento-{n}'],
    magic: '%PDF-1.7\n',
  },
  {
    type: 'image/png',
    ext: 'png',
    names: ['print-erro-checkout', 'captura-de-tela-{n}', 'print-painel-pedidos'],
    magic: '\x89PNG\r\n\x1a\n',
  },
  {
    type: 'image/jpeg',
    ext: 'jpg',
    names: ['foto-produto-{n}', 'IMG_{n}', 'WhatsApp Image 2026-03-0{m} at 10.{n}'],
    magic: '\xff\xd8\xff\xe0',
  },
  {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ext: 'xlsx',
    names: ['relatorio-vendas-marco', 'pedidos-afetados-{n}'],
    magic: 'PK\x03\x04',
  },
  { type: 'application/xml', ext: 'xml', names: ['NFe3526030{n}'], magic: '<?xml version="1.0" encoding="UTF-8"?>' },
] as const;

function attachmentPart(rng: Prng, size: number): Part {
  const kind = rng.pick(ATTACHMENT_TYPES);
  const name = `${rng
    .pick(kind.names)
    .replace('{n}', String(rng.int(1000, 9999)))
    .replace('{m}', String(rng.int(1, 9)))}.${kind.ext}`;
  const bytes = Buffer.concat([Buffer.from(kind.magic, 'latin1'), rng.bytes(Math.max(0, size - kind.magic.length))]);
  const encodedName = encodedWord(name, 'utf-8', 'B');
  return {
    headers: [
      `Content-Type: ${kind.type}; name="${encodedName}"`,
      `Content-Disposition: attachment; filename="${encodedName}"`,
      'Content-Transfer-Encoding: base64',
      `Content-ID: <f_${rng.hex(10)}>`,
    ],
    body: base64Lines(bytes),
  };
}

interface Draft {
  rng: Prng;
  index: number;
  kind: MailKind;
  style: MailStyle;
  merchant: { name: string; address: string; store: string };
  ticket?: string;
  date: Date;
  /** Approximate size of the body text, in characters. */
  textChars: number;
  /** Raw (decoded) bytes of each attachment. */
  attachments: number[];
  quotedThread: boolean;
  forwarded: boolean;
}

function paragraphText(d: Draft): { subject: string; text: string } {
  const { rng } = d;
  const t = d.ticket ?? '';
  const subject = rng.pick(SUBJECTS[d.kind]).replace('{t}', t);
  const domain = d.merchant.address.split('@')[1] ?? 'example.com.br';
  const signature = rng
    .pick(SIGNATURES)
    .replace('{name}', d.merchant.name)
    .replace('{store}', d.merchant.store)
    .replace('{n}', String(rng.int(1000, 9999)))
    .replace('{m}', String(rng.int(1000, 9999)))
    .replace('{domain}', domain);
  const paragraphs = [rng.pick(OPENINGS), rng.pick(BODIES[d.kind]).replace('{t}', t)];
  let length = paragraphs.join('\n\n').length;
  while (length < d.textChars) {
    const sentences: string[] = [];
    for (let i = rng.int(2, 4); i > 0; i--) sentences.push(rng.pick(FILLER));
    const paragraph = sentences.join(' ');
    paragraphs.push(paragraph);
    length += paragraph.length + 2;
  }
  paragraphs.push(signature);
  if (d.style === 'phone') paragraphs.push('Enviado do meu iPhone');
  let text = paragraphs.join('\n\n');
  if (d.quotedThread) text += `\n\n${quotedThread(d)}`;
  return { subject, text };
}

/** A support-desk thread quoted below the merchant's text (Gmail style). */
function quotedThread(d: Draft): string {
  const { rng } = d;
  const lines: string[] = [];
  const rounds = rng.int(2, 6);
  for (let r = 0; r < rounds; r++) {
    const depth = '>'.repeat(r + 1);
    lines.push(
      `${depth.slice(1)}${r ? ' ' : ''}Em ${rng.int(1, 28)} de fev. de 2026, às ${rng.int(8, 18)}:${String(rng.int(0, 59)).padStart(2, '0')}, Suporte <suporte@plataforma.example.com.br> escreveu:`,
    );
    lines.push(
      `${depth} Olá, ${d.merchant.name.split(' ')[0]}! Seu chamado #${d.ticket ?? rng.int(40000, 60000)} foi atualizado.`,
    );
    for (let i = rng.int(3, 8); i > 0; i--) lines.push(`${depth} ${rng.pick(FILLER)}`);
    lines.push(`${depth}`, `${depth} Equipe de Suporte`);
  }
  return lines.join('\n');
}

function htmlOf(text: string, style: MailStyle): string {
  const paragraphs = text.split('\n\n').map((p) => escapeHtml(p).replace(/\n/g, '<br>'));
  if (style === 'outlook') {
    // Outlook's Word-generated HTML: namespaces, MsoNormal paragraphs, <o:p>, long style blocks.
    const body = paragraphs
      .map(
        (p) =>
          `<p class="MsoNormal"><span style="font-size:11.0pt;font-family:&quot;Calibri&quot;,sans-serif;mso-fareast-language:PT-BR">${p}<o:p></o:p></span></p>`,
      )
      .join('\r\n<p class="MsoNormal"><o:p>&nbsp;</o:p></p>\r\n');
    return `<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" xmlns="http://www.w3.org/TR/REC-html40"><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><meta name="Generator" content="Microsoft Word 15 (filtered medium)"><style><!--\r\n/* Font Definitions */\r\n@font-face {font-family:"Cambria Math"; panose-1:2 4 5 3 5 4 6 3 2 4;}\r\n@font-face {font-family:Calibri; panose-1:2 15 5 2 2 2 4 3 2 4;}\r\np.MsoNormal, li.MsoNormal, div.MsoNormal {margin:0cm; font-size:11.0pt; font-family:"Calibri",sans-serif; mso-fareast-language:EN-US;}\r\na:link, span.MsoHyperlink {mso-style-priority:99; color:#0563C1; text-decoration:underline;}\r\nspan.EstiloDeEmail17 {mso-style-type:personal-compose; font-family:"Calibri",sans-serif; color:windowtext;}\r\n.MsoChpDefault {mso-style-type:export-only; font-family:"Calibri",sans-serif; mso-fareast-language:EN-US;}\r\n@page WordSection1 {size:612.0pt 792.0pt; margin:70.85pt 3.0cm 70.85pt 3.0cm;}\r\ndiv.WordSection1 {page:WordSection1;}\r\n--></style><!--[if gte mso 9]><xml>\r\n<o:shapedefaults v:ext="edit" spidmax="1026" />\r\n</xml><![endif]--></head><body lang="PT-BR" link="#0563C1" vlink="#954F72" style="word-wrap:break-word"><div class="WordSection1">\r\n${body}\r\n</div></body></html>`;
  }
  const body = paragraphs.map((p) => `<div dir="ltr">${p}</div>`).join('<div><br></div>\r\n');
  return `<div dir="ltr">${body}</div>\r\n`;
}

function charsetOf(style: MailStyle): 'utf-8' | 'iso-8859-1' | 'windows-1252' {
  if (style === 'outlook') return 'windows-1252';
  if (style === 'erp-latin1' || style === 'webmail-latin1') return 'iso-8859-1';
  return 'utf-8';
}

function textPart(text: string, charset: ReturnType<typeof charsetOf>, encoding: 'quoted-printable' | '8bit'): Part {
  const bytes = encodeText(text.replace(/\n/g, '\r\n'), charset);
  return {
    headers: [`Content-Type: text/plain; charset="${charset}"`, `Content-Transfer-Encoding: ${encoding}`],
    body: encoding === '8bit' ? bytes : quotedPrintable(bytes),
  };
}

function htmlPart(html: string, charset: ReturnType<typeof charsetOf>): Part {
  return {
    headers: [`Content-Type: text/html; charset="${charset}"`, 'Content-Transfer-Encoding: quoted-printable'],
    body: quotedPrintable(encodeText(html, charset)),
  };
}

/** The body (top-level Content-Type and content) of a draft. */
function bodyOf(d: Draft, text: string): { contentType: string; extraHeaders: string[]; body: Buffer } {
  const { rng } = d;
  const charset = charsetOf(d.style);
  let main: { contentType: string; body: Buffer; encoding?: string };

  if (d.style === 'erp-latin1' || d.style === 'phone') {
    // One text/plain part in 8-bit: ERP exports in Latin-1, phones in UTF-8.
    main = {
      contentType: `text/plain; charset="${charset}"; format=flowed`,
      body: encodeText(text.replace(/\n/g, '\r\n'), charset),
      encoding: '8bit',
    };
  } else if (d.style === 'webmail-latin1') {
    // Brazilian webmail: HTML only, ISO-8859-1, quoted-printable.
    const html = `<html><body><font face="Verdana" size="2">${htmlOf(text, d.style)}</font></body></html>`;
    main = {
      contentType: `text/html; charset="${charset}"`,
      body: Buffer.from(quotedPrintable(encodeText(html, charset)), 'latin1'),
      encoding: 'quoted-printable',
    };
  } else {
    const boundary = `000000000000${rng.hex(16)}`;
    main = {
      contentType: `multipart/alternative; boundary="${boundary}"`,
      body: joinParts(boundary, [
        textPart(text, charset, 'quoted-printable'),
        htmlPart(htmlOf(text, d.style), charset),
      ]),
    };
  }

  const extra: Part[] = [];
  if (d.forwarded) extra.push(forwardedPart(d));
  for (const size of d.attachments) extra.push(attachmentPart(rng, size));
  if (extra.length === 0) {
    return {
      contentType: main.contentType,
      extraHeaders: main.encoding ? [`Content-Transfer-Encoding: ${main.encoding}`] : [],
      body: main.body,
    };
  }
  const boundary = `----=_NextPart_${rng.hex(4)}_${rng.hex(4)}.${rng.hex(8)}`;
  const first: Part = {
    headers: [
      `Content-Type: ${main.contentType}`,
      ...(main.encoding ? [`Content-Transfer-Encoding: ${main.encoding}`] : []),
    ],
    body: main.body,
  };
  return {
    contentType: `multipart/mixed; boundary="${boundary}"`,
    extraHeaders: [],
    body: joinParts(boundary, [first, ...extra]),
  };
}

/** The support desk's earlier answer, forwarded as an attachment (Outlook's "forward as attachment"). */
function forwardedPart(d: Draft): Part {
  const { rng } = d;
  const inner = [
    'From: Suporte <suporte@plataforma.example.com.br>',
    `To: ${d.merchant.address}`,
    `Subject: ${encodedWord(`Seu chamado #${d.ticket ?? rng.int(40000, 60000)} foi encerrado`, 'utf-8', 'Q')}`,
    `Date: ${rfc5322Date(new Date(d.date.getTime() - 86_400_000 * rng.int(2, 20)))}`,
    `Message-ID: <${rng.hex(24)}@suporte.plataforma.example.com.br>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset="utf-8"',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    quotedPrintable(
      encodeText(
        `Olá!\n\nSeu chamado #${d.ticket ?? ''} foi encerrado pela nossa equipe.\n\n${rng.pick(FILLER)}\n${rng.pick(FILLER)}\n\nEquipe de Suporte`,
        'utf-8',
      ),
    ),
  ].join('\r\n');
  return {
    headers: ['Content-Type: message/rfc822', 'Content-Disposition: attachment; filename="chamado-encerrado.eml"'],
    body: inner,
  };
}

const RECEIVED_HOSTS = [
  'mail-ej1-f54.google.com',
  'mail-oi1-f181.google.com',
  'BRAPR01CU001.outbound.protection.outlook.com',
  'smtp.uol.com.br',
  'mx.erpcloud.example.com.br',
];

function buildMessage(d: Draft, id: string): CorpusMessage {
  const { rng } = d;
  const { subject, text } = paragraphText(d);
  const charset = charsetOf(d.style);
  const body = bodyOf(d, text);
  const host = rng.pick(RECEIVED_HOSTS);
  const messageIdHost =
    d.style === 'gmail'
      ? 'mail.gmail.com'
      : d.style === 'outlook'
        ? 'BRAPR01MB5555.prod.exchangelabs.com'
        : (d.merchant.address.split('@')[1] ?? 'example.com.br');
  const nameWord = encodedWord(
    d.merchant.name,
    charset,
    d.style === 'outlook' || d.style === 'webmail-latin1' ? 'Q' : 'B',
  );
  const fromName = nameWord === d.merchant.name ? `"${d.merchant.name}"` : nameWord;
  const headers = [
    `Return-Path: <${d.merchant.address}>`,
    `Received: from ${host} (${host} [198.51.100.${rng.int(2, 250)}])\r\n by inbound-smtp.us-east-1.amazonaws.com with SMTP id ${rng.hex(32)}\r\n for ${OMBUDSMAN};\r\n ${rfc5322Date(d.date)}`,
    `X-SES-Spam-Verdict: PASS`,
    `X-SES-Virus-Verdict: PASS`,
    `Authentication-Results: amazonses.com;\r\n spf=pass (spf=pass) smtp.mailfrom=${d.merchant.address};\r\n dkim=pass header.i=@${d.merchant.address.split('@')[1]};\r\n dmarc=pass header.from=${d.merchant.address.split('@')[1]};`,
    `DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;\r\n d=${d.merchant.address.split('@')[1]}; s=google; t=${Math.floor(d.date.getTime() / 1000)};\r\n h=to:subject:message-id:date:from:mime-version:from:to:cc:subject\r\n :date:message-id:reply-to;\r\n bh=${rng.bytes(32).toString('base64')};\r\n b=${base64Lines(rng.bytes(256)).replace(/\r\n/g, '\r\n ')}`,
    `MIME-Version: 1.0`,
    `From: ${fromName} <${d.merchant.address}>`,
    `Date: ${rfc5322Date(d.date)}`,
    `Message-ID: <${rng.hex(12)}.${rng.hex(20)}@${messageIdHost}>`,
    `Subject: ${encodedWord(subject, charset, d.style === 'outlook' || d.style === 'webmail-latin1' ? 'Q' : 'B')}`,
    `To: Ouvidoria <${OMBUDSMAN}>`,
    `Content-Type: ${body.contentType}`,
    ...body.extraHeaders,
  ];
  if (d.style === 'outlook')
    headers.push(
      `Thread-Index: AQHa${rng.hex(24)}`,
      `X-MS-Has-Attach: ${d.attachments.length ? 'yes' : ''}`,
      'Content-Language: pt-BR',
    );
  if (d.quotedThread) headers.push(`In-Reply-To: <${rng.hex(24)}@suporte.plataforma.example.com.br>`);
  const raw = Buffer.concat([Buffer.from(`${headers.join('\r\n')}\r\n\r\n`, 'latin1'), body.body]);
  return {
    id,
    raw,
    kind: d.kind,
    style: d.style,
    attachments: d.attachments.length + (d.forwarded ? 1 : 0),
    sender: { name: d.merchant.name, address: d.merchant.address },
    subject,
    date: d.date,
  };
}

const KIND_WEIGHTS: [MailKind, number][] = [
  ['ticket-own', 30],
  ['ticket-other', 8],
  ['no-ticket', 22],
  ['access', 10],
  ['billing', 12],
  ['not-client', 6],
  ['feature', 6],
  ['commercial', 6],
];

const STYLE_WEIGHTS: [MailStyle, number][] = [
  ['gmail', 35],
  ['outlook', 20],
  ['apple', 10],
  ['phone', 15],
  ['erp-latin1', 8],
  ['webmail-latin1', 12],
];

function weighted<T>(rng: Prng, table: [T, number][]): T {
  const total = table.reduce((sum, [, w]) => sum + w, 0);
  let roll = rng.next() * total;
  for (const [value, weight] of table) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return (table[table.length - 1] as [T, number])[0];
}

/**
 * The corpus: CORPUS_SIZE messages from CORPUS_SEED. The same seed gives the same bytes on
 * every run and machine. Message 0 is the smallest (~2 KB phone mail), the last the largest
 * (~2 MB with attachments).
 */
export function generateCorpus(count = CORPUS_SIZE, seed = CORPUS_SEED): Corpus {
  const rng = new Prng(seed);
  const start = Date.parse('2026-03-02T11:00:00.000Z');
  const messages: CorpusMessage[] = [];
  for (let i = 0; i < count; i++) {
    const last = i === count - 1;
    // The largest message is an accepted complaint: it also feeds the assignment memory run.
    const kind: MailKind = last ? 'ticket-own' : weighted(rng, KIND_WEIGHTS);
    let style = weighted(rng, STYLE_WEIGHTS);
    const merchantIndex = rng.int(0, MERCHANTS.length - 1);
    const merchant = MERCHANTS[merchantIndex] as Merchant;
    let sender: { name: string; address: string; store: string } = merchant;
    if (kind === 'not-client') {
      const [name, address] = rng.pick(PROSPECTS);
      sender = { name, address, store: 'Minha futura loja' };
    }
    let ticket: string | undefined;
    if (kind === 'ticket-own' || kind === 'feature' || kind === 'commercial') ticket = merchant.ticket;
    if (kind === 'ticket-other') {
      ticket = rng.chance(0.5)
        ? String(rng.int(70000, 79999))
        : (MERCHANTS[(merchantIndex + 1) % MERCHANTS.length] as Merchant).ticket;
    }

    // Sizes: most mail is a few KB of text; one in five carries attachments (log-uniform sizes).
    let textChars = rng.logUniform(300, 6000);
    let attachments: number[] = [];
    let quotedThread = rng.chance(0.2) && style !== 'erp-latin1';
    let forwarded = kind === 'ticket-own' && rng.chance(0.08);
    if (rng.chance(0.2)) {
      const n = rng.chance(0.7) ? 1 : rng.int(2, 3);
      const total = rng.logUniform(20 * KB, 1300 * KB);
      attachments = Array.from({ length: n }, () => Math.max(2 * KB, Math.round(total / n)));
    }
    if (i === 0) {
      // The floor of the corpus: a short phone mail, about 2 KB with its headers.
      style = 'phone';
      textChars = 420;
      attachments = [];
      quotedThread = false;
      forwarded = false;
    }
    if (last) {
      style = 'gmail';
      textChars = 1500;
      quotedThread = true;
      attachments = [900 * KB, 500 * KB];
    }
    const draft: Draft = {
      rng,
      index: i,
      kind,
      style,
      merchant: sender,
      ticket,
      date: new Date(start + i * 7 * 60_000 + rng.int(0, 300) * 1000),
      textChars,
      attachments,
      quotedThread,
      forwarded,
    };
    let message = buildMessage(draft, `bench${String(i).padStart(4, '0')}corpus${seed}`);
    if (last) {
      // Top the largest message up to LARGEST_BYTES with a third attachment of the missing size.
      const missing = Math.floor(((LARGEST_BYTES - message.raw.length - 400) * 3) / 4 / 78) * 76;
      if (missing > 0) {
        draft.attachments = [...attachments, missing];
        draft.rng = new Prng(seed + 1);
        message = buildMessage(draft, message.id);
      }
    }
    messages.push(message);
  }
  const tickets: TicketRecord[] = MERCHANTS.map((m) => ({ id: m.ticket, requesterEmail: m.address }));
  return { messages, tickets, totalBytes: messages.reduce((sum, m) => sum + m.raw.length, 0) };
}

/** The SES receipt event (Lambda action) for one corpus message, verdicts all PASS. */
export function sesEventFor(message: CorpusMessage, receivedAt: Date, recipient = OMBUDSMAN): unknown {
  // SES decodes the top headers into commonHeaders, the Message-ID among them (the delivery claim reads it).
  const headerEnd = message.raw.indexOf('\r\n\r\n');
  const messageId = /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(message.raw.subarray(0, headerEnd).toString('latin1'))?.[1];
  return sesReceiptEvent({
    sesMessageId: message.id,
    mailFrom: message.sender.address,
    recipients: [recipient],
    receivedAt,
    commonHeaders: {
      from: [`${message.sender.name} <${message.sender.address}>`],
      to: [recipient === OMBUDSMAN ? `Ouvidoria <${OMBUDSMAN}>` : recipient],
      date: message.date.toUTCString(),
      subject: message.subject,
      ...(messageId ? { messageId } : {}),
    },
    functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:bench',
  });
}
