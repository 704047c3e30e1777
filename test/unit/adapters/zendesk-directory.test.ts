import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseRetryAfter, ZendeskTicketDirectory } from '../../../shared/adapters/zendesk-directory';
import { TicketDirectoryUnavailable } from '../../../shared/ports';

const secrets = new SecretsManagerClient({ region: 'us-east-1' });
const sm = mockClient(secrets);

type Step = Response | Error | ((url: string, init?: RequestInit) => Response | Promise<Response>);

/** A fake fetch that plays the given responses in order and records what was asked. */
function fakeFetch(steps: Step[]) {
  const calls: { url: string; init?: RequestInit }[] = [];
  const fn = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, init });
    const step = steps.shift();
    if (!step) throw new Error('unexpected fetch');
    if (step instanceof Error) throw step;
    if (typeof step === 'function') return step(url, init);
    return step;
  }) as typeof fetch;
  return { fn, calls };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

const ticketBody = {
  ticket: { id: 48213, requester_id: 9001, status: 'solved' },
  users: [
    { id: 42, email: 'agente@bagy.com.br' },
    { id: 9001, email: 'Joao.Conceicao@LojaDoJoao.com.br' },
  ],
};

function directory(steps: Step[], extra: Partial<ConstructorParameters<typeof ZendeskTicketDirectory>[0]> = {}) {
  const fetch = fakeFetch(steps);
  const sleeps: number[] = [];
  const dir = new ZendeskTicketDirectory({
    subdomain: 'bagy',
    secretId: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:zendesk',
    secrets,
    fetch: fetch.fn,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    now: () => Date.parse('2026-03-02T12:00:00Z'),
    ...extra,
  });
  return { dir, calls: fetch.calls, sleeps };
}

beforeEach(() => {
  sm.reset();
  sm.on(GetSecretValueCommand).resolves({
    SecretString: JSON.stringify({ email: 'ouvidoria@bagy.com.br', apiToken: 's3cr3t' }),
  });
});

