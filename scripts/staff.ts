/**
 * Staff roster command: `npm run staff -- <command> ...` against AWS (TABLE_NAME, default region
 * and credentials) or the local stack (DYNAMODB_ENDPOINT=http://127.0.0.1:8000, dummy credentials).
 *
 * Structure: a pure argument parser (`parseStaffArgs`, throws UsageError) and an executor
 * (`runStaffCommand`) over the StaffRepository port, so both are unit-testable without AWS.
 * Exit codes: 0 done, 2 bad input (usage, unknown id, …), 1 anything else (AWS errors).
 */
import { requeueWaiting as requeueWaitingCases } from '../shared/app/requeue-waiting';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { OpenCaseMigration } from '../shared/adapters/dynamo/open-case-migration';
import {
  type Analyst,
  activeHolderOf,
  isIsoDate,
  isStaffName,
  newMemberProblem,
  type RosterRules,
  STAFF_ID,
  STAFF_ID_MAX,
  STAFF_NAME_MAX,
} from '../shared/domain/staff';
import type { AssignmentQueue, CaseRepository, StaffChange, StaffRepository } from '../shared/ports';
import { ENV } from '../shared/runtime-env';
import { cliErrorMessage, runWhenMain } from './run-cli';

// The SDK warns that its 2027 releases need Node 22; not news to someone managing the roster.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export const USAGE = `Usage: npm run staff -- <command>

Commands:
  list [--json]                                        show the roster
  add <id> --name "Ana Souza" --email ana@example.com   add an analyst (active) [--inactive]
  leave <id> --from YYYY-MM-DD --to YYYY-MM-DD         record a leave (dates inclusive)
  return <id>                                          end a leave
  activate <id> | deactivate <id>                      include in / exclude from assignment
  remove <id> [--force]                                delete from the roster (--force with open cases)
  migrate-open-cases                                   once, after deploying issue 16: move the open-case
                                                       markers into the roster's partition (idempotent)

<id>: 1-63 characters, lowercase letters, digits, ".", "_" or "-" (e.g. "ana" or "ana.souza").

