/**
 * Recognises a delivery-status notification (RFC 3464, `multipart/report;
 * report-type=delivery-status`) about mail we sent, so that the failed address goes to the
 * bounce memory instead of becoming a case. Works on the raw bytes: a DSN's useful fields are
 * plain ASCII, and mailparser would turn the machine-readable part into an opaque attachment.
 */
export interface DeliveryReport {
  /** Recipients whose delivery failed permanently (Action: failed, Status 5.x.x), lower-cased. */
  failedRecipients: string[];
  /** True when the report is about a message from our domain (our Message-ID or address in it). */
  aboutOurMail: boolean;
}

/** Reads at most this much of a DSN: reports are small, and the original may be attached whole. */
const SCAN_LIMIT = 256 * 1024;

function topHeaderBlock(text: string): string {
  const end = text.search(/\r?\n\r?\n/);
  return end === -1 ? text : text.slice(0, end);
}

function unfold(headers: string): string {
  return headers.replace(/\r?\n[ \t]+/g, ' ');
}

export function readDeliveryReport(raw: Buffer, ourDomain: string): DeliveryReport | null {
  const text = raw.subarray(0, SCAN_LIMIT).toString('latin1');
  const contentType = /^content-type:\s*([^\r\n]*)$/im.exec(unfold(topHeaderBlock(text)))?.[1] ?? '';
  if (!/multipart\/report/i.test(contentType) || !/report-type\s*=\s*"?delivery-status/i.test(contentType)) {
    return null;
  }

  const failedRecipients = new Set<string>();
  // Each per-recipient block of message/delivery-status has its own Final-Recipient/Action/Status.
  const blocks = text.split(/\r?\n\r?\n/);
  for (const block of blocks) {
    const fields = unfold(block);
    const recipient = /^final-recipient:\s*rfc822\s*;\s*<?([^\s>]+@[^\s>]+)>?/im.exec(fields)?.[1];
    if (!recipient) continue;
    const action = /^action:\s*(\S+)/im.exec(fields)?.[1]?.toLowerCase();
    const status = /^status:\s*(\d)\.\d{1,3}\.\d{1,3}/im.exec(fields)?.[1];
    if (action === 'failed' && (status === undefined || status === '5')) failedRecipients.add(recipient.toLowerCase());
  }

  const domain = ourDomain.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const ours = new RegExp(`^(message-id|in-reply-to|references|from|x-loop):[^\\r\\n]*@${domain}>?`, 'im');
  return { failedRecipients: [...failedRecipients], aboutOurMail: ours.test(unfold(text)) };
}
