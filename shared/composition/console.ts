/**
 * The staff console function's composition root (functions/console): the ID-token verifier
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
import { clockFrom, tableClient, tableStores } from './clients';
import { messageTextStoreFrom } from './message-texts';
import { SQSClient } from '@aws-sdk/client-sqs';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoQuarantineStore } from '../adapters/dynamo/quarantine-store';
import { S3RawMailStore } from '../adapters/s3-raw-mail-store';
import { SqsAssignmentQueue } from '../adapters/sqs-assignment-queue';
import { SqsQuarantineReleases } from '../adapters/sqs-quarantine-releases';
import { traced } from '../adapters/tracing';
import type { QuarantineDeps, QuarantineReleaseRequests } from '../app/quarantine';
import { requeueWaiting } from '../app/requeue-waiting';
import type { AssignmentQueue, AttachmentLinks, RawMailStore, UploadStore } from '../ports';
import { uploadStoreFromEnv } from '../adapters/uploads-from-env';
import { buildLifecycleDeps, type LifecycleOverrides } from './lifecycle';
import type { Settings } from './settings';

/** The local stack's stand-in user pool (ids shaped like Cognito's; nothing is fetched). */
export const LOCAL_USER_POOL_ID = 'sa-east-1_LocalPool';
export const LOCAL_CLIENT_ID = 'ouvidoria-console-local';

export interface ConsoleOverrides extends LifecycleOverrides {
  lifecycle?: LifecycleDeps;
  /** Local stack only: the key set the local sign-in signs with, and the roster it lists. */
  local?: { keys: LocalKeySet; roster: () => Promise<StaffMember[]> };
  /** The raw-mail store (local: FileRawMailStore; default: S3, `s3:GetObject` on inbound/* only). */
  rawMail?: RawMailStore;
  /** Where waiting cases are re-queued after roster changes (default: the SQS assignment queue). */
  queue?: AssignmentQueue;
  /** Where release requests go (default: RELEASE_QUEUE_URL; local: the email-intake service in-process). */
  releases?: QuarantineReleaseRequests;
  /** Links of clean webform files on the case page; from UPLOADS_BUCKET on Lambda (the console's role reads clean uploads). */
  attachmentLinks?: AttachmentLinks;
  /** The uploads' tags the file route checks (default: UPLOADS_BUCKET; local: the /_s3/ stand-in). */
  uploadTags?: Pick<UploadStore, 'tags'>;
}

export async function buildConsoleDeps(settings: Settings, overrides: ConsoleOverrides = {}): Promise<ConsoleDeps> {
  const client = overrides.client ?? tableClient(settings);
  const lifecycle = overrides.lifecycle ?? (await buildLifecycleDeps(settings, { ...overrides, client }));
  const index = new DynamoConsoleCaseIndex(client, settings.tableName);
  const {
    staff: roster,
    cases,
    bounces,
  } = tableStores(client, settings.tableName, settings.config.retention, messageTextStoreFrom(settings));
  const { config } = settings;
  const queue =
    overrides.queue ??
    (settings.assignmentQueueUrl
      ? new SqsAssignmentQueue(traced(new SQSClient({})), settings.assignmentQueueUrl)
      : undefined);
  const quarantine: QuarantineDeps = {
    store: new DynamoQuarantineStore(client, settings.tableName),
    cases,
    rawMail: overrides.rawMail ?? new S3RawMailStore(traced(new S3Client({}))),
    clock: overrides.clock ?? clockFrom(settings),
  };
  const releases =
    overrides.releases ??
    (settings.releaseQueueUrl
      ? new SqsQuarantineReleases(traced(new SQSClient({})), settings.releaseQueueUrl)
      : undefined);
  if (releases) quarantine.releases = releases;
  const shared = {
    roster,
    bounces,
    quarantine,
    requeueWaiting: () => requeueWaiting({ cases, ...(queue ? { queue } : {}) }),
  };
  const links = overrides.attachmentLinks ?? attachmentLinksFromEnv(process.env, lifecycle.clock);
  const uploadTags = overrides.uploadTags ?? uploadStoreFromEnv();
  const attachmentLinks = links && uploadTags ? { attachmentLinks: links, uploadTags } : {};
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
    return { verifier, index, lifecycle, signIn, ...shared, ...attachmentLinks };
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
  return { verifier, index, lifecycle, signIn, ...shared, ...attachmentLinks };
}
