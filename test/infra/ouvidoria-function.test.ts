/**
 * The bundles the construct really builds (esbuild through NodejsFunction, not skipped here): the
 * options that matter for size and cold start reach esbuild. aws-cdk-lib 2.276 ignores `charset`,
 * for one: the construct passes it as an esbuild argument, and this test would see the escapes.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { OuvidoriaFunction } from '../../infra/constructs/ouvidoria-function';
import { parseEmail } from '../../shared/mail/parse-email';
import { ENV } from '../../shared/runtime-env';

let outdir: string;
const bundles: Record<string, string> = {};
const assets: Record<string, string> = {};
const maps: Record<string, { sources?: string[]; sourcesContent?: unknown; mappings?: string }> = {};
let variables: Record<string, Record<string, unknown>> = {};
/** A sealed configuration with pt-BR text and the characters a shell or esbuild would otherwise read. */
const SEALED = JSON.stringify({ fromName: 'Ouvidoria — Lojistas', pattern: '^(no[-_.]?reply|"$HOME")([+-].*)?$' });

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'ouvidoria-fn-'));
  // CDK reports each bundle on stderr while the function is built: a passing test prints nothing.
  const quiet = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    build();
  } finally {
    quiet.mockRestore();
  }
}, 120_000);

function build(): void {
  const app = new App({ outdir });
  const stack = new Stack(app, 'Bundles', { env: { account: '123456789012', region: 'us-east-1' } });
  const fn = (id: string, entry: string, xrayTracing: boolean, environment: Record<string, string> = {}) =>
    new OuvidoriaFunction(stack, id, {
      entry,
      serviceName: id,
      description: id,
      memorySize: 128,
      timeout: Duration.seconds(3),
      environment,
      logRetentionDays: 7,
      logLevel: 'INFO',
      removalPolicy: RemovalPolicy.DESTROY,
      metricsNamespace: 'Ouvidoria/test',
      xrayTracing,
    });
  const functions = {
    text: fn('Text', 'shared/domain/staff-mail-decision.ts', false),
    untraced: fn('Untraced', 'shared/adapters/tracing.ts', false),
    traced: fn('Traced', 'shared/adapters/tracing.ts', true),
    mail: fn('Mail', 'shared/mail/parse-email.ts', false),
    configured: fn('Configured', 'shared/composition/settings.ts', false, {
      [ENV.config]: SEALED,
      [ENV.configSeal]: 'selo',
      [ENV.tableName]: 'tabela',
    }),
  };
  const assembly = app.synth();
  const template = assembly.getStackByName('Bundles').template as {
    Resources: Record<
      string,
      { Type: string; Properties: { Code?: { S3Key?: string }; Environment?: { Variables: Record<string, unknown> } } }
    >;
  };
  for (const [name, f] of Object.entries(functions)) {
    const key = template.Resources[stack.getLogicalId(f.function.node.defaultChild as never)]?.Properties.Code?.S3Key;
    const asset = join(outdir, `asset.${String(key).replace(/\.zip$/, '')}`);
    assets[name] = asset;
    bundles[name] = readFileSync(join(asset, 'index.mjs'), 'utf8');
    maps[name] = JSON.parse(readFileSync(join(asset, 'index.mjs.map'), 'utf8'));
    variables = {
      ...variables,
      [name]: template.Resources[stack.getLogicalId(f.function.node.defaultChild as never)]?.Properties.Environment
        ?.Variables as Record<string, unknown>,
    };
  }
}

const ROOT = join(import.meta.dirname, '../..');
const LIMITS = { maxRawMailBytes: 10 * 1024 * 1024 };

function mailWithLinks(contentType: string, body: string): Buffer {
  return Buffer.from(
    [
      'From: Ana <ana@loja.com.br>',
      'To: ouvidoria@ouvidoria.example.com.br',
      'Subject: Links',
      'Message-ID: <links-1@loja.com.br>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      `Content-Type: ${contentType}`,
      'Content-Transfer-Encoding: 8bit',
      '',
      body,
      '--b1',
      'Content-Type: application/pdf; name="pedido.pdf"',
      'Content-Disposition: attachment; filename="pedido.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64'),
      '--b1--',
      '',
    ].join('\r\n'),
  );
}

afterAll(() => {
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

describe('OuvidoriaFunction bundles', () => {
  it('carry the sealed configuration in the code, not in the 4 KB environment (BUNDLED_CONFIG)', () => {
    const b64 = Buffer.from(SEALED, 'utf8').toString('base64');
    expect(bundles['configured']).toContain(`"${b64}"`);
    expect(bundles['configured']).not.toContain('OUVIDORIA_BUNDLED_CONFIG');
    expect(variables['configured']).toEqual(expect.objectContaining({ [ENV.tableName]: 'tabela' }));
    expect(variables['configured']).not.toHaveProperty(ENV.config);
    expect(variables['configured']).not.toHaveProperty(ENV.configSeal);
    // A function given no configuration bundles none.
    expect(bundles['untraced']).not.toContain('OUVIDORIA_BUNDLED_CONFIG');
  });

  it('keep pt-BR text as UTF-8 (no \\u escapes): esbuild gets --charset=utf8', () => {
    expect(bundles['text']).toContain('não');
    expect(bundles['text']).not.toMatch(/\\u00e3/i);
  });

  it('leave the Powertools Tracer and the X-Ray SDK out when the stack deploys without tracing', () => {
    expect(bundles['untraced']?.length).toBeLessThan(5_000);
    expect(bundles['traced']?.length).toBeGreaterThan(50_000);
  });

  it('ship a source map with the mappings and file names but not the sources (Node parses it at load)', () => {
    const map = maps['text'];
    expect(map?.sources?.some((s) => s.endsWith('shared/domain/staff-mail-decision.ts'))).toBe(true);
    expect(map?.mappings?.length).toBeGreaterThan(100);
    expect(map?.sourcesContent).toBeUndefined();
  });

  it('replace linkify-it and its list of domains by stubs (infra/bundle-stubs): mail parses as from the sources', async () => {
    // tlds' list, which linkify-it compiles at every cold start, is not in the bundle.
    expect(bundles['mail']?.includes('vermögensberater'), 'tlds list in the bundle').toBe(false);
    const bundled = (await import(pathToFileURL(join(assets['mail'] as string, 'index.mjs')).href)) as {
      parseEmail: typeof parseEmail;
    };
    const meta = {
      sourceId: 'ses-links-1',
      receivedAt: '2026-03-10T13:00:00.000Z',
      verdicts: { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' },
    } as const;
    const mails = [
      mailWithLinks(
        'text/plain; charset=utf-8',
        'Veja https://loja.example.com.br/pedido/10231 e www.exemplo.com.br, ou me escreva: ana@loja.com.br.',
      ),
      mailWithLinks(
        'text/html; charset=utf-8',
        '<p>Print em <a href="https://imgur.com/a/x">https://imgur.com/a/x</a> — chamado 48213</p>',
      ),
      readFileSync(join(ROOT, 'events/emails/01-accepted-ticket-48213.eml')),
    ];
    for (const raw of mails) {
      expect(await bundled.parseEmail(raw, meta, LIMITS)).toEqual(await parseEmail(raw, meta, LIMITS));
    }
  });

  it('start with the createRequire banner (mailparser’s CommonJS needs require in an ES module)', () => {
    expect(bundles['text']?.startsWith("import { createRequire as __ouvCreateRequire } from 'node:module';")).toBe(
      true,
    );
  });
});
