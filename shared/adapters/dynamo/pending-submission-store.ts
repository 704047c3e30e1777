import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { PendingForm, PendingSubmission, PendingSubmissionStore } from '../../ports';
import { isConditionalCheckFailed } from './client';
import { GSI, pendingSenderPk, TTL_ATTRIBUTE } from './table-design';

export { pendingSenderPk };
export const pendingSubmissionKey = (id: string) => ({ pk: `PENDING#${id}`, sk: 'PENDING' });

/**
 * Webform posts waiting for their confirmation link (PendingSubmissionStore): `PENDING#<id> / PENDING`,
 * indexed by address on the sender index (`PENDINGSENDER#<email>`, for data-subject requests) and
 * deleted by DynamoDB's TTL at the link's expiry.
 */
export class DynamoPendingSubmissionStore implements PendingSubmissionStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(pending: PendingSubmission): Promise<boolean> {
    const email = pending.email.trim().toLowerCase();
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...pendingSubmissionKey(pending.id),
            type: 'PENDING',
            id: pending.id,
            senderEmail: email,
            form: pending.form,
            ...(pending.pendingUploadId ? { pendingUploadId: pending.pendingUploadId } : {}),
            createdAt: pending.createdAt,
            linkExpiresAt: pending.expiresAt,
            [GSI.bySender.partitionKey]: pendingSenderPk(email),
            [GSI.bySender.sortKey as string]: `${pending.createdAt}#${pending.id}`,
            [TTL_ATTRIBUTE]: Math.ceil(Date.parse(pending.expiresAt) / 1000),
          },
          // An item past its link's expiry waits for DynamoDB's TTL (up to days): it is no post any more.
          ConditionExpression: 'attribute_not_exists(pk) OR linkExpiresAt <= :now',
          ExpressionAttributeValues: { ':now': pending.createdAt },
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      return false;
    }
  }

  async get(id: string): Promise<PendingSubmission | null> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: pendingSubmissionKey(id), ConsistentRead: true }),
    );
    if (!Item || typeof Item['senderEmail'] !== 'string' || typeof Item['form'] !== 'object') return null;
    return {
      id,
      email: Item['senderEmail'],
      form: Item['form'] as PendingForm,
      ...(typeof Item['pendingUploadId'] === 'string' ? { pendingUploadId: Item['pendingUploadId'] } : {}),
      createdAt: String(Item['createdAt']),
      expiresAt: String(Item['linkExpiresAt']),
      ...(typeof Item['confirmedCaseId'] === 'string' ? { confirmedCaseId: Item['confirmedCaseId'] } : {}),
      ...(typeof Item['repeatUploadId'] === 'string' ? { repeatUploadId: Item['repeatUploadId'] } : {}),
    };
  }

  async claimMail(id: string, now: Date, staleBefore: Date): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: pendingSubmissionKey(id),
          UpdateExpression: 'SET mailClaimedAt = :now',
          ConditionExpression:
            'attribute_exists(pk) AND attribute_not_exists(mailedAt) AND (attribute_not_exists(mailClaimedAt) OR mailClaimedAt < :stale)',
          ExpressionAttributeValues: { ':now': now.toISOString(), ':stale': staleBefore.toISOString() },
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      return false;
    }
  }

  markMailed(id: string, at: Date): Promise<void> {
    return this.setIfExists(id, 'mailedAt', at.toISOString());
  }

  async releaseMail(id: string): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: pendingSubmissionKey(id),
          UpdateExpression: 'REMOVE mailClaimedAt',
          ConditionExpression: 'attribute_exists(pk)',
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  markConfirmed(id: string, caseId: string): Promise<void> {
    return this.setIfExists(id, 'confirmedCaseId', caseId);
  }

  noteRepeatUpload(id: string, uploadId: string): Promise<void> {
    return this.setIfExists(id, 'repeatUploadId', uploadId);
  }

  private async setIfExists(id: string, attribute: 'confirmedCaseId' | 'repeatUploadId' | 'mailedAt', value: string) {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: pendingSubmissionKey(id),
          UpdateExpression: 'SET #a = :v',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#a': attribute },
          ExpressionAttributeValues: { ':v': value },
        }),
      );
    } catch (error) {
      // Erased or expired meanwhile: nothing to set (an update would recreate a bare item).
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }
}
