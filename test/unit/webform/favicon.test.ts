import { describe, expect, it } from 'vitest';
import { consoleHeaders } from '../../../shared/console/security';
import { layout as consoleLayout } from '../../../shared/console/pages';
import { html } from '../../../shared/domain/html';
import { localConfig } from '../../../shared/domain/config';
import { securityHeaders } from '../../../shared/webform/csp';
import { FAVICON_LINK } from '../../../shared/webform/favicon';
import { renderPage } from '../../../shared/webform/page';
import { unavailable } from '../../../shared/webform/site-http';
import { activeContent } from '../../support/reliability-harness';

/** Each page family with the headers it is served under: the icon must be named and allowed by both. */
const PAGES: Array<[string, string, Record<string, string>]> = [
  [
    'the webform (and the status pages, same layout)',
    renderPage({ kind: 'form' }, { config: localConfig }),
    securityHeaders(),
  ],
  ['the static 503 of a failed cold start', unavailable('static').body, unavailable('static').headers],
  [
    'the staff console',
    consoleLayout({ basePath: '', timeZone: localConfig.timeZone }, 'Casos', html`<h1>Casos</h1>`),
    consoleHeaders(),
  ],
];

function directive(csp: string, name: string): string[] | undefined {
  const found = csp.split('; ').find((d) => d.startsWith(`${name} `));
  return found?.split(' ').slice(1);
}

describe('every page names its icon inline, so the browser never asks for /favicon.ico', () => {
  it.each(PAGES)('%s: one data: icon in the head, allowed by img-src and by nothing wider', (_, body, headers) => {
    const links = [...body.matchAll(/<link rel="icon"[^>]*href="([^"]+)"[^>]*>/g)];
    expect(links).toHaveLength(1);
    const head = body.slice(0, body.indexOf('</head>'));
    expect(head).toContain(links[0]?.[0]);
    const href = links[0]?.[1] ?? '';
    expect(href).toMatch(/^data:image\/svg\+xml;base64,[A-Za-z0-9+/]+=*$/);
    const svg = Buffer.from(href.slice(href.indexOf(',') + 1), 'base64').toString('utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*>.*<\/svg>$/);
    expect(svg).not.toMatch(/<script|on\w+=|href=/i);
    const csp = headers['content-security-policy'] ?? '';
    expect(directive(csp, 'default-src')).toEqual(["'none'"]);
    expect(directive(csp, 'img-src')).toEqual(['data:']);
  });
});

describe('the XSS detector (activeContent) lets the icon through and nothing like it', () => {
  it.each([
    ['the pages’ own icon', FAVICON_LINK, 0],
    ['another data: icon', '<link rel="icon" href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=">', 1],
    ['a data: link that looks like the icon', FAVICON_LINK.replace('rel="icon"', 'rel="stylesheet"'), 1],
  ])('%s', (_, tag, found) => {
    expect(activeContent(`<head>${tag}</head>`)).toHaveLength(found);
  });
});
