import type { StaffDirectory } from '../../app/lifecycle/ports';
import type { StaffMember } from '../../domain/lifecycle/types';
import { type Analyst, holdsSupervisorRole, memberByAddress, type SupervisorBinding } from '../../domain/staff';
import type { StaffRepository } from '../../ports';

export interface RosterStaffDirectoryOptions {
  /** The roster (DynamoStaffRepository over the `STAFF` partition). */
  staff: Pick<StaffRepository, 'list' | 'get'>;
  /** Roster ids with the supervisor role: `config.lifecycle.supervisorIds`. */
  supervisorIds: readonly string[];
  /** The address each was configured with (`config.lifecycle.supervisorAddresses`): the role is the id's and its. */
  supervisorAddresses?: Readonly<Record<string, string>>;
}

/**
 * StaffDirectory over the roster items (`STAFF / STAFF#<id>`). The role comes from
 * `config.lifecycle.supervisorIds`; everyone else is an analyst. Lookups by address read the
 * roster partition (one Query: a few dozen analysts and their open-case markers), so a roster edit
 * is seen at once.
 */
export class RosterStaffDirectory implements StaffDirectory {
  private readonly binding: SupervisorBinding;

  constructor(private readonly options: RosterStaffDirectoryOptions) {
    this.binding = {
      supervisorIds: [...options.supervisorIds],
      supervisorAddresses: { ...options.supervisorAddresses },
    };
  }

  private toMember(a: Analyst): StaffMember {
    return {
      id: a.id,
      name: a.name,
      email: a.email.trim().toLowerCase(),
      // Not by id alone: an id reused for someone else is no supervisor's (holdsSupervisorRole).
      role: holdsSupervisorRole(a, this.binding) ? 'supervisor' : 'analyst',
      active: a.active,
      ...(a.leave ? { leave: { from: a.leave.from, to: a.leave.to } } : {}),
      ...(a.sessionsEndedAt ? { sessionsEndedAt: a.sessionsEndedAt } : {}),
    };
  }

  async byEmail(email: string): Promise<StaffMember | null> {
    // Not the first entry with the address: a member re-added under a new id shares it with her old,
    // inactive entry, and whichever sorted first decided whether her mail acted (memberByAddress).
    const found = memberByAddress(await this.options.staff.list(), email);
    return found ? this.toMember(found) : null;
  }

  async byId(id: string): Promise<StaffMember | null> {
    const found = await this.options.staff.get(id);
    return found ? this.toMember(found) : null;
  }

  async roster(): Promise<StaffMember[]> {
    return (await this.options.staff.list()).map((a) => this.toMember(a));
  }

  async supervisors(): Promise<StaffMember[]> {
    return (await this.options.staff.list())
      .map((a) => this.toMember(a))
      .filter((m) => m.role === 'supervisor' && m.active);
  }
}
