/** An ombudsman analyst in the roster. */
export interface Analyst {
  /** Short stable id, e.g. "ana". */
  id: string;
  name: string;
  email: string;
  active: boolean;
  /** Inclusive ISO dates of a leave; the analyst gets no case in between. */
  leave?: { from: string; to: string };
  /** Cases currently ASSIGNED to the analyst (kept by the repository, never negative). */
  openCases: number;
  /** ISO instant of the last assignment; undefined for someone never assigned. */
  lastAssignedAt?: string;
}
