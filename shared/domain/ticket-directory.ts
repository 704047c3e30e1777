/**
 * What the domain needs from the company's support desk (Zendesk in production, a table in local
 * runs and tests): look a ticket up by id. Declared here, beside the ticket rules that use it, so
 * the domain depends on nothing outside itself; `shared/ports.ts` re-exports it for the adapters.
 */

/** A support-desk ticket as the directory knows it. */
export interface TicketRecord {
  id: string;
  requesterEmail: string;
  status?: string;
}

/** Thrown by a ticket directory that could not answer (timeout, 5xx, bad credentials). */
export class TicketDirectoryUnavailable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TicketDirectoryUnavailable';
  }
}

export interface TicketDirectory {
  /** The ticket, or null when it does not exist. Throws TicketDirectoryUnavailable on failure. */
  find(ticketId: string): Promise<TicketRecord | null>;
}
