/**
 * `npm run bench`: speed, size, cost and memory of the Ouvidoria Lambdas, printed as one table and
 * written to bench/results.md. A script, not a test: it asserts nothing and fails only if a
 * measurement cannot run. Bounded (fixed counts), loopback only (dynalite and aws-ses-v2-local on
 * 127.0.0.1; SQS and S3 requests are answered inside the SDK middleware), about 2–3 minutes on
 * two cores. `--quick` cuts every count for a smoke run (its figures are not for publishing).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureAssignment } from './assignment-timing';
import { countRequests, type Invocation, type ScenarioName, type ScenarioSummary, summarise } from './aws-requests';
import {
  bundleLambdas,
  ESBUILD_OPTIONS_TEXT,
  LAMBDAS,
  type LoadTimes,
  measureLoadTimes,
  pairedOverMs,
  ROOT,
} from './bundles';
import { INLINE_TEXT_MAX_BYTES } from '../shared/adapters/dynamo/case-repository';
import { CORPUS_SEED, generateCorpus } from './corpus';
import { buildFloors, type FloorBuild, overFloorByPackage } from './floors';
import { goalsSection } from './goals';
import { measureFirstMessage } from './first-message';
import { measureMemory } from './memory';
import { ASSUMED_LATENCY_MS, PRICES, PRICES_CHECKED } from './prices';
import { fixed, formatBytes, mean, median, percentile, type Row, StdoutSink } from './support';
import { formatTextWork, measureTextWork } from './text-work';
import { INTAKE_PARSER_OPTIONS, measureThroughput, rate, storeOf } from './throughput';
import { measureWebformLatency, summary } from './webform-latency';

const quick = process.argv.includes('--quick');
const SETTINGS = quick
  ? {
      loadRuns: 3,
      sourceMapRuns: 2,
      passes: 1,
      webformRequests: 300,
      webformWarmup: 50,
      emails: 10,
      posts: 8,
      firstMessageRuns: 3,
    }
  : {
      // 25 rounds: the goal rows are differences of two ~150 ms process starts; with 10 rounds their
      // median moved by ±8 ms from run to run on an idle machine, with 25 by about half that.
      loadRuns: 25,
      sourceMapRuns: 5,
      // Seven rounds: the ratio row is the median of the rounds' ratios (bench/throughput.ts overParser).
      passes: 7,
      webformRequests: 2000,
      webformWarmup: 200,
      emails: 28,
      posts: 24,
      firstMessageRuns: 9,
    };

const sink = new StdoutSink();
const print = (text: string) => sink.print(text);
const rows: Row[] = [];
const add = (figure: string, value: string, how: string) => rows.push({ figure, value, how });
/** bench/results.json: one machine-readable key per figure (issue 16), written beside results.md. */
const json: Record<string, number> = {};
const put = (key: string, value: number | undefined) => {
  if (value !== undefined && Number.isFinite(value)) json[key] = Math.round(value * 1000) / 1000;
};
/** What each function carries over its floor (the Floor rows), for the goals section. */
const overFloorPackages = new Map<string, { name: string; bytes: number }[]>();
const ownModules = new Map<string, { path: string; bytes: number }[]>();
/** The counted AWS requests of this run, for the goals section's request traces. */
let countedInvocations: Invocation[] = [];
const camel = (name: string) => name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
const ms = (value: number) => `${fixed(value, value < 10 ? 2 : 1)} ms`;
const usd = (value: number) => `$${value < 0.01 ? value.toFixed(5) : value.toFixed(4)}`;

/** Memory sizes from infra/ouvidoria-stack.ts (FUNCTION_SIZING), read as text: no CDK load needed. */
function configuredMemory(): { sizes: Record<string, number>; source: string } {
  const defaults = { emailIntake: 1024, webform: 512, assignment: 512, sesFeedback: 256 };
  try {
    const text = readFileSync(join(ROOT, 'infra/ouvidoria-stack.ts'), 'utf8');
    const sizes: Record<string, number> = {};
    for (const key of Object.keys(defaults)) {
      const match = new RegExp(`${key}:\\s*\\{\\s*memorySize:\\s*(\\d+)`).exec(text);
      if (match?.[1]) sizes[key] = Number(match[1]);
    }
    if (Object.keys(sizes).length === 4) return { sizes, source: 'infra/ouvidoria-stack.ts FUNCTION_SIZING' };
  } catch {
    // fall through
  }
  return { sizes: defaults, source: 'assumed (FUNCTION_SIZING not readable)' };
}

