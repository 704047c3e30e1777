/**
 * Helpers of the end-to-end tests of the local stack: a real SMTP client (nodemailer), the HTTP
 * JSON views (cases, SES outbox) and polling with a deadline for what happens asynchronously
 * (the assignment queue). Polling waits for a state; it never asserts on how long it took.
 */
import { existsSync } from 'node:fs';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import nodemailer from 'nodemailer';
import type { Email } from 'aws-ses-v2-local/dist/store';
import type { CaseRecord } from '../../shared/domain/case';
import type { CaseSummary } from '../../scripts/local/cases-api';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LocalStack, startLocalStack } from '../../scripts/local/stack';
import { cognitoIssuer } from '../../shared/adapters/cognito-token-verifier';
import { LOCAL_CLIENT_ID, LOCAL_USER_POOL_ID } from '../../shared/composition/console';
import { SESSION_COOKIE, STAFF_GROUPS } from '../../shared/console/access';
import { signLocalIdToken } from '../../shared/console/local-keys';
import { CONFIRM_WORDS } from '../../shared/domain/webform-confirmation';

export type { CaseSummary, Email };

export interface MailInput {
  from: string;
  name?: string;
  to?: string | string[];
  subject: string;
  text?: string;
  html?: string;
  headers?: Record<string, string>;
  inReplyTo?: string;
  references?: string[];
  /** The SMTP envelope's MAIL FROM, when it is not `from` (SPF checks this one). */
  envelopeFrom?: string;
  /** Extra bytes to make a big message (an attachment of this many bytes). */
  attachmentBytes?: number;
  /** Files attached as they are (a PDF, a screenshot, the EICAR test file). */
  attachments?: Array<{ filename: string; contentType: string; content: Buffer }>;
  /** More parts of the multipart/alternative beside text and html (a Gmail reaction's JSON). */
  alternatives?: Array<{ contentType: string; content: string }>;
}

export interface Sent {
  /** The SMTP server's final answer, e.g. "250 2.0.0 Ok: queued as local-…". */
  response: string;
  /** The SES message id the local intake gave the mail (from the 250 answer). */
  sesMessageId: string;
  /** The Message-ID header nodemailer generated. */
  messageId: string;
}

