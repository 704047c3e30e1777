/** The console's security headers: no script at all, the inline stylesheet by hash, forms to self. */
import { createHash } from 'node:crypto';
import { CONSOLE_CSS } from './styles';

const STYLE_HASH = `'sha256-${createHash('sha256').update(CONSOLE_CSS, 'utf8').digest('base64')}'`;

export function consoleHeaders(formOrigins: string[] = []): Record<string, string> {
  return {
    'content-security-policy': [
      "default-src 'none'",
      `style-src ${STYLE_HASH}`,
      "script-src 'none'",
      ["form-action 'self'", ...formOrigins].join(' '),
      "frame-ancestors 'none'",
      "base-uri 'none'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    'strict-transport-security': 'max-age=31536000; includeSubDomains',
  };
}
