/**
 * Management report on demand: `npm run report -- --from YYYY-MM-DD --to YYYY-MM-DD [--out DIR] [--publish]`.
 *
 * Reads the cases of the period from the status index (never a scan), writes
 * `relatorio-ouvidoria_<from>_<to>.html` and `.csv` to DIR (default `relatorios/`), and prints a summary.
 * `--publish` instead stores both in the report bucket (REPORT_BUCKET) and mails them, attached, to
 * the supervisors, as the monthly schedule does.
 *
 * Where: the local stack by default (dynalite on DYNAMODB_PORT, SES on SES_PORT, as `npm start`);
 * AWS when TABLE_NAME is set (usual credentials and region; the runtime configuration of
 * infra/config/<OUVIDORIA_ENV or dev>.json).
 */
import { ENV } from '../shared/runtime-env';
import { resolve } from 'node:path';
import { publishReport } from '../shared/app/report';
import { buildReportDeps, reportStoreFromEnv } from '../shared/composition/report';
import type { Settings } from '../shared/composition/settings';
import { assertPeriod } from '../shared/domain/report/figures';
import { UNFINISHED_PERIOD_PT } from '../shared/domain/report/render';
import { formatDateTimePtBr } from '../shared/domain/calendar';
import { localDataDir as stackDataDir, readLocalClock } from './local/clock-file';
import { runWhenMain } from './run-cli';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const USAGE = `Usage: npm run report -- --from YYYY-MM-DD --to YYYY-MM-DD [--out DIR] [--publish]
  --out DIR    where the HTML and CSV go (default: relatorios/)
  --publish    store in REPORT_BUCKET and mail the supervisors instead (AWS)
Local stack by default (DYNAMODB_PORT, SES_PORT), on the local stack's clock (OUVIDORIA_NOW overrides it); AWS when TABLE_NAME is set (OUVIDORIA_ENV picks infra/config/<env>.json, default dev).`;

/**
 * The instant a CLI run on the local stack takes as now, and where it comes from: OUVIDORIA_NOW when
 * set, else the local stack's clock (it may run from a moved OUVIDORIA_NOW: the console's instant),
 * else the real clock (no stack ever started on `dataDir`).
 */
export function localNow(
  env: NodeJS.ProcessEnv,
  dataDir: string = stackDataDir(env),
): { now?: string; source: string } {
  if (env.OUVIDORIA_NOW) return { now: env.OUVIDORIA_NOW, source: 'OUVIDORIA_NOW' };
  const stack = readLocalClock(dataDir);
  if (stack) return { now: stack.toISOString(), source: `relógio da pilha local (${dataDir})` };
  return { source: `relógio real: nenhuma pilha local iniciada em ${dataDir}` };
}

/** Local stack settings, or AWS ones when TABLE_NAME is set. Shared with scripts/titular.ts. */
export async function cliSettings(
  env: NodeJS.ProcessEnv = process.env,
  /** The local stack's data directory, where its clock is read. */
  localDataDir: string = stackDataDir(env),
): Promise<Settings> {
  if (env.TABLE_NAME) {
    const { loadDeploymentConfig, runtimeConfigOf } = await import('../infra/config');
    // Without webformOrigin in the file, the stack's WebformUrl output (as the functions get it).
    const config = runtimeConfigOf(
      loadDeploymentConfig(env.OUVIDORIA_ENV ?? 'dev'),
      env[ENV.webformOrigin] || undefined,
    );
    return {
      config,
      tableName: env.TABLE_NAME,
      ...(env.DYNAMODB_ENDPOINT ? { dynamoEndpoint: env.DYNAMODB_ENDPOINT } : {}),
      ...(env.RAW_MAIL_BUCKET ? { rawMail: { bucket: env.RAW_MAIL_BUCKET, prefix: 'inbound/' } } : {}),
      ticketDirectory: { kind: 'table' },
      ...(env.OUVIDORIA_NOW ? { now: env.OUVIDORIA_NOW } : {}),
    };
  }
  // The same endpoints as scripts/local/invoke.ts (which runs on import, so not imported here).
  const { DEFAULT_PORTS, LOCAL_HOST, LOCAL_TABLE, PORT_VARIABLES } = await import('./local/stack');
  const { localConfig } = await import('../shared/domain/config');
  const port = (name: 'dynamodb' | 'ses') => env[PORT_VARIABLES[name]] || String(DEFAULT_PORTS[name]);
  const { now } = localNow(env, localDataDir);
  return {
    config: localConfig,
    tableName: LOCAL_TABLE,
    dynamoEndpoint: `http://${LOCAL_HOST}:${port('dynamodb')}`,
    sesEndpoint: `http://${LOCAL_HOST}:${port('ses')}`,
    ticketDirectory: { kind: 'table' },
    ...(now ? { now } : {}),
  };
}

function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

export async function main(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  localDataDir: string = stackDataDir(env),
): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const from = option(argv, '--from');
  const to = option(argv, '--to');
  if (!from || !to) {
    process.stderr.write(`Faltam --from e --to.\n\n${USAGE}\n`);
    return 2;
  }
  try {
    assertPeriod({ from, to });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const settings = await cliSettings(env, localDataDir);
  const publish = argv.includes('--publish');
  const outDir = resolve(env.INIT_CWD ?? process.cwd(), option(argv, '--out') ?? 'relatorios');
  const deps = buildReportDeps(settings, publish ? { store: reportStoreFromEnv(env) } : { outDir });
  // Without --publish nothing is mailed: the files are only written.
  const run = publish ? deps : { ...deps, supervisors: async () => [] };
  const report = await publishReport({ from, to }, run);
  const f = report.figures;
  process.stdout.write(
    `${report.files.map((name) => (publish ? name : resolve(outDir, name))).join('\n')}\n` +
      `Manifestações: ${f.total} · aceitas: ${f.acceptedVsRedirected.accepted} · orientadas: ${f.acceptedVsRedirected.redirected} · ` +
      `encerrados no período: ${f.toClose.count} · em atraso agora: ${f.overdueNow}${publish ? ` · anunciado a ${report.announcedTo} supervisor(es)` : ''}\n` +
      `Gerado em ${formatDateTimePtBr(f.generatedAt, f.timeZone)}${env.TABLE_NAME ? '' : ` (${localNow(env, localDataDir).source})`}\n` +
      (f.unfinished ? `${UNFINISHED_PERIOD_PT}\n` : ''),
  );
  return 0;
}

runWhenMain(import.meta.url, (argv) => main(argv));
