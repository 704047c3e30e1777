import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { rateKeyPrefix } from '../../shared/adapters/dynamo/rate-limiter';
import {
  ALL_GSIS,
  GSI,
  HELD_REPLY_PK_PREFIX,
  STAFF_PK,
  TABLE_KEYS,
  TTL_ATTRIBUTE,
} from '../../shared/adapters/dynamo/table-design';
import { SES_BOUNCES_KEY } from '../../shared/domain/rate-keys';

/** Partition keys of the Message-ID pointers (case-repository.ts `messageIdKey`). */
const SENT_MAIL_POINTER_PREFIX = 'MSGID#*';
const CASE_ITEM_PREFIX = 'CASE#*';
/** The bounce breaker's hour counters (shared/adapters/dynamo/bounce-counter.ts). */
const SES_BOUNCES_PREFIX = `${rateKeyPrefix(SES_BOUNCES_KEY)}*`;

export interface CaseTableProps {
  readonly retainData: boolean;
  /**
   * Serve the functions from this existing table (a point-in-time restore: README, "Runbook: the table
   * was damaged") instead of the stack's own. The stack's own table stays in the template, untouched
   * (neither replaced nor deleted), so switching back is removing the override.
   */
  readonly tableNameOverride?: string;
}

type TableAction = 'dynamodb:GetItem' | 'dynamodb:PutItem' | 'dynamodb:UpdateItem' | 'dynamodb:Query';
type IndexName = (typeof GSI)[keyof typeof GSI]['indexName'];

export interface TableAccess {
  readonly actions: readonly TableAction[];
  /** Indexes the function queries (none = the base table only). */
  readonly indexes: readonly IndexName[];
  /** dynamodb:LeadingKeys: the partition-key prefixes the function may touch (absent = any item). */
  readonly leadingKeys?: readonly string[];
}

/**
 * What each function does with the table, read from the adapters it calls (shared/adapters/dynamo):
 * Get/Put/Update/Query only. No function scans (transactions are not used); deleting, batch
 * writes and batch reads have their own grants, each on one item family (grantOpenCaseRelease:
 * open-case markers; grantSentMailPointers: Message-ID pointers; grantCaseBatchReads: the
 * webform's look-up of a post's case under its two content keys, case items only).
 * - intake (email): cases (get, create, pointers, claims: Get/Put/Update, Query of a case's items),
 *   a cited protocol or a staff reply's case (byProtocol index), the newer case a reply to a
 *   long-closed one already opened (bySender index), reply throttle (Update), bounce memory
 *   (Get/Put), roster for follow-ups (Get), the poison-mail breaker's hourly counter (Update), a
 *   guidance reply the bounce breaker held (Put of its HELDREPLY# item; the webform's too).
 * - webform: the same, plus the per-IP counters (Update), the open-cases cap (the sender's OPEN#
 *   item, one conditional Update), the status page's look-up by protocol (byProtocol index).
 * - console: cases and their lifecycle (Get/Put/Update, Query of a case's items), the roster, the
 *   case lists and the quarantine queue by status and by sender (byStatus and bySender indexes), the
 *   search by protocol (byProtocol index), the bounce memory of a case's merchant (Get of her OPEN# item).
 * - assignment: case and roster reads (Get, Query), assign/notified (Update), Message-ID pointers (Put).
 * - ses-feedback: the bounce memory only (Get/Update of the OPEN# address items that hold it), the
 *   mark it puts on the bouncing address's open cases (grantBounceMarks: Update of case items), and
 *   the bounce breaker's hour counter (grantBounceBreaker: Update of its RATE# items).
 * - requeue-stale: QUEUED cases by the status index, then each case's items (Query).
 * - dlq-watch: its DLQWATCH items only (Get/Put), never a case.
 * - lifecycle-timer, besides its lifecycle: the held-reply sweep's run (its HELDREPLY# items by key:
 *   Query; the case's claim and reply: Update; the bounce memory: Get; the throttle: Update), with
 *   grantBounceBreaker 'read', grantHeldReplyRemoval and grantSentMailPointers.
 */
