/**
 * Floor bundles (issue 16): what a function would cost to load if it carried only the packages it
 * must use. The floor of a function is a bundle of the AWS SDK clients and commands its own bundle
 * contains (read from its esbuild metafile, so the floor follows the code) plus mailparser for
 * email-intake, built with the same esbuild options (bench/bundles.ts ← infra construct) in the
 * same run. `npx tsx bench/floors.ts [--quick]` builds and times the functions and their floors
 * alone.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import {
  type BundleResult,
  bundle,
  cdkEsbuildOptions,
  LAMBDAS,
  type LambdaSpec,
  measureLoadTimes,
  ownModuleBytes,
  packageBytes,
  pairedOverMs,
  ROOT,
} from './bundles';

/**
 * The packages beyond the SDK (and mailparser) that the product must use, and why. A second floor
 * carries them too (issue 16): what is over that one is the product's own code.
 */
export const REQUIRED_PACKAGES: Record<string, string> = {
  luxon: "office hours and deadlines in the office's time zone",
  zod: 'events, forms and configuration validated',
  '@aws-lambda-powertools/logger': 'structured logs',
  '@aws-lambda-powertools/metrics': 'metrics (EMF)',
  '@aws-lambda-powertools/batch': "SQS batches' partial failures",
  busboy: "the form's multipart files",
};

/** Functions with a floor goal, and the non-SDK packages their floor must carry. */
export const FLOOR_TARGETS: { name: LambdaSpec['name']; packages: { module: string; names: string[] }[] }[] = [
  { name: 'email-intake', packages: [{ module: 'mailparser', names: ['simpleParser'] }] },
  { name: 'webform', packages: [] },
];

/**
 * SDK clients and commands our code imports, read from the source files of the bundle (metafile
 * inputs outside node_modules). Not the SDK files in the output: a bundle whose tree shaking
 * failed keeps commands it never sends, and the floor must not inherit that.
 */
export function sdkSurface(metafile: Metafile, root: string): Map<string, Set<string>> {
  const surface = new Map<string, Set<string>>();
  const ours = ourSources(metafile);
  const importRe = /import\s+(type\s+)?\{([^}]*)\}\s+from\s+'(@aws-sdk\/(?:client-[a-z0-9-]+|lib-dynamodb))'/g;
  for (const input of ours) {
    const text = readFileSync(resolve(root, input), 'utf8');
    for (const match of text.matchAll(importRe)) {
      if (match[1] || !match[2] || !match[3]) continue;
      const names = surface.get(match[3]) ?? new Set<string>();
      for (const raw of match[2].split(',')) {
        const name = raw.trim();
        if (!name || name.startsWith('type ')) continue;
        names.add(name.split(/\s+as\s+/)[0] as string);
      }
      surface.set(match[3], names);
    }
  }
  return surface;
}

/** The function's own source files (metafile inputs outside node_modules). */
function ourSources(metafile: Metafile): string[] {
  return Object.keys(metafile.inputs).filter((input) => !input.includes('node_modules') && /\.[cm]?[jt]s$/.test(input));
}

/** `luxon` → `luxon`, `zod/mini` → `zod`, `@aws-lambda-powertools/logger/types` → `@aws-lambda-powertools/logger`. */
function packageNameOf(specifier: string): string {
  return specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');
}

/**
 * What the function's bundle keeps of the packages it must use (REQUIRED_PACKAGES), per import
 * specifier: the function is bundled again with the same options but those packages external and
 * identifiers left readable, and the names are read from that output — named imports, `default`,
 * and for `import * as z` the `z.<name>` it reads. So the floor follows what esbuild kept: a schema
 * our source declares but the bundle drops (a `@__PURE__` closure nobody reads) adds nothing, and
 * a name only the types use (`z.infer<…>`) is gone already.
 */
