/**
 * Local emulators for integration tests and the local stack: dynalite (DynamoDB, in memory) and
 * aws-ses-v2-local (SES with an outbox). Each listens on a free port and stops without leaving
 * handles open.
 */
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Email } from 'aws-ses-v2-local/dist/store';
import { documentClient } from '../../shared/adapters/dynamo/client';

export type { Email };

const require = createRequire(import.meta.url);

/** Credentials and region for every emulator client: they check a signature exists, not its key. */
export const EMULATOR_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
export const EMULATOR_REGION = 'us-east-1';

/** A port that was free a moment ago (prefer listen(0) where the server allows it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('No port assigned'))));
    });
  });
}

async function closeServer(server: Server): Promise<void> {
  if (!server.listening) return;
  await new Promise<void>((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // Keep-alive sockets of the SDK's agent would hold close() open.
    server.closeAllConnections();
  });
}

function portOf(server: Server): number {
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('Emulator is not listening on a TCP port');
  return address.port;
}

export interface DynaliteHandle {
  endpoint: string;
  stop(): Promise<void>;
}

/** dynalite in memory; tables become ACTIVE at once. */
export async function startDynalite(): Promise<DynaliteHandle> {
  const dynalite = require('dynalite') as (options: Record<string, unknown>) => Server;
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return { endpoint: `http://127.0.0.1:${portOf(server)}`, stop: () => closeServer(server) };
}

export interface SesLocalHandle {
  endpoint: string;
  /** Every email the emulator accepted, oldest first (its `GET /store`). */
  outbox(): Promise<Email[]>;
  clear(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * aws-ses-v2-local on a free port. Its store is module-global: two instances in one process
 * share one outbox, so tests clear it first.
 */
export async function startSesLocal(): Promise<SesLocalHandle> {
  const mod = require('aws-ses-v2-local') as {
    default: (config?: { host?: string; port?: number }) => Promise<Server>;
  };
  const server = await mod.default({ host: '127.0.0.1', port: await freePort() });
  const endpoint = `http://127.0.0.1:${portOf(server)}`;
  return {
    endpoint,
    async outbox() {
      const response = await fetch(`${endpoint}/store`);
      if (!response.ok) throw new Error(`SES emulator store answered HTTP ${response.status}`);
      const body = (await response.json()) as { emails: Email[] };
      return body.emails;
    },
    async clear() {
      const response = await fetch(`${endpoint}/clear-store`, { method: 'POST' });
      if (!response.ok) throw new Error(`SES emulator clear answered HTTP ${response.status}`);
      await response.body?.cancel();
    },
    stop: () => closeServer(server),
  };
}

/** dynalite with the two clients a repository test needs; `stop` ends all three. */
export interface DynaliteClients {
  endpoint: string;
  /** For creating tables (createTableIfMissing). */
  raw: DynamoDBClient;
  /** What the repositories take (shared/adapters/dynamo/client.ts settings). */
  doc: DynamoDBDocumentClient;
  stop(): Promise<void>;
}

export async function startDynaliteClients(): Promise<DynaliteClients> {
  const dynalite = await startDynalite();
  const raw = new DynamoDBClient({
    endpoint: dynalite.endpoint,
    region: EMULATOR_REGION,
    credentials: EMULATOR_CREDENTIALS,
  });
  const doc = documentClient({ endpoint: dynalite.endpoint, region: EMULATOR_REGION });
  return {
    endpoint: dynalite.endpoint,
    raw,
    doc,
    async stop() {
      doc.destroy();
      raw.destroy();
      await dynalite.stop();
    },
  };
}

export interface SqsStubHandle {
  /** A queue URL on the stub (the SQS client sends to the queue URL's host). */
  queueUrl(name: string): string;
  /** The bodies SendMessage received, oldest first, per queue URL path. */
  sent: Array<{ queue: string; body: string }>;
  stop(): Promise<void>;
}

/**
 * SendMessage of SQS's JSON protocol (the SDK's) on a free port, recording the bodies: enough for a
 * function that only sends (no emulator for SQS among the test dependencies). Other actions are 400.
 */
export async function startSqsStub(): Promise<SqsStubHandle> {
  const { createServer } = await import('node:http');
  const { createHash, randomUUID } = await import('node:crypto');
  const sent: SqsStubHandle['sent'] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as {
        QueueUrl?: string;
        MessageBody?: string;
      };
      if (target !== 'AmazonSQS.SendMessage' || typeof input.MessageBody !== 'string') {
        res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(JSON.stringify({ __type: 'com.amazonaws.sqs#InvalidAction', message: target }));
        return;
      }
      sent.push({ queue: new URL(input.QueueUrl ?? 'http://x/').pathname, body: input.MessageBody });
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(
        JSON.stringify({
          MessageId: randomUUID(),
          MD5OfMessageBody: createHash('md5').update(input.MessageBody).digest('hex'),
        }),
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const base = `http://127.0.0.1:${portOf(server)}`;
  return { queueUrl: (name) => `${base}/000000000000/${name}`, sent, stop: () => closeServer(server) };
}

/**
 * A document client on an emulator that lists each DynamoDB request by command name in `requests`:
 * the request-count assertions of the integration tests (issue 16: an accepted mail's 7 requests).
 */
export function countingDocumentClient(endpoint: string, requests: string[], region?: string): DynamoDBDocumentClient {
  const client = documentClient({ endpoint, ...(region ? { region } : {}) });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      requests.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize', name: 'countRequests' },
  );
  return client;
}
