/**
 * The single DynamoDB table: key names and secondary indexes, shared by the CDK stack,
 * the local stack (which creates the table on dynalite) and the repositories.
 * Item families and access patterns are documented in shared/adapters/dynamo/README.md.
 */
export const TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk' } as const;

/** Attribute DynamoDB's TTL reads (epoch seconds). dynalite never expires items: readers check it too. */
export const TTL_ATTRIBUTE = 'expiresAt';

/**
 * What the index lists read of a case besides the keys: the staff console's list and its filters
 * (console-case-index.ts), the open-case count by sender (`status`), and the cases' own ids for the
 * lists that read whole records from the table (`listByStatus`, `listBySender`, data-subject requests).
 * Nothing that changes on the bookkeeping writes of a case (reply, claims, Message-IDs, enqueue and
 * notice times, `updatedAt`) and never the first message's text: those rewrites cost the indexes
 * nothing (issue 16), and an index entry stays within one write unit.
 */
const LIST_ATTRIBUTES = [
  'caseId',
  'type',
  'status',
  'outcome',
  'senderEmail',
  'senderName',
  'subject',
  'createdAt',
  'protocol',
  'assignee',
  'dueAt',
] as const;

/** One global secondary index: its keys and what it projects besides them. */
export interface IndexDesign {
  readonly indexName: string;
  readonly partitionKey: string;
  /** Absent: the index is keyed on its partition key alone. */
  readonly sortKey?: string;
  /** Projected besides the table's and the index's keys; empty = KEYS_ONLY. */
  readonly nonKeyAttributes: readonly string[];
}

export const GSI = {
  /**
   * Cases by status, ordered by creation time: gsi1pk = STATUS#<status>, gsi1sk = <createdAt>#<caseId>.
   * Also read by the quarantine queue (`decision`, `reviewedAt`) and the monthly report
   * (report-source.ts: `channel`, `decision`, `closedAt`, `closure`, `history`).
   */
  byStatus: {
    indexName: 'gsi1-status',
    partitionKey: 'gsi1pk',
    sortKey: 'gsi1sk',
    nonKeyAttributes: [...LIST_ATTRIBUTES, 'channel', 'decision', 'reviewedAt', 'closedAt', 'closure', 'history'],
  },
  /** Cases by sender, ordered by creation time: gsi2pk = SENDER#<email>, gsi2sk = <createdAt>#<caseId>. */
  bySender: { indexName: 'gsi2-sender', partitionKey: 'gsi2pk', sortKey: 'gsi2sk', nonKeyAttributes: LIST_ATTRIBUTES },
  /**
   * Case by protocol (issue 16), keyed on the `protocol` the case item carries anyway, keys only:
   * the creating write (or `setProtocolOnce`) puts the entry, so no pointer item is written. The
   * case's later rewrites never change `protocol` and cost this index nothing: "If a write to a table
   * does not require a global secondary index update, no write capacity is consumed from the index"
   * (Amazon DynamoDB Developer Guide, GSI.html, "Provisioned throughput considerations for Global
   * Secondary Indexes"). `SURVEY#<protocol>` answers carry `protocol` too and are listed here as
   * well; the lookup keeps the entry whose sort key is `CASE`. Every item's `protocol` must be a
   * non-empty string: DynamoDB rejects a write whose index key has another type or is empty.
   */
  byProtocol: { indexName: 'gsi3-protocol', partitionKey: 'protocol', nonKeyAttributes: [] },
  /**
   * Cases with lifecycle effects committed and maybe not carried out (a sparse index, keys only): the
   * commit that stores effects sets `effectsPk` = EFFECTS_PK and `effectsSince` (their creation
   * instant) in the same write; the effects sweep removes both once the case has none pending. It
   * lists only those cases, oldest first: never the table.
   */
  pendingEffects: {
    indexName: 'gsi4-effects',
    partitionKey: 'effectsPk',
    sortKey: 'effectsSince',
    nonKeyAttributes: [],
  },
} as const satisfies Record<string, IndexDesign>;

/** The one partition of the pending-effects index. */
export const EFFECTS_PK = 'EFFECTS';

/**
 * The anonymous statistics an LGPD erasure keeps of each erased case (ReportEntry), one partition
 * per month of office-local creation date, sorted by that date: the report reads a period's by key.
 * The id is random, kept on the case item until it goes (a re-run erasure writes the same record).
 */
export const ERASED_STATS_PK_PREFIX = 'ERASEDSTATS#';
export const erasedStatsKey = (createdOn: string, id: string) => ({
  pk: `${ERASED_STATS_PK_PREFIX}${createdOn.slice(0, 7)}`,
  sk: `${createdOn}#${id}`,
});

/**
 * The report's closings by date (journeys 50: a case received in October and closed in November
 * reached neither month's closing figures). One small item per closure and per first answer of a
 * case, `CASEEVENTS#<UTC month of the instant>` / `<instant>#<caseId>`, put by the commit that records
 * it (case-work-store.ts) just before that commit: a commit that then fails leaves an entry the report
 * checks against the case's history and drops, never a closure without one. The report queries the
 * months of its period by key (no index, no scan) and reads the cases named. No personal data: an
 * instant and the case's random id. Expires `retentionDays` after its instant, before its case.
 */