Environment:
  TABLE_NAME             the Ouvidoria table (required)
  OUVIDORIA_ENV          on AWS, infra/config/<env>.json (default dev): new members are checked against it
  DYNAMODB_ENDPOINT      local stack endpoint, e.g. http://127.0.0.1:8000 (omit on AWS)
  ASSIGNMENT_QUEUE_URL   after add/return/activate, waiting cases are re-queued here`;

export type StaffCommand =
  | { kind: 'help' }
  | { kind: 'list'; json: boolean }
  | { kind: 'add'; id: string; name: string; email: string; active: boolean }
  | { kind: 'leave'; id: string; from: string; to: string }
  | { kind: 'return'; id: string }
  | { kind: 'activate'; id: string }
  | { kind: 'deactivate'; id: string }
  | { kind: 'remove'; id: string; force: boolean }
  | { kind: 'migrate-open-cases' };

/** Bad input: printed with the usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Input that is well formed but does not fit the roster (unknown id, duplicate): exit code 2. */
export class StaffInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StaffInputError';
  }
}

function parseId(value: string | undefined, command: string): string {
  if (value === undefined || value === '') throw new UsageError(`${command}: missing <id>`);
  if (!STAFF_ID.test(value)) {
    throw new UsageError(
      `${command}: invalid id ${JSON.stringify(value)} (1-${STAFF_ID_MAX} characters: lowercase letters, digits, ".", "_" or "-")`,
    );
  }
  return value;
}

function parseName(value: string | undefined): string {
  const name = value?.trim() ?? '';
  if (name === '') throw new UsageError('add: --name is required, e.g. --name "Ana Souza"');
  if (name.length > STAFF_NAME_MAX) throw new UsageError(`add: --name is longer than ${STAFF_NAME_MAX} characters`);
  if (!isStaffName(name))
    throw new UsageError('add: --name must not contain line breaks, control or invisible characters');
  return name;
}

function parseEmail(value: string | undefined): string {
  const email = value?.trim().toLowerCase() ?? '';
  if (email === '') throw new UsageError('add: --email is required, e.g. --email ana@example.com');
  if (email.length > 254 || !z.email().safeParse(email).success) {
    throw new UsageError(`add: --email ${JSON.stringify(value)} is not a valid email address`);
  }
  return email;
}

function parseDate(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new UsageError(`leave: ${flag} YYYY-MM-DD is required`);
  if (!isIsoDate(value)) {
    throw new UsageError(`leave: ${flag} ${JSON.stringify(value)} is not a date (YYYY-MM-DD)`);
  }
  return value;
}

type OptionSpec = Record<string, { type: 'string' | 'boolean' }>;

const OPTIONS: Record<Exclude<StaffCommand['kind'], 'help'>, OptionSpec> = {
  list: { json: { type: 'boolean' } },
  add: { name: { type: 'string' }, email: { type: 'string' }, inactive: { type: 'boolean' } },
  leave: { from: { type: 'string' }, to: { type: 'string' } },
  return: {},
  activate: {},
  deactivate: {},
  remove: { force: { type: 'boolean' } },
  'migrate-open-cases': {},
};

function isCommand(value: string): value is keyof typeof OPTIONS {
  return Object.hasOwn(OPTIONS, value);
}

/** Parses `argv` (without node and script); throws UsageError with a message fit for the user. */
export function parseStaffArgs(argv: readonly string[]): StaffCommand {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') return { kind: 'help' };
  if (!isCommand(command)) throw new UsageError(`unknown command ${JSON.stringify(command)}`);

  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...rest], options: OPTIONS[command], allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${command}: ${(error as Error).message}`);
  }
  const { values, positionals } = parsed;
  const str = (key: string) => values[key] as string | undefined;
  const bool = (key: string) => values[key] === true;

  const maxPositionals = command === 'list' || command === 'migrate-open-cases' ? 0 : 1;
  if (positionals.length > maxPositionals) {
    throw new UsageError(
      `${command}: unexpected argument ${JSON.stringify(positionals[maxPositionals])}` +
        (command === 'add' ? ' (quote a name with spaces: --name "Ana Souza")' : ''),
    );
  }

  switch (command) {
    case 'list':
      return { kind: 'list', json: bool('json') };
    case 'add':
      return {
        kind: 'add',
        id: parseId(positionals[0], command),
        name: parseName(str('name')),
        email: parseEmail(str('email')),
        active: !bool('inactive'),
      };
    case 'leave': {
      const id = parseId(positionals[0], command);
      const from = parseDate(str('from'), '--from');
      const to = parseDate(str('to'), '--to');
      if (from > to) throw new UsageError(`leave: --from ${from} is after --to ${to}`);
      return { kind: 'leave', id, from, to };
    }
    case 'remove':
      return { kind: 'remove', id: parseId(positionals[0], command), force: bool('force') };
    case 'migrate-open-cases':
      return { kind: command };
    case 'return':
    case 'activate':
    case 'deactivate':
      return { kind: command, id: parseId(positionals[0], command) };
  }
}

export interface StaffCliDeps {
  staff: StaffRepository;
  /** Needed to re-queue waiting cases after add/return/activate. */
  cases?: CaseRepository;
  /** Absent when ASSIGNMENT_QUEUE_URL is not set: a note is printed instead. */
  queue?: AssignmentQueue;
  /**
   * The configuration a new member is checked against (the office's own addresses, the supervisors'
   * ids): the local stack's, or infra/config/<OUVIDORIA_ENV or dev>.json on AWS.
   */
  rules: RosterRules;
  /** The one-off marker move of issue 16 (shared/adapters/dynamo/open-case-migration.ts). */
  migrateOpenCases?: () => Promise<OpenCaseMigration>;
  out: (line: string) => void;
}

/** Changes the given fields of a member; an input error when they were removed in the meantime. */
async function mustUpdate(staff: StaffRepository, id: string, change: StaffChange): Promise<void> {
  if (!(await staff.update(id, change))) {
    throw new StaffInputError(`no analyst with id ${JSON.stringify(id)} (see: npm run staff -- list)`);
  }
}

/** An address has one active member at most: mail from it acts as neither of two (domain/staff.ts). */
async function refuseSharedAddress(staff: StaffRepository, email: string, id: string): Promise<void> {
  const holder = activeHolderOf(await staff.list(), email, id);
  if (holder) {
    throw new StaffInputError(
      `${email} is already the address of ${JSON.stringify(holder.id)}, who is active: mail from it would act as neither (deactivate ${holder.id} first)`,
    );
  }
}

