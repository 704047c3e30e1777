/** The console's security headers: no script at all, the inline stylesheet by hash, the inline icon, forms to self. */
import { styleHash, withPolicy } from '../webform/csp';
import { FAVICON_IMG_SRC } from '../webform/favicon';
import { CONSOLE_CSS } from './styles';

const STYLE_HASH = styleHash(CONSOLE_CSS);

export function consoleHeaders(formOrigins: string[] = []): Record<string, string> {
  return withPolicy([
    "default-src 'none'",
    `style-src ${STYLE_HASH}`,
    FAVICON_IMG_SRC,
    "script-src 'none'",
    ["form-action 'self'", ...formOrigins].join(' '),
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ]);
}
