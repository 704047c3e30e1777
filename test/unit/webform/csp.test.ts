import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { localConfig } from '../../../shared/domain/config';
import { securityHeaders } from '../../../shared/webform/csp';
import { renderPage, type WebformView } from '../../../shared/webform/page';

const ctx = { config: localConfig };
const render = (view: WebformView) => renderPage(view, ctx);

describe('security headers', () => {
  const headers = securityHeaders();
  const csp = headers['content-security-policy'] ?? '';

  it.each([
    "default-src 'none'",
    "script-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ])('CSP has %s', (directive) => {
    expect(csp.split('; ')).toContain(directive);
  });

  it('allows exactly the page stylesheet by hash, nothing inline else', () => {
    const page = render({ kind: 'form' });
    const style = /<style>([\s\S]*?)<\/style>/.exec(page)?.[1] ?? '';
    const hash = createHash('sha256').update(style, 'utf8').digest('base64');
    expect(csp).toContain(`style-src 'sha256-${hash}'`);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
  });

  // same-origin, not no-referrer: under no-referrer our own forms post `Origin: null`, which is
  // what another site's sandboxed frame sends, so the origin check could not tell them apart.
  it('sets nosniff, DENY framing and no referrer to other sites (the page’s meta says the same)', () => {
    expect(headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'same-origin',
    });
    expect(render({ kind: 'form' })).toContain('<meta name="referrer" content="same-origin">');
  });

  it('renders the same page for the same view (the style hash stays valid)', () => {
    expect(render({ kind: 'form' })).toBe(renderPage({ kind: 'form' }, ctx));
  });
});
