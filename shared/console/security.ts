/** The console's security headers: no script at all, the inline stylesheet by hash, forms to self. */
import { styleHash, withPolicy } from '../webform/csp';
import { CONSOLE_CSS } from './styles';

const STYLE_HASH = styleHash(CONSOLE_CSS);

export function consoleHeaders(formOrigins: string[] = []): Record<string, string> {
  return withPolicy([
    "default-src 'none'",
    `style-src ${STYLE_HASH}`,
    "script-src 'none'",
    ["form-action 'self'", ...formOrigins].join(' '),
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ]);
}
