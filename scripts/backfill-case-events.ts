/**
 * One-off backfill of the report's closings' list (CASEEVENTS#) for closings and first answers made
 * before it existed: `npm run backfill-case-events -- [--write] [--limit N] [--pages N] [--cursor C]`.
 *
 * A dry run by default: it reads and counts what is missing, writes nothing. Bounded: `--pages` pages
 * (default 20) of `--limit` case items (default 100) from the status index, one partition at a time;
 * each run prints the cursor to resume from (`--cursor`). Repeating a page writes nothing twice.
 * Where: the local stack by default, AWS when TABLE_NAME is set (as `npm run report`).
 */
import {
  type BackfillCursor,
  CaseEventsBackfill,
  decodeBackfillCursor,
  encodeBackfillCursor,
} from '../shared/adapters/dynamo/case-events-backfill';
import { tableClient } from '../shared/composition/clients';
import { cliSettings } from './report';
import { runWhenMain } from './run-cli';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const USAGE = `Usage: npm run backfill-case-events -- [--write] [--limit N] [--pages N] [--cursor C]
  --write      put the missing entries (without it: a dry run that only counts them)
  --limit N    case items a page (1–1000, default 100)
  --pages N    pages this run (1–10000, default 20)
  --cursor C   resume where a run stopped (the cursor it printed)
Local stack by default (DYNAMODB_PORT); AWS when TABLE_NAME is set (OUVIDORIA_ENV picks infra/config/<env>.json).`;

function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

function whole(text: string | undefined, fallback: number, max: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new RangeError(`Esperado um inteiro de 1 a ${max}: ${text}`);
  return n;
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let limit: number;
  let pages: number;
  let cursor: BackfillCursor | undefined;
  try {
    limit = whole(option(argv, '--limit'), 100, 1000);
    pages = whole(option(argv, '--pages'), 20, 10_000);
    const given = option(argv, '--cursor');
    cursor = given ? decodeBackfillCursor(given) : { status: 0 };
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const write = argv.includes('--write');
  const settings = await cliSettings(env);
  const backfill = new CaseEventsBackfill(tableClient(settings), settings.tableName, settings.config.retention);
  const total = { cases: 0, entries: 0, present: 0, written: 0 };
  for (let n = 0; n < pages && cursor; n++) {
    const page = await backfill.page(cursor, { limit, write });
    for (const k of ['cases', 'entries', 'present', 'written'] as const) total[k] += page[k];
    cursor = page.next;
  }
  const missing = total.entries - total.present;
  process.stdout.write(
    `${write ? 'Gravação' : 'Simulação (nada gravado; --write grava)'}: ${total.cases} caso(s) lido(s) · ` +
      `${total.entries} entrada(s) esperada(s) · ${total.present} já presente(s) · ` +
      `${write ? `${total.written} gravada(s)` : `${missing} faltando`}\n` +
      (cursor
        ? `Parou antes do fim: continue com --cursor ${encodeBackfillCursor(cursor)}\n`
        : 'Fim: todas as partições lidas.\n'),
  );
  return 0;
}

runWhenMain(import.meta.url, (argv) => main(argv));
