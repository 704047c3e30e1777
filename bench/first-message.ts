/**
 * The first message of a cold container (issue 16): an ombudsman office's mail comes minutes apart,
 * so most invocations are a fresh container's first. Each run is a fresh `node` process running
 * the memory child's bundle (bench/memory-child.ts, Lambda esbuild options) in timing mode: the
 * handler loaded, then three invocations on a typical input, each with fresh in-memory ports. The
 * first pays what the later ones find ready (the rules compiled, the code optimised, the parsers'
 * tables built). For email-intake the floor is mailparser alone in its own fresh process, parsing
 * the same mail three times with parseEmail's options (bench/first-message-floor-child.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { caseIdFor } from '../shared/domain/case';
import { bundle } from './bundles';
import type { Corpus, CorpusMessage } from './corpus';
import { runBenchChild, writeEmailIntakeInput } from './memory';
import { type FakeIntake, median, webformTicketOf } from './support';
import { INTAKE_PARSER_OPTIONS } from './throughput';
import { postEvent } from './webform-latency';

export interface Invocations {
  /** Medians over the runs, in ms, of the first, second and third invocation of each process. */
  firstMs: number;
  secondMs: number;
  thirdMs: number;
}

export interface FirstMessageResult {
  handler: 'email-intake' | 'webform';
  input: string;
  runs: number;
  handlerTimes?: Invocations;
  /** email-intake: mailparser alone on the same mail, in processes of its own. */
  floorTimes?: Invocations;
  /** Median of the run-by-run differences of the first invocations (handler − floor). */
  firstOverFloorMs?: number;
  error?: string;
}

/** The median-size mail among those the throughput run accepted: an ordinary merchant's case. */
export function typicalAcceptedMail(corpus: Corpus, fakes: FakeIntake): CorpusMessage {
  const accepted = corpus.messages
    .filter((m) => fakes.cases.records.get(caseIdFor('email', m.id))?.outcome === 'ACCEPTED')
    .sort((a, b) => a.raw.length - b.raw.length);
  const typical = accepted[Math.floor(accepted.length / 2)];
  if (!typical) throw new Error('the throughput run accepted no e-mail');
  return typical;
}

/** An ordinary valid post: the person's own ticket, a paragraph of accented text, urlencoded. */
function typicalWebformEvent(): unknown {
  const ticket = webformTicketOf(7);
  const fields = {
    nome: 'Joana Ribeiro',
    email: ticket.requesterEmail,
    loja: 'Empório da Joana – www.emporiodajoana.example.com.br',
    chamado: `#${ticket.id}`,
    assunto: 'atendimento',
    descricao:
      'Olá, abri o chamado acima há duas semanas porque os pedidos pagos por Pix não baixam o estoque. O suporte ' +
      'respondeu que iria verificar e desde então não tive retorno. Já perdi vendas com produtos que aparecem ' +
      'disponíveis sem estoque. Preciso de uma solução ou pelo menos de uma previsão. Obrigada.',
    consentimento: 'on',
    website: '',
  };
  return postEvent(
    new URLSearchParams(fields).toString(),
    'application/x-www-form-urlencoded',
    '198.51.100.7',
    'first',
  );
}

function runChild(file: string, args: string[]): number[] | string {
  const result = runBenchChild<{ durationsMs: number[] }>([file, ...args]);
  return typeof result === 'string' ? result : result.durationsMs;
}

const invocations = (runs: number[][]): Invocations => ({
  firstMs: median(runs.map((r) => r[0] ?? Number.NaN)),
  secondMs: median(runs.map((r) => r[1] ?? Number.NaN)),
  thirdMs: median(runs.map((r) => r[2] ?? Number.NaN)),
});

export async function measureFirstMessage(
  workDir: string,
  corpus: Corpus,
  fakes: FakeIntake,
  runs: number,
): Promise<FirstMessageResult[]> {
  const dir = join(workDir, 'first-message');
  mkdirSync(dir, { recursive: true });
  const mail = typicalAcceptedMail(corpus, fakes);
  writeEmailIntakeInput(dir, mail, corpus.tickets, 'typical.eml');
  writeFileSync(join(dir, 'floor.json'), JSON.stringify({ mailFile: 'typical.eml', options: INTAKE_PARSER_OPTIONS }));
  const webformEvent = typicalWebformEvent();
  writeFileSync(join(dir, 'webform.json'), JSON.stringify({ event: webformEvent, tickets: corpus.tickets }));

  const inputs = {
    'email-intake': `the median-size accepted corpus mail, ${mail.raw.length} bytes (${mail.attachments} attachments)`,
    webform: `a valid post citing the person's own ticket, ${(webformEvent as { body: string }).body.length} body bytes`,
  } as const;
  const floorFile = join(dir, 'floor', 'index.mjs');
  await bundle('bench/first-message-floor-child.ts', floorFile);

  const results: FirstMessageResult[] = [];
  for (const handler of ['email-intake', 'webform'] as const) {
    const input = inputs[handler];
    const childFile = join(dir, handler, 'index.mjs');
    await bundle('bench/memory-child.ts', childFile, { BENCH_HANDLER: JSON.stringify(handler) });
    const own: number[][] = [];
    const floor: number[][] = [];
    let error: string | undefined;
    // Round-robin: the handler's process, then its floor's, so that a disturbance hits both.
    for (let i = 0; i < runs && error === undefined; i++) {
      const times = runChild(childFile, [dir, 'timing']);
      if (typeof times === 'string') error = times;
      else own.push(times);
      if (handler !== 'email-intake' || error !== undefined) continue;
      const floorTimes = runChild(floorFile, [dir]);
      if (typeof floorTimes === 'string') error = `floor: ${floorTimes}`;
      else floor.push(floorTimes);
    }
    if (error !== undefined) {
      results.push({ handler, input, runs, error });
      continue;
    }
    results.push({
      handler,
      input,
      runs,
      handlerTimes: invocations(own),
      ...(floor.length > 0
        ? {
            floorTimes: invocations(floor),
            firstOverFloorMs: median(own.map((r, i) => (r[0] ?? 0) - (floor[i]?.[0] ?? 0))),
          }
        : {}),
    });
  }
  return results;
}
