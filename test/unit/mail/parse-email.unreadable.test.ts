/**
 * parseEmail's last resort: when mailparser cannot read a mail at all, the sender is read from the
 * raw From line (cheapSender), a stranger's text of up to 64 KB.
 */
import { describe, expect, it, vi } from 'vitest';
import { parseEmail } from '../../../shared/mail/parse-email';

vi.mock('mailparser', () => ({
  simpleParser: async () => {
    throw new Error('unreadable');
  },
}));

const META = { sourceId: 'ses-msg-0001', receivedAt: '2026-03-02T13:00:00.000Z' };
const LIMITS = { maxRawMailBytes: 25 * 1024 * 1024 };

describe('parseEmail on a mail mailparser cannot read', () => {
  // A long run without '@' was tried again from each of its characters: 60,000 took ~9 s before.
  it.each([
    ['her address', 'Maria Souza <maria.souza@gmail.com>', 'maria.souza@gmail.com'],
    ['a long name with no address', `${'A'.repeat(60_000)} x`, ''],
    ['an address after a long name', `${'A'.repeat(60_000)} <maria@gmail.com>`, 'maria@gmail.com'],
  ])('reads the sender from the From line: %s', async (_, from, address) => {
    const raw = Buffer.from(`From: ${from}\r\nSubject: Reclamação\r\n\r\nOlá, meu pedido não chegou.\r\n`);
    const started = performance.now();
    const s = await parseEmail(raw, META, LIMITS);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(s.sender.address).toBe(address);
  });

  // Read through the one header-block reader (header-block.ts): the From field, unfolded, of the block only.
  it.each([
    [
      'a folded From',
      'From: Maria Souza\r\n <maria.souza@gmail.com>\r\nSubject: x\r\n\r\nOlá',
      'maria.souza@gmail.com',
    ],
    ['LF only, folded', 'From: Maria Souza\n\t<maria.souza@gmail.com>\n\nOlá', 'maria.souza@gmail.com'],
    ['no From in the block, one in her text', 'Subject: x\r\n\r\nFrom: atacante@evil.example\r\n', ''],
  ])('reads the From field of the header block only: %s', async (_, text, address) => {
    const s = await parseEmail(Buffer.from(text), META, LIMITS);
    expect(s.sender.address).toBe(address);
  });
});
