import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { traced } from '../tracing';

export interface DocumentClientOptions {
  /** Emulator endpoint (dynalite) for local runs and tests; omitted on AWS. */
  endpoint?: string;
  region?: string;
}

/** Dummy credentials for emulators: they check a signature is present, never its validity. */
const EMULATOR_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/**
 * The DocumentClient every repository uses. Undefined values are dropped (optional fields of
 * CaseRecord), and class instances are not silently turned into maps: only plain data is stored.
 */
export function documentClient(opts: DocumentClientOptions = {}): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    ...(opts.region ? { region: opts.region } : {}),
    ...(opts.endpoint
      ? { endpoint: opts.endpoint, region: opts.region ?? 'us-east-1', credentials: EMULATOR_CREDENTIALS }
      : {}),
  });
  return DynamoDBDocumentClient.from(traced(client), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}

/** A conditional write lost its condition: the expected outcome of a duplicate or concurrent step. */
export function isConditionalCheckFailed(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'ConditionalCheckFailedException';
}