describe('ZendeskTicketDirectory', () => {
  it('finds the ticket and its requester in one call with include=users and Basic token auth', async () => {
    const { dir, calls } = directory([json(200, ticketBody)]);
    expect(await dir.find('48213')).toEqual({
      id: '48213',
      requesterEmail: 'joao.conceicao@lojadojoao.com.br',
      status: 'solved',
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('https://bagy.zendesk.com/api/v2/tickets/48213.json?include=users');
    const auth = new Headers(calls[0]!.init?.headers).get('authorization');
    expect(auth).toBe(`Basic ${Buffer.from('ouvidoria@bagy.com.br/token:s3cr3t').toString('base64')}`);
    expect(calls[0]!.init?.signal).toBeInstanceOf(AbortSignal);
  });

  it('falls back to the users endpoint when the requester is not sideloaded', async () => {
    const { dir, calls } = directory([
      json(200, { ticket: { id: 1, requester_id: 9001, status: 'open' }, users: [] }),
      json(200, { user: { id: 9001, email: 'maria@exemplo.com.br' } }),
    ]);
    expect((await dir.find('1'))?.requesterEmail).toBe('maria@exemplo.com.br');
    expect(calls[1]!.url).toBe('https://bagy.zendesk.com/api/v2/users/9001.json');
  });

  it('returns an empty requester email for a requester without email (owned by no sender)', async () => {
    const { dir } = directory([json(200, { ticket: { id: 1, requester_id: 7 }, users: [{ id: 7, email: null }] })]);
    expect(await dir.find('1')).toEqual({ id: '1', requesterEmail: '' });
  });

  it('404 means the ticket does not exist', async () => {
    const { dir } = directory([json(404, { error: 'RecordNotFound' })]);
    expect(await dir.find('99999')).toBeNull();
  });

  it.each(['', 'abc', '123/../../users/1', '12 34', '１２３', '1'.repeat(21), '123?x=1'])(
    'rejects the id %j before any request',
    async (id) => {
      const { dir, calls } = directory([]);
      expect(await dir.find(id)).toBeNull();
      expect(calls).toHaveLength(0);
    },
  );

  it.each([401, 403])('%i → unavailable at once, and the secret is read again next time', async (status) => {
    const { dir, calls } = directory([json(status, {}), json(200, ticketBody)]);
    await expect(dir.find('48213')).rejects.toBeInstanceOf(TicketDirectoryUnavailable);
    expect(calls).toHaveLength(1);
    await dir.find('48213');
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it('other 4xx → unavailable without retry', async () => {
    const { dir, calls } = directory([json(422, {})]);
    await expect(dir.find('1')).rejects.toThrow(/HTTP 422/);
    expect(calls).toHaveLength(1);
  });

  it('retries 429 honouring Retry-After (capped), then succeeds', async () => {
    const { dir, calls, sleeps } = directory([
      json(429, {}, { 'retry-after': '1' }),
      json(429, {}, { 'retry-after': '60' }),
      json(200, ticketBody),
    ]);
    expect((await dir.find('48213'))?.id).toBe('48213');
    expect(calls).toHaveLength(3);
    expect(sleeps).toEqual([1000, 2000]);
  });

  it('gives up after the bounded retries on 500 with exponential backoff', async () => {
    const { dir, calls, sleeps } = directory([json(500, {}), json(502, {}), json(503, {})]);
    const error = await dir.find('1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TicketDirectoryUnavailable);
    expect((error as Error).message).toMatch(/3 attempts \(HTTP 503\)/);
    expect(calls).toHaveLength(3);
    expect(sleeps).toEqual([200, 400]);
  });

  it('treats timeouts and network errors as retryable, then unavailable', async () => {
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    const { dir, calls } = directory([timeout, new TypeError('fetch failed'), timeout]);
    await expect(dir.find('1')).rejects.toThrow(/timeout/);
    expect(calls).toHaveLength(3);
  });

  it('aborts a hanging request with its per-attempt timeout', async () => {
    const hang = (_url: string, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });
    const { dir } = directory([hang], { timeoutMs: 20, retries: 0 });
    await expect(dir.find('1')).rejects.toThrow(/timeout/);
  });

  it('invalid JSON or a body without ticket → unavailable', async () => {
    const { dir } = directory([new Response('<html>', { status: 200 }), json(200, { nope: 1 })]);
    await expect(dir.find('1')).rejects.toBeInstanceOf(TicketDirectoryUnavailable);
    await expect(dir.find('1')).rejects.toBeInstanceOf(TicketDirectoryUnavailable);
  });

  it('caches the secret for its TTL', async () => {
    let now = 0;
    const { dir } = directory([json(200, ticketBody), json(200, ticketBody), json(200, ticketBody)], {
      now: () => now,
    });
    await dir.find('48213');
    now = 4 * 60_000;
    await dir.find('48213');
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    now = 6 * 60_000;
    await dir.find('48213');
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it.each([
    ['Secrets Manager failure', () => sm.on(GetSecretValueCommand).rejects(new Error('AccessDeniedException'))],
    ['secret not JSON', () => sm.on(GetSecretValueCommand).resolves({ SecretString: 'token' })],
    ['secret without token', () => sm.on(GetSecretValueCommand).resolves({ SecretString: '{"email":"a@b.com"}' })],
    ['binary secret', () => sm.on(GetSecretValueCommand).resolves({})],
  ])('%s → unavailable, no request made', async (_name, arrange) => {
    arrange();
    const { dir, calls } = directory([json(200, ticketBody)]);
    await expect(dir.find('48213')).rejects.toBeInstanceOf(TicketDirectoryUnavailable);
    expect(calls).toHaveLength(0);
  });

  it.each(['bagy.evil.com', 'bagy/../x', '', '-bagy'])('refuses subdomain %j', (subdomain) => {
    expect(() => directory([], { subdomain })).toThrow(/subdomain/);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-03-02T12:00:00Z');
  it.each([
    ['3', 3000],
    [' 0 ', 0],
    ['Mon, 02 Mar 2026 12:00:05 GMT', 5000],
    ['Mon, 02 Mar 2026 11:00:00 GMT', 0],
    ['soon', undefined],
    [null, undefined],
  ])('%j → %j', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});
