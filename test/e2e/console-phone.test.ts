/**
 * The console's pages on a phone and at 400 % zoom, in Chromium, without the stack (the rendered
 * HTML with its own stylesheet): what axe cannot see. At 320 CSS px nothing scrolls sideways but the
 * tables' own regions (WCAG 1.4.10); checkboxes and radios are at least 24×24 px (2.5.8); every
 * control the keyboard reaches shows where the focus is, the roster's date fields included (2.4.7).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleAction } from '../../shared/console/access';
import { casePage, casesPage, OPEN_VIEW } from '../../shared/console/pages';
import { rosterPage } from '../../shared/console/roster';
import { anAnalyst } from '../support/builders';
import { workCase } from '../support/lifecycle-fakes';
import { chromiumAvailable, openChromium } from './helpers';

const now = new Date('2026-12-02T13:00:00Z');
const supervisor = {
  basePath: '',
  timeZone: 'America/Sao_Paulo',
  user: { staffId: 'sofia', role: 'supervisor' as const, subject: 's' },
  userName: 'Sofia Ramos',
  csrf: 'token',
};
const team = [
  { id: 'ana', name: 'Ana Souza' },
  { id: 'bruno', name: 'Bruno Oliveira' },
];

const PAGES: Array<[string, () => string]> = [
  [
    'the case list with its filters',
    () =>
      casesPage(supervisor, { status: OPEN_VIEW }, { items: [workCase({ protocol: 'OUV-2026-000123' })] }, now, {
        team,
      }),
  ],
  [
    'a case with every action',
    () =>
      casePage(
        supervisor,
        {
          c: workCase({ protocol: 'OUV-2026-000123' }),
          survey: null,
          actions: new Set<ConsoleAction>(['answer', 'note', 'wait', 'extend', 'transfer', 'close']),
          team,
        },
        now,
      ),
  ],
  [
    'the roster',
    () =>
      rosterPage(
        supervisor,
        [anAnalyst({ id: 'ana', name: 'Ana Souza', leave: { from: '2026-12-21', to: '2027-01-04' } })],
        '2026-12-02',
      ),
  ],
];

let context: BrowserContext;
let page: Page;
let profile: string;

describe.skipIf(!chromiumAvailable())('console pages at 320 CSS px', () => {
  beforeAll(async () => {
    profile = await mkdtemp(join(tmpdir(), 'ouvidoria-chromium-phone-'));
    ({ context, page } = await openChromium(profile));
    await page.setViewportSize({ width: 320, height: 640 });
  }, 60_000);
  afterAll(async () => {
    await context?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  it.each(PAGES)('%s: no sideways scrolling, checkboxes and radios of 24×24 px at least', async (_name, render) => {
    await page.setContent(render());
    const found = await page.evaluate(() => {
      const d = (
        globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }
      ).document.documentElement;
      const boxes = Array.from(
        (
          globalThis as unknown as {
            document: {
              querySelectorAll(s: string): ArrayLike<{ id: string; getBoundingClientRect(): DOMRectLike }>;
            };
          }
        ).document.querySelectorAll('input[type=checkbox],input[type=radio]'),
      ).map((el) => {
        const b = el.getBoundingClientRect();
        return { id: el.id, small: b.width < 24 || b.height < 24 };
      });
      return { wider: d.scrollWidth > d.clientWidth, small: boxes.filter((b) => b.small).map((b) => b.id) };
      interface DOMRectLike {
        width: number;
        height: number;
      }
    });
    expect(found).toEqual({ wider: false, small: [] });
  });

  it('the roster’s date fields show the focus, reached by Tab like the rest', async () => {
    await page.setContent(PAGES[2]?.[1]() ?? '');
    // From the table's own region, Tab walks into the first date field's day, month and year.
    await page.focus('.tabela');
    const seen: Array<{ id: string; outline: string }> = [];
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      seen.push(
        await page.evaluate(() => {
          const g = globalThis as unknown as {
            document: { activeElement: { id: string } };
            getComputedStyle(e: object): { outlineStyle: string };
          };
          const el = g.document.activeElement;
          return { id: el.id, outline: g.getComputedStyle(el).outlineStyle };
        }),
      );
    }
    expect(seen.filter((s) => s.id === 'de-ana').length).toBeGreaterThan(0);
    expect(seen.filter((s) => s.outline !== 'solid')).toEqual([]);
  });

  // The ring must stand out from what is around it (3:1, WCAG 1.4.11): the amber one was 2:1 on the
  // page's near-white, though fine on the dark header.
  it.each([
    ['the answer box', '#a-texto'],
    ['the send button', 'form#acao-answer button'],
    ['the close category', '#c-cat'],
    ['the header’s sign-out button', 'header button'],
    ['the header’s link to the list', 'header a'],
  ])('%s shows a focus ring of 3:1 against its surroundings', async (_what, selector) => {
    await page.setContent(PAGES[1]?.[1]() ?? '');
    await page.focus(selector);
    const ratio = await page.evaluate((sel) => {
      type Style = { outlineColor: string; backgroundColor: string };
      const g = globalThis as unknown as {
        document: { querySelector(s: string): { parentElement: unknown } | null };
        getComputedStyle(e: unknown): Style;
      };
      const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 4).map(Number);
      const lum = (c: string) => {
        const [r = 0, gr = 0, b = 0] = rgb(c).map((v) => v / 255);
        const f = (v: number) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
        return 0.2126 * f(r) + 0.7152 * f(gr) + 0.0722 * f(b);
      };
      const el = g.document.querySelector(sel);
      // The ring sits outside the control (outline-offset): what is behind it is the nearest painted ancestor.
      let around = el?.parentElement;
      let background = 'rgb(255, 255, 255)';
      while (around) {
        const bg = g.getComputedStyle(around).backgroundColor;
        if (!/rgba\(0, 0, 0, 0\)|transparent/.test(bg)) {
          background = bg;
          break;
        }
        around = (around as { parentElement: unknown }).parentElement as typeof around;
      }
      const ring = g.getComputedStyle(el).outlineColor;
      const [a, b] = [lum(ring), lum(background)].sort((x, y) => y - x) as [number, number];
      return (a + 0.05) / (b + 0.05);
    }, selector);
    expect(ratio).toBeGreaterThanOrEqual(3);
  });
});
