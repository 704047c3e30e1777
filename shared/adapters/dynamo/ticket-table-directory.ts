import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { TicketDirectory, TicketRecord } from '../../ports';

/** Ticket numbers are digits; anything else cannot be a ticket (and never reaches a key). */
const TICKET_ID = /^\d{1,20}$/;
const ticketKey = (id: string) => ({ pk: `TICKET#${id}`, sk: 'TICKET' });

/** Table-backed ticket directory for local runs and tests (items TICKET#<id>). */
export class TableTicketDirectory implements TicketDirectory {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async find(ticketId: string): Promise<TicketRecord | null> {
    if (!TICKET_ID.test(ticketId)) return null;
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: ticketKey(ticketId), ConsistentRead: true }),
    );
    if (!Item) return null;
    return {
      id: ticketId,
      requesterEmail: String(Item['requesterEmail'] ?? ''),
      ...(typeof Item['status'] === 'string' ? { status: Item['status'] } : {}),
    };
  }
}

/** Seeds (or replaces) a ticket, e.g. from the local stack's fixtures. */
export async function putTicket(
  client: DynamoDBDocumentClient,
  tableName: string,
  ticket: TicketRecord,
): Promise<void> {
  if (!TICKET_ID.test(ticket.id)) throw new Error(`Ticket id must be digits: ${ticket.id}`);
  await client.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...ticketKey(ticket.id),
        type: 'TICKET',
        id: ticket.id,
        requesterEmail: ticket.requesterEmail.trim().toLowerCase(),
        ...(ticket.status ? { status: ticket.status } : {}),
      },
    }),
  );
}