/** The office's own address, or a supervisor's id configured with another address (domain/staff.ts newMemberProblem). */
function refuseNewMember(id: string, email: string, rules: RosterRules): void {
  switch (newMemberProblem(id, email, rules)) {
    case 'office-address':
      throw new StaffInputError(
        `${email} is one of the office's own addresses (ombudsman, sending or case reply): notices to this member would come back in as intake mail; use her own work address`,
      );
    case 'supervisor-id':
      throw new StaffInputError(
        `${JSON.stringify(id)} is a supervisor's id in the configuration (lifecycle.supervisorIds), with another address: whoever is added with it would act as supervisor; choose another id`,
      );
    case undefined:
      return;
  }
}

async function mustGet(staff: StaffRepository, id: string): Promise<Analyst> {
  const analyst = await staff.get(id);
  if (!analyst) throw new StaffInputError(`no analyst with id ${JSON.stringify(id)} (see: npm run staff -- list)`);
  return analyst;
}

/** Puts the QUEUED cases back on the assignment queue (shared/app/requeue-waiting.ts). */
async function requeueWaiting(deps: StaffCliDeps): Promise<void> {
  if (!deps.cases) return;
  const { waiting, requeued } = await requeueWaitingCases({
    cases: deps.cases,
    ...(deps.queue ? { queue: deps.queue } : {}),
  });
  if (waiting === 0) return;
  if (!deps.queue) {
    deps.out(
      `Note: ${waiting} case(s) wait for an analyst, but ${ENV.assignmentQueueUrl} is not set: ` +
        'they will be retried at their next scheduled attempt.',
    );
    return;
  }
  deps.out(`Re-queued ${requeued} waiting case(s) for assignment.`);
}