async function step<T>(name: string, fn: () => Promise<T> | T): Promise<T | undefined> {
  const t = performance.now();
  print(`• ${name}…`);
  try {
    const result = await fn();
    print(`  done in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    return result;
  } catch (error) {
    print(`  FAILED: ${(error as Error).message.split('\n')[0]}`);
    add(name, 'not measured', `failed: ${(error as Error).message.split('\n')[0]?.slice(0, 200)}`);
    return undefined;
  }
}

/** The scenarios whose invocation is the e-mail intake receiving a mail through SES (the lifecycle's included). */
function receivedByMail(s: ScenarioSummary): boolean {
  return s.scenario.startsWith('email') || s.scenario.startsWith('lifecycle');
}

function opsText(s: ScenarioSummary, service: string): string {
  const ops = Object.entries(s.byOp)
    .filter(([key]) => key.startsWith(`${service}:`))
    .map(([key, n]) => `${key.slice(service.length + 1)} ${fixed(n, n % 1 === 0 ? 0 : 1)}`);
  return ops.length ? ` (${ops.join(', ')})` : '';
}

/** The SDK's "Node 20 support ends" notice is true and not about us: keep stderr for real problems. */
function quietNodeVersionNotice(): void {
  const listeners = process.listeners('warning');
  process.removeAllListeners('warning');
  process.on('warning', (warning) => {
    if (`${warning.name} ${warning.message}`.includes('NodeVersionSupportWarning')) return;
    for (const listener of listeners) listener(warning);
  });
}

/** Rows and keys of the floor comparison (issue 16): each function against the floor of what it must carry. */
function floorRows(
  floors: FloorBuild[],
  bundles: { spec: { name: string }; bytes?: number }[],
  loads: LoadTimes,
): void {
  for (const f of floors) {
    const name = f.fn.spec.name;
    const fn = loads.perBundle.get(name);
    const floor = loads.perBundle.get(f.floor.spec.name);
    const bytes = bundles.find((b) => b.spec.name === name)?.bytes ?? f.fn.bytes ?? 0;
    if (!fn || !floor || !f.floor.bytes) continue;
    const key = camel(name);
    const overMs = pairedOverMs(loads, name, f.floor.spec.name) ?? fn.plainMs - floor.plainMs;
    put(`coldStart.${key}.floorMs`, floor.plainMs);
    put(`coldStart.${key}.overFloorMs`, overMs);
    put(`bundle.${key}.floorBytes`, f.floor.bytes);
    put(`bundle.${key}.overFloorBytes`, bytes - f.floor.bytes);
    const packages = overFloorByPackage(f.fn, f.floor);
    const over = packages
      .slice(0, 8)
      .map((p) => `${p.name} ${formatBytes(p.bytes)}`)
      .join(', ');
    overFloorPackages.set(name, packages);
    ownModules.set(name, f.fn.ownModules ?? []);
    const withPackages = loads.perBundle.get(f.withPackages.spec.name);
    const packagesMs = pairedOverMs(loads, f.withPackages.spec.name, f.floor.spec.name);
    const ownMs = pairedOverMs(loads, name, f.withPackages.spec.name);
    const packagesBytes = (f.withPackages.bytes ?? 0) - f.floor.bytes;
    put(`coldStart.${key}.requiredPackagesOverFloorMs`, packagesMs);
    put(`coldStart.${key}.ownCodeOverPackagesMs`, ownMs);
    put(`bundle.${key}.requiredPackagesOverFloorBytes`, packagesBytes);
    put(`bundle.${key}.ownCodeOverPackagesBytes`, bytes - (f.withPackages.bytes ?? 0));
    add(
      `Floor: ${name}`,
      `floor +${ms(floor.plainMs)} over bare node, ${formatBytes(f.floor.bytes)}; the function is +${ms(overMs)} and +${formatBytes(bytes - f.floor.bytes)} over its floor (goal: ≤ +20 ms and ≤ +150 KB); over the floor by package: ${over}`,
      `bundle of only ${f.contents} (the SDK names our code imports, read from the sources in the function's metafile), built with the same esbuild options in this run (bench/floors.ts) and timed right after its function in every round; the ms over the floor are the median of the round-by-round differences`,
    );
    if (withPackages && packagesMs !== undefined && ownMs !== undefined) {
      add(
        `Floor with the packages it must use: ${name}`,
        `+${ms(withPackages.plainMs)} over bare node, ${formatBytes(f.withPackages.bytes ?? 0)}: the packages are +${ms(packagesMs)} and +${formatBytes(packagesBytes)} over the floor; the function is +${ms(ownMs)} and +${formatBytes(bytes - (f.withPackages.bytes ?? 0))} over this one (its own code)`,
        `the floor above plus what the function's bundle keeps of the packages it must use (bench/floors.ts REQUIRED_PACKAGES), the names read from the function bundled with those packages external: ${f.packageContents}; built and timed the same way, right after the floor in every round; each difference is the median of the round-by-round differences, so the two parts need not add up to the function's gap exactly`,
      );
    }
  }
}

async function main(): Promise<void> {
  quietNodeVersionNotice();
  const started = performance.now();
  const load = loadavg();
  const work = mkdtempSync(join(tmpdir(), 'ouvidoria-bench-'));
  const memory = configuredMemory();
  print(
    `Ouvidoria benchmark${quick ? ' (quick)' : ''}: node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, load ${load.map((l) => l.toFixed(2)).join(' ')}`,
  );

  try {
    // 1. Bundles and module load.
    const bundles = await step('bundling the four Lambdas (esbuild, CDK options)', () =>
      bundleLambdas(join(work, 'bundles')),
    );
    (bundles ?? []).forEach((b, index) => {
      if (b.error || !b.bytes) {
        add(`Bundle size: ${b.spec.name}`, 'not built', `esbuild failed: ${b.error}`);
        return;
      }
      const top = (b.top ?? []).map((t) => `${t.name} ${formatBytes(t.bytes)}`).join(', ');
      add(
        `Bundle size: ${b.spec.name}`,
        `${formatBytes(b.bytes)} minified (gzip ${formatBytes(b.gzipBytes ?? 0)}; .map ${formatBytes(b.mapBytes ?? 0)}); largest: ${top}`,
        index === 0
          ? `${ESBUILD_OPTIONS_TEXT}; entry ${b.spec.entry}; sizes of index.mjs, gzip -9 of it, and index.mjs.map; packages from the esbuild metafile`
          : `as above; entry ${b.spec.entry}`,
      );
    });
    const floors = await step(
      'floor bundles: the SDK clients each function imports (+ mailparser for email-intake), then with the packages it must use',
      () => buildFloors(join(work, 'floors')),
    );
    const loads = bundles
      ? await step(`module load times (${SETTINGS.loadRuns} rounds, functions and floors)`, () =>
          // Each floor right after its function in every round: their difference is paired by round.
          measureLoadTimes(
            bundles.flatMap((b) => [
              b,
              ...(floors ?? []).filter((f) => f.fn.spec.name === b.spec.name).flatMap((f) => [f.floor, f.withPackages]),
            ]),
            SETTINGS.loadRuns,
            SETTINGS.sourceMapRuns,
          ),
        )
      : undefined;
    for (const b of bundles ?? []) {
      put(`bundle.${camel(b.spec.name)}.bytes`, b.bytes);
      put(`bundle.${camel(b.spec.name)}.gzipBytes`, b.gzipBytes);
    }
    if (loads) {
      LAMBDAS.forEach((spec, index) => {
        const l = loads.perBundle.get(spec.name);
        if (!l) return;
        put(`coldStart.${camel(spec.name)}.overBareMs`, l.plainMs);
        put(`coldStart.${camel(spec.name)}.withSourceMapsOverBareMs`, l.sourceMapsMs);
        put(`coldStart.${camel(spec.name)}.sourceMapsCostMs`, l.sourceMapsMs - l.plainMs);
        add(
          `Module load: ${spec.name}`,
          `+${ms(l.plainMs)} over bare node; +${ms(l.sourceMapsMs)} with --enable-source-maps`,
          index > 0
            ? 'as above'
            : `median of ${loads.runs} wall-clock runs of \`node index.mjs\` (the bundle, imported and nothing else) minus the median of \`node -e 0\` (${ms(loads.bareMs)}) in the same round-robin rounds; with the flag (as NODE_OPTIONS sets it on Lambda): median of ${loads.sourceMapRuns} runs minus \`node --enable-source-maps -e 0\` (${ms(loads.bareSourceMapsMs)}); local node ${process.version}, not Lambda's Node 24 on arm64`,
        );
      });
    }

    if (loads) floorRows(floors ?? [], bundles ?? [], loads);

    // 2. Corpus and throughput.
    const corpus = await step('generating the corpus', () => generateCorpus());
    if (!corpus) throw new Error('no corpus');
    const sizes = corpus.messages.map((m) => m.raw.length);
    const styles: Record<string, number> = {};
    for (const m of corpus.messages) styles[m.style] = (styles[m.style] ?? 0) + 1;
    add(
      'Email corpus',
      `${corpus.messages.length} messages, ${formatBytes(corpus.totalBytes)}; ${formatBytes(Math.min(...sizes))} to ${formatBytes(Math.max(...sizes))} (median ${formatBytes(median(sizes))}); ${corpus.messages.filter((m) => m.attachments > 0).length} with attachments; ${Object.entries(
        styles,
      )
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
      `generated in memory by bench/corpus.ts from seed ${CORPUS_SEED} (mulberry32): pt-BR merchant mail, multipart/alternative UTF-8 QP, Outlook windows-1252 HTML, ISO-8859-1 8-bit and HTML-only, quoted threads, message/rfc822 forwards, PDF/PNG/JPEG/XLSX/XML attachments of random (incompressible) bytes`,
    );

    const throughput = await step(`email intake throughput (${SETTINGS.passes} passes each)`, () =>
      measureThroughput(corpus, SETTINGS.passes, sink),
    );
    if (throughput) {
      const n = throughput.messages;
      const b = throughput.bytes;
      const pd = rate(throughput.parserDefaults, n, b);
      const po = rate(throughput.parserIntakeOptions, n, b);
      const full = rate(throughput.fullPath, n, b);
      const how = `in-process, one message after another, median of ${throughput.passes} passes after a warm-up pass (the three kinds alternate)`;
      add(
        'Throughput: simpleParser alone (default options)',
        `${fixed(pd.msgPerS, 1)} msg/s, ${fixed(pd.mbPerS)} MB/s`,
        `mailparser simpleParser(raw) on every corpus message; ${how}`,
      );
      add(
        "Throughput: simpleParser alone (parseEmail's options)",
        `${fixed(po.msgPerS, 1)} msg/s, ${fixed(po.mbPerS)} MB/s`,
        `simpleParser(raw, ${Object.keys(INTAKE_PARSER_OPTIONS).join('/')}) as parseEmail calls it; ${how}`,
      );
      add(
        'Throughput: email intake, whole path',
        `${fixed(full.msgPerS, 1)} msg/s, ${fixed(full.mbPerS)} MB/s`,
        `createEmailIntakeHandler with the in-memory ports of test/support/fakes.ts: SES event validation, raw read, parseEmail (with its repair pass), ticket extraction and lookup, rules, case, reply rendering, queue; Powertools logs and EMF at INFO into a counting sink; ${how}`,
      );
      const outcomes = Object.entries(throughput.outcomes)
        .sort((a, c) => c[1] - a[1])
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      put('cpu.intakeOverParser', throughput.overParser.intakeOptions);
      put('cpu.intakeOverParserDefaults', throughput.overParser.defaults);
      add(
        'Throughput ratio: whole path ÷ parser',
        `${fixed(throughput.overParser.intakeOptions)}× the time of simpleParser with the same options; ${fixed(throughput.overParser.defaults)}× simpleParser with defaults`,
        `median of the ${throughput.passes} rounds' ratios, each round timing the parser and then the whole path back to back, so that a disturbance of the shared machine slows both sides of a ratio (the parser is the floor: 1.00× would mean our code costs nothing on top). Outcomes of the corpus: ${outcomes}`,
      );
      const perMessage = (t: { totalMs: number }) => t.totalMs / n;
      const stageMs = {
        parser: perMessage(throughput.parserIntakeOptions),
        wholePath: perMessage(throughput.fullPath),
        parseEmail: perMessage(throughput.stages.parseEmail),
        triage: perMessage(throughput.stages.triage),
        ticketExtraction: perMessage(throughput.stages.ticketExtraction),
        parseInPath: (throughput.fullPath.parseMs ?? Number.NaN) / n,
      };
      const restMs = stageMs.wholePath - stageMs.parseEmail - stageMs.triage;
      const ownWorkMs = stageMs.wholePath - stageMs.parseInPath;
      put('cpu.perMessage.parserMs', stageMs.parser);
      put('cpu.perMessage.wholePathMs', stageMs.wholePath);
      put('cpu.perMessage.parseEmailMs', stageMs.parseEmail);
      put('cpu.perMessage.triageMs', stageMs.triage);
      put('cpu.perMessage.ticketExtractionMs', stageMs.ticketExtraction);
      put('cpu.perMessage.restMs', restMs);
      put('cpu.perMessage.parseInPathMs', stageMs.parseInPath);
      put('cpu.perMessage.ownWorkInPathMs', ownWorkMs);
      add(
        'Email intake by stage',
        `per message: whole path ${ms(stageMs.wholePath)} = parseEmail ${ms(stageMs.parseEmail)} (simpleParser alone ${ms(stageMs.parser)}) + triage ${ms(stageMs.triage)} (ticket extraction ${ms(stageMs.ticketExtraction)}, lookup and rules ${ms(stageMs.triage - stageMs.ticketExtraction)}) + the rest ${ms(restMs)}`,
        'each stage timed alone on the corpus, pass for pass beside the rows above (bench/throughput.ts StageTimings; median pass): parseEmail on the raw mail, triage = decideSubmission (ticket extraction, in-memory directory lookup, rules) on its submissions; the rest = whole path − parseEmail − triage: SES event validation, delivery claim, case and storage (in-memory ports), reply rendering and record, queue, logs and metrics',
      );
      const per = throughput.fullPath.perMessageMs;
      const largestIndex = sizes.indexOf(Math.max(...sizes));
      add(
        'Email intake: parsing and our own work inside the whole path',
        `per message: parseEmail inside the path ${ms(stageMs.parseInPath)} (alone ${ms(stageMs.parseEmail)}), our own work ${ms(ownWorkMs)} (whole path − parsing inside it)`,
        'parseEmail timed where it runs in the whole-path pass above (a timer around the port): run beside our own work, on the same mail, the stages are slower than each timed alone (shared CPU caches and heap), so this split, not the one above, says where the whole path goes',
      );
      add(
        'Email intake per message',
        `median ${ms(median(per))}, mean ${ms(mean(per))}, p99 ${ms(percentile(per, 99))}; largest message ${ms(per[largestIndex] ?? Number.NaN)}; ${formatBytes(throughput.logBytesPerMessage)} of logs+EMF per message`,
        'per-invocation wall time inside the whole-path pass above; log bytes = what Powertools wrote to stdout (CloudWatch Logs ingestion on AWS)',
      );
    }

    // 2b. Text work on adversarial bodies (linear time, one size limit).
    const textWork = await step('text work on adversarial bodies (bench/text-work.ts)', () =>
      measureTextWork({ quick }),
    );
    if (textWork) {
      print(formatTextWork(textWork));
      const max = textWork.sizes[textWork.sizes.length - 1] as number;
      const ratio = textWork.proseAtMax > 0 ? textWork.worstAtMax.ms / textWork.proseAtMax : 0;
      add(
        'Triage time, adversarial body at the text limit',
        `${ms(textWork.worstAtMax.ms)} (${textWork.worstAtMax.shape}) = ${fixed(ratio, 2)}× ordinary prose (${ms(textWork.proseAtMax)})`,
        `parseEmail + the staff-command reader (opensWithCommands(freshStaffText)) + extractTicketCandidates + verifyTicket + decide on ${max.toLocaleString('en')}-character bodies (MAX_TEXT_CHARS); shapes: ${textWork.rows
          .slice(1)
          .map((r) => r.shape)
          .join(', ')}; median of runs; per-size table printed by npx tsx bench/text-work.ts`,
      );
      add(
        'Rule engine time per KB',
        `${fixed(textWork.engine.msPerKb100k, 3)} ms/KB at 100 KB; ${fixed(textWork.engine.msPerKb1m, 3)} ms/KB at 1 MB`,
        'decide() alone on ordinary pt-BR prose (ticket already checked), median of runs',
      );
    }

    // 3. Webform latency.
    const latency = await step(
      `webform latency (${SETTINGS.webformRequests} valid + ${SETTINGS.webformRequests} invalid posts)`,
      () => measureWebformLatency(corpus.tickets, SETTINGS.webformRequests, SETTINGS.webformWarmup, sink),
    );
    if (latency) {
      const v = summary(latency.validMs);
      const i = summary(latency.invalidMs);
      const g = summary(latency.pageMs);
      const statuses = Object.entries(latency.statuses)
        .map(([k, n]) => `${k}: ${n}`)
        .join(', ');
      const how = `createWebformHandler with the in-memory ports, API Gateway v2 events (half JSON, half urlencoded), one client IP and address per post, valid and invalid interleaved, ${SETTINGS.webformWarmup} warm-up pairs; nearest-rank percentiles`;
      add(
        'Webform latency: valid posts',
        `p50 ${ms(v.p50)}, p99 ${ms(v.p99)} (${latency.requests.valid} requests)`,
        `${how}. Statuses: ${statuses}`,
      );
      add(
        'Webform latency: invalid posts',
        `p50 ${ms(i.p50)}, p99 ${ms(i.p99)} (${latency.requests.invalid} requests)`,
        `${how}; bad e-mail, short description, bad ticket and empty name, bad topic without consent, truncated JSON in turn`,
      );
      add(
        'Webform latency: GET / (form page)',
        `p50 ${ms(g.p50)}, p99 ${ms(g.p99)} (${latency.requests.page} requests)`,
        'same handler, one page view every fourth pair',
      );
    }

    // 4. Assignment duration (fakes), the CPU part of its Lambda time.
    const assignment = throughput
      ? await step('assignment handler timing', () => measureAssignment(throughput.lastFakes, sink, storeOf(corpus)))
      : undefined;
    if (assignment) {
      add(
        'Assignment per case',
        `median ${ms(median(assignment.durationsMs))}, p99 ${ms(percentile(assignment.durationsMs, 99))} (${assignment.assigned} cases assigned)`,
        'createAssignmentHandler with the in-memory ports and the lifecycle (as deployed) on every case the whole-path pass queued, office open (Tue 11:00 São Paulo): analyst choice, due date, timers, analyst e-mail',
      );
    }

    // 5. Peak memory (child processes) — before the emulators, on a quiet process table.
    const mem = throughput
      ? await step('peak memory per handler', () => measureMemory(work, corpus, throughput.lastFakes))
      : undefined;
    for (const m of mem ?? []) {
      const spec = LAMBDAS.find((l) => l.name === m.handler);
      const configured = spec?.sizingKey ? memory.sizes[spec.sizingKey] : undefined;
      if (m.error || m.maxRss === undefined) {
        add(`Peak memory: ${m.handler}`, 'not measured', m.error ?? 'no result');
        continue;
      }
      add(
        `Peak memory: ${m.handler}`,
        `${formatBytes(m.maxRss)} peak RSS (${formatBytes(m.baselineRss ?? 0)} after loading; heap peak ${formatBytes(m.peakHeapUsed ?? 0)}, external peak ${formatBytes(m.peakExternal ?? 0)}); configured ${configured ?? '?'} MB`,
        `${m.input}; its own \`node --expose-gc\` process running a bundle built with the Lambda options; 3 invocations with fresh in-memory ports; peak RSS = the kernel's high-water mark VmHWM (loading included, as Lambda's Max Memory Used), heap/external peaks sampled every 1 ms; configured size from ${memory.source}`,
      );
    }

    // 5b. The first message of a cold container (child processes), against mailparser's first parse.
    const first = throughput
      ? await step(`first message of a cold container (${SETTINGS.firstMessageRuns} processes each)`, () =>
          measureFirstMessage(work, corpus, throughput.lastFakes, SETTINGS.firstMessageRuns),
        )
      : undefined;
    for (const f of first ?? []) {
      const t = f.handlerTimes;
      if (f.error || !t) {
        add(`First message of a cold container: ${f.handler}`, 'not measured', f.error ?? 'no result');
        continue;
      }
      const key = camel(f.handler);
      put(`firstMessage.${key}.firstMs`, t.firstMs);
      put(`firstMessage.${key}.thirdMs`, t.thirdMs);
      put(`firstMessage.${key}.overFloorMs`, f.firstOverFloorMs);
      const floor = f.floorTimes
        ? `; mailparser alone on the same mail: first ${ms(f.floorTimes.firstMs)}, then ${ms(f.floorTimes.secondMs)}, ${ms(f.floorTimes.thirdMs)}: the first message is +${ms(f.firstOverFloorMs ?? 0)} over its floor`
        : '';
      add(
        `First message of a cold container: ${f.handler}`,
        `first invocation ${ms(t.firstMs)}, then ${ms(t.secondMs)}, ${ms(t.thirdMs)}${floor}`,
        `${f.input}; medians over ${f.runs} fresh \`node\` processes, each running the memory figure's bundle (Lambda options) in timing mode: the handler loaded (not timed), then three invocations with fresh in-memory ports. The first pays what a warm container has ready: the rules compiled, code optimised, lazily built tables${f.floorTimes ? "; the floor is mailparser's simpleParser with parseEmail's options in its own fresh process, alternating with the handler's, and the difference is the median of the run-by-run differences (bench/first-message.ts)" : ' (bench/first-message.ts)'}`,
      );
    }

    // 6. AWS requests per case and cost.
    const counted = await step(
      `AWS requests on dynalite and aws-ses-v2-local (${SETTINGS.emails} e-mails, ${SETTINGS.posts} posts)`,
      () => countRequests(corpus, SETTINGS.emails, SETTINGS.posts, sink),
    );
    if (counted) {
      countedInvocations = counted.invocations;
      const scenarios = summarise(counted.invocations);
      const byName = new Map(scenarios.map((s) => [s.scenario, s]));
      const order: ScenarioName[] = [
        'email accepted',
        'email accepted, text size',
        'email redirected',
        'email duplicate delivery',
        'assignment',
        'webform awaiting confirmation',
        'webform accepted',
        'webform redirected',
        'webform rejected (400)',
        'lifecycle: analyst answer',
        'lifecycle: merchant reply',
        'lifecycle: analyst closing',
      ];
      scenarios.sort((a, c) => order.indexOf(a.scenario) - order.indexOf(c.scenario));
      scenarios.forEach((s, i) => {
        // Keys as issue 16 names them: dynamodb.acceptedEmail.requests, dynamodb.assignment.requests, …
        const key = {
          'email accepted': 'acceptedEmail',
          'email accepted, text size': 'acceptedEmailTextSizes',
          'email redirected': 'redirectedEmail',
          'email duplicate delivery': 'duplicateEmailDelivery',
          assignment: 'assignment',
          'webform accepted': 'acceptedWebform',
          'webform redirected': 'redirectedWebform',
          'webform awaiting confirmation': 'pendingWebform',
          'webform rejected (400)': 'rejectedWebform',
          'lifecycle: analyst answer': 'lifecycleAnswer',
          'lifecycle: merchant reply': 'lifecycleMerchantReply',
          'lifecycle: analyst closing': 'lifecycleClosing',
        }[s.scenario];
        put(`dynamodb.${key}.requests`, s.perService.dynamodb);
        put(`dynamodb.${key}.wru`, s.wru);
        put(`dynamodb.${key}.gsiWru`, s.gsiWru);
        put(`dynamodb.${key}.rru`, s.rru);
        add(
          `AWS requests: ${s.scenario}`,
          `DynamoDB ${fixed(s.perService.dynamodb, 1)}${opsText(s, 'dynamodb')}, ${fixed(s.wru, 1)} WRU (${fixed(s.gsiWru, 1)} of them GSI writes) + ${fixed(s.rru, 1)} RRU; SES ${fixed(s.perService.ses, 2)}; SQS ${fixed(s.perService.sqs, 2)}; S3 ${fixed(s.perService.s3, 1)}; EventBridge Scheduler ${fixed(s.perService.scheduler, 2)}; Zendesk lookups ${fixed(s.zendesk, 2)}`,
          i === 0
            ? `mean per Lambda invocation over ${s.invocations}; the production adapters on real SDK v3 clients with a counting middleware (DynamoDB on dynalite, SESv2 on aws-ses-v2-local; SQS SendMessage and S3 Head/Get/PutObject answered inside a short-circuit middleware, as are EventBridge Scheduler's CreateSchedule calls of the lifecycle timers: the assignment runs as deployed, with the lifecycle); one e-mail per sender from the corpus, one person per post; capacity units from ConsumedCapacity (dynalite applies DynamoDB's 1 KB write / 4 KB read rules) plus the GSI writes of each case-item write by DynamoDB's index rules (entry put, delete, key move or projected-attribute change, 1 KB units of the entry; the status and sender indexes project the list attributes of table-design.ts, the protocol index keys only); Zendesk is the ticket directory (an in-memory fake here)`
            : `as above, mean over ${s.invocations} invocations`,
        );
      });

      // Issue 16 states the request and WRU goals for a 2 KB mail: the smallest and largest accepted mails of the run.
      const acceptedBySize = counted.invocations
        .filter((inv) => inv.scenario === 'email accepted')
        .map((inv) => ({
          rawBytes: inv.rawBytes,
          wru: inv.entries.reduce((sum, e) => sum + e.wru, 0),
          requests: inv.entries.filter((e) => e.service === 'dynamodb').length,
        }))
        .sort((a, b) => a.rawBytes - b.rawBytes);
      const smallest = acceptedBySize[0];
      const largest = acceptedBySize.at(-1);
      if (smallest && largest) {
        put('dynamodb.acceptedEmail.smallest.rawBytes', smallest.rawBytes);
        put('dynamodb.acceptedEmail.smallest.wru', smallest.wru);
        put('dynamodb.acceptedEmail.smallest.requests', smallest.requests);
        put('dynamodb.acceptedEmail.largest.rawBytes', largest.rawBytes);
        put('dynamodb.acceptedEmail.largest.wru', largest.wru);
        add(
          'DynamoDB WRU per accepted email by size',
          `smallest mail (${formatBytes(smallest.rawBytes)} raw): ${fixed(smallest.wru, 0)} WRU; largest (${formatBytes(largest.rawBytes)} raw): ${fixed(largest.wru, 0)} WRU`,
          `the accepted e-mails of the row above, each invocation on its own; a text over ${INLINE_TEXT_MAX_BYTES} bytes (capped at 60,000) is put in S3 before the first-message item, which keeps only its reference: no write grows with the text`,
        );
      }
      // Issue 16: "WRU independent of text size beyond the first KB": the same mail with three text sizes.
      const bySize = counted.invocations
        .filter((inv) => inv.scenario === 'email accepted, text size' && inv.textBytes !== undefined)
        .map((inv) => ({
          textBytes: inv.textBytes as number,
          wru: inv.entries.reduce((sum, e) => sum + e.wru, 0),
          requests: inv.entries.filter((e) => e.service === 'dynamodb').length,
          s3Puts: inv.entries.filter((e) => e.service === 's3' && e.op === 'PutObject').length,
        }));
      if (bySize.length > 0) {
        for (const size of bySize) {
          const key = `dynamodb.acceptedEmail.text${Math.round(size.textBytes / 1000)}KB`;
          put(`${key}.wru`, size.wru);
          put(`${key}.requests`, size.requests);
          put(`${key}.s3Puts`, size.s3Puts);
        }
        add(
          'DynamoDB WRU per accepted email by text size',
          bySize
            .map(
              (x) =>
                `${formatBytes(x.textBytes)} text: ${fixed(x.wru, 0)} WRU, ${x.requests} DynamoDB requests, ${x.s3Puts} S3 PUT`,
            )
            .join('; '),
          'the same accepted e-mail (plain UTF-8 text, the ticket in subject and text, its requester as sender) with only the length of its text changed, each invocation on its own (scenario "email accepted, text size"); the S3 PUT is the text kept out of the table',
        );
      }

      // Lambda duration model: in-process CPU time scaled to the configured memory's vCPU share,
      // plus the round trips the counted requests would take on AWS.
      const cpuShare = (mb: number) => Math.min(1, mb / PRICES.lambda.fullVcpuMemoryMb);
      const ioMs = (s: ScenarioSummary) =>
        s.perService.dynamodb * ASSUMED_LATENCY_MS.dynamodb +
        s.perService.ses * ASSUMED_LATENCY_MS.sesSend +
        s.perService.sqs * ASSUMED_LATENCY_MS.sqsSend +
        s.perService.scheduler * ASSUMED_LATENCY_MS.schedulerCreate +
        (s.byOp['s3:HeadObject'] ?? 0) * ASSUMED_LATENCY_MS.s3Head +
        (s.byOp['s3:GetObject'] ?? 0) * ASSUMED_LATENCY_MS.s3GetBase +
        (s.byOp['s3:PutObject'] ?? 0) * ASSUMED_LATENCY_MS.s3Put +
        s.s3GetBytes / ASSUMED_LATENCY_MS.s3BytesPerMs +
        s.zendesk * ASSUMED_LATENCY_MS.zendesk;
      const perMessage = throughput?.fullPath.perMessageMs ?? [];
      const cpuMs = (s: ScenarioSummary): number => {
        if (s.scenario.startsWith('email')) return mean(s.corpusIndexes.map((i) => perMessage[i] ?? 0));
        // A lifecycle mail is an e-mail intake invocation too: the median corpus mail's in-process time.
        if (receivedByMail(s)) return median(perMessage);
        if (s.scenario === 'assignment') return median(assignment?.durationsMs ?? []);
        if (s.scenario === 'webform rejected (400)') return median(latency?.invalidMs ?? []);
        return median(latency?.validMs ?? []);
      };
      const memoryOf = (s: ScenarioSummary) =>
        receivedByMail(s)
          ? (memory.sizes.emailIntake ?? 1024)
          : s.scenario === 'assignment'
            ? (memory.sizes.assignment ?? 512)
            : (memory.sizes.webform ?? 512);
      const lambdaOf = (s: ScenarioSummary, mb = memoryOf(s)) => {
        const durationMs = cpuMs(s) / cpuShare(mb) + ioMs(s);
        const gbSeconds = (mb / 1024) * (durationMs / 1000);
        return { mb, durationMs, gbSeconds, cost: gbSeconds * PRICES.lambda.perGbSecondArm + PRICES.lambda.perRequest };
      };
      const pageCpu = median(latency?.pageMs ?? []);
      const pageMb = memory.sizes.webform ?? 512;
      const pageGbS = (pageMb / 1024) * (pageCpu / cpuShare(pageMb) / 1000);
      const pageCost =
        pageGbS * PRICES.lambda.perGbSecondArm + PRICES.lambda.perRequest + PRICES.apiGateway.perHttpApiRequest;

      interface Cost {
        lambda: number;
        dynamodb: number;
        ses: number;
        sqs: number;
        s3: number;
        scheduler: number;
        apiGateway: number;
        logs: number;
        gbSeconds: number;
        durationMs: number;
      }
      const costOf = (s: ScenarioSummary): Cost => {
        const l = lambdaOf(s);
        const email = receivedByMail(s);
        const sesIn = email
          ? PRICES.ses.perEmailReceived +
            Math.ceil(s.rawBytes / PRICES.ses.incomingChunkBytes) * PRICES.ses.perIncomingChunk
          : 0;
        // Each message sent is also received and deleted by the assignment function's event source mapping.
        const sqsRequests = s.perService.sqs * 3;
        return {
          lambda: l.cost,
          dynamodb: s.wru * PRICES.dynamodb.perWriteRequestUnit + s.rru * PRICES.dynamodb.perReadRequestUnit,
          ses: s.perService.ses * PRICES.ses.perEmailSent + sesIn,
          sqs: sqsRequests * PRICES.sqs.perRequest,
          scheduler: s.perService.scheduler * PRICES.scheduler.perInvocation,
          // SES's S3 action writes the raw mail once; the function HEADs and GETs it, and PUTs (and the
          // assignment GETs) the texts kept out of the table (issue 16).
          s3:
            (email ? PRICES.s3.perPut : 0) +
            (s.byOp['s3:PutObject'] ?? 0) * PRICES.s3.perPut +
            (s.perService.s3 - (s.byOp['s3:PutObject'] ?? 0)) * PRICES.s3.perGet,
          apiGateway: s.scenario.startsWith('webform') ? PRICES.apiGateway.perHttpApiRequest : 0,
          logs: (s.logBytes / 1024 ** 3) * PRICES.cloudWatchLogs.perIngestedGb,
          gbSeconds: l.gbSeconds,
          durationMs: l.durationMs,
        };
      };
      const addCost = (a: Cost, b: Cost): Cost => ({
        lambda: a.lambda + b.lambda,
        dynamodb: a.dynamodb + b.dynamodb,
        ses: a.ses + b.ses,
        sqs: a.sqs + b.sqs,
        s3: a.s3 + b.s3,
        scheduler: a.scheduler + b.scheduler,
        apiGateway: a.apiGateway + b.apiGateway,
        logs: a.logs + b.logs,
        gbSeconds: a.gbSeconds + b.gbSeconds,
        durationMs: a.durationMs + b.durationMs,
      });
      const pageView: Cost = {
        lambda: pageCost - PRICES.apiGateway.perHttpApiRequest,
        dynamodb: 0,
        ses: 0,
        sqs: 0,
        s3: 0,
        scheduler: 0,
        apiGateway: PRICES.apiGateway.perHttpApiRequest,
        logs: 0,
        gbSeconds: pageGbS,
        durationMs: pageCpu / cpuShare(pageMb),
      };
      const get = (name: ScenarioName) => byName.get(name);
      const assign = get('assignment');
      const life = (
        ['lifecycle: analyst answer', 'lifecycle: merchant reply', 'lifecycle: analyst closing'] as const
      ).map(get);
      const cases: [string, Cost | undefined, string][] = [
        [
          'e-mail, accepted',
          get('email accepted') && assign
            ? addCost(costOf(get('email accepted') as ScenarioSummary), costOf(assign))
            : undefined,
          'intake + assignment',
        ],
        [
          'e-mail, accepted, answered and closed',
          get('email accepted') && assign && life.every((x) => x !== undefined)
            ? life.reduce(
                (sum: Cost, x) => addCost(sum, costOf(x as ScenarioSummary)),
                addCost(costOf(get('email accepted') as ScenarioSummary), costOf(assign)),
              )
            : undefined,
          "intake + assignment + the analyst's answer + the merchant's reply + the analyst's closing (with the survey), each by mail",
        ],
        [
          'e-mail, redirected',
          get('email redirected') ? costOf(get('email redirected') as ScenarioSummary) : undefined,
          'intake only',
        ],
        [
          'webform, accepted',
          get('webform accepted') && assign
            ? [get('webform awaiting confirmation')].reduce(
                // The post that cited the ticket (its link's mail), then the confirmation's POST.
                (sum, pending) => (pending ? addCost(sum, costOf(pending)) : sum),
                addCost(addCost(costOf(get('webform accepted') as ScenarioSummary), costOf(assign)), pageView),
              )
            : undefined,
          'page view + post (link mailed) + confirmation + assignment',
        ],
        [
          'webform, redirected',
          get('webform redirected')
            ? addCost(costOf(get('webform redirected') as ScenarioSummary), pageView)
            : undefined,
          'page view + post',
        ],
      ];
      cases.forEach(([label, cost, parts], index) => {
        if (!cost) {
          add(`Cost per 1,000 cases: ${label}`, 'not measured', 'no such case in the counted run');
          return;
        }
        const k = 1000;
        const total =
          (cost.lambda + cost.dynamodb + cost.ses + cost.sqs + cost.s3 + cost.scheduler + cost.apiGateway + cost.logs) *
          k;
        const costKey = {
          'e-mail, accepted': 'AcceptedEmail',
          'e-mail, accepted, answered and closed': 'AcceptedEmailAnsweredAndClosed',
          'e-mail, redirected': 'RedirectedEmail',
          'webform, accepted': 'AcceptedWebform',
          'webform, redirected': 'RedirectedWebform',
        }[label];
        put(`cost.per1000${costKey}`, total);
        put(`cost.per1000${costKey}.ses`, cost.ses * k);
        put(`cost.per1000${costKey}.dynamodb`, cost.dynamodb * k);
        put(`cost.per1000${costKey}.lambda`, cost.lambda * k);
        add(
          `Cost per 1,000 cases: ${label}`,
          `${usd(total)} — SES ${usd(cost.ses * k)}, Lambda ${usd(cost.lambda * k)} (${fixed(cost.gbSeconds * k, 1)} GB-s, ~${ms(cost.durationMs)}/case), DynamoDB ${usd(cost.dynamodb * k)}, CloudWatch Logs ${usd(cost.logs * k)}, API Gateway ${usd(cost.apiGateway * k)}, S3 ${usd(cost.s3 * k)}, SQS ${usd(cost.sqs * k)}, EventBridge Scheduler ${usd(cost.scheduler * k)}`,
          index > 0
            ? `${parts}; same model as the first cost row`
            : `${parts}; counts from the rows above × prices in bench/prices.ts (${PRICES_CHECKED}): Lambda arm $0.0000133334/GB-s + $0.20/M, DynamoDB $0.625/M WRU, $0.125/M RRU, SES $0.10/1,000 sent and received + $0.09/1,000 inbound 256 KB chunks, S3 PUT $0.005/1,000 and GET/HEAD $0.0004/1,000, SQS $0.40/M (send + receive + delete), EventBridge Scheduler $1.00/M invocations (each timer created fires once), HTTP API $1.00/M, logs $0.50/GB. Lambda duration = in-process time ÷ vCPU share (memory/1,769 MB) + assumed same-region round trips (DynamoDB ${ASSUMED_LATENCY_MS.dynamodb} ms, SES ${ASSUMED_LATENCY_MS.sesSend} ms, SQS ${ASSUMED_LATENCY_MS.sqsSend} ms, Scheduler ${ASSUMED_LATENCY_MS.schedulerCreate} ms, S3 ${ASSUMED_LATENCY_MS.s3Head}–${ASSUMED_LATENCY_MS.s3Put} ms, Zendesk ${ASSUMED_LATENCY_MS.zendesk} ms); configured memory from ${memory.source}`,
        );
      });

      // The same model at other memory sizes: what each function would take and cost.
      const sizing: [string, ScenarioSummary[]][] = [
        ['email-intake', [get('email accepted'), get('email redirected')].filter((x): x is ScenarioSummary => !!x)],
        ['webform', [get('webform accepted'), get('webform redirected')].filter((x): x is ScenarioSummary => !!x)],
        ['assignment', [assign].filter((x): x is ScenarioSummary => !!x)],
      ];
      sizing.forEach(([fn, list], index) => {
        if (list.length === 0) return;
        const options = [256, 512, 1024, 1769].map((mb) => {
          const d = mean(list.map((s) => lambdaOf(s, mb).durationMs));
          const c = mean(list.map((s) => lambdaOf(s, mb).cost));
          return `${mb} MB: ${ms(d)}, ${usd(c * 1000)}`;
        });
        add(
          `Lambda memory model: ${fn}`,
          `${options.join('; ')} (per invocation, then Lambda cost per 1,000)`,
          index > 0
            ? 'same model'
            : "the Lambda duration model of the cost rows at other memory sizes (CPU time ÷ min(1, memory/1,769 MB) + assumed round trips), averaged over the function's scenarios; the CPU part comes from this machine, not from Graviton",
        );
      });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }

  const seconds = (performance.now() - started) / 1000;
  const table = [
    '| Figure | Value | How it was measured |',
    '|---|---|---|',
    ...rows.map((r) => `| ${r.figure} | ${r.value.replace(/\|/g, '\\|')} | ${r.how.replace(/\|/g, '\\|')} |`),
  ].join('\n');
  const header = [
    '# Benchmark results',
    '',
    `Written by \`npm run bench\`${quick ? ' --quick (reduced counts: not for publishing)' : ''} (bench/run.ts) on ${new Date().toISOString().slice(0, 10)}: node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, load average ${load.map((l) => l.toFixed(2)).join(' / ')} at start, ${seconds.toFixed(0)} s in all.`,
    'Times are wall-clock on this machine; other processes running at the same time inflate them.',
    '',
  ].join('\n');
  const goals = goalsSection({ figures: json, overFloorPackages, ownModules, invocations: countedInvocations });
  writeFileSync(join(ROOT, 'bench', 'results.md'), `${header}\n${table}\n\n${goals}`);
  if (!quick) writeReadmeSummary(rows, header);
  const sorted = Object.fromEntries(Object.entries(json).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(
    join(ROOT, 'bench', 'results.json'),
    `${JSON.stringify({ written: new Date().toISOString().slice(0, 10), node: process.version, quick, figures: sorted }, null, 2)}\n`,
  );
  print('');
  print(table);
  print('');
  print(`Written to bench/results.md and bench/results.json (${seconds.toFixed(0)} s).`);
}

/** Rows of the README's summary (the rest stays in bench/results.md). */
const README_ROWS = [
  /^Bundle size/,
  /^Module load/,
  /^First message of a cold container/,
  /^Throughput ratio/,
  /^AWS requests/,
  /^Cost per 1,000/,
  /^Peak memory/,
];
const README_BEGIN = '<!-- bench:begin (written by npm run bench: do not edit) -->';
const README_END = '<!-- bench:end -->';

/**
 * The README's benchmark figures come from this run, never by hand: the block between the markers
 * is replaced with the summary rows (value only; how each was measured is in bench/results.md).
 */
function writeReadmeSummary(rows: { figure: string; value: string }[], header: string): void {
  const readmePath = join(ROOT, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const begin = readme.indexOf(README_BEGIN);
  const end = readme.indexOf(README_END);
  if (begin === -1 || end < begin) return;
  const when = /on (\d{4}-\d{2}-\d{2}): node (\S+), (.*?), load average/.exec(header);
  const picked = rows.filter((r) => README_ROWS.some((re) => re.test(r.figure)));
  const block = [
    README_BEGIN,
    `Figures of the last run (${when ? `${when[1]}, Node ${when[2]} on ${when[3]}` : 'see bench/results.md'}; wall-clock times on that machine):`,
    '',
    '| figure | result |',
    '|---|---|',
    ...picked.map((r) => `| ${r.figure} | ${r.value.replace(/\|/g, '\\|')} |`),
    '',
  ].join('\n');
  writeFileSync(readmePath, readme.slice(0, begin) + block + readme.slice(end));
}

main().catch((error: unknown) => {
  sink.stop();
  process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