export const CASE_EVENTS_PK_PREFIX = 'CASEEVENTS#';
export const caseEventKey = (at: string, caseId: string) => ({
  pk: `${CASE_EVENTS_PK_PREFIX}${at.slice(0, 7)}`,
  sk: `${at}#${caseId}`,
});

/**
 * Guidance replies the bounce breaker held (domain/bounce-breaker.ts HeldReply), one small item each,
 * `HELDREPLY#<UTC date held>` / `<instant held>#<caseId>`, put on the held path only (never on an
 * accepted mail's): the held-reply sweep queries the dates of the freshness window by key (no index,
 * no scan) and deletes what it sent or dropped. Expires a day after the window closes.
 */
export const HELD_REPLY_PK_PREFIX = 'HELDREPLY#';
export const heldReplyKey = (heldAt: string, caseId: string) => ({
  pk: `${HELD_REPLY_PK_PREFIX}${heldAt.slice(0, 10)}`,
  sk: `${heldAt}#${caseId}`,
});

/**
 * The same statistics of an erased case (ReportEntry, as under ERASEDSTATS#), once more under each
 * office-local date it was closed or first answered: the closing figures of a period read its dates
 * by key, as they read the live cases' closings (CASEEVENTS#). Sort key `<date>#<record id>`.
 */
export const ERASED_EVENTS_PK_PREFIX = 'ERASEDEVENTS#';
export const erasedEventsKey = (on: string, id: string) => ({
  pk: `${ERASED_EVENTS_PK_PREFIX}${on.slice(0, 7)}`,
  sk: `${on}#${id}`,
});

/**
 * An erasure under way names its statistics record on the case's status-index sort key
 * (`<createdAt>#<caseId>#erased:<record id>`; the index projects its keys, not `erasedStatsId`), so
 * that the report, reading the live case and the record both while the case items still stand (a
 * run that died between them), counts the case once: the live case, not its record.
 */
const ERASED_MARK = '#erased:';
export const erasingStatusSortKey = (createdAt: string, caseId: string, recordId: string) =>
  `${createdAt}#${caseId}${ERASED_MARK}${recordId}`;
/** The statistics record an erasure under way kept of the case with this status-index sort key, if any. */
export const erasedIdOfStatusSortKey = (sortKey: unknown): string | undefined => {
  const at = typeof sortKey === 'string' ? sortKey.indexOf(ERASED_MARK) : -1;
  return at === -1 ? undefined : (sortKey as string).slice(at + ERASED_MARK.length);
};

/** Every index, for the CDK stack and create-table.ts (CloudFormation adds one GSI per deploy). */
export const ALL_GSIS: readonly IndexDesign[] = [GSI.byStatus, GSI.bySender, GSI.byProtocol, GSI.pendingEffects];

/** The status index's partition of a case status. */
export const statusGsiPk = (status: string): string => `STATUS#${status}`;

/**
 * The sender index's two partition families: an address's cases (`SENDER#<email>`) and its webform
 * posts waiting for their confirmation link (`PENDINGSENDER#<email>`, never read as cases). A
 * data-subject request reads both (data-subject-store.ts).
 */
export const SENDER_GSI_PK_PREFIX = 'SENDER#';
export const PENDING_SENDER_GSI_PK_PREFIX = 'PENDINGSENDER#';
/** The sender index's partition of an address's cases (the address lower-cased, as the case holds it). */
export const senderGsiPk = (email: string): string => `${SENDER_GSI_PK_PREFIX}${email.toLowerCase()}`;
/** The sender index's partition of an address's pending submissions. */
export const pendingSenderPk = (email: string): string =>
  `${PENDING_SENDER_GSI_PK_PREFIX}${email.trim().toLowerCase()}`;
/** The address of a sender-index partition of either family. */
export const addressOfSenderGsiPk = (pk: string): string =>
  pk.startsWith(PENDING_SENDER_GSI_PK_PREFIX)
    ? pk.slice(PENDING_SENDER_GSI_PK_PREFIX.length)
    : pk.startsWith(SENDER_GSI_PK_PREFIX)
      ? pk.slice(SENDER_GSI_PK_PREFIX.length)
      : pk;

/** Every key attribute (all strings) of the table and its indexes: the table's AttributeDefinitions. */
export const ALL_KEY_ATTRIBUTES: readonly string[] = [
  ...new Set([
    TABLE_KEYS.partitionKey,
    TABLE_KEYS.sortKey,
    ...ALL_GSIS.flatMap((index) => [index.partitionKey, ...(index.sortKey ? [index.sortKey] : [])]),
  ]),
];

/**
 * The roster's partition. It also holds the open-case markers (sort keys `OPENCASE#…`, one per open
 * (analyst, case)), so one Query reads the roster with every count; IAM scopes DeleteItem to it.
 */
export const STAFF_PK = 'STAFF';

export const staffKey = (id: string) => ({ pk: STAFF_PK, sk: `STAFF#${id}` });

/** Sort-key prefix of the open-case markers in the `STAFF` partition (sorts before the `STAFF#` roster items). */
export const OPEN_CASE_SK_PREFIX = 'OPENCASE#';

/** Where the markers lived before (their own partition): only the migration reads it (open-case-migration.ts). */
export const LEGACY_OPEN_CASE_PK = 'OPENCASE';
