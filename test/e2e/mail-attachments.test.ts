/**
 * A merchant's mailed files on the local stack: a real SMTP client sends a mail with a PDF, the
 * EICAR test file, her NF-e's XML and an XML that is no fiscal document; the email intake copies both into the local uploads bucket, the stand-in scanner's
 * result reaches the case (as GuardDuty's event does on AWS), and the console's case page links the
 * clean PDF — through the console's own file route, which redirects to the bucket — and never the
 * EICAR file, whose bytes the bucket refuses. Then in Chromium, axe-core clean.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../scripts/local/stack';
import { SESSION_COOKIE } from '../../shared/console/access';
import type { CaseRecord } from '../../shared/domain/case';
import { consoleCasePath } from '../../shared/domain/console-link';
import { EICAR, nfeXml, pdf } from '../support/files';
import {
  caseOf,
  chromiumAvailable,
  consoleSessionCookie,
  getCaseRecord,
  openChromium,
  seriousViolations,
  sendMail,
  startTestStack,
  waitFor,
} from './helpers';

const MERCHANT = 'lojista@modasbella.com.br';
const FATURA = pdf('Fatura 2026-11: cobrança em dobro');
const NFE = Buffer.from(nfeXml());
const PEDIDOS_XML = '<?xml version="1.0" encoding="UTF-8"?><pedidos><pedido id="7731"/></pedidos>';

let stack: LocalStack & { cleanup(): Promise<void> };
let record: CaseRecord;

beforeAll(async () => {
  stack = await startTestStack('mail-files', '2026-11-25T10:00:00-03:00');
}, 120_000);

afterAll(async () => {
  await stack?.cleanup();
});

const supervisor = () => stack.config.lifecycle.supervisorIds[0] as string;
const origin = () => stack.urls.equipe.replace(/\/equipe.*$/, '');

async function casePage(caseId: string): Promise<string> {
  const response = await fetch(`${origin()}${consoleCasePath(caseId)}`, {
    headers: { cookie: consoleSessionCookie(stack, supervisor()) },
  });
  expect(response.status).toBe(200);
  return response.text();
}

describe('a mailed file on the console (SMTP → intake → uploads bucket → scan → case page)', () => {
  it('the merchant mails a PDF and the EICAR test file; both are copied and scanned', { timeout: 60_000 }, async () => {
    const sent = await sendMail(stack, {
      from: MERCHANT,
      name: 'Juliana',
      subject: 'Cobrança em dobro - chamado #48213',
      text: 'Olá, abri o chamado #48213 no suporte e fui cobrada duas vezes. Segue a fatura.',
      attachments: [
        { filename: 'fatura-novembro.pdf', contentType: 'application/pdf', content: FATURA },
        { filename: 'eicar.txt', contentType: 'text/plain', content: Buffer.from(EICAR) },
        // "Segue o XML da nota": an NF-e is copied like the PDF; an order export in XML is a kind not taken.
        { filename: 'NFe35261112345678000199550010000012341000012345.xml', contentType: 'text/xml', content: NFE },
        { filename: 'pedidos.xml', contentType: 'application/xml', content: Buffer.from(PEDIDOS_XML) },
      ],
    });
    const { caseId } = await caseOf(stack, sent.sesMessageId);
    record = await waitFor(
      'the scan results on the case',
      () => getCaseRecord(stack, caseId),
      (c) =>
        (c.messages[0]?.attachments ?? []).every(
          (a) => a.key === undefined || (a.scan !== undefined && a.scan !== 'PENDING'),
        ),
    );
    expect(record.outcome).toBe('ACCEPTED');
    expect(record.messages[0]?.attachments.map((a) => [a.filename, a.scan, a.key?.split('/')[0]])).toEqual([
      ['fatura-novembro.pdf', 'NO_THREATS_FOUND', 'claimed'],
      ['eicar.txt', 'THREATS_FOUND', 'uploads'],
      ['NFe35261112345678000199550010000012341000012345.xml', 'NO_THREATS_FOUND', 'claimed'],
      ['pedidos.xml', 'REFUSED', undefined],
    ]);
  });

  it('the case page links the clean PDF and the NF-e through the console, and each link serves its bytes as a download', async () => {
    const html = await casePage(record.caseId);
    const links = [...html.matchAll(/href="([^"]*\/arquivo\?chave=[^"]*)"/g)].map((m) => m[1]?.replace(/&amp;/g, '&'));
    expect(links).toHaveLength(2);
    expect(html).toContain('AMEAÇA DETECTADA');
    for (const [link, bytes, type] of [
      [links[0], FATURA, 'application/pdf'],
      [links[1], NFE, 'application/xml'],
    ] as const) {
      const route = await fetch(`${origin()}${link}`, {
        headers: { cookie: consoleSessionCookie(stack, supervisor()) },
        redirect: 'manual',
      });
      expect(route.status).toBe(303);
      const download = await fetch(route.headers.get('location') as string);
      expect(download.status).toBe(200);
      expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);
      expect(download.headers.get('content-type')).toBe(type);
      expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
    }
  });

  it('the EICAR file is never served: no link, and the bucket refuses its key', async () => {
    const eicar = record.messages[0]?.attachments[1];
    const direct = await fetch(`${origin()}/_s3/ouvidoria-uploads-local/${eicar?.key}`);
    expect(direct.status).toBe(403);
    expect(await direct.text()).not.toContain('EICAR');
    const route = await fetch(
      `${origin()}${consoleCasePath(record.caseId)}/arquivo?${new URLSearchParams({ chave: eicar?.key ?? '' })}`,
      { headers: { cookie: consoleSessionCookie(stack, supervisor()) }, redirect: 'manual' },
    );
    expect(route.status).toBeGreaterThanOrEqual(400);
    expect(route.headers.get('location')).toBeNull();
  });

  describe.skipIf(!chromiumAvailable())('in Chromium', () => {
    let context: BrowserContext;
    let page: Page;
    let profileDir: string;

    beforeAll(async () => {
      profileDir = await mkdtemp(join(tmpdir(), 'ouvidoria-chromium-mail-files-'));
      ({ context, page } = await openChromium(profileDir));
      const cookie = consoleSessionCookie(stack, supervisor());
      // The __Host- session cookie as the local sign-in sets it (Secure; 127.0.0.1 is a secure context).
      await context.addCookies([
        {
          name: SESSION_COOKIE,
          value: decodeURIComponent(cookie.slice(cookie.indexOf('=') + 1)),
          domain: new URL(origin()).hostname,
          path: '/',
          secure: true,
          httpOnly: true,
          sameSite: 'Strict',
        },
      ]);
    }, 60_000);

    afterAll(async () => {
      await context?.close();
      if (profileDir) await rm(profileDir, { recursive: true, force: true });
    });

    it('the case page shows the download links, accessible', { timeout: 60_000 }, async () => {
      await page.goto(`${origin()}${consoleCasePath(record.caseId)}`);
      const links = page.locator('a[href*="/arquivo?chave="]');
      expect(await links.allTextContents()).toEqual([
        'fatura-novembro.pdf',
        'NFe35261112345678000199550010000012341000012345.xml',
      ]);
      expect(await seriousViolations(page)).toEqual([]);
    });
  });
});
