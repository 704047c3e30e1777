import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { TicketDirectory, TicketRecord } from '../ports';
import { TicketDirectoryUnavailable } from '../ports';

/**
 * The company's support desk (Zendesk) as the ticket directory: one Tickets API call with the
 * requester sideloaded (`include=users`), Basic auth `email/token:apiToken` from a Secrets
 * Manager secret `{ "email": "...", "apiToken": "..." }`.
 * Fails fast and bounded: the intake must not hang on the directory; when it cannot answer the
 * case goes on "ticket not verified" (TicketDirectoryUnavailable).
 */

export interface ZendeskTicketDirectoryOptions {
  /** `<subdomain>.zendesk.com`. */
  subdomain: string;
  secretId: string;
  secrets: SecretsManagerClient;
  /** Injectable for tests. */
  fetch?: typeof fetch;
  /** Per attempt (default 1500 ms). */
  timeoutMs?: number;
  /** Extra attempts after the first on 429/5xx/network errors (default 2). */
  retries?: number;
  /** Backoff base (default 200 ms, doubled per retry). */
  backoffMs?: number;
  /** Upper bound of any wait, Retry-After included (default 2000 ms). */
  maxWaitMs?: number;
  /** How long the secret is reused (default 5 minutes). */
  secretTtlMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

interface Credentials {
  email: string;
  apiToken: string;
}

const TICKET_ID = /^\d{1,20}$/;
const SUBDOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

class RetryableResponse extends Error {
  constructor(
    readonly status: number,
    readonly retryAfterMs: number | undefined,
  ) {
    super(`Zendesk answered HTTP ${status}`);
  }
}

/** Retry-After is seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export class ZendeskTicketDirectory implements TicketDirectory {
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly backoffMs: number;
  private readonly maxWaitMs: number;
  private readonly secretTtlMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private cached?: { credentials: Credentials; fetchedAt: number };

  constructor(private readonly options: ZendeskTicketDirectoryOptions) {
    if (!SUBDOMAIN.test(options.subdomain)) throw new Error('Invalid Zendesk subdomain');
    this.baseUrl = `https://${options.subdomain.toLowerCase()}.zendesk.com`;
    this.fetchImpl = options.fetch ?? fetch;
    this.timeoutMs = options.timeoutMs ?? 1500;
    this.retries = options.retries ?? 2;
    this.backoffMs = options.backoffMs ?? 200;
    this.maxWaitMs = options.maxWaitMs ?? 2000;
    this.secretTtlMs = options.secretTtlMs ?? 5 * 60_000;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = options.now ?? Date.now;
  }

  async find(ticketId: string): Promise<TicketRecord | null> {
    // Validated before any request: the id goes into a URL path.
    if (!TICKET_ID.test(ticketId)) return null;
    const credentials = await this.credentials();
    const body = await this.getJson(`/api/v2/tickets/${ticketId}.json?include=users`, credentials);
    if (body === null) return null;
    const ticket = (body as { ticket?: { id?: unknown; requester_id?: unknown; status?: unknown } }).ticket;
    if (!ticket || typeof ticket !== 'object')
      throw new TicketDirectoryUnavailable('Zendesk answered without a ticket');
    const requesterId = ticket.requester_id;
    let email = findUserEmail((body as { users?: unknown }).users, requesterId);
    if (email === undefined && (typeof requesterId === 'number' || typeof requesterId === 'string')) {
      // Sideload missing (API change or a suspended user): ask for the user directly.
      if (!/^\d+$/.test(String(requesterId)))
        throw new TicketDirectoryUnavailable('Zendesk requester id is not numeric');
      const user = await this.getJson(`/api/v2/users/${requesterId}.json`, credentials);
      email = user ? findUserEmail([(user as { user?: unknown }).user], requesterId) : undefined;
    }
    return {
      id: ticketId,
      // No email on the requester (e.g. a phone ticket): it can belong to no sender.
      requesterEmail: (email ?? '').trim().toLowerCase(),
      ...(typeof ticket.status === 'string' ? { status: ticket.status } : {}),
    };
  }

  private async credentials(): Promise<Credentials> {
    if (this.cached && this.now() - this.cached.fetchedAt < this.secretTtlMs) return this.cached.credentials;
    let secret: string | undefined;
    try {
      const out = await this.options.secrets.send(new GetSecretValueCommand({ SecretId: this.options.secretId }));
      secret = out.SecretString;
    } catch (error) {
      throw new TicketDirectoryUnavailable('Zendesk credentials unavailable', { cause: error });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(secret ?? '');
    } catch {
      throw new TicketDirectoryUnavailable('Zendesk secret is not JSON');
    }
    const { email, apiToken } = (parsed ?? {}) as Partial<Credentials>;
    if (typeof email !== 'string' || !email || typeof apiToken !== 'string' || !apiToken) {
      throw new TicketDirectoryUnavailable('Zendesk secret lacks email or apiToken');
    }
    this.cached = { credentials: { email, apiToken }, fetchedAt: this.now() };
    return this.cached.credentials;
  }

  /** GET with timeout and bounded retries; null on 404. */
  private async getJson(path: string, credentials: Credentials): Promise<unknown | null> {
    const authorization = `Basic ${Buffer.from(`${credentials.email}/token:${credentials.apiToken}`).toString('base64')}`;
    let lastError: unknown;
    for (let attempt = 0; attempt <= this.retries; attempt++) {
      if (attempt > 0) {
        const hinted = lastError instanceof RetryableResponse ? lastError.retryAfterMs : undefined;
        await this.sleep(Math.min(hinted ?? this.backoffMs * 2 ** (attempt - 1), this.maxWaitMs));
      }
      let response: Response;
      try {
        response = await this.fetchImpl(`${this.baseUrl}${path}`, {
          method: 'GET',
          headers: { authorization, accept: 'application/json' },
          signal: AbortSignal.timeout(this.timeoutMs),
        });
      } catch (error) {
        lastError = error; // network error or timeout: retry
        continue;
      }
      if (response.status === 404) return null;
      if (response.status === 429 || response.status >= 500) {
        lastError = new RetryableResponse(
          response.status,
          parseRetryAfter(response.headers.get('retry-after'), this.now()),
        );
        continue;
      }
      if (response.status === 401 || response.status === 403) {
        this.cached = undefined; // maybe rotated: read the secret again next time
        throw new TicketDirectoryUnavailable(`Zendesk refused the credentials (HTTP ${response.status})`);
      }
      if (!response.ok) throw new TicketDirectoryUnavailable(`Zendesk answered HTTP ${response.status}`);
      try {
        return await response.json();
      } catch (error) {
        throw new TicketDirectoryUnavailable('Zendesk answered with invalid JSON', { cause: error });
      }
    }
    const reason =
      lastError instanceof RetryableResponse
        ? `HTTP ${lastError.status}`
        : (lastError as Error | undefined)?.name === 'TimeoutError'
          ? 'timeout'
          : 'network error';
    throw new TicketDirectoryUnavailable(`Zendesk unavailable after ${this.retries + 1} attempts (${reason})`, {
      cause: lastError,
    });
  }
}

function findUserEmail(users: unknown, requesterId: unknown): string | undefined {
  if (!Array.isArray(users)) return undefined;
  for (const user of users) {
    if (user && typeof user === 'object' && String((user as { id?: unknown }).id) === String(requesterId)) {
      const email = (user as { email?: unknown }).email;
      return typeof email === 'string' ? email : ''; // found, without an email
    }
  }
  return undefined;
}
