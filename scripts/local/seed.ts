/**
 * Seed data of the local stack (events/local-seed.json): the analyst roster and the support
 * tickets of the table-backed ticket directory. Applied on every start and idempotent: analysts
 * already in the table are left as they are (roster edits made with `npm run staff` survive a
 * restart), tickets are replaced.
 */
import { readFile } from 'node:fs/promises';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { putTicket } from '../../shared/adapters/dynamo/ticket-table-directory';
import type { StaffRepository } from '../../shared/ports';
import { STAFF_ID } from '../../shared/domain/staff';

const SeedSchema = z.object({
  analysts: z
    .array(
      z.object({
        id: z.string().regex(STAFF_ID),
        name: z.string().min(1).max(200),
        email: z.email(),
        active: z.boolean().default(true),
      }),
    )
    .min(1),
  tickets: z.array(
    z.object({
      id: z.string().regex(/^\d{1,20}$/, 'ticket ids are digits'),
      requesterEmail: z.email(),
      status: z.string().min(1).max(40).optional(),
      /** Shown in the start banner only. */
      store: z.string().max(200).optional(),
    }),
  ),
});

export type LocalSeed = z.infer<typeof SeedSchema>;

export async function loadSeed(file: string): Promise<LocalSeed> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`Could not read the seed file ${file}: ${(error as Error).message}`);
  }
  const result = SeedSchema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`Invalid seed file ${file}:\n${problems.join('\n')}`);
  }
  return result.data;
}

export async function applySeed(
  seed: LocalSeed,
  target: { client: DynamoDBDocumentClient; tableName: string; staff: StaffRepository },
): Promise<void> {
  for (const analyst of seed.analysts) {
    if (await target.staff.get(analyst.id)) continue;
    await target.staff.put({ id: analyst.id, name: analyst.name, email: analyst.email, active: analyst.active });
  }
  for (const ticket of seed.tickets) {
    await putTicket(target.client, target.tableName, {
      id: ticket.id,
      requesterEmail: ticket.requesterEmail,
      ...(ticket.status ? { status: ticket.status } : {}),
    });
  }
}
