/**
 * The local stand-in for SES inbound: an SMTP server on 127.0.0.1 that does what the SES receipt
 * rule does on AWS. It accepts mail only for the ombudsman addresses (550 for anyone else) and up
 * to a size limit (552 above it), stores the raw message where the S3 action would
 * (`<mailRoot>/<bucket>/<prefix><id>`), builds the SES receipt event and invokes the real email
 * intake handler. The client gets 250 only after the handler succeeded; a handler failure is a
 * 451 (try again later), so no message is ever acknowledged and then lost.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { FileRawMailStore } from '../../shared/adapters/s3-raw-mail-store';
import { sesReceiptEvent as buildSesReceiptEvent, dmarcPolicyOf } from '../../shared/adapters/ses-receipt-event';
import type { VerdictName, Verdicts } from '../../shared/domain/submission';
import type { Clock } from '../../shared/ports';

/**
 * Verdicts SES would compute. Mail submitted on loopback passes (SPEC "Trust rules"), so an analyst
 * working a case locally is authenticated like on AWS; a message can ask for other verdicts with
 * the local-only header `X-Local-Verdicts: spf=fail dkim=fail dmarc=fail spam=fail virus=fail`, plus
 * `dmarc-policy=none` for a failure under the domain's p=none (read only here, never by the
 * production intake).
 */
export const LOCAL_VERDICTS: Verdicts = { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' };

export const LOCAL_VERDICTS_HEADER = 'x-local-verdicts';
const VERDICT_VALUES: Record<string, Verdicts['spf']> = {
  pass: 'PASS',
  fail: 'FAIL',
  gray: 'GRAY',
  disabled: 'DISABLED',
};

/** The verdicts for a locally submitted message: PASS, unless its X-Local-Verdicts header says otherwise. */
export function localVerdicts(headers: ReadonlyArray<{ name: string; value: string }>): Verdicts {
  const verdicts: Verdicts = { ...LOCAL_VERDICTS };
  const asked = headers.find((h) => h.name.toLowerCase() === LOCAL_VERDICTS_HEADER)?.value ?? '';
  for (const [, name, value] of asked.toLowerCase().matchAll(/\b(spam|virus|spf|dkim|dmarc)\s*=\s*(\w+)/g)) {
    const verdict = value ? VERDICT_VALUES[value] : undefined;
    if (name && verdict) verdicts[name as VerdictName] = verdict;
  }
  // The sender domain's DMARC policy, which SES reports with a DMARC failure: `dmarc-policy=none`.
  const policy = dmarcPolicyOf(/\bdmarc-policy\s*=\s*(\w+)/.exec(asked.toLowerCase())?.[1]);
  if (policy && verdicts.dmarc === 'FAIL') verdicts.dmarcPolicy = policy;
  return verdicts;
}

export interface SmtpIntakeOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Addresses accepted in RCPT TO (the receipt rule recipients); compared case-insensitively. */
  recipients: readonly string[];
  /** Other addresses the receipt rule takes (the per-case staff reply addresses). */
  alsoAccepts?: (address: string) => boolean;
  /** Largest DATA accepted, in bytes; bigger messages get 552. */
  maxMessageBytes: number;
  /** Host name in the greeting and in the Received header. */
  hostname: string;
  store: FileRawMailStore;
  bucket: string;
  prefix: string;
  clock: Clock;
  /** The email intake Lambda handler. */
  invoke: (event: unknown) => Promise<unknown>;
  /** Told about each handled message: the SES message id, and the handler error if it failed. */
  onMessage?: (info: { sesMessageId: string; error?: unknown }) => void;
}

export interface SmtpIntake {
  port: number;
  stop(): Promise<void>;
}

/** An SMTP reply for smtp-server: `callback(smtpError(550, '…'))`. */
function smtpError(responseCode: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode });
}

/** SES-like message id: also the S3 key suffix, so only [A-Za-z0-9-]. */
export function newSesMessageId(): string {
  return `local-${Date.now().toString(36)}-${randomBytes(8).toString('hex')}`;
}

/** Reads DATA; resolves null when the stream went over the size limit (smtp-server answers 552). */
async function readMessage(stream: SMTPServerDataStream): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    // Past the limit smtp-server keeps reading to the end of DATA: stop keeping the bytes.
    if (!stream.sizeExceeded) chunks.push(chunk as Buffer);
  }
  return stream.sizeExceeded ? null : Buffer.concat(chunks);
}

/** The header block of a message (up to the first empty line). */
function headerBlock(raw: Buffer): Buffer {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  const ends = [crlf >= 0 ? crlf + 4 : -1, lf >= 0 ? lf + 2 : -1].filter((n) => n >= 0);
  return ends.length ? raw.subarray(0, Math.min(...ends)) : raw;
}

/** Raw header lines as SES lists them in `mail.headers` (unfolded, in order). */
function rawHeaders(block: Buffer): Array<{ name: string; value: string }> {
  const lines = block.toString('latin1').split(/\r?\n/);
  const headers: Array<{ name: string; value: string }> = [];
  for (const line of lines) {
    if (/^[ \t]/.test(line) && headers.length) {
      const last = headers[headers.length - 1] as { name: string; value: string };
      last.value += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon > 0) headers.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
  }
  return headers.slice(0, 200);
}

