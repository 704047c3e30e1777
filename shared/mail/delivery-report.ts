/**
 * Reads a delivery-status notification (RFC 3464, `multipart/report;
 * report-type=delivery-status`, or RFC 6533's global-delivery-status): the failed recipients and the Message-IDs it names (of the
 * returned original, and its own In-Reply-To/References). Whether it is about mail we really
 * sent is decided by the caller against what we sent (shared/app/bounces.ts): anyone can write
 * a report, so nothing in it is trusted by itself. Works on the raw bytes: a DSN's useful fields
 * are plain ASCII, and mailparser would turn the machine-readable part into an opaque attachment.
 */
export interface DeliveryReport {
  /** Recipients whose delivery failed permanently (Action: failed, Status 5.x.x), lower-cased. */
  failedRecipients: string[];
  /** Message-IDs the report names, without angle brackets (at most MAX_REFERENCED_IDS). */
  referencedMessageIds: string[];
}

/** A report names one original: a few ids are plenty, and each costs a lookup. */
export const MAX_REFERENCED_IDS = 10;

/** Reads at most this much of a DSN: reports are small, and the original may be attached whole. */
const SCAN_LIMIT = 256 * 1024;

function topHeaderBlock(text: string): string {
  const end = text.search(/\r?\n\r?\n/);
  return end === -1 ? text : text.slice(0, end);
}

/** The bytes up to and including the first blank line (where topHeaderBlock ends), as latin1 text. */
function headBytes(scanned: Buffer): string {
  const end = blankLineAt(scanned);
  return end === -1 ? scanned.toString('latin1') : scanned.subarray(0, end + 3).toString('latin1');
}

/**
 * The first line feed followed by an empty line ("\n\n" or "\n\r\n"), or -1. Walked line by line:
 * searching each pattern alone ran through the whole scan for the one a mail never uses.
 */
function blankLineAt(bytes: Buffer): number {
  for (let i = bytes.indexOf(LF); i !== -1; i = bytes.indexOf(LF, i + 1)) {
    if (bytes[i + 1] === LF || (bytes[i + 1] === CR && bytes[i + 2] === LF)) return i;
  }
  return -1;
}

const LF = 0x0a;
const CR = 0x0d;

function unfold(headers: string): string {
  return headers.replace(/\r?\n[ \t]+/g, ' ');
}

const MULTIPART_REPORT = /multipart\/report/i;
/**
 * A delivery-status report, plain (RFC 3464) or internationalised (RFC 6533: mail that went with
 * SMTPUTF8 or to an address with accents comes back as message/global-delivery-status).
 */
const REPORT_TYPE = /report-type\s*=\s*"?(?:global-)?delivery-status/i;
/** A recipient's address, of type rfc822 or RFC 6533's utf-8 (both may carry UTF-8 in a global report). */
const FINAL_RECIPIENT = /^final-recipient:\s*(?:rfc822|utf-8)\s*;\s*<?([^\s>]+@[^\s>]+)>?/im;

/** The address as its bytes say (the scan is read as latin1) and utf-8-addr-xtext's \\x{HHHH} undone. */
function utf8Address(latin1: string): string {
  return Buffer.from(latin1, 'latin1')
    .toString('utf8')
    .replace(/\\x\{([0-9a-f]{2,6})\}/gi, (escaped, hex: string) => {
      const code = Number.parseInt(hex, 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : escaped;
    });
}

export function readDeliveryReport(raw: Buffer): DeliveryReport | null {
  const scanned = raw.subarray(0, SCAN_LIMIT);
  // The top header block is read from its own bytes (latin1: one character per byte): most mail
  // is no report, and its body need not become a string.
  const head = headBytes(scanned);
  // Unfolding only turns line breaks into spaces: a header block without the media type anywhere
  // has no report's Content-Type, and needs no unfolding and no search for it (issue 16).
  if (!MULTIPART_REPORT.test(head)) return null;
  const contentType = /^content-type:\s*([^\r\n]*)$/im.exec(unfold(topHeaderBlock(head)))?.[1] ?? '';
  if (!MULTIPART_REPORT.test(contentType) || !REPORT_TYPE.test(contentType)) {
    return null;
  }
  const text = scanned.toString('latin1');

  const failedRecipients = new Set<string>();
  // Each per-recipient block of message/delivery-status has its own Final-Recipient/Action/Status.
  const blocks = text.split(/\r?\n\r?\n/);
  for (const block of blocks) {
    const fields = unfold(block);
    const typed = FINAL_RECIPIENT.exec(fields)?.[1];
    if (!typed) continue;
    const recipient = utf8Address(typed);
    const action = /^action:\s*(\S+)/im.exec(fields)?.[1]?.toLowerCase();
    const status = /^status:\s*(\d)\.\d{1,3}\.\d{1,3}/im.exec(fields)?.[1];
    if (action === 'failed' && (status === undefined || status === '5')) failedRecipients.add(recipient.toLowerCase());
  }

  const referenced = new Set<string>();
  const idFields = /^(?:message-id|original-message-id|in-reply-to|references):([^\r\n]{0,2000})$/gim;
  for (const match of unfold(text).matchAll(idFields)) {
    for (const id of (match[1] ?? '').matchAll(/<([^<>\s]{1,500})>/g)) {
      if (id[1]) referenced.add(id[1]);
      if (referenced.size >= MAX_REFERENCED_IDS) break;
    }
    if (referenced.size >= MAX_REFERENCED_IDS) break;
  }
  return { failedRecipients: [...failedRecipients], referencedMessageIds: [...referenced] };
}
