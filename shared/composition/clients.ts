/**
 * AWS clients and table-backed adapters from Settings. Each builder imports only its own SDK
 * client, so every Lambda bundle keeps only what its composition uses.
 */
import { traced } from '../adapters/tracing';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoBounceRegistry } from '../adapters/dynamo/bounce-registry';
import { DynamoCaseRepository } from '../adapters/dynamo/case-repository';
import { documentClient } from '../adapters/dynamo/client';
import { DynamoSenderOpenCases } from '../adapters/dynamo/sender-open-cases';
import { DynamoStaffRepository } from '../adapters/dynamo/staff-repository';
import { SesMailer } from '../adapters/ses-mailer';
import type { RetentionSettings } from '../domain/retention';
import { type Clock, type MessageTextStore, systemClock } from '../ports';
import type { Settings } from './settings';

/** Dummy credentials for the local emulators: they check that a signature is there, not its key. */
export const EMULATOR_CLIENT = { region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };

/** The system clock, or a fixed instant (local runs and tests). */
export function clockFrom(settings: Pick<Settings, 'now'>): Clock {
  if (!settings.now) return systemClock;
  const at = new Date(settings.now);
  if (Number.isNaN(at.getTime())) throw new Error('OUVIDORIA_NOW is not an ISO 8601 instant');
  return { now: () => new Date(at) };
}

export function tableClient(settings: Settings): DynamoDBDocumentClient {
  return documentClient(settings.dynamoEndpoint ? { endpoint: settings.dynamoEndpoint } : {});
}

export function mailerFrom(settings: Settings): SesMailer {
  return new SesMailer({
    client: traced(new SESv2Client(settings.sesEndpoint ? { endpoint: settings.sesEndpoint, ...EMULATOR_CLIENT } : {})),
    ...(settings.sesConfigurationSet ? { configurationSetName: settings.sesConfigurationSet } : {}),
  });
}

/** The table-backed stores per client: LGPD retention of the configuration, message texts (message-texts.ts). */
export function tableStores(
  client: DynamoDBDocumentClient,
  tableName: string,
  retention?: RetentionSettings,
  texts?: MessageTextStore,
) {
  const options = { client, tableName, ...(retention ? { retention } : {}), ...(texts ? { texts } : {}) };
  return {
    cases: new DynamoCaseRepository(options),
    staff: new DynamoStaffRepository(client, tableName),
    bounces: new DynamoBounceRegistry(client, tableName),
    openCases: new DynamoSenderOpenCases(client, tableName),
  };
}
