/**
 * Staff text as the merchant may read it — the one cleaning every path that sends it applies
 * (staff-command.ts: an answer by mail or in the console, a closing text and summary, an extension
 * reason). The office answers from its own address and signs its own mail, so:
 * - the writer's signature block and a closing left at its foot are cut (commands.ts withoutSignature);
 * - a staff reply address (`caso+…`) and any roster member's own mailbox, the writer's first of all,
 *   are written as the ombudsman address: the merchant writes to the office, never to one person.
 */
import type { OuvidoriaConfig } from '../config';
import { withoutSignature } from './commands';
import { withoutOwnAddress, withoutStaffReplyAddresses } from './reply-address';

export function staffTextForMerchant(
  text: string,
  writer: { name: string; email: string } | undefined,
  team: readonly { email: string }[],
  config: Pick<OuvidoriaConfig, 'lifecycle' | 'domain' | 'ombudsmanAddresses'>,
): string {
  const unsigned = writer ? withoutSignature(text, writer.name) : text;
  const mailboxes = [...(writer ? [writer.email] : []), ...team.map((m) => m.email)];
  return mailboxes.reduce(
    (clean, address) => withoutOwnAddress(clean, address, config),
    withoutStaffReplyAddresses(unsigned, config),
  );
}