export async function requiredSurface(entry: string): Promise<Map<string, Set<string>>> {
  const surface = new Map<string, Set<string>>();
  const add = (module: string, name: string) => surface.set(module, (surface.get(module) ?? new Set()).add(name));
  const result = await build({
    ...cdkEsbuildOptions(),
    minify: false,
    minifySyntax: true,
    sourcemap: false,
    metafile: false,
    write: false,
    entryPoints: [resolve(ROOT, entry)],
    outfile: join(ROOT, 'bench/.tmp/required-surface.mjs'),
    external: Object.keys(REQUIRED_PACKAGES).flatMap((p) => [p, `${p}/*`]),
  });
  const text = result.outputFiles?.[0]?.text ?? '';
  for (const [, clause = '', module = ''] of text.matchAll(/^import\s+([^;]*?)\s+from\s*"([^"]+)"/gm)) {
    if (REQUIRED_PACKAGES[packageNameOf(module)] === undefined) continue;
    const namespace = /\*\s+as\s+([A-Za-z_$][\w$]*)/.exec(clause)?.[1];
    if (namespace) {
      for (const use of text.matchAll(
        new RegExp(`(?<![\\w$.])${namespace.replace(/\$/g, '\\$')}\\.([A-Za-z_$][\\w$]*)`, 'g'),
      )) {
        add(module, use[1] as string);
      }
      continue;
    }
    if (
      clause
        .replace(/\{[^}]*\}/, '')
        .replace(/,/g, '')
        .trim()
    )
      add(module, 'default');
    for (const raw of /\{([^}]*)\}/.exec(clause)?.[1]?.split(',') ?? []) {
      const name = raw.trim();
      if (name) add(module, name.split(/\s+as\s+/)[0] as string);
    }
  }
  for (const [module, names] of surface) {
    const loaded = (await import(module)) as Record<string, unknown>;
    for (const name of names) if (!(name in loaded)) names.delete(name);
  }
  return surface;
}

const CLIENT_CLASS: Record<string, string> = {
  '@aws-sdk/client-dynamodb': 'DynamoDBClient',
  '@aws-sdk/lib-dynamodb': 'DynamoDBDocumentClient',
  '@aws-sdk/client-s3': 'S3Client',
  '@aws-sdk/client-sesv2': 'SESv2Client',
  '@aws-sdk/client-sqs': 'SQSClient',
  '@aws-sdk/client-scheduler': 'SchedulerClient',
  '@aws-sdk/client-secrets-manager': 'SecretsManagerClient',
};