export function formatRoster(analysts: Analyst[]): string[] {
  if (analysts.length === 0)
    return ['The roster is empty. Add someone: npm run staff -- add <id> --name ... --email ...'];
  const header = ['ID', 'NAME', 'EMAIL', 'ACTIVE', 'LEAVE', 'OPEN', 'LAST ASSIGNED'];
  const rows = [...analysts]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((a) => [
      a.id,
      a.name,
      a.email,
      a.active ? 'yes' : 'no',
      a.leave ? `${a.leave.from}..${a.leave.to}` : '-',
      String(a.openCases),
      a.lastAssignedAt ?? '-',
    ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  return [header, ...rows].map((r) =>
    r
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}

/** "1 open case", "3 open cases". */
function openCasesEn(n: number): string {
  return `${n} open case${n === 1 ? '' : 's'}`;
}

/**
 * Someone who stops taking cases keeps the ones they have: whoever ran the command is told how
 * many, to move them (the console says the same after its own leave and deactivation).
 */
function keptCases(analyst: Pick<Analyst, 'id' | 'openCases'>): string {
  const n = analyst.openCases;
  if (!(n > 0)) return '';
  return ` ${analyst.id} keeps ${openCasesEn(n)}: transfer ${n === 1 ? 'it' : 'them'} to someone else (staff console, case list filtered by analyst).`;
}

export async function runStaffCommand(command: StaffCommand, deps: StaffCliDeps): Promise<void> {
  const { staff, out } = deps;
  switch (command.kind) {
    case 'help':
      out(USAGE);
      return;
    case 'list': {
      const analysts = await staff.list();
      if (command.json) out(JSON.stringify(analysts, null, 2));
      else for (const line of formatRoster(analysts)) out(line);
      return;
    }
    case 'add': {
      if (await staff.get(command.id)) {
        throw new StaffInputError(
          `analyst ${JSON.stringify(command.id)} already exists (use activate, leave or return; or remove it first)`,
        );
      }
      refuseNewMember(command.id, command.email, deps.rules);
      if (command.active) await refuseSharedAddress(staff, command.email, command.id);
      await staff.put({ id: command.id, name: command.name, email: command.email, active: command.active });
      out(`Added ${command.id}${command.active ? '' : ' (inactive)'}.`);
      if (command.active) await requeueWaiting(deps);
      return;
    }
    case 'leave': {
      const analyst = await mustGet(staff, command.id);
      // Only the field this command changes: a console edit at the same moment keeps its own.
      await mustUpdate(staff, command.id, { leave: { from: command.from, to: command.to } });
      out(`${command.id} is on leave from ${command.from} to ${command.to} (inclusive).${keptCases(analyst)}`);
      return;
    }
    case 'return': {
      const analyst = await mustGet(staff, command.id);
      await mustUpdate(staff, command.id, { leave: null });
      out(analyst.leave ? `${command.id} is back from leave.` : `${command.id} was not on leave.`);
      if (analyst.active) await requeueWaiting(deps);
      return;
    }
    case 'activate':
    case 'deactivate': {
      const analyst = await mustGet(staff, command.id);
      const active = command.kind === 'activate';
      if (active) await refuseSharedAddress(staff, analyst.email, command.id);
      await mustUpdate(staff, command.id, { active });
      out(active ? `${command.id} is active.` : `${command.id} is inactive.${keptCases(analyst)}`);
      if (active) await requeueWaiting(deps);
      return;
    }
    case 'remove': {
      const analyst = await mustGet(staff, command.id);
      if (analyst.openCases > 0 && !command.force) {
        throw new StaffInputError(
          `${command.id} has ${openCasesEn(analyst.openCases)}: use "deactivate ${command.id}" to stop new ` +
            'assignments, or "remove --force" to delete anyway',
        );
      }
      await staff.remove(command.id);
      out(`Removed ${command.id}.`);
      return;
    }
    case 'migrate-open-cases': {
      if (!deps.migrateOpenCases) throw new Error('migrate-open-cases needs the DynamoDB table');
      const { moved, dropped } = await deps.migrateOpenCases();
      out(`Open-case markers: ${moved} moved, ${dropped} of cases no longer open dropped.`);
      return;
    }
  }
}

/** Runs the command; returns the process exit code. */
export async function main(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  io: { out: (line: string) => void; err: (line: string) => void } = {
    out: (l) => console.log(l),
    err: (l) => console.error(l),
  },
): Promise<number> {
  let command: StaffCommand;
  try {
    command = parseStaffArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`Error: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (command.kind === 'help') {
    io.out(USAGE);
    return 0;
  }
  const tableName = env[ENV.tableName];
  if (!tableName) {
    io.err(`Error: set ${ENV.tableName} (and ${ENV.dynamoEndpoint} for the local stack).\n\n${USAGE}`);
    return 2;
  }
  try {
    const deps = await depsFromEnv(env, tableName, io.out);
    await runStaffCommand(command, deps);
    return 0;
  } catch (error) {
    if (error instanceof StaffInputError) {
      io.err(`Error: ${error.message}`);
      return 2;
    }
    // The SDK's bare "Region is missing" says neither the variable nor that AWS was next (cliErrorMessage).
    io.err(`Failed: ${(error as Error).name}: ${cliErrorMessage(error)}`);
    return 1;
  }
}

async function depsFromEnv(env: NodeJS.ProcessEnv, tableName: string, out: (l: string) => void): Promise<StaffCliDeps> {
  // Loaded lazily: the unit tests import the parser without the AWS SDK.
  const { documentClient } = await import('../shared/adapters/dynamo/client');
  const { DynamoStaffRepository } = await import('../shared/adapters/dynamo/staff-repository');
  const { DynamoCaseRepository } = await import('../shared/adapters/dynamo/case-repository');
  const { migrateOpenCaseMarkers } = await import('../shared/adapters/dynamo/open-case-migration');
  const endpoint = env[ENV.dynamoEndpoint];
  const client = documentClient(endpoint ? { endpoint } : {});
  const queueUrl = env[ENV.assignmentQueueUrl];
  let queue: AssignmentQueue | undefined;
  if (queueUrl) {
    const { SQSClient } = await import('@aws-sdk/client-sqs');
    const { SqsAssignmentQueue } = await import('../shared/adapters/sqs-assignment-queue');
    queue = new SqsAssignmentQueue(new SQSClient({}), queueUrl);
  }
  return {
    rules: await rosterRulesFrom(env),
    staff: new DynamoStaffRepository(client, tableName),
    cases: new DynamoCaseRepository({ client, tableName }),
    ...(queue ? { queue } : {}),
    migrateOpenCases: () => migrateOpenCaseMarkers(client, tableName),
    out,
  };
}

/** The local stack's configuration (DYNAMODB_ENDPOINT set), else the deploy's of OUVIDORIA_ENV (default dev). */
async function rosterRulesFrom(env: NodeJS.ProcessEnv): Promise<RosterRules> {
  if (env[ENV.dynamoEndpoint]) return (await import('../shared/domain/config')).localConfig;
  const { loadDeploymentConfig, sealedRuntimeConfigOf } = await import('../infra/config');
  return sealedRuntimeConfigOf(loadDeploymentConfig(env.OUVIDORIA_ENV ?? 'dev'));
}

runWhenMain(import.meta.url, (argv) => main(argv, process.env));
