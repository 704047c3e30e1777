import { inboxLimitKey } from '../../shared/domain/mailbox';
/** In-memory DataSubjectStore and RawMailArchive (DynamoDataSubjectStore and S3RawMailArchive on AWS). */
import type { DataSubjectStore, HeldItem, RawMailArchive, SubjectCase, Tombstone } from '../../shared/app/data-subject';
import type { ReportEntry } from '../../shared/domain/report/figures';
import type { ObjectLocation } from '../../shared/domain/submission';

type Key = HeldItem['key'];
const id = (k: Key) => `${k.pk}|${k.sk}`;

export class InMemoryDataSubjectStore implements DataSubjectStore {
  /** Cases by address; items leave when removed. */
  readonly byAddress = new Map<string, SubjectCase[]>();
  readonly address = new Map<string, HeldItem[]>();
  readonly removed: Key[] = [];
  readonly released: Array<[string, string]> = [];
  readonly tombstones = new Map<string, Tombstone>();
  daysAsked: string[][] = [];

  private live(k: Key) {
    return !this.removed.some((r) => id(r) === id(k));
  }
  async cases(email: string): Promise<SubjectCase[]> {
    // A case is found by the sender index until its case item is removed.
    return (this.byAddress.get(email) ?? [])
      .filter((c) => c.items.some((i) => i.key.sk === 'CASE' && this.live(i.key)))
      .map((c) => ({
        ...c,
        items: c.items.filter((i) => this.live(i.key)),
        related: c.related.filter((i) => this.live(i.key)),
      }));
  }
  async spellingsOfInbox(email: string): Promise<string[]> {
    const inbox = inboxLimitKey(email);
    return [...this.byAddress.keys()].filter((a) => inboxLimitKey(a) === inbox);
  }
  async addressItems(email: string, days: readonly string[], _caseIds: readonly string[]): Promise<HeldItem[]> {
    this.daysAsked.push([...days]);
    return (this.address.get(email) ?? []).filter((i) => this.live(i.key));
  }
  /** Held replies (HELDREPLY# items), as heldReplies finds them: by case id or by the address they go to. */
  readonly held: Array<HeldItem & { caseId: string; to: string }> = [];
  heldAsked: string[][] = [];
  async heldReplies(email: string, caseIds: readonly string[], dates: readonly string[]): Promise<HeldItem[]> {
    this.heldAsked.push([...dates]);
    return this.held
      .filter((h) => this.live(h.key) && (caseIds.includes(h.caseId) || h.to.toLowerCase() === email.toLowerCase()))
      .map(({ key, item }) => ({ key, item }));
  }
  async remove(key: Key): Promise<void> {
    this.removed.push(key);
  }
  async removeAddressItem(key: Key): Promise<void> {
    this.removed.push(key);
  }
  readonly senderReleased: Array<[string, string]> = [];
  async releaseSenderCase(email: string, caseId: string): Promise<void> {
    this.senderReleased.push([email, caseId]);
  }
  readonly lateRemoved: string[] = [];
  async removeLateWrites(c: SubjectCase): Promise<void> {
    this.lateRemoved.push(c.caseId);
  }
  async releaseStaffCase(analystId: string, caseId: string): Promise<void> {
    this.released.push([analystId, caseId]);
  }
  /** The statistics kept of erased cases, by case id (the adapter's record is keyed apart from it). */
  readonly statistics = new Map<string, ReportEntry>();
  async keepStatistics(caseId: string, entry: ReportEntry): Promise<void> {
    this.statistics.set(caseId, entry);
  }
  /** Rate counters by `<key>#<window ISO>`; read as the adapter reads them (those that exist). */
  readonly counters = new Map<string, HeldItem>();
  async rateCounters(keys: readonly string[], windows: readonly Date[]): Promise<HeldItem[]> {
    return keys.flatMap((k) =>
      windows.flatMap((w) => {
        const held = this.counters.get(`${k}#${w.toISOString()}`);
        return held && this.live(held.key) ? [held] : [];
      }),
    );
  }
  /** The protocol counters' `lastCase`, by year. */
  readonly lastCase = new Map<number, string>();
  async forgetNumbering(caseId: string, protocol: string): Promise<void> {
    const year = Number(protocol.split('-')[1]);
    if (this.lastCase.get(year) === caseId) this.lastCase.delete(year);
  }
  /** The cited case of other records (referencedCaseId), by the citing record's id. */
  readonly citing = new Map<string, string>();
  async forgetCitation(citingCaseId: string, caseId: string): Promise<void> {
    if (this.citing.get(citingCaseId) === caseId) this.citing.delete(citingCaseId);
  }
  /** The citing records other cases list (citedBy), by the cited case's id. */
  readonly citedBy = new Map<string, string[]>();
  async forgetCiter(citedCaseId: string, citingCaseId: string): Promise<void> {
    const list = this.citedBy.get(citedCaseId);
    if (list)
      this.citedBy.set(
        citedCaseId,
        list.filter((id) => id !== citingCaseId),
      );
  }
  async putTombstone(tombstone: Tombstone): Promise<void> {
    this.tombstones.set(tombstone.subjectHash, tombstone);
  }
  async tombstone(subjectHash: string): Promise<Tombstone | null> {
    return this.tombstones.get(subjectHash) ?? null;
  }
}