/** The floor's entry: re-exports (an ESM entry's exports survive tree-shaking, nothing else does). */
export function floorEntry(surface: Map<string, Set<string>>, extra: { module: string; names: string[] }[]): string {
  const lines: string[] = [];
  [...surface.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .forEach(([module, commands], i) => {
      const client = CLIENT_CLASS[module];
      const names = [...new Set([...(client ? [client] : []), ...[...commands].sort()])];
      // Aliased: two clients may both have e.g. TagResourceCommand.
      lines.push(`export { ${names.map((n) => `${n} as m${i}_${n}`).join(', ')} } from '${module}';`);
    });
  for (const p of extra) lines.push(`export { ${p.names.join(', ')} } from '${p.module}';`);
  return `${lines.join('\n')}\n`;
}

/** Re-exports of the required packages' names, aliased (two packages may share a name). */
function requiredExports(surface: Map<string, Set<string>>): string {
  return [...surface.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([module, names], i) => `export { ${[...names].map((n) => `${n} as r${i}_${n}`).join(', ')} } from '${module}';`,
    )
    .join('\n');
}

export interface FloorBuild {
  fn: BundleResult;
  floor: BundleResult;
  /** What the floor holds, for the results table. */
  contents: string;
  /** The floor plus the packages the function must use (REQUIRED_PACKAGES): over it is our own code. */
  withPackages: BundleResult;
  /** The required packages and the names taken from each, for the results table. */
  packageContents: string;
}

function sizes(spec: BundleResult['spec'], file: string, metafile: Metafile): BundleResult {
  const js = readFileSync(file);
  return {
    spec,
    file,
    bytes: js.length,
    gzipBytes: gzipSync(js, { level: 9 }).length,
    mapBytes: statSync(`${file}.map`).size,
    packages: packageBytes(metafile, file),
    ownModules: ownModuleBytes(metafile, file),
  };
}

/** What the function carries beyond its floor, per package, largest first (bytes in the output). */
export function overFloorByPackage(fn: BundleResult, floor: BundleResult): { name: string; bytes: number }[] {
  return [...(fn.packages ?? new Map<string, number>()).entries()]
    .map(([name, bytes]) => ({ name, bytes: bytes - (floor.packages?.get(name) ?? 0) }))
    .filter((p) => p.bytes > 1024)
    .sort((a, b) => b.bytes - a.bytes);
}

/** Builds each target function and its floor into outDir (the floor's entry file is written there too). */
export async function buildFloors(outDir: string): Promise<FloorBuild[]> {
  const builds: FloorBuild[] = [];
  for (const target of FLOOR_TARGETS) {
    const spec = LAMBDAS.find((l) => l.name === target.name);
    if (!spec) continue;
    const fnFile = join(outDir, spec.name, 'index.mjs');
    const metafile = await bundle(spec.entry, fnFile);
    const surface = sdkSurface(metafile, ROOT);
    const entryDir = join(outDir, 'floor-entries');
    mkdirSync(entryDir, { recursive: true });
    // Inside the repository tree is not needed: node_modules is resolved from absWorkingDir (ROOT).
    const entry = join(entryDir, `${spec.name}.mjs`);
    writeFileSync(entry, floorEntry(surface, target.packages));
    const floorFile = join(outDir, `${spec.name}-floor`, 'index.mjs');
    const floorMeta = await bundle(entry, floorFile, undefined, {
      nodePaths: [join(import.meta.dirname, '..', 'node_modules')],
    });
    const floorSpec = { ...spec, name: `${spec.name}-floor`, entry } as unknown as LambdaSpec;
    const contents = [
      ...[...surface.entries()].map(([m, c]) => `${m.replace('@aws-sdk/', '')} (${[...c].join(', ')})`),
      ...target.packages.map((p) => p.module),
    ].join('; ');
    const required = await requiredSurface(spec.entry);
    const packagesEntry = join(entryDir, `${spec.name}-packages.mjs`);
    writeFileSync(packagesEntry, `${floorEntry(surface, target.packages)}${requiredExports(required)}\n`);
    const packagesFile = join(outDir, `${spec.name}-floor-packages`, 'index.mjs');
    const packagesMeta = await bundle(packagesEntry, packagesFile, undefined, {
      nodePaths: [join(import.meta.dirname, '..', 'node_modules')],
    });
    const packagesSpec = {
      ...spec,
      name: `${spec.name}-floor-packages`,
      entry: packagesEntry,
    } as unknown as LambdaSpec;
    const packageContents = [...required.entries()].map(([m, names]) => `${m} (${[...names].join(', ')})`).join('; ');
    builds.push({
      fn: sizes(spec, fnFile, metafile),
      floor: sizes(floorSpec, floorFile, floorMeta),
      contents,
      withPackages: sizes(packagesSpec, packagesFile, packagesMeta),
      packageContents,
    });
  }
  return builds;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const quick = process.argv.includes('--quick');
  const dir = mkdtempSync(join(tmpdir(), 'ouvidoria-floors-'));
  try {
    const builds = await buildFloors(dir);
    const all = builds.flatMap((b) => [b.fn, b.floor, b.withPackages]);
    const loads = measureLoadTimes(all, quick ? 3 : 10, quick ? 2 : 5);
    for (const b of builds) {
      const f = loads.perBundle.get(b.fn.spec.name);
      const g = loads.perBundle.get(b.floor.spec.name);
      const p = b.withPackages;
      process.stdout.write(
        `${p.spec.name}: ${p.bytes} B, +${loads.perBundle.get(p.spec.name)?.plainMs.toFixed(1)} ms | over floor: +${(pairedOverMs(loads, p.spec.name, b.floor.spec.name) ?? 0).toFixed(1)} ms | function over it: +${(pairedOverMs(loads, b.fn.spec.name, p.spec.name) ?? 0).toFixed(1)} ms, +${(((b.fn.bytes ?? 0) - (p.bytes ?? 0)) / 1024).toFixed(0)} KB\n  packages = ${b.packageContents}\n  over it by package: ${overFloorByPackage(
          b.fn,
          p,
        )
          .map((x) => `${x.name} ${(x.bytes / 1024).toFixed(1)} KB`)
          .join(', ')}\n`,
      );
      process.stdout.write(
        `${b.fn.spec.name}: ${b.fn.bytes} B, +${f?.plainMs.toFixed(1)} ms (+${f?.sourceMapsMs.toFixed(1)} ms with source maps) | floor ${b.floor.bytes} B, +${g?.plainMs.toFixed(1)} ms (+${g?.sourceMapsMs.toFixed(1)} ms) | over floor: +${(pairedOverMs(loads, b.fn.spec.name, b.floor.spec.name) ?? 0).toFixed(1)} ms, +${(((b.fn.bytes ?? 0) - (b.floor.bytes ?? 0)) / 1024).toFixed(0)} KB\n  floor = ${b.contents}\n  over the floor by package: ${overFloorByPackage(
          b.fn,
          b.floor,
        )
          .map((p) => `${p.name} ${(p.bytes / 1024).toFixed(0)} KB`)
          .join(', ')}\n`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
