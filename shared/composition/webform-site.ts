/**
 * Everything the webform function serves, from the settings: the form and its submission service,
 * and, when a reply secret is configured, the merchant's signed-link pages, built on first use.
 * (The staff console is its own function: shared/composition/console.ts.)
 */
import type { MerchantPagesDeps } from '../webform/merchant-http';
import type { WebformDeps } from '../webform/submit';
import { buildMerchantPagesDeps } from './merchant-pages';
import type { Settings } from './settings';
import { buildWebformDeps } from './webform';

export function buildWebformSite(settings: Settings): WebformDeps & { merchant?: () => Promise<MerchantPagesDeps> } {
  return {
    ...buildWebformDeps(settings),
    ...(settings.replySecret ? { merchant: () => buildMerchantPagesDeps(settings) } : {}),
  };
}
