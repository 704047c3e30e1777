/**
 * Bundles each Lambda the way the CDK does (infra/constructs/ouvidoria-function.ts → NodejsFunction
 * bundling → esbuild), measures the minified size, and times loading each bundle in a fresh
 * `node` process against a bare `node -e 0` started in the same rounds.
 */
import { tracerBundleDefine } from '../shared/adapters/tracing';
import { configBundleDefine } from '../shared/runtime-env';
import { loadDeploymentConfig, sealedRuntimeConfigOf } from '../infra/config';
import { PACKAGE_STUBS } from '../infra/bundle-stubs';
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { median } from './support';

export const ROOT = join(import.meta.dirname, '..');

export interface LambdaSpec {
  name:
    | 'email-intake'
    | 'webform'
    | 'console'
    | 'assignment'
    | 'ses-feedback'
    | 'console-authorizer'
    | 'lifecycle-timer'
    | 'requeue-stale'
    | 'attachment-scan'
    | 'monthly-report'
    | 'dlq-watch';
  entry: string;
  /** Key of FUNCTION_SIZING in infra/ouvidoria-stack.ts (functions sized in their own construct have none). */
  sizingKey?: string;
}

/** Every Lambda of the stack: each gets its own bundle, measured the same way. */
export const LAMBDAS: LambdaSpec[] = [
  { name: 'email-intake', entry: 'functions/email-intake/handler.ts', sizingKey: 'emailIntake' },
  { name: 'webform', entry: 'functions/webform/handler.ts', sizingKey: 'webform' },
  // The staff console's pages (/equipe…): its own bundle, out of the webform's.
  { name: 'console', entry: 'functions/console/handler.ts', sizingKey: 'console' },
  { name: 'assignment', entry: 'functions/assignment/handler.ts', sizingKey: 'assignment' },
  { name: 'ses-feedback', entry: 'functions/ses-feedback/handler.ts', sizingKey: 'sesFeedback' },
  // On the request path of every protected console page.
  { name: 'console-authorizer', entry: 'functions/console-authorizer/handler.ts', sizingKey: 'consoleAuthorizer' },
  { name: 'lifecycle-timer', entry: 'functions/lifecycle-timer/handler.ts', sizingKey: 'lifecycleTimer' },
  { name: 'requeue-stale', entry: 'functions/requeue-stale/handler.ts', sizingKey: 'requeueStale' },
  { name: 'attachment-scan', entry: 'functions/attachment-scan/handler.ts' },
  { name: 'monthly-report', entry: 'functions/monthly-report/handler.ts' },
  { name: 'dlq-watch', entry: 'functions/dlq-watch/handler.ts', sizingKey: 'dlqWatch' },
];

/** Copy of the construct's banner; the one in infra/ wins when it can be read. */
const FALLBACK_BANNER =
  "import { createRequire as __ouvCreateRequire } from 'node:module';const require = __ouvCreateRequire(import.meta.url);";