/** Sends one mail over SMTP to the stack; rejects with nodemailer's error (responseCode) otherwise. */
export async function sendMail(stack: LocalStack, input: MailInput): Promise<Sent> {
  const transport = nodemailer.createTransport({
    host: stack.host,
    port: stack.ports.smtp,
    secure: false,
    ignoreTLS: true,
    socketTimeout: 60_000,
  });
  try {
    const info = await transport.sendMail({
      from: input.name ? { name: input.name, address: input.from } : input.from,
      to: input.to ?? stack.config.ombudsmanAddresses[0],
      subject: input.subject,
      ...(input.text !== undefined ? { text: input.text } : {}),
      ...(input.html !== undefined ? { html: input.html } : {}),
      ...(input.alternatives ? { alternatives: input.alternatives } : {}),
      ...(input.inReplyTo ? { inReplyTo: input.inReplyTo } : {}),
      ...(input.references ? { references: input.references } : {}),
      headers: input.headers ?? {},
      ...(input.envelopeFrom
        ? { envelope: { from: input.envelopeFrom, to: input.to ?? stack.config.ombudsmanAddresses[0] } }
        : {}),
      ...(input.attachments ? { attachments: input.attachments } : {}),
      ...(input.attachmentBytes
        ? {
            attachments: [
              {
                filename: 'planilha-pedidos.csv',
                contentType: 'text/csv',
                content: Buffer.alloc(input.attachmentBytes, 'pedido;valor\n'),
              },
            ],
          }
        : {}),
    });
    const sesMessageId = /queued as (\S+)/.exec(info.response)?.[1];
    if (!sesMessageId) throw new Error(`Unexpected SMTP answer: ${info.response}`);
    return { response: info.response, sesMessageId, messageId: info.messageId };
  } finally {
    transport.close();
  }
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} answered HTTP ${response.status}`);
  return (await response.json()) as T;
}

export const listCases = (stack: LocalStack) => getJson<CaseSummary[]>(stack.urls.api);

export const getCaseRecord = (stack: LocalStack, caseId: string) =>
  getJson<CaseRecord>(`${stack.urls.api}/${encodeURIComponent(caseId)}`);

export async function outbox(stack: LocalStack): Promise<Email[]> {
  return (await getJson<{ emails: Email[] }>(stack.urls.outboxApi)).emails;
}

export async function clearOutbox(stack: LocalStack): Promise<void> {
  const response = await fetch(`${stack.urls.ses}/clear-store`, { method: 'POST' });
  if (!response.ok) throw new Error(`clear-store answered HTTP ${response.status}`);
  await response.body?.cancel();
}

/** A header SES was asked to add to an outbox email (the emulator keeps those of Simple content). */
export function headerOf(email: Email | undefined, name: string): string | undefined {
  return email?.headers?.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
}

/** Emails of the outbox addressed to `address` (display names allowed around it). */
export function mailsTo(emails: Email[], address: string): Email[] {
  const wanted = address.toLowerCase();
  return emails.filter((e) => e.destination.to.some((to) => to.toLowerCase().includes(wanted)));
}

/** Polls `read` until `done` holds; throws with the last value when the deadline passes. */
export async function waitFor<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  let last: T | undefined;
  for (;;) {
    last = await read();
    if (done(last)) return last;
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}; last value: ${JSON.stringify(last, null, 2)?.slice(0, 2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 100));
  }
}

/** The case stored for an SES message id, once it is there. */
export async function caseOf(stack: LocalStack, sesMessageId: string): Promise<CaseSummary> {
  const caseId = `email:${sesMessageId}`;
  const cases = await waitFor(
    `case ${caseId}`,
    () => listCases(stack),
    (list) => list.some((c) => c.caseId === caseId),
  );
  return cases.find((c) => c.caseId === caseId) as CaseSummary;
}

/** Waits until a case matches `done` (e.g. it was assigned). */
export async function waitForCase(
  stack: LocalStack,
  caseId: string,
  what: string,
  done: (c: CaseSummary) => boolean,
): Promise<CaseSummary> {
  const cases = await waitFor(
    `${what} (${caseId})`,
    () => listCases(stack),
    (list) => list.some((c) => c.caseId === caseId && done(c)),
  );
  return cases.find((c) => c.caseId === caseId) as CaseSummary;
}

/** The system Chromium the browser tests drive (CHROMIUM_PATH overrides /usr/bin/chromium). */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

export function chromiumAvailable(): boolean {
  return existsSync(chromiumPath());
}

/** Flags for a quiet, headless, sandbox-less Chromium that calls nobody. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * A local stack for one e2e file: free ports, a fresh temporary data folder, the virtual clock at
 * `now`, the seed of events/local-seed.json, silent logs, an empty outbox. `stop` removes the folder.
 */
export async function startTestStack(
  name: string,
  now: string,
  overrides: Partial<Parameters<typeof startLocalStack>[0]> = {},
): Promise<LocalStack & { cleanup(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), `ouvidoria-e2e-${name}-`));
  const stack = await startLocalStack({
    ports: { smtp: 0, http: 0, dynamodb: 0, ses: 0 },
    dataDir,
    fresh: true,
    now,
    seedFile: join(import.meta.dirname, '..', '..', 'events', 'local-seed.json'),
    logLevel: 'SILENT',
    queueBackoffMs: () => 200,
    ...overrides,
  });
  await clearOutbox(stack);
  return Object.assign(stack, {
    cleanup: async () => {
      await stack.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  });
}

/**
 * A `Cookie` header of a console session for `staffId` (the local key set signs it, as the local
 * sign-in does): for HTTP checks of console pages without a browser.
 */
export function consoleSessionCookie(stack: LocalStack, staffId: string): string {
  const role = stack.config.lifecycle.supervisorIds.includes(staffId) ? STAFF_GROUPS.supervisor : STAFF_GROUPS.analyst;
  const token = signLocalIdToken(
    stack.consoleKeys,
    { sub: `local-${staffId}`, staffId, groups: [role] },
    { issuer: cognitoIssuer(LOCAL_USER_POOL_ID), audience: LOCAL_CLIENT_ID, now: new Date(), ttlSeconds: 3600 },
  );
  return `${SESSION_COOKIE}=${encodeURIComponent(token)}`;
}

/** The system Chromium, headless, pt-BR; CSP bypassed so that axe-core can be injected as a script. */
export async function openChromium(
  profileDir: string,
  options: { javaScriptEnabled?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_ARGS,
    bypassCSP: true,
    ...(options.javaScriptEnabled === undefined ? {} : { javaScriptEnabled: options.javaScriptEnabled }),
    locale: 'pt-BR',
    viewport: { width: 1280, height: 900 },
  });
  return { context, page: context.pages()[0] ?? (await context.newPage()) };
}

/** axe-core on the whole page: the serious and critical violations (empty when the page passes). */
export async function seriousViolations(
  page: Page,
): Promise<Array<{ id: string; impact: string; help: string; nodes: number }>> {
  await page.addScriptTag({ path: join(import.meta.dirname, '..', '..', 'node_modules', 'axe-core', 'axe.min.js') });
  const result = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<unknown> } }).axe;
    // The whole page (`document` in the browser; this file is type-checked without the DOM lib).
    return (await axe.run((globalThis as unknown as { document: unknown }).document, {
      resultTypes: ['violations'],
    })) as { violations: Array<{ id: string; impact: string | null; help: string; nodes: unknown[] }> };
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact as string, help: v.help, nodes: v.nodes.length }));
}

/**
 * The confirmation link (trust hole F1) of the newest confirmation mail to `address` in the local SES
 * outbox, once it is there (`newerThan`: only mails after that many of them).
 */
export async function confirmationLinkFor(stack: LocalStack, address: string, newerThan = 0): Promise<string> {
  // The post only queued its link mail: it goes once the queue is idle (as SQS delivers it on AWS).
  await stack.confirmMails.idle();
  const links = await waitFor(
    `a confirmation link to ${address}`,
    async () => confirmationsTo(await outbox(stack), address),
    (found) => found.length > newerThan,
  );
  const text = links.at(-1)?.body.text ?? '';
  const url = /https?:\/\/\S+\/confirmar\?t=[A-Za-z0-9._%-]+/.exec(text)?.[0];
  if (!url) throw new Error(`No link in the confirmation mail to ${address}`);
  return url;
}

/** The confirmation mails of the outbox to `address`. */
export function confirmationsTo(emails: Email[], address: string): Email[] {
  return mailsTo(emails, address).filter((e) => e.subject === CONFIRM_WORDS.mailSubject);
}

/**
 * Confirms a post from the merchant's mailbox as a person does, with no script needed: opens the
 * link (the page with the button; a GET records nothing) and clicks "Confirmar pedido". The
 * response's status and body (fetch), or, with a page, the browser on the result page.
 */
export async function confirmByFetch(link: string): Promise<{ status: number; body: string }> {
  const done = await confirmLink(link);
  return { status: done.status, body: await done.text() };
}

/** The link opened (its page must offer the button), then the button's POST: its response. */
export async function confirmLink(link: string, accept = 'text/html'): Promise<Response> {
  const opened = await fetch(link, { headers: { accept: 'text/html' } });
  const page = await opened.text();
  if (opened.status !== 200) return new Response(page, { status: opened.status });
  const token = /name="t" value="([^"]+)"/.exec(page)?.[1];
  if (!token) throw new Error('The confirmation page has no token field');
  const url = new URL(link);
  return fetch(`${url.origin}${url.pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept, origin: url.origin },
    body: new URLSearchParams({ t: token.replace(/&amp;/g, '&') }).toString(),
  });
}

/**
 * In the browser, after a post that cites a ticket answered its 202: the newest link to `address`
 * opened, its button clicked; the page is then the post's result page.
 */
export async function confirmInBrowser(page: Page, stack: LocalStack, address: string): Promise<void> {
  await page.goto(await confirmationLinkFor(stack, address));
  await Promise.all([page.waitForURL(/\/confirmar$/), page.click('button[type=submit]')]);
}
