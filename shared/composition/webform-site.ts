/**
 * Everything the webform function serves, from the settings: the form and its submission service,
 * and, when a reply secret is configured, the merchant's signed-link pages and (with Cognito
 * settings) the staff console, both built on first use.
 */
import type { ConsoleDeps } from '../console/http';
import type { MerchantPagesDeps } from '../webform/merchant-http';
import type { WebformDeps } from '../webform/submit';
import { buildConsoleDeps } from './console';
import { buildMerchantPagesDeps } from './merchant-pages';
import type { Settings } from './settings';
import { buildWebformDeps } from './webform';

export function buildWebformSite(
  settings: Settings,
): WebformDeps & { merchant?: () => Promise<MerchantPagesDeps>; console?: () => Promise<ConsoleDeps> } {
  return {
    ...buildWebformDeps(settings),
    ...(settings.replySecret ? { merchant: () => buildMerchantPagesDeps(settings) } : {}),
    ...(settings.replySecret && settings.console ? { console: () => buildConsoleDeps(settings) } : {}),
  };
}
