/**
 * The quarantine review queue on the single table (shared/app/quarantine.ts): one Query of the
 * status index partition STATUS#QUARANTINED per page, newest first, reviewed records filtered out
 * inside the Query (never a Scan); discard is one conditional UpdateItem (still QUARANTINED and
 * not reviewed) that records who and when, in the history too; so is release (the new decision,
 * the status index key and the removal of the quarantine's suppressed reply in the same write).
 * A release that opened a case then clears the quarantine's LGPD expiry from the case's items
 * (keepOpen), so the open case is not deleted `redirectRetentionDays` after the mail arrived.
 */
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { indexKeyOf, queryFilledPage } from './paged-query';
import type { QuarantinedSummary, QuarantinePage, QuarantineStore } from '../../app/quarantine';
import type { JoinedRelease, QuarantineReleaseStore, ReleasedDecision } from '../../app/quarantine-release';
import type { CaseRecord } from '../../domain/case';
import type { Decision, TicketCandidate } from '../../domain/decision';
import type { HistoryEvent } from '../../domain/lifecycle/types';
import { lastReleaseRefused, type ReleaseRefused } from '../../domain/quarantine-release';
import type { MessageTextStore } from '../../ports';
import { applyCaseRetention } from './case-retention';
import { isConditionalCheckFailed } from './client';
import { GSI, statusGsiPk, TTL_ATTRIBUTE } from './table-design';