export const TABLE_ACCESS = {
  emailIntake: {
    actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query'],
    indexes: [GSI.byProtocol.indexName, GSI.bySender.indexName],
  },
  // The form and the merchant pages.
  webform: {
    actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query'],
    indexes: [GSI.byProtocol.indexName],
  },
  console: {
    actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query'],
    indexes: [GSI.bySender.indexName, GSI.byStatus.indexName, GSI.byProtocol.indexName],
  },
  assignment: {
    actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query'],
    indexes: [],
  },
  sesFeedback: { actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'], indexes: [], leadingKeys: ['OPEN#*'] },
  // The dead-letter queues' watch: its own DLQWATCH items (when each queue was first seen holding a message).
  dlqWatch: { actions: ['dynamodb:GetItem', 'dynamodb:PutItem'], indexes: [], leadingKeys: ['DLQWATCH'] },
  requeueStale: { actions: ['dynamodb:Query'], indexes: [GSI.byStatus.indexName] },
  // Reminders and escalations: read the case, commit the timer's event (conditional Update); the
  // effects sweep lists the marked cases (pendingEffects index, keys only).
  lifecycleTimer: {
    actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query'],
    indexes: [GSI.pendingEffects.indexName],
  },
} as const satisfies Record<string, TableAccess>;

/**
 * The single table (key design in shared/adapters/dynamo/table-design.ts): cases, submissions,
 * counters, staff, reply throttles and the bounce registry. On-demand, point-in-time recovery,
 * encrypted with the AWS-managed key (no key policy to manage, nothing for the functions to be granted),
 * TTL on the throttle and idempotency items.
 */
export class CaseTable extends Construct {
  /** The table the functions use: the stack's own, or the restored one named by tableNameOverride. */
  readonly table: dynamodb.ITable;
  /** The stack's own table, kept in the template whatever the functions use. */
  readonly ownTable: dynamodb.Table;

  constructor(scope: Construct, id: string, props: CaseTableProps) {
    super(scope, id);
    this.ownTable = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: TTL_ATTRIBUTE,
      deletionProtection: props.retainData,
      removalPolicy: props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    // CloudFormation adds (or removes) one GSI per stack update: a new index in table-design.ts
    // deploys alone (shared/adapters/dynamo/README.md).
    for (const index of ALL_GSIS) {
      this.ownTable.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        ...(index.sortKey ? { sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING } } : {}),
        // Only what the index readers need (table-design.ts): case rewrites do not copy whole items.
        ...(index.nonKeyAttributes.length > 0
          ? { projectionType: dynamodb.ProjectionType.INCLUDE, nonKeyAttributes: [...index.nonKeyAttributes] }
          : { projectionType: dynamodb.ProjectionType.KEYS_ONLY }),
      });
    }
    // A restore keeps the keys and the GSIs; TTL, PITR, deletion protection and tags are set on it by
    // hand (the runbook), as CloudFormation does not own it.
    this.table =
      props.tableNameOverride === undefined
        ? this.ownTable
        : dynamodb.Table.fromTableName(this, 'Restored', props.tableNameOverride);
  }

  /**
   * Closing or transferring a case deletes its analyst's open-case marker (`STAFF / OPENCASE#…`, one
   * per open (analyst, case)): DeleteItem, and only in the `STAFF` partition. IAM cannot tell sort
   * keys apart (LeadingKeys is the partition key), so the roster items beside the markers are in
   * scope too: nothing a grantee could not already overwrite with its PutItem/UpdateItem, and no
   * case, pointer or other partition can be deleted. The markers share that partition so that one
   * Query reads the roster with every count (issue 16).
   */
  grantOpenCaseRelease(grantee: iam.IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ReleaseOpenCaseMarkers',
        actions: ['dynamodb:DeleteItem'],
        resources: [this.table.tableArn],
        conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [STAFF_PK] } },
      }),
    );
  }

  /**
   * Batch reads of case items (`CASE#`) only: the webform's look-up of a post's case under its
   * current and previous content keys in one BatchGetItem (issue 16); the console's decisions of a
   * sender search's guided rows, one BatchGetItem a page (gsi2-sender projects no decision).
   */
  grantCaseBatchReads(grantee: iam.IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'CaseBatchReads',
        actions: ['dynamodb:BatchGetItem'],
        resources: [this.table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [CASE_ITEM_PREFIX] } },
      }),
    );
  }

  /**
   * The bounce memory's writer marks the bouncing address's open cases (`merchantBounceUntil`,
   * bounce-registry.ts) so the analyst's mails warn of it without reading the memory: UpdateItem on
   * case items (`CASE#`) only — the SES feedback function reads no case.
   */
  grantBounceMarks(grantee: iam.IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'MarkBouncingCases',
        actions: ['dynamodb:UpdateItem'],
        resources: [this.table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [CASE_ITEM_PREFIX] } },
      }),
    );
  }

  /**
   * The bounce breaker (shared/domain/bounce-breaker.ts): the SES feedback function adds permanent
   * bounces to the hour's counter (UpdateItem), the intake's guidance path reads two hours of it
   * (BatchGetItem) — each on those counter items only.
   */
  grantBounceBreaker(grantee: iam.IGrantable, use: 'count' | 'read'): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: use === 'count' ? 'CountSesBounces' : 'ReadBounceBreaker',
        actions: [use === 'count' ? 'dynamodb:UpdateItem' : 'dynamodb:BatchGetItem'],
        resources: [this.table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [SES_BOUNCES_PREFIX] } },
      }),
    );
  }

  /**
   * The held-reply sweep (shared/app/held-replies.ts) deletes the HELDREPLY# items it sent or found
   * answered: DeleteItem on those items only (it puts none; the intake does, with its PutItem).
   */
  grantHeldReplyRemoval(grantee: iam.IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'RemoveHeldReplies',
        actions: ['dynamodb:DeleteItem'],
        resources: [this.table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${HELD_REPLY_PK_PREFIX}*`] } },
      }),
    );
  }

  /**
   * The automatic reply's Message-ID pointers, written after the send in one BatchWriteItem
   * (issue 16): batch puts, and only on `MSGID#` items.
   */
  grantSentMailPointers(grantee: iam.IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'SentMailPointers',
        actions: ['dynamodb:BatchWriteItem'],
        resources: [this.table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [SENT_MAIL_POINTER_PREFIX] } },
      }),
    );
  }

  /** The actions of one TABLE_ACCESS entry on the table and the indexes it names, one by one (no index/*). */
  grantAccess(grantee: iam.IGrantable, access: TableAccess): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'CaseTableItems',
        actions: [...access.actions],
        resources: [
          this.table.tableArn,
          ...access.indexes.map((indexName) => `${this.table.tableArn}/index/${indexName}`),
        ],
        ...(access.leadingKeys
          ? { conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...access.leadingKeys] } } }
          : {}),
      }),
    );
  }
}
