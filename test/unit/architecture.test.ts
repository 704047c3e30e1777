/**
 * The dependency direction, kept by a test: domain ← application ← adapters/composition ←
 * handlers/scripts/infra, with nothing pointing back.
 *
 * Layers (a file's layer is the first matching prefix):
 *   shared/domain/**      pure rules: imports only the domain, node built-ins and non-AWS npm packages
 *   shared/ports.ts       the interfaces services use: imports only the domain
 *   shared/app/**         application services: domain, ports, other services, the two leaf
 *                         modules shared/telemetry-names.ts and shared/runtime-env.ts; no adapters,
 *                         mail parsing, web form, composition, AWS packages
 *   shared/webform/**     form schema, page and POST handling: like an application service (it calls
 *                         one), so no adapters, composition or AWS packages
 *   shared/mail/**        MIME parsing (mailparser) into domain values: an adapter without AWS; it
 *                         imports no application service, web form or composition
 *   shared/adapters/**    AWS and local implementations of the ports. They may import an
 *                         application module with `import type` only — some services declare the
 *                         narrow port they need beside themselves (app/lifecycle/ports.ts, the
 *                         intake telemetry interface) and the adapter implements it; running code of
 *                         a service never reaches an adapter through an import. No composition,
 *                         web form.
 *   shared/composition/** the one composition root: anything under shared/
 *   nothing under shared/ imports functions/, scripts/, infra/, test/ or bench/
 *   functions/<name>/**   one Lambda: no scripts, infra, test, bench, nor another function's folder
 *   infra/**              the CDK app: no functions (bundled by path), scripts, test, bench, and no
 *                         application service or composition (it deploys them, it does not run them)
 *   scripts/**            may use anything in shared/ and functions/; not infra, test or bench
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..', '..');

interface Import {
  /** Repository-relative file that imports. */
  from: string;
  /** The specifier as written. */
  spec: string;
  /** Repository-relative target for relative specifiers (no extension), else undefined. */
  target?: string;
  /** The package name for bare specifiers (`@scope/name` or `name`), 'node:' for built-ins. */
  pkg?: string;
  typeOnly: boolean;
}

function walk(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'cdk.out') return [];
    if (statSync(join(ROOT, path)).isDirectory()) return walk(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

const BUILTINS = new Set(builtinModules);

/** Import and re-export declarations at the top level, dynamic import() and side-effect imports. */
const STATIC = /^(import|export)(\s+type)?\s+([\w\s{},*$]*?)\s*from\s*['"]([^'"]+)['"]/gm;
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
const BARE = /^import\s+['"]([^'"]+)['"]/gm;

function importsOf(file: string, source: string): Import[] {
  const specs: Array<{ spec: string; typeOnly: boolean }> = [];
  for (const m of source.matchAll(STATIC)) {
    // `import { type A, type B } from` is type-only too.
    const names = (m[3] ?? '')
      .replace(/[{}]/g, '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const allTypes = names.length > 0 && names.every((n) => n.startsWith('type '));
    specs.push({ spec: m[4] as string, typeOnly: Boolean(m[2]) || allTypes });
  }
  for (const m of source.matchAll(DYNAMIC)) specs.push({ spec: m[1] as string, typeOnly: false });
  for (const m of source.matchAll(BARE)) specs.push({ spec: m[1] as string, typeOnly: false });
  return specs.map(({ spec, typeOnly }) => {
    if (spec.startsWith('.')) {
      const target = relative(ROOT, resolve(ROOT, dirname(file), spec)).replace(/\.(ts|js)$/, '');
      return { from: file, spec, target, typeOnly };
    }
    if (spec.startsWith('node:') || BUILTINS.has(spec.split('/')[0] as string)) {
      return { from: file, spec, pkg: 'node:', typeOnly };
    }
    const parts = spec.split('/');
    const pkg = spec.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] as string);
    return { from: file, spec, pkg, typeOnly };
  });
}

const FILES = ['shared', 'functions', 'scripts', 'infra'].flatMap(walk);
const IMPORTS = FILES.flatMap((f) => importsOf(f, readFileSync(join(ROOT, f), 'utf8')));

const AWS_PACKAGE =
  /^(@aws-sdk\/|@aws-lambda-powertools\/|@aws-cdk\/|@smithy\/|aws-lambda$|aws-cdk-lib$|aws-cdk$|constructs$|cdk-nag$|aws-sdk-client-mock$)/;

const under = (prefix: string) => (path: string | undefined) =>
  path !== undefined && (path === prefix || path.startsWith(`${prefix}/`));
const isDomain = under('shared/domain');
const isApp = under('shared/app');
const isAdapter = under('shared/adapters');
const isComposition = under('shared/composition');
const isMail = under('shared/mail');
const isWebform = under('shared/webform');
const isPorts = (p: string | undefined) => p === 'shared/ports';
const OUTSIDE_SHARED = ['functions', 'scripts', 'infra', 'test', 'bench'].map(under);
const isOutsideShared = (p: string | undefined) => OUTSIDE_SHARED.some((f) => f(p));

