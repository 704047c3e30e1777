/**
 * No regular expression of shared/, functions/, scripts/ or infra/ backtracks super-linearly, unless
 * listed below with the reason its input is bounded. Red team 51 found two quadratic regexes on text any stranger can
 * mail (html-to-text's cell bars, the command reader's trailing punctuation), 24 s for a 100 KB
 * mail; this keeps the next one out as a class.
 *
 * Collected: every regex literal (read with the TypeScript compiler API) and every `new RegExp(…)`
 * built at import by shared/ and functions/ (the constructor is watched while each module is imported;
 * scripts/ and infra/ are read for literals only: importing them runs a CLI or builds the stack). Regexes built later
 * (the eligibility rules' phrase lists, built on first use) are not seen here.
 *
 * Analyser: scslre (what eslint-plugin-regexp's no-super-linear-backtracking and
 * no-super-linear-move use): pure JS, ~2 MB, 0.3 s for the ~700 regexes. recheck is more thorough
 * but took 2 min 56 s (native binary) and 7 min 23 s (pure JS) on the same list here, and ships
 * 57 MB. scslre describes an attack by one repeated character, so it misses a trailing run of a
 * longer unit (`/(?: \|)+$/`, html-to-text's old bars): TRAILING_GROUP_RUN below covers that shape.
 *
 * A flagged run `X+$` is fixed by `(?<!X)X+$` (tried only where its run starts); a leading `\s*` by
 * `(?<!\s)\s*`.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type AST, RegExpParser } from '@eslint-community/regexpp';
import { analyse } from 'scslre';
import { API } from 'typescript/unstable/sync';
import { SyntaxKind } from 'typescript/unstable/ast';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..', '..');

interface Found {
  source: string;
  flags: string;
  /** Repository-relative file; `new` for one built at import. */
  file: string;
  how: 'literal' | 'new';
}

/**
 * Regexes whose super-linear backtracking is accepted, keyed `file /source/`, with why its input is
 * bounded and where that bound is enforced. A regex listed here that is no longer flagged fails the
 * test too (keep the list true). Nothing else is accepted: a new flagged regex is made linear, or its
 * input cut before it and listed here.
 */