/** A raw mail's header fields as SES lists them in `mail.headers` (npm run invoke builds its event with them). */
export function rawHeaderFields(raw: Buffer): Array<{ name: string; value: string }> {
  return rawHeaders(headerBlock(raw));
}

/** SES's decoded common headers of a raw mail (RFC 2047 decoded, as SES and mailparser do). */
export async function commonHeadersOfRaw(raw: Buffer): Promise<Record<string, string | string[] | undefined>> {
  const block = headerBlock(raw);
  // Parse only the headers.
  const parsed = await simpleParser(Buffer.concat([block, Buffer.from('\r\n')]), { skipHtmlToText: true }).catch(
    () => null,
  );
  const addressList = (value: unknown): string[] | undefined => {
    const list = (Array.isArray(value) ? value : value ? [value] : []) as Array<{ text?: string }>;
    const texts = list.map((a) => a.text ?? '').filter(Boolean);
    return texts.length ? texts : undefined;
  };
  const cc = addressList(parsed?.cc);
  return {
    from: addressList(parsed?.from),
    to: addressList(parsed?.to),
    ...(cc ? { cc } : {}),
    messageId: parsed?.messageId,
    date: parsed?.date?.toUTCString(),
    subject: parsed?.subject,
  };
}

/** The SES receipt event for a stored message (shape of a Lambda action invocation). */
export async function sesReceiptEvent(input: {
  raw: Buffer;
  sesMessageId: string;
  mailFrom: string;
  recipients: string[];
  receivedAt: Date;
}): Promise<unknown> {
  const headers = rawHeaders(headerBlock(input.raw));
  return buildSesReceiptEvent({
    sesMessageId: input.sesMessageId,
    mailFrom: input.mailFrom,
    recipients: input.recipients,
    receivedAt: input.receivedAt,
    verdicts: localVerdicts(headers),
    headers,
    commonHeaders: await commonHeadersOfRaw(input.raw),
    functionArn: 'local:email-intake',
  });
}

export async function startSmtpIntake(options: SmtpIntakeOptions): Promise<SmtpIntake> {
  const accepted = new Set(options.recipients.map((r) => r.trim().toLowerCase()));

  const handleData = async (stream: SMTPServerDataStream, session: SMTPServerSession): Promise<string> => {
    const raw = await readMessage(stream);
    if (!raw) throw smtpError(552, `5.3.4 Message too big for this system (limit ${options.maxMessageBytes} bytes)`);
    const sesMessageId = newSesMessageId();
    const receivedAt = options.clock.now();
    const mailFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
    const recipients = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
    // SES prepends its Received header to what it stores; so do we (no client data in it but the IP).
    const received = Buffer.from(
      `Received: from ${sanitizeToken(session.hostNameAppearsAs)} ([${session.remoteAddress}]) by ${options.hostname} ` +
        `with SMTP id ${sesMessageId}; ${receivedAt.toUTCString()}\r\n`,
    );
    const location = { bucket: options.bucket, key: `${options.prefix}${sesMessageId}` };
    const file = options.store.pathOf(location);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, Buffer.concat([received, raw]));
    const event = await sesReceiptEvent({ raw, sesMessageId, mailFrom, recipients, receivedAt });
    try {
      await options.invoke(event);
    } catch (error) {
      options.onMessage?.({ sesMessageId, error });
      throw smtpError(451, '4.3.0 Temporary failure while processing the message, please try again later');
    }
    options.onMessage?.({ sesMessageId });
    return `2.0.0 Ok: queued as ${sesMessageId}`;
  };

  const server = new SMTPServer({
    name: options.hostname,
    banner: 'Ouvidoria local SMTP intake (the stand-in for SES inbound)',
    size: options.maxMessageBytes,
    authOptional: true,
    // Plain SMTP on the loopback interface: no TLS, no login.
    disabledCommands: ['AUTH', 'STARTTLS'],
    hideSTARTTLS: true,
    logger: false,
    onRcptTo(address, _session, callback) {
      const to = address.address.trim().toLowerCase();
      if (accepted.has(to) || options.alsoAccepts?.(to)) return callback();
      callback(smtpError(550, '5.1.1 Recipient address rejected: this server only accepts mail for the Ouvidoria'));
    },
    onData(stream, session, callback) {
      handleData(stream, session).then(
        (message) => callback(null, message),
        (error: Error & { responseCode?: number }) => {
          // Drain whatever is left so the connection can answer.
          stream.resume();
          callback(
            error.responseCode ? error : smtpError(451, '4.3.0 Temporary local failure, please try again later'),
          );
        },
      );
    },
  });

  let starting: ((error: Error) => void) | undefined;
  // smtp-server re-emits listen errors and client errors: without a listener they would crash.
  server.on('error', (error) => starting?.(error));
  await new Promise<void>((resolve, reject) => {
    starting = reject;
    server.listen(options.port, options.host, () => resolve());
  });
  starting = undefined;
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;

  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
}

/** A HELO name reduced to characters that cannot break the header line. */
function sanitizeToken(value: string | undefined): string {
  return (value ?? 'unknown').replace(/[^A-Za-z0-9.[\]:_-]/g, '').slice(0, 100) || 'unknown';
}