export class DynamoQuarantineStore implements QuarantineStore, QuarantineReleaseStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** Where the case's long message texts are kept (issue 16): their expiry tag goes too. */
    private readonly texts?: MessageTextStore,
  ) {}

  async keepOpen(record: Pick<CaseRecord, 'caseId' | 'messageIds'>): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: `CASE#${record.caseId}`, sk: 'CASE' },
          // A case closed since (a resumed release) keeps the expiry its closing set.
          ConditionExpression: 'attribute_exists(pk) AND #status <> :closed',
          UpdateExpression: 'REMOVE #ttl',
          ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE, '#status': 'status' },
          ExpressionAttributeValues: { ':closed': 'CLOSED' },
        }),
      );
    } catch (error) {
      if (isConditionalCheckFailed(error)) return;
      throw error;
    }
    await applyCaseRetention(
      this.client,
      this.tableName,
      { caseId: record.caseId, messageIds: record.messageIds },
      null,
      // The closing instant is read only when an expiry is set; this removes one.
      this.texts ? { store: this.texts, closedAt: new Date(0) } : undefined,
    );
  }

  async listQuarantined(page: { limit: number; cursor?: string }): Promise<QuarantinePage> {
    // Reviewed (discarded) mail stays under QUARANTINED until it expires: the page reads past it.
    const out = await queryFilledPage(
      this.client,
      {
        TableName: this.tableName,
        IndexName: GSI.byStatus.indexName,
        KeyConditionExpression: '#pk = :pk',
        FilterExpression: 'attribute_not_exists(#reviewedAt)',
        ExpressionAttributeNames: { '#pk': GSI.byStatus.partitionKey, '#reviewedAt': 'reviewedAt' },
        ExpressionAttributeValues: { ':pk': statusGsiPk('QUARANTINED') },
      },
      page,
      (item) => indexKeyOf(item, GSI.byStatus),
    );
    const items = out.items.map((item): QuarantinedSummary => {
      const refused = lastReleaseRefused(item['history'] as HistoryEvent[] | undefined);
      const decision = (item['decision'] ?? {}) as { reason?: unknown; ruleIds?: unknown };
      return {
        caseId: String(item['caseId']),
        senderEmail: String(item['senderEmail'] ?? ''),
        subject: String(item['subject'] ?? ''),
        createdAt: String(item['createdAt'] ?? ''),
        reason: typeof decision.reason === 'string' ? decision.reason : '',
        ruleIds: Array.isArray(decision.ruleIds) ? decision.ruleIds.map(String) : [],
        ...(refused ? { releaseRefused: refused } : {}),
      };
    });
    return { items, ...(out.next ? { next: out.next } : {}) };
  }

  async discard(caseId: string, by: string, at: string): Promise<boolean> {
    const event: HistoryEvent = {
      at,
      actor: { kind: 'staff', id: by, role: 'supervisor' },
      type: 'quarantine-discarded',
    };
    return this.review(caseId, { outcome: 'discarded', by, at, event });
  }

  async release(caseId: string, released: ReleasedDecision | JoinedRelease, by: string, at: string): Promise<boolean> {
    // Joined her open case: the record only leaves the review queue, still quarantined mail.
    if ('joined' in released) return this.review(caseId, { outcome: 'released', by, at, event: released.event });
    // An accepted case's mailed files, keyed for the uploads bucket, in this same write (no request of their own).
    const files = released.attachments;
    // The case its thread named (linkedProtocol, referencedCaseId…), kept as the intake's record keeps it.
    const links = Object.entries(released.links ?? {}).filter(([, v]) => v !== undefined);
    return this.review(caseId, {
      outcome: 'released',
      by,
      at,
      event: released.event,
      // The new decision, the status index key moved with the status, the quarantine's reply gone with
      // its claim (a mail the intake failed on had its notice sent: the new outcome gets its own reply).
      set:
        '#status = :status, #gsiPk = :gsiPk, #outcome = :outcome, #decision = :decision, #candidates = :candidates' +
        (files ? ', #fm.#att = :att' : '') +
        links.map(([k]) => `, #link_${k} = :link_${k}`).join(''),
      remove: '#reply, #replyClaimedAt',
      names: {
        '#gsiPk': GSI.byStatus.partitionKey,
        '#outcome': 'outcome',
        '#decision': 'decision',
        '#candidates': 'ticketCandidates',
        '#reply': 'reply',
        '#replyClaimedAt': 'replyClaimedAt',
        ...(files ? { '#fm': 'firstMessage', '#att': 'attachments' } : {}),
        ...Object.fromEntries(links.map(([k]) => [`#link_${k}`, k])),
      },
      values: {
        ':status': released.status,
        ':gsiPk': statusGsiPk(released.status),
        ':outcome': released.outcome,
        ':decision': released.decision,
        ':candidates': released.ticketCandidates,
        ...(files ? { ':att': files } : {}),
        ...Object.fromEntries(links.map(([k, v]) => [`:link_${k}`, v])),
      },
    });
  }

  async requarantine(caseId: string, decision: Decision, ticketCandidates: TicketCandidate[]): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: `CASE#${caseId}`, sk: 'CASE' },
          ConditionExpression: '#status = :q AND attribute_not_exists(#reviewedAt)',
          UpdateExpression: 'SET #decision = :decision, #candidates = :candidates',
          ExpressionAttributeNames: {
            '#status': 'status',
            '#reviewedAt': 'reviewedAt',
            '#decision': 'decision',
            '#candidates': 'ticketCandidates',
          },
          ExpressionAttributeValues: { ':q': 'QUARANTINED', ':decision': decision, ':candidates': ticketCandidates },
        }),
      );
    } catch (error) {
      // Reviewed or discarded meanwhile: that review stands.
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  async noteRefusal(caseId: string, refused: ReleaseRefused, event: HistoryEvent): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: `CASE#${caseId}`, sk: 'CASE' },
          // Never creates an item: a record expired meanwhile stays gone. The same request redelivered
          // (its `requestedAt`) was noted already: one history line per refusal.
          ConditionExpression:
            'attribute_exists(pk) AND (attribute_not_exists(#refused.#requestedAt) OR #refused.#requestedAt <> :requestedAt)',
          UpdateExpression:
            'SET #refused = :refused, #history = list_append(if_not_exists(#history, :empty), :event), ' +
            '#version = if_not_exists(#version, :zero) + :one',
          ExpressionAttributeNames: {
            '#refused': 'releaseRefused',
            '#requestedAt': 'requestedAt',
            '#history': 'history',
            '#version': 'version',
          },
          ExpressionAttributeValues: {
            ':refused': refused,
            ':requestedAt': refused.requestedAt ?? refused.at,
            ':empty': [],
            ':event': [event],
            ':zero': 0,
            ':one': 1,
          },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  /** One conditional write (still QUARANTINED, not yet reviewed): who, when, the outcome, the history event. */
  private async review(
    caseId: string,
    review: {
      outcome: 'discarded' | 'released';
      by: string;
      at: string;
      event: HistoryEvent;
      set?: string;
      remove?: string;
      names?: Record<string, string>;
      values?: Record<string, unknown>;
    },
  ): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: `CASE#${caseId}`, sk: 'CASE' },
          ConditionExpression: '#status = :q AND attribute_not_exists(#reviewedAt)',
          UpdateExpression:
            `SET ${review.set ? `${review.set}, ` : ''}#reviewedAt = :at, #reviewOutcome = :review, #reviewedBy = :by, ` +
            '#updatedAt = :at, #history = list_append(if_not_exists(#history, :empty), :event), ' +
            `#version = if_not_exists(#version, :zero) + :one${review.remove ? ` REMOVE ${review.remove}` : ''}`,
          ExpressionAttributeNames: {
            '#status': 'status',
            '#reviewedAt': 'reviewedAt',
            '#reviewOutcome': 'reviewOutcome',
            '#reviewedBy': 'reviewedBy',
            '#updatedAt': 'updatedAt',
            '#history': 'history',
            '#version': 'version',
            ...review.names,
          },
          ExpressionAttributeValues: {
            ':q': 'QUARANTINED',
            ':at': review.at,
            ':review': review.outcome,
            ':by': review.by,
            ':empty': [],
            ':event': [review.event],
            ':zero': 0,
            ':one': 1,
            ...review.values,
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }
}