const ALLOWED: Record<string, string> = {
  'shared/adapters/mail-headers.ts /^(.*?)\\s*<([^<>]*)>$/': 'mailbox(): From/To values we format ourselves',
  'shared/domain/auto-reply-policy.ts /[^\\s@]+@[^\\s@]+|\\b(procur(e|ar)|contat(e|ar)|contacte|fale c…/':
    'ROUTING reads a notice cut to NOTICE_TEXT_CHARS (3,000)',
  'shared/console/sign-in.ts /\\/+$/': 'options.domain and options.webformOrigin: our own configuration',
  'shared/domain/console-link.ts /\\/+$/': 'config.webformOrigin: our own configuration',
  'shared/domain/lifecycle/survey.ts /\\/+$/': 'config.webformOrigin: our own configuration',
  'shared/domain/webform-confirmation.ts /\\/+$/': 'config.webformOrigin: our own configuration',
  'infra/constructs/staff-console.ts /\\/+$/': 'props.webformOrigin: our own configuration',
  'shared/domain/auto-reply-policy.ts /\\[([^\\]]*)\\]/': 'TAG reads the subject, cut to 2,000 characters',
  'shared/domain/auto-reply-policy.ts /\\([^)]*\\)/':
    'headerToken reads header values cut before the policy (rt51: 80,000 "(" in 20 ms)',
  'shared/domain/auto-reply-policy.ts />+$/':
    "cleanMessageId reads our own ids and parse-email's, cut to 1,000 (messageIdChars)",
  'shared/domain/auto-reply-policy.ts /^\\.+|\\.+$/': "newMessageId's unique part: an id of ours",
  'shared/domain/lifecycle/commands.ts /\\s*[|,–—/(]/':
    "isFullerName: a verified staff member's signature line, ≤ SIGNATURE_LINE_MAX_CHARS (80)",
  'shared/mail/delivery-report.ts /^content-type:\\s*([^\\r\\n]*)$/': 'a report part cut to SCAN_LIMIT',
  'shared/domain/tickets.ts /^\\.?(?:(?:\\s+(?!(?:pedidos?|orders?|compras?|vendas?|nota fi…/':
    'STRONG_LINK reads KEYWORD_REACH (60) characters after a keyword (tickets.ts:858, the constant at :524); ' +
    'it ends in a star anchored at ^, so it never fails nor backtracks into earlier rounds; its first ' +
    'alternative, at most 6 words before a comma, backtracks only inside one round (redos53, tri62: 200,000 ' +
    'random 60-character texts of its own tokens, about 1.5 µs each once compiled; " o" repeated grows linearly)',
  // The address checks: anchored at both ends, quadratic on a run of dots in the domain, each read only
  // after the address is cut (a few hundred characters: under 0.1 ms).
  'shared/app/data-subject.ts /^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$/':
    "assertAddress, the data-subject CLI's argument: cut to MAX_MAILBOX_ADDRESS_CHARS (320) at data-subject.ts:157",
  'shared/app/status-link.ts /^[^\\s@<>()",;:]{1,64}@[^\\s@<>()",;:]+\\.[^\\s@<>()",;:]{2,}$/':
    "the status form's address: cut to MAX_ADDRESS_CHARS (254) at status-link.ts:98",
  'shared/console/roster.ts /^[^\\s@<>"]+@[^\\s@<>"]+\\.[^\\s@<>"]+$/':
    "the roster form's new address (a supervisor's): cut to MAX_ADDRESS_CHARS (254) at roster.ts:140",
  'shared/domain/replies.ts /\\s*\\[(OUV-\\d{4}-\\d{6,9})\\]$/':
    'PROTOCOL_TAG reads a subject cut to 1,000 (sanitizeHeaderValue)',
};

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = `${dir}/${name}`;
    if (statSync(join(ROOT, path)).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

/** The product's code, imported to see the regexes it builds. */
const FILES = [...sourceFiles('shared'), ...sourceFiles('functions')];
/** CLI input (a titular's address, a local .eml) and our configuration: their literals only. */
const LITERAL_ONLY_FILES = [...sourceFiles('scripts'), ...sourceFiles('infra')];

function literals(): Found[] {
  const api = new API({ cwd: ROOT });
  try {
    const program = api.updateSnapshot({ openProject: join(ROOT, 'tsconfig.json') }).getProjects()[0]?.program;
    if (!program) throw new Error('tsconfig.json opened no project');
    return [...FILES, ...LITERAL_ONLY_FILES].flatMap((file) => {
      const tree = program.getSourceFile(join(ROOT, file));
      if (!tree) throw new Error(`${file} is not in tsconfig.json's program`);
      const found: Found[] = [];
      const visit = (node: { kind: SyntaxKind; text?: string; forEachChild(f: (n: never) => void): void }) => {
        if (node.kind === SyntaxKind.RegularExpressionLiteral && node.text) {
          const end = node.text.lastIndexOf('/');
          found.push({ source: node.text.slice(1, end), flags: node.text.slice(end + 1), file, how: 'literal' });
        }
        node.forEachChild(visit as (n: never) => void);
      };
      visit(tree as never);
      return found;
    });
  } finally {
    api.close();
  }
}

async function builtAtImport(): Promise<Found[]> {
  const found: Found[] = [];
  const Real = globalThis.RegExp;
  globalThis.RegExp = new Proxy(Real, {
    construct(target, args: [string | RegExp, string?]) {
      const made = new target(...args);
      // The file that called `new RegExp`: the first frame of ours on the stack.
      const caller = new Error().stack?.match(/\/((?:shared|functions)\/[^\s:)]+\.ts)/)?.[1] ?? 'unknown';
      found.push({ source: made.source, flags: made.flags, file: caller, how: 'new' });
      return made;
    },
  });
  try {
    for (const file of FILES) await import(join(ROOT, file));
  } finally {
    globalThis.RegExp = Real;
  }
  return found;
}

/**
 * `(?:ab)+$` and the like, not anchored at the run's start: tried again from every unit of a long
 * run that does not end the text (quadratic), a shape scslre does not report.
 */
