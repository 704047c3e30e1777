/**
 * Dependencies of the staff console in the webform function: the ID-token verifier
 * (aws-jwt-verify: the Cognito user pool on AWS; the local key set's JWKS on the local stack),
 * the paginated case index, the lifecycle services (the same as the per-case mail) and the
 * sign-in: the Cognito hosted UI on AWS, the local sign-in page only when the local stack passes
 * its key set (never from the Lambda environment).
 */
import { attachmentLinksFromEnv } from '../adapters/attachment-links';
import { cognitoIssuer, cognitoTokenVerifier } from '../adapters/cognito-token-verifier';
import { DynamoConsoleCaseIndex } from '../adapters/dynamo/console-case-index';
import type { LifecycleDeps } from '../app/lifecycle/commit';
import type { ConsoleDeps } from '../console/http';
import type { LocalKeySet } from '../console/local-keys';
import { cognitoSignIn, localSignIn } from '../console/sign-in';
import type { StaffMember } from '../domain/lifecycle/types';
import type { AttachmentLinks } from '../ports';
import { tableClient, tableStores } from './clients';
import { buildLifecycleDeps, type LifecycleOverrides } from './lifecycle';
import type { Settings } from './settings';

/** The local stack's stand-in user pool (ids shaped like Cognito's; nothing is fetched). */
export const LOCAL_USER_POOL_ID = 'sa-east-1_LocalPool';
export const LOCAL_CLIENT_ID = 'ouvidoria-console-local';

export interface ConsoleOverrides extends LifecycleOverrides {
  lifecycle?: LifecycleDeps;
  /** Local stack only: the key set the local sign-in signs with, and the roster it lists. */
  local?: { keys: LocalKeySet; roster: () => Promise<StaffMember[]> };
  /** Links of clean webform files on the case page; from UPLOADS_BUCKET on Lambda (the webform reads clean uploads). */
  attachmentLinks?: AttachmentLinks;
}

export async function buildConsoleDeps(settings: Settings, overrides: ConsoleOverrides = {}): Promise<ConsoleDeps> {
  const client = overrides.client ?? tableClient(settings);
  const lifecycle = overrides.lifecycle ?? (await buildLifecycleDeps(settings, { ...overrides, client }));
  const index = new DynamoConsoleCaseIndex(client, settings.tableName);
  const { staff: roster } = tableStores(client, settings.tableName);
  const { config } = settings;
  const links =
    overrides.attachmentLinks ?? attachmentLinksFromEnv(process.env, config.attachments.linkHours, lifecycle.clock);
  const attachmentLinks = links ? { attachmentLinks: links } : {};
  if (overrides.local) {
    const verifier = cognitoTokenVerifier({
      userPoolId: LOCAL_USER_POOL_ID,
      clientId: LOCAL_CLIENT_ID,
      jwks: overrides.local.keys.jwks,
    });
    const signIn = localSignIn({
      keys: overrides.local.keys,
      issuer: cognitoIssuer(LOCAL_USER_POOL_ID),
      clientId: LOCAL_CLIENT_ID,
      roster: overrides.local.roster,
      webformOrigin: config.webformOrigin,
      timeZone: config.timeZone,
    });
    return { verifier, index, lifecycle, signIn, roster, ...attachmentLinks };
  }
  const cognito = settings.console;
  if (!cognito)
    throw new Error('The staff console needs CONSOLE_USER_POOL_ID, CONSOLE_CLIENT_ID and CONSOLE_AUTH_DOMAIN');
  const verifier = cognitoTokenVerifier({ userPoolId: cognito.userPoolId, clientId: cognito.clientId });
  const signIn = cognitoSignIn({
    domain: cognito.authDomain,
    clientId: cognito.clientId,
    webformOrigin: config.webformOrigin,
    verifier,
    timeZone: config.timeZone,
  });
  return { verifier, index, lifecycle, signIn, roster, ...attachmentLinks };
}
