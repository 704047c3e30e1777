/**
 * Text work is linear in its length (SPEC.md, "Trust rules"): triage time (parse + the staff-command
 * reader every mail to the office meets + ticket extraction + directory + rules) against input size
 * on adversarial bodies, plain text and HTML, up to the size limit
 * of text work (MAX_TEXT_CHARS), next to ordinary prose of the same size; and the rule engine's
 * time per KB. A measurement, not a test: it asserts nothing.
 *
 *   npx tsx bench/text-work.ts            # alone (prints its table)
 *   npm run bench                         # as one section of the benchmark
 */
import { pathToFileURL } from 'node:url';
import { localConfig } from '../shared/domain/config';
import { decide } from '../shared/domain/eligibility/engine';
import { freshStaffText, opensWithCommands } from '../shared/domain/lifecycle/commands';
import { type Submission, SubmissionSchema } from '../shared/domain/submission';
import { MAX_TEXT_CHARS } from '../shared/domain/text';
import { verifyTicket } from '../shared/domain/ticket-verification';
import { extractTicketCandidates } from '../shared/domain/tickets';
import { parseEmail } from '../shared/mail/parse-email';
import type { TicketDirectory } from '../shared/ports';
import { median } from './support';

const PROSE_LINES = [
  'Boa tarde, equipe. Escrevo porque a integração do estoque com o ERP parou de sincronizar desde a atualização de segunda-feira.',
  'Já falei com o suporte pelo chat duas vezes e pelo e-mail uma vez, e cada atendente me deu uma orientação diferente.',
  'Enquanto isso, os pedidos dos clientes continuam entrando com produtos que já não tenho, e preciso cancelar um a um.',
  'A loja vende roupas femininas e moda praia; o movimento de dezembro é o mais importante do ano para nós.',
  'Peço que a Ouvidoria analise o histórico do atendimento e me diga quando o problema será resolvido de fato.',
];

/** Ordinary pt-BR prose of about `bytes` characters, in paragraphs. */
export function prose(bytes: number): string {
  const out: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = PROSE_LINES[i % PROSE_LINES.length] as string;
    out.push(i % 4 === 3 ? `${line}\n` : line);
    size += line.length + 1;
  }
  return out.join('\n').slice(0, bytes);
}

const repeatTo = (unit: string, bytes: number) => unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);

/** An HTML body: the mail's only part, read through the intake's HTML-to-text conversion. */
interface HtmlBody {
  html: string;
}

/** The shapes that made regular expressions backtrack, each filling `bytes` characters. */
export const ADVERSARIAL: Record<string, (bytes: number) => string | HtmlBody> = {
  'runs of 1.111.': (n) => `chamado ${repeatTo('1.111.', n - 8)}`,
  'digits with separators': (n) => repeatTo('12 345-678/90.1,2 ', n),
  'digit run, one line': (n) => `protocolo ${repeatTo('1234567890', n - 10)}`,
  'long quoted chain': (n) => `Segue.\n${repeatTo('> ', n - 20)} chamado 48213\n`,
  'nested forwards': (n) =>
    repeatTo(
      '---------- Forwarded message ---------\nDe: Suporte <suporte@plataforma.com.br>\nDate: 1/1/2026\nSubject: Re: chamado 4\nTo: a@b.c\n\n',
      n,
    ),
  'whitespace runs': (n) => `chamado${' '.repeat(n / 2)}\t${'\n'.repeat(n / 2 - 20)}48213`,
  'keyword storm': (n) => repeatTo('chamado pedido nº #1 ', n),
  // Red team 51: the bars of empty table cells, stripped at a line's end, and a staff command's
  // trailing punctuation (read on every mail to the office, a stranger's too) were quadratic.
  'bars typed in HTML': (n) => ({ html: `<p>Chamado ${repeatTo('| ', n - 20)}48213 |</p>` }),
  'empty table cells (HTML)': (n) => ({
    html: `<table><tr>${repeatTo('<td></td>', n - 60)}<td>48213</td><td></td></tr></table>`,
  }),
  'command, punctuation run': (n) => `#transferir bruno${repeatTo('!', n - 18)}x`,
  'command, dot run': (n) => `#aguardar 5${repeatTo('.', n - 12)}x`,
};

function rawMail(content: string | HtmlBody): Buffer {
  const [type, body] = typeof content === 'string' ? ['text/plain', content] : ['text/html', content.html];
  return Buffer.from(
    [
      'From: Juliana <lojista@modasbella.com.br>',
      'To: ouvidoria@ouvidoria.example.com.br',
      'Subject: Reclamação - chamado 48213',
      'Message-ID: <bench@modasbella.com.br>',
      'MIME-Version: 1.0',
      `Content-Type: ${type}; charset=utf-8`,
      'Content-Transfer-Encoding: 8bit',
      '',
      body,
    ].join('\r\n'),
  );
}

const DIRECTORY: TicketDirectory = {
  find: async (id) => (id === '48213' ? { id, requesterEmail: 'lojista@modasbella.com.br' } : null),
};

