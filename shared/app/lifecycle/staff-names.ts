/**
 * Staff as people read them: roster names by roster id, for the mails and pages that mention
 * who answered, noted, transferred or holds a case. An id the roster no longer has (or a failed
 * look-up) is left out: the reader shows the id.
 */
import type { WorkCase } from '../../domain/lifecycle/types';
import type { StaffDirectory } from './ports';

export async function staffNames(staff: StaffDirectory, ids: Iterable<string>): Promise<Map<string, string>> {
  const members = await Promise.all([...new Set(ids)].map((id) => staff.byId(id).catch(() => null)));
  return new Map(members.flatMap((m) => (m ? [[m.id, m.name] as [string, string]] : [])));
}

/**
 * The staff a case mentions: its analyst, who closed it, who wrote its answers, who released its
 * mail from quarantine, who acted, who it went to.
 */
export function staffIdsOf(c: WorkCase): Set<string> {
  const ids = new Set<string>();
  if (c.assignee) ids.add(c.assignee);
  if (c.closure) ids.add(c.closure.by);
  if (c.reviewedBy) ids.add(c.reviewedBy);
  for (const m of c.messages) {
    if (m.author) ids.add(m.author);
    if (m.released) ids.add(m.released.by);
  }
  for (const e of c.history ?? []) {
    if (e.actor.kind === 'staff') ids.add(e.actor.id);
    if (e.type === 'assigned') ids.add(e.analystId);
    if (e.type === 'transferred') ids.add(e.from).add(e.to);
  }
  return ids;
}
