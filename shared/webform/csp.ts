/** Content Security Policy and the other security headers every webform response carries. */
import { createHash } from 'node:crypto';
import { FAVICON_IMG_SRC } from './favicon';
import { PAGE_CSS } from './styles';

const STYLE_HASH = styleHash(PAGE_CSS);

/** The hash source of an inline stylesheet, for `style-src`. */
export function styleHash(css: string): string {
  return `'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`;
}

/** Headers every response carries (HTML, JSON and the script alike). */
export function securityHeaders(connectOrigins: string[] = []): Record<string, string> {
  return withPolicy([
    "default-src 'none'",
    `style-src ${STYLE_HASH}`,
    FAVICON_IMG_SRC,
    "script-src 'self'",
    ["connect-src 'self'", ...connectOrigins].join(' '),
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ]);
}

/** The given CSP directives and the headers every page of the site carries with them (one list). */
export function withPolicy(directives: string[]): Record<string, string> {
  return {
    'content-security-policy': directives.join('; '),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    // Nothing of our addresses (signed links included) reaches another site, and our own forms send
    // their real Origin (under no-referrer they send `Origin: null`, as another site's frame does).
    'referrer-policy': 'same-origin',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    'strict-transport-security': 'max-age=31536000; includeSubDomains',
  };
}