function violations(files: (file: string) => boolean, forbidden: (imp: Import) => boolean): string[] {
  return IMPORTS.filter((imp) => files(imp.from) && forbidden(imp)).map((imp) => `${imp.from} imports '${imp.spec}'`);
}

describe('architecture: the import parser', () => {
  it('reads static, type-only, re-export, multi-line and dynamic imports', () => {
    const src = [
      "import { a } from './a';",
      "import type { B } from '../b';",
      "import { type C, type D } from './cd';",
      'import {',
      '  e,',
      '  type F,',
      "} from './ef';",
      "export { g } from './g';",
      "export * from 'zod';",
      "import '@aws-sdk/client-s3';",
      "const h = await import('node:fs');",
      "const text = 'not an import from \\'./x\\'';",
    ].join('\n');
    const got = importsOf('shared/domain/x.ts', src).map((i) => [i.target ?? i.pkg, i.typeOnly]);
    expect(got).toEqual([
      ['shared/domain/a', false],
      ['shared/b', true],
      ['shared/domain/cd', true],
      ['shared/domain/ef', false],
      ['shared/domain/g', false],
      ['zod', false],
      ['node:', false],
      ['@aws-sdk/client-s3', false],
    ]);
  });

  it('finds the imports of the real tree (so the rules below are not vacuous)', () => {
    expect(FILES.length).toBeGreaterThan(100);
    expect(IMPORTS.length).toBeGreaterThan(500);
    const intake = IMPORTS.filter((i) => i.from === join('shared', 'app', 'email-intake.ts'));
    expect(intake.some((i) => isDomain(i.target))).toBe(true);
    expect(IMPORTS.some((i) => isAdapter(i.from) && i.pkg === '@aws-sdk/lib-dynamodb')).toBe(true);
  });
});

describe('architecture: dependency direction', () => {
  it('shared/domain imports only the domain, node built-ins and non-AWS packages', () => {
    expect(
      violations(isDomain, (i) => (i.target !== undefined ? !isDomain(i.target) : AWS_PACKAGE.test(i.pkg ?? ''))),
    ).toEqual([]);
  });

  it('shared/ports.ts imports only the domain', () => {
    expect(
      violations(
        (f) => f === join('shared', 'ports.ts'),
        (i) => (i.target !== undefined ? !isDomain(i.target) : i.pkg !== 'node:'),
      ),
    ).toEqual([]);
  });

  it('shared/app imports no adapter, mail parsing, web form, composition or AWS package', () => {
    const allowedLeaf = (t: string) => t === 'shared/telemetry-names' || t === 'shared/runtime-env';
    expect(
      violations(isApp, (i) =>
        i.target !== undefined
          ? !(isDomain(i.target) || isPorts(i.target) || isApp(i.target) || allowedLeaf(i.target))
          : AWS_PACKAGE.test(i.pkg ?? ''),
      ),
    ).toEqual([]);
  });

  it('shared/webform imports no adapter, composition or AWS package', () => {
    expect(
      violations(isWebform, (i) =>
        i.target !== undefined
          ? isAdapter(i.target) || isComposition(i.target) || isMail(i.target)
          : AWS_PACKAGE.test(i.pkg ?? ''),
      ),
    ).toEqual([]);
  });

  it('shared/mail imports no application service, adapter, web form or composition', () => {
    expect(
      violations(
        isMail,
        (i) => isApp(i.target) || isAdapter(i.target) || isWebform(i.target) || isComposition(i.target),
      ),
    ).toEqual([]);
  });

  it('shared/adapters import application modules for their types only, and no composition or web form', () => {
    expect(
      violations(isAdapter, (i) => (isApp(i.target) && !i.typeOnly) || isComposition(i.target) || isWebform(i.target)),
    ).toEqual([]);
  });

  it('nothing under shared/ imports functions/, scripts/, infra/, test/ or bench/', () => {
    expect(violations(under('shared'), (i) => isOutsideShared(i.target))).toEqual([]);
  });

  it('a function imports no script, infra, test, bench nor another function', () => {
    const ownFolder = (file: string) => file.split('/').slice(0, 2).join('/');
    expect(
      violations(under('functions'), (i) =>
        under('functions')(i.target)
          ? !(i.target as string).startsWith(`${ownFolder(i.from)}/`)
          : ['scripts', 'infra', 'test', 'bench'].some((d) => under(d)(i.target)),
      ),
    ).toEqual([]);
  });

  it('infra imports no function, script, test, bench, application service or composition', () => {
    expect(
      violations(
        under('infra'),
        (i) =>
          ['functions', 'scripts', 'test', 'bench'].some((d) => under(d)(i.target)) ||
          isApp(i.target) ||
          isComposition(i.target),
      ),
    ).toEqual([]);
  });

  it('Lambda code (shared/, functions/) imports no devDependency: none of it is deployed', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: object };
    const dev = new Set(Object.keys(pkg.devDependencies).filter((name) => !name.startsWith('@types/')));
    // nodemailer among them: SES composes our mail (shared/adapters/ses-mailer.ts).
    expect(dev.has('nodemailer')).toBe(true);
    expect(
      violations(
        (f) => under('shared')(f) || under('functions')(f),
        (i) => !i.typeOnly && dev.has(i.pkg ?? ''),
      ),
    ).toEqual([]);
  });

  it('scripts import no infra (but its deployment configuration), test or bench', () => {
    // infra/config.ts is the typed per-environment configuration (zod, no CDK): a command run against
    // AWS (report, titular) reads the same file the stack was deployed with.
    const deploymentConfig = (target: string | undefined) => target === 'infra/config';
    expect(
      violations(
        under('scripts'),
        (i) => !deploymentConfig(i.target) && ['infra', 'test', 'bench'].some((d) => under(d)(i.target)),
      ),
    ).toEqual([]);
  });
});