const COMMAND_OPTIONS = { maxExtensionBusinessDays: localConfig.lifecycle.maxExtensionBusinessDays };

/** The triage path of the intake, without storage: parse, the command reader, extract, verify, decide. */
async function triageOnce(raw: Buffer): Promise<number> {
  const t = performance.now();
  const s = await parseEmail(
    raw,
    { sourceId: 'bench', receivedAt: '2026-11-25T13:00:00.000Z' },
    { maxRawMailBytes: 40 * 1024 * 1024 },
  );
  // handleMisaddressedCommands reads every mail for an opening command before it knows the sender.
  opensWithCommands(freshStaffText(s.text), COMMAND_OPTIONS);
  const candidates = extractTicketCandidates({ subject: s.subject, text: s.text });
  const ticket = await verifyTicket(candidates, s.sender.address, DIRECTORY);
  decide(s, ticket, localConfig);
  return performance.now() - t;
}

async function timeTriage(body: string | HtmlBody, runs: number): Promise<number> {
  const raw = rawMail(body);
  await triageOnce(raw);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await triageOnce(raw));
  return median(times);
}

function submissionOf(text: string): Submission {
  return SubmissionSchema.parse({
    channel: 'email',
    sourceId: 'bench',
    receivedAt: '2026-11-25T13:00:00.000Z',
    sender: { address: 'lojista@modasbella.com.br' },
    subject: 'Reclamação',
    text,
  });
}

/** Rule-engine time per KB of body (decide alone, ticket already checked). */
export function engineMsPerKb(bytes: number, runs: number): number {
  const s = submissionOf(prose(bytes));
  decide(s, { status: 'none' }, localConfig);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    decide(s, { status: 'none' }, localConfig);
    times.push(performance.now() - t);
  }
  return median(times) / (bytes / 1024);
}

export interface TextWorkRow {
  shape: string;
  /** Median triage milliseconds per size. */
  bySize: Record<number, number>;
}

export interface TextWorkResult {
  sizes: number[];
  rows: TextWorkRow[];
  proseAtMax: number;
  worstAtMax: { shape: string; ms: number };
  engine: { msPerKb100k: number; msPerKb1m: number };
}

export async function measureTextWork(options: { quick?: boolean } = {}): Promise<TextWorkResult> {
  const max = MAX_TEXT_CHARS;
  const sizes = options.quick ? [64 * 1024, max] : [64 * 1024, 256 * 1024, max];
  const runs = options.quick ? 1 : 3;
  const rows: TextWorkRow[] = [];
  const shapes: [string, (n: number) => string | HtmlBody][] = [
    ['ordinary prose', prose],
    ...Object.entries(ADVERSARIAL),
  ];
  for (const [shape, make] of shapes) {
    const bySize: Record<number, number> = {};
    for (const size of sizes) bySize[size] = await timeTriage(make(size), runs);
    rows.push({ shape, bySize });
  }
  const proseAtMax = rows[0]?.bySize[max] ?? 0;
  let worst = { shape: '', ms: 0 };
  for (const row of rows.slice(1)) {
    const ms = row.bySize[max] ?? 0;
    if (ms > worst.ms) worst = { shape: row.shape, ms };
  }
  return {
    sizes,
    rows,
    proseAtMax,
    worstAtMax: worst,
    engine: { msPerKb100k: engineMsPerKb(100 * 1024, runs + 2), msPerKb1m: engineMsPerKb(max, runs) },
  };
}

export function formatTextWork(r: TextWorkResult): string {
  const kb = (n: number) => (n >= 1_000_000 ? `${(n / 1_000_000).toFixed(0)} MB` : `${Math.round(n / 1024)} KB`);
  const header = `| body shape | ${r.sizes.map(kb).join(' | ')} |`;
  const sep = `|---|${r.sizes.map(() => '---:').join('|')}|`;
  const lines = r.rows.map(
    (row) => `| ${row.shape} | ${r.sizes.map((s) => `${(row.bySize[s] ?? 0).toFixed(0)} ms`).join(' | ')} |`,
  );
  const ratio = r.proseAtMax > 0 ? r.worstAtMax.ms / r.proseAtMax : 0;
  return [
    'Triage time (parse + staff-command reader + extraction + directory + rules, median) by body size:',
    '',
    header,
    sep,
    ...lines,
    '',
    `Worst adversarial body at the ${kb(MAX_TEXT_CHARS)} limit: ${r.worstAtMax.shape}, ${r.worstAtMax.ms.toFixed(0)} ms = ${ratio.toFixed(2)}× ordinary prose (${r.proseAtMax.toFixed(0)} ms).`,
    `Rule engine alone: ${r.engine.msPerKb100k.toFixed(3)} ms per KB at 100 KB, ${r.engine.msPerKb1m.toFixed(3)} ms per KB at ${kb(MAX_TEXT_CHARS)}.`,
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await measureTextWork({ quick: process.argv.includes('--quick') });
  process.stdout.write(`${formatTextWork(result)}\n`);
}
