import { createHmac, randomBytes } from 'node:crypto';

/**
 * Message-IDs of the mail the office sends: 128 random bits in our own domain. Never derived from
 * a protocol number or a case id (SPEC "Trust rules"): an id anyone could guess would let a
 * stranger reference our mail; threading is sender-bound anyway, this keeps the id meaningless.
 * Returned without angle brackets.
 */
export function randomMessageId(domain: string): string {
  return `${random16()
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '0')}.${Date.now().toString(36)}@${domain.toLowerCase()}`;
}

/**
 * 16 fresh random bytes, cut from a pool filled 4 KB at a time (as crypto.randomUUID does): one
 * call into the system's generator per 256 ids instead of one per id (issue 16). Each slice is
 * handed out once.
 */
function random16(): Buffer {
  if (poolOffset + 16 > pool.length) {
    pool = randomBytes(16 * 256);
    poolOffset = 0;
  }
  const bytes = pool.subarray(poolOffset, poolOffset + 16);
  poolOffset += 16;
  return bytes;
}

let pool: Buffer = Buffer.alloc(0);
let poolOffset = 0;

/**
 * Message-IDs are stored and compared without angle brackets or surrounding space. The trailing run
 * is tried from its start only ((?<!>)): a bare />+$/ was tried again at each '>' of a run that does
 * not end the id, quadratic on a received mail's Message-ID.
 */
export function normaliseMessageId(id: string): string {
  return id
    .trim()
    .replace(/^<+/, '')
    .replace(/(?<!>)>+$/, '')
    .trim();
}

/** SES's two forms of one sent message's id: `<id>@<region>.amazonses.com` and `<id>@email.amazonses.com`. */
const SES_MESSAGE_ID = /^([^@\s]+)@(?:[a-z0-9-]+\.)?amazonses\.com$/i;

/**
 * The key a Message-ID's threading pointer is stored under: the normalised id, except that SES's
 * forms of one message id share one key (`<id>@amazonses.com`), so one pointer serves both
 * (issue 16: one write per sent mail instead of two). Pointers written before that are keyed by
 * the id itself: readers fall back to `normaliseMessageId` when the shared key is missing.
 */
export function messageIdPointerKey(id: string): string {
  const normalised = normaliseMessageId(id);
  const ses = SES_MESSAGE_ID.exec(normalised);
  return ses ? `${ses[1]}@amazonses.com` : normalised;
}

/**
 * A Message-ID that is the same on every retry of one mail (so a resend after a crash shows as one
 * message) yet unguessable: an HMAC of its parts with the office's secret, never the parts
 * themselves.
 */
export function keyedMessageId(domain: string, secret: string | Uint8Array, ...parts: string[]): string {
  const digest = createHmac('sha256', secret).update(parts.join('\u0000')).digest('base64url');
  return `${digest
    .slice(0, 32)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '0')}@${domain.toLowerCase()}`;
}