describe('architecture: what each Lambda reaches (runtime imports, followed from its handler)', () => {
  /** Repository paths and packages the handler reaches through value (not type-only) imports. */
  function reach(entry: string): { files: Set<string>; packages: Set<string> } {
    const byFile = new Map<string, Import[]>();
    for (const imp of IMPORTS) byFile.set(imp.from, [...(byFile.get(imp.from) ?? []), imp]);
    const files = new Set<string>();
    const packages = new Set<string>();
    const queue = [entry.replace(/\.ts$/, '')];
    while (queue.length > 0) {
      const file = queue.pop() as string;
      if (files.has(file)) continue;
      files.add(file);
      for (const imp of byFile.get(`${file}.ts`) ?? byFile.get(`${file}/index.ts`) ?? []) {
        if (imp.typeOnly) continue;
        if (imp.target) queue.push(imp.target);
        else if (imp.pkg) packages.add(imp.pkg);
      }
    }
    return { files, packages };
  }

  it.each([
    ['functions/webform/handler.ts'],
    ['functions/console/handler.ts'],
    ['functions/console-authorizer/handler.ts'],
  ])('%s carries no mail parser (the console and the form run without it)', (entry) => {
    const { files, packages } = reach(entry);
    expect(files.size).toBeGreaterThan(3);
    expect([...files].filter(isMail)).toEqual([]);
    expect([...packages].filter((p) => p === 'mailparser' || p === 'iconv-lite')).toEqual([]);
  });

  it('the assignment reads a mail only to relay its files with the notice: mailparser loaded on demand, none of the intake’s mail code', () => {
    const { files, packages } = reach('functions/assignment/handler.ts');
    expect(files.has('shared/adapters/attachment-relay')).toBe(true);
    expect(packages.has('mailparser')).toBe(true);
    expect([...files].filter(isMail)).toEqual(['shared/mail/mail-files']);
    // Only through import(): a cold start without files to relay never loads the parser.
    const reader = IMPORTS.filter((i) => i.target === 'shared/mail/mail-files' && !i.typeOnly);
    // (The intake's parser hands its decoded files on in mail-files' shape: parse-email.ts, not the assignment's.)
    expect(reader.map((i) => i.from)).toEqual([
      'shared/composition/assignment.ts',
      'shared/composition/email-intake.ts',
      'shared/mail/parse-email.ts',
    ]);
    const source = readFileSync(join(ROOT, 'shared/composition/assignment.ts'), 'utf8');
    expect(source).toContain("await import('../mail/mail-files')");
    expect(source).not.toMatch(/^import \{[^}]*\breadMailFiles\b[^}]*\} from '\.\.\/mail\/mail-files'/m);
  });

  it('the console authorizer carries aws-jwt-verify and no AWS client, table or mail code', () => {
    const { files, packages } = reach('functions/console-authorizer/handler.ts');
    expect(packages.has('aws-jwt-verify')).toBe(true);
    expect([...packages].filter((p) => AWS_PACKAGE.test(p))).toEqual([]);
    expect([...files].filter((f) => f.includes('/dynamo/') || isMail(f) || isApp(f))).toEqual([]);
  });

  it('the webform reaches nothing of the staff console (its own function) nor aws-jwt-verify', () => {
    const { files, packages } = reach('functions/webform/handler.ts');
    expect(files.has('shared/webform/merchant-http')).toBe(true);
    expect([...files].filter((f) => f.startsWith('shared/console/') || f === 'shared/composition/console')).toEqual([]);
    expect(packages.has('aws-jwt-verify')).toBe(false);
    const staff = reach('functions/console/handler.ts');
    expect(staff.files.has('shared/console/http')).toBe(true);
    expect(staff.files.has('shared/composition/console')).toBe(true);
  });

  it.each([['functions/console/handler.ts'], ['functions/monthly-report/handler.ts']])(
    '%s shows the rules’ descriptions without carrying the rules (their phrase lists) or the engine',
    (entry) => {
      const { files } = reach(entry);
      expect(files.has('shared/domain/eligibility/rule-descriptions')).toBe(true);
      expect([...files].filter((f) => /^shared\/domain\/eligibility\/(rules|engine)$/.test(f))).toEqual([]);
    },
  );

  it('the email intake reaches the quarantine release (it consumes the release queue) and the parser', () => {
    const { files } = reach('functions/email-intake/handler.ts');
    expect(files.has('shared/app/quarantine-release')).toBe(true);
    expect(files.has('shared/mail/parse-email')).toBe(true);
  });
});