function constructBanner(): { banner: string; source: string } {
  try {
    const text = readFileSync(join(ROOT, 'infra/constructs/ouvidoria-function.ts'), 'utf8');
    const match = /const ESM_REQUIRE_BANNER\s*=\s*(["'`])([\s\S]*?)\1;/.exec(text);
    if (match?.[2]) return { banner: match[2], source: 'infra/constructs/ouvidoria-function.ts' };
  } catch {
    // fall through
  }
  return { banner: FALLBACK_BANNER, source: 'bench/bundles.ts (copy: infra banner not found)' };
}

/**
 * The esbuild options NodejsFunction passes for our `bundling` props: `--bundle --minify
 * --sourcemap --sources-content=false --platform=node --target=node24 --format=esm --main-fields=module,main
 * --banner:js=… --charset=utf8`, no externals (bundleAwsSDK: true).
 */
export function cdkEsbuildOptions(): BuildOptions & { banner: { js: string } } {
  return {
    bundle: true,
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    mainFields: ['module', 'main'],
    banner: { js: constructBanner().banner },
    charset: 'utf8',
    // The construct's --alias (infra/bundle-stubs): packages a bundle replaces with a stub.
    alias: Object.fromEntries(Object.entries(PACKAGE_STUBS).map(([name, stub]) => [name, resolve(ROOT, stub)])),
    // As deployed with `xrayTracing: false` (the default): the tracer is not bundled. The sealed
    // configuration of staging travels in the bundle as synth puts it there (BUNDLED_CONFIG): a
    // function that never reads it carries none of it.
    define: {
      ...tracerBundleDefine(false),
      ...configBundleDefine(JSON.stringify(sealedRuntimeConfigOf(loadDeploymentConfig('staging')))),
    },
    logLevel: 'silent',
    metafile: true,
    absWorkingDir: ROOT,
  };
}

export const ESBUILD_OPTIONS_TEXT =
  'esbuild JS API, options of infra/constructs/ouvidoria-function.ts: bundle, minify, sourcemap without sources content, platform node, target node24, format esm, mainFields module,main, createRequire banner, charset utf8, linkify-it and tlds replaced by stubs (infra/bundle-stubs: mailparser’s text-to-HTML links, which no call of ours asks for), AWS SDK bundled, tracer left out (xrayTracing false, the default), the sealed configuration of staging bundled (BUNDLED_CONFIG)';

export interface BundleResult {
  spec: LambdaSpec;
  file?: string;
  bytes?: number;
  gzipBytes?: number;
  mapBytes?: number;
  /** The three biggest packages in the output, from the metafile. */
  top?: { name: string; bytes: number }[];
  /** Bytes in the output per package (`(our code)` for the repository's own modules). */
  packages?: Map<string, number>;
  /** The repository's own modules in the output, largest first (path relative to the root). */
  ownModules?: { path: string; bytes: number }[];
  error?: string;
}

function packageOf(path: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  return match?.[1] ?? '(our code)';
}

/** The metafile's entry for a bundle's output file. */
function outputOf(metafile: Metafile, outfile: string): Metafile['outputs'][string] | undefined {
  return Object.entries(metafile.outputs).find(([name]) => name.endsWith(outfile.split('/').pop() ?? ''))?.[1];
}

/** Bytes in the output per package, from the metafile. */
export function packageBytes(metafile: Metafile, outfile: string): Map<string, number> {
  const output = outputOf(metafile, outfile);
  const byPackage = new Map<string, number>();
  for (const [input, info] of Object.entries(output?.inputs ?? {})) {
    byPackage.set(packageOf(input), (byPackage.get(packageOf(input)) ?? 0) + info.bytesInOutput);
  }
  return byPackage;
}

/** Our own modules in the output (metafile inputs outside node_modules), largest first. */
export function ownModuleBytes(metafile: Metafile, outfile: string): { path: string; bytes: number }[] {
  const output = outputOf(metafile, outfile);
  return Object.entries(output?.inputs ?? {})
    .filter(([input]) => packageOf(input) === '(our code)')
    .map(([path, info]) => ({ path, bytes: info.bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes);
}

function topPackages(byPackage: Map<string, number>): { name: string; bytes: number }[] {
  return [...byPackage.entries()]
    .map(([name, bytes]) => ({ name, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 3);
}

export async function bundle(
  entry: string,
  outfile: string,
  define?: Record<string, string>,
  extra?: Pick<BuildOptions, 'nodePaths'>,
): Promise<Metafile> {
  const result = await build({
    ...cdkEsbuildOptions(),
    entryPoints: [resolve(ROOT, entry)],
    outfile,
    ...(define ? { define: { ...cdkEsbuildOptions().define, ...define } } : {}),
    ...extra,
  });
  if (!result.metafile) throw new Error('esbuild returned no metafile');
  return result.metafile;
}

export async function bundleLambdas(outDir: string): Promise<BundleResult[]> {
  const results: BundleResult[] = [];
  for (const spec of LAMBDAS) {
    const file = join(outDir, spec.name, 'index.mjs');
    try {
      const metafile = await bundle(spec.entry, file);
      const js = readFileSync(file);
      const packages = packageBytes(metafile, file);
      results.push({
        spec,
        file,
        bytes: js.length,
        gzipBytes: gzipSync(js, { level: 9 }).length,
        mapBytes: statSync(`${file}.map`).size,
        top: topPackages(packages),
        packages,
        ownModules: ownModuleBytes(metafile, file),
      });
    } catch (error) {
      const message = (error as { errors?: { text: string }[] }).errors?.[0]?.text ?? (error as Error).message;
      results.push({ spec, error: message.split('\n')[0]?.slice(0, 160) });
    }
  }
  return results;
}

export interface LoadTimes {
  runs: number;
  sourceMapRuns: number;
  bareMs: number;
  bareSourceMapsMs: number;
  /** Median wall time of `node <bundle>` minus the bare median, per bundle. */
  perBundle: Map<string, { plainMs: number; sourceMapsMs: number }>;
  /** Each bundle's wall times, one per round (for differences paired by round). */
  plainSamples: Map<string, number[]>;
}

/**
 * How much longer `a` takes to load than `b`: the median of their differences round by round
 * (timed one after the other in each round), so that load that drifts between rounds cancels out.
 */
export function pairedOverMs(loads: LoadTimes, a: string, b: string): number | undefined {
  const x = loads.plainSamples.get(a);
  const y = loads.plainSamples.get(b);
  if (!x?.length || x.length !== y?.length) return undefined;
  return median(x.map((value, i) => value - (y[i] ?? 0)));
}

function timeNode(args: string[]): number {
  const start = process.hrtime.bigint();
  const out = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env: loadEnv() });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (out.status !== 0)
    throw new Error(`node ${args.join(' ')} exited ${out.status}: ${out.stderr.toString().slice(0, 300)}`);
  return ms;
}

/** A clean environment: no NODE_OPTIONS from npm or tsx (e.g. a loader) may slow the child. */
function loadEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, AWS_REGION: 'us-east-1' };
  return env;
}

/**
 * Round-robin rounds (bare, then each bundle) so that machine noise hits all alike. The first
 * `sourceMapRuns` rounds also time both with --enable-source-maps (the functions run with it:
 * NODE_OPTIONS in the construct).
 */
export function measureLoadTimes(bundles: BundleResult[], runs: number, sourceMapRuns: number): LoadTimes {
  const ok = bundles.filter((b): b is BundleResult & { file: string } => b.file !== undefined);
  const bare: number[] = [];
  const bareMaps: number[] = [];
  const samples = new Map(ok.map((b) => [b.spec.name, { plain: [] as number[], maps: [] as number[] }]));
  // One untimed round first: file system cache and the node binary warm.
  timeNode(['-e', '0']);
  for (const b of ok) timeNode([b.file]);
  for (let round = 0; round < runs; round++) {
    const maps = round < sourceMapRuns;
    bare.push(timeNode(['-e', '0']));
    if (maps) bareMaps.push(timeNode(['--enable-source-maps', '-e', '0']));
    for (const b of ok) {
      const s = samples.get(b.spec.name);
      s?.plain.push(timeNode([b.file]));
      if (maps) s?.maps.push(timeNode(['--enable-source-maps', b.file]));
    }
  }
  const bareMs = median(bare);
  const bareSourceMapsMs = median(bareMaps);
  const perBundle = new Map<string, { plainMs: number; sourceMapsMs: number }>();
  for (const [name, s] of samples) {
    perBundle.set(name, { plainMs: median(s.plain) - bareMs, sourceMapsMs: median(s.maps) - bareSourceMapsMs });
  }
  const plainSamples = new Map([...samples].map(([name, s]) => [name, s.plain]));
  return { runs, sourceMapRuns: Math.min(runs, sourceMapRuns), bareMs, bareSourceMapsMs, perBundle, plainSamples };
}