export class InMemoryRawMailArchive implements RawMailArchive {
  readonly objects = new Map<string, Buffer>();
  private key = (l: ObjectLocation) => `${l.bucket}/${l.key}`;
  put(location: ObjectLocation, bytes: Buffer | string): void {
    this.objects.set(this.key(location), Buffer.from(bytes));
  }
  async read(location: ObjectLocation): Promise<Buffer | null> {
    return this.objects.get(this.key(location)) ?? null;
  }
  async erase(location: ObjectLocation): Promise<number> {
    return this.objects.delete(this.key(location)) ? 1 : 0;
  }
}

/** One case of the address with its partition, pointers and raw mail location. */
export function subjectCase(
  caseId: string,
  overrides: Partial<SubjectCase> = {},
  raw: ObjectLocation = { bucket: 'raw-mail', key: `inbound/${caseId}` },
): SubjectCase {
  return {
    caseId,
    protocol: `OUV-${caseId}`,
    status: 'CLOSED',
    createdAt: '2026-03-02T15:00:00.000Z',
    messages: [
      {
        sourceId: caseId,
        channel: 'email',
        receivedAt: '2026-03-02T15:00:00.000Z',
        subject: 'Chamado',
        text: 'O problema continua.',
        attachments: [],
        raw,
      } as SubjectCase['messages'][number],
    ],
    items: [
      {
        key: { pk: `CASE#${caseId}`, sk: 'CASE' },
        item: {
          caseId,
          protocol: `OUV-${caseId}`,
          channel: 'email',
          status: 'CLOSED',
          outcome: 'ACCEPTED',
          decision: { ruleIds: ['ticket.valid', 'topic.billing.complaint'] },
          senderEmail: 'maria@lojadamaria.com.br',
          senderName: 'Maria Aparecida',
          subject: 'Chamado',
          assignee: 'ana',
          createdAt: '2026-03-02T15:00:00.000Z',
          dueAt: '2026-03-16T20:59:00.000Z',
          closedAt: '2026-03-05T18:00:00.000Z',
          closure: { category: 'procedente', summary: 'Estorno feito.', at: '2026-03-05T18:00:00.000Z', by: 'ana' },
          history: [
            {
              type: 'answered',
              messageSourceId: 'm1',
              at: '2026-03-03T14:00:00.000Z',
              actor: { kind: 'staff', id: 'ana', role: 'analyst' },
            },
          ],
        },
      },
      { key: { pk: `CASE#${caseId}`, sk: 'SRC#1' }, item: {} },
    ],
    related: [{ key: { pk: `PROTOCOL#OUV-${caseId}`, sk: 'PROTOCOL' }, item: { caseId } }],
    ...overrides,
  };
}
