/**
 * The message text store (issue 16) from Settings: the bucket on AWS (MESSAGE_TEXT_BUCKET), a folder
 * on the local stack, none otherwise (texts then stay inline in the table). Its own module, so only
 * the compositions that build the case repository carry the S3 client.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { LocalMessageTextStore } from '../adapters/local/local-message-text-store';
import { S3MessageTextStore } from '../adapters/s3-message-text-store';
import { traced } from '../adapters/tracing';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { MessageTextStore } from '../ports';
import { tableStores } from './clients';
import type { Settings } from './settings';

/** One store per bucket or folder in a process (a warm Lambda reuses its S3 client). */
const built = new Map<string, MessageTextStore>();

export function messageTextStoreFrom(settings: Pick<Settings, 'messageTexts'>): MessageTextStore | undefined {
  const where = settings.messageTexts;
  if (!where) return undefined;
  const id = 'bucket' in where ? `s3:${where.bucket}` : `dir:${where.directory}`;
  let store = built.get(id);
  if (!store) {
    store =
      'bucket' in where
        ? new S3MessageTextStore(traced(new S3Client({})), where.bucket)
        : new LocalMessageTextStore(where.directory);
    built.set(id, store);
  }
  return store;
}

/** tableStores with the settings' retention and message text store. */
export function tableStoresFor(
  settings: Pick<Settings, 'tableName' | 'config' | 'messageTexts'>,
  client: DynamoDBDocumentClient,
) {
  return tableStores(client, settings.tableName, settings.config.retention, messageTextStoreFrom(settings));
}