function trailingGroupRun(pattern: AST.Pattern, flags: string): boolean {
  if (flags.includes('y')) return false;
  const single = new Set(['Character', 'CharacterClass', 'CharacterSet']);
  const hits = (alternative: AST.Alternative): boolean =>
    alternative.elements.some((element, k, elements) => {
      const before = elements[k - 1];
      const anchored = before?.type === 'Assertion' && (before.kind === 'lookbehind' || before.kind === 'start');
      const next = elements[k + 1];
      if (
        element.type === 'Quantifier' &&
        element.max === Number.POSITIVE_INFINITY &&
        !single.has(element.element.type) &&
        next?.type === 'Assertion' &&
        next.kind === 'end' &&
        !anchored
      ) {
        return true;
      }
      const inner = element.type === 'Quantifier' ? element.element : element;
      return 'alternatives' in inner && inner.alternatives.some(hits);
    });
  // A whole alternative anchored at the text's start is tried from one place only.
  const fromStart = (a: AST.Alternative) =>
    !flags.includes('m') && a.elements[0]?.type === 'Assertion' && a.elements[0].kind === 'start';
  return pattern.alternatives.some((a) => !fromStart(a) && hits(a));
}

const parser = new RegExpParser({ ecmaVersion: 2025 });

/** Why a regex backtracks super-linearly, or undefined when it does not. */
function superLinear(source: string, flags: string): string | undefined {
  const pattern = parser.parsePattern(source, undefined, undefined, { unicode: flags.includes('u') });
  const reports = analyse({ pattern, flags: parser.parseFlags(flags) }).reports;
  if (reports.length > 0) {
    const first = reports[0];
    const kind = first?.exponential ? 'exponential' : 'polynomial';
    return `${kind} (${reports.map((r) => r.type).join(', ')}) on a run of ${JSON.stringify(first?.character.pick)}`;
  }
  if (trailingGroupRun(pattern, flags)) return 'polynomial (a trailing run of a group, tried from each unit)';
  return undefined;
}

/** `file /source/`, a long source cut to its first 60 characters. */
const key = (f: Found) => `${f.file} /${f.source.length > 60 ? `${f.source.slice(0, 60)}…` : f.source}/`;

describe('regular expressions backtrack in linear time', () => {
  it('every regex of shared/, functions/, scripts/ and infra/ is linear, or allowed with the reason its input is bounded', async () => {
    const all = [...literals(), ...(await builtAtImport())];
    expect(all.length).toBeGreaterThan(500);
    const flagged = new Map<string, string>();
    for (const found of all) {
      const why = superLinear(found.source, found.flags);
      if (why) flagged.set(key(found), why);
    }
    const unexplained = [...flagged].filter(([k]) => !(k in ALLOWED)).map(([k, why]) => `${k}: ${why}`);
    expect(unexplained).toEqual([]);
    const stale = Object.keys(ALLOWED).filter((k) => !flagged.has(k));
    expect(stale).toEqual([]);
  }, 60_000);

  it.each([
    ['html-to-text bars (5ee90d48)', '(?: \\|)+$', ''],
    ["#transferir's last word (5ee90d48)", '[.,;:!?]+$', ''],
    ["#aguardar's dots (5ee90d48)", '[.!]+$', ''],
    ["the attribution's dashes (5ee90d48)", '(?::|-{2,})$', ''],
    ['headerAddress (5ee90d48)', '<([^<>\\s]+@[^<>\\s]+)>\\s*$', ''],
    ['sanitizeFilename (5ee90d48)', '[\\s_-]+$', ''],
    ['messageIds (5ee90d48)', '>+$', 'g'],
  ])("flags red team 51's old form: %s", (_, source, flags) => {
    expect(superLinear(source, flags)).toBeDefined();
  });

  it.each([
    ['(?<!>)>+$', 'g'],
    ['(?<! \\|)(?: \\|)+$', ''],
    ['^(?: \\|)+$', ''],
    ['(?<![.!])[.!]+$', ''],
    ['\\bcep\\b', 'g'],
  ])('passes the linear form /%s/%s', (source, flags) => {
    expect(superLinear(source, flags)).toBeUndefined();
  });
});
