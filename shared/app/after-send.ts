/**
 * Bookkeeping after an email went out. Once the provider accepted a message, a failed write must
 * not make the platform's retry send it again, so these writes are retried here, in-process, a
 * few times with a short backoff before giving up.
 */
const DELAYS_MS = [50, 200, 800];

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `write` until it succeeds or the retries are spent; then throws its last error. */
export async function recordAfterSend<T>(write: () => Promise<T>): Promise<T> {
  for (const delay of DELAYS_MS) {
    try {
      return await write();
    } catch {
      await sleep(delay);
    }
  }
  return write();
}

/**
 * Like recordAfterSend, for writes that only improve things (e.g. the Message-ID pointers for
 * threading): failure is swallowed, never retried by sending again.
 */
export async function bestEffortAfterSend(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await recordAfterSend(write);
    return true;
  } catch {
    return false;
  }
}

/**
 * The provider's Message-IDs of a sent mail, without our own id (listed on the case before
 * sending; its pointer is written before or, for the automatic reply, with the provider's).
 */
export function providerMessageIds(sent: { messageIds: string[] }, ownMessageId: string): string[] {
  return sent.messageIds.filter((id) => id !== ownMessageId);
}
