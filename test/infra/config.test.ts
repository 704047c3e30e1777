import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { officeCalendar } from '../../shared/domain/calendar';
import { configSchema } from '../../shared/domain/config';
import { buildApp } from '../../infra/app';
import {
  CONFIG_DIR,
  type DeploymentConfig,
  loadDeploymentConfig,
  parseDeploymentConfig,
  runtimeConfigOf,
  sealedRuntimeConfigOf,
  SUPPORTED_REGIONS,
} from '../../infra/config';
import { staffSeedCommands } from '../../infra/staff-seed';

const devInput = JSON.parse(readFileSync(join(CONFIG_DIR, 'dev.json'), 'utf8')) as Record<string, unknown>;
const dir = mkdtempSync(join(tmpdir(), 'ouvidoria-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Error message of parsing `input`, or '' when it parses. */
function problemsOf(input: unknown): string {
  try {
    parseDeploymentConfig(input, 'test.json');
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

const without = (key: string): Record<string, unknown> => {
  const { [key]: _dropped, ...rest } = devInput;
  return rest;
};

describe('infra/config/dev.json', () => {
  it('is a valid deployment configuration for ouvidoria.example.com.br in us-east-1', () => {
    const config = loadDeploymentConfig('dev');
    expect(config).toMatchObject({
      region: 'us-east-1',
      domain: 'ouvidoria.example.com.br',
      ombudsmanAddresses: ['ouvidoria@ouvidoria.example.com.br'],
      alarmEmails: ['plantao@example.com.br'],
    });
    // No fixed physical names: the stack derives them from the environment (see stack.test.ts).
    expect(config.ruleSetName).toBeUndefined();
    expect(config).not.toHaveProperty('scheduleGroupName');
    expect(config.account).toBeUndefined();
    expect(config.staff.map((s) => s.id)).toEqual(['ana', 'joao', 'sofia']);
    expect(config.lifecycle.supervisorIds).toEqual(['sofia']);
    // Accents survive the JSON file (UTF-8).
    expect(config.staff[1]?.name).toBe('João Pereira');
  });

  it('yields a runtime configuration the functions accept, without deploy-only fields', () => {
    const runtime = runtimeConfigOf(loadDeploymentConfig('dev'));
    expect(configSchema().parse(runtime)).toEqual(runtime);
    for (const key of [
      'region',
      'alarmEmails',
      'staff',
      'zendeskSubdomain',
      'rawMailRetentionDays',
      'activateRuleSet',
    ]) {
      expect(runtime).not.toHaveProperty(key);
    }
    expect(runtime.officeHours).toEqual({ days: [1, 2, 3, 4, 5], open: '09:00', close: '17:00' });
  });

  // Red team 55: the role went by id alone; the functions now hold each supervisor id to the address
  // `staff` gives it, so an id freed and given to someone else carries no supervisor rights.
  it('carries each supervisor’s address from staff, in both runtime forms', () => {
    const deployed = loadDeploymentConfig('dev');
    for (const runtime of [runtimeConfigOf(deployed), sealedRuntimeConfigOf(deployed)]) {
      expect(runtime.lifecycle.supervisorAddresses).toEqual({ sofia: 'sofia.ramos@example.com.br' });
    }
  });
});

describe('deployment configuration validation', () => {
  it('refuses unclaimed uploads that expire before a webform post’s confirmation link (F1)', () => {
    const attachments = { ...(devInput['attachments'] as object), pendingUploadDays: 2 };
    expect(problemsOf({ ...devInput, attachments })).toContain(
      'attachments.pendingUploadDays: attachments.pendingUploadDays must outlast limits.webformConfirmLinkHours by a day',
    );
    const limits = { ...(devInput['limits'] as object), webformConfirmLinkHours: 24 };
    expect(problemsOf({ ...devInput, attachments, limits })).toBe('');
  });

  it('applies the documented defaults for optional deploy fields', () => {
    const minimal = { ...devInput };
    for (const key of [
      'logRetentionDays',
      'activateRuleSet',
      'mailFromSubdomain',
      'dmarcPolicy',
      'webformThrottle',
      'retainData',
      'xrayTracing',
      'logLevel',
      'alarms',
    ]) {
      delete minimal[key];
    }
    expect(parseDeploymentConfig(minimal)).toMatchObject({
      logRetentionDays: 90,
      activateRuleSet: false,
      mailFromSubdomain: 'bounce',
      dmarcPolicy: 'none',
      webformThrottle: { rateLimit: 10, burstLimit: 20 },
      retainData: true,
      xrayTracing: false,
      logLevel: 'INFO',
      alarms: { assignmentQueueMaxAgeMinutes: 15, quarantinedMailPerHour: 20, quarantinedMailHours: 3 },
    } satisfies Partial<DeploymentConfig>);
  });

  it.each([
    ['region', without('region'), 'region'],
    ['alarmEmails', without('alarmEmails'), 'alarmEmails'],
    ['rawMailRetentionDays', without('rawMailRetentionDays'), 'rawMailRetentionDays'],
    // No budget by omission: a test environment opts out with false, said out loud.
    ['monthlyBudgetUsd', without('monthlyBudgetUsd'), 'monthlyBudgetUsd'],
    ['zendeskSubdomain', without('zendeskSubdomain'), 'zendeskSubdomain'],
    ['domain (runtime field)', without('domain'), 'domain'],
    ['links (runtime field)', without('links'), 'links'],
  ])('reports a missing %s by its path', (_name, input, path) => {
    expect(problemsOf(input)).toMatch(new RegExp(`^  - ${path}: `, 'm'));
  });

  it.each([
    ['a region that is not a region code', { region: 'São Paulo' }, 'region: use an AWS region code'],
    ['an account id that is not 12 digits', { account: '1234' }, 'account: use the 12-digit AWS account id'],
    ['an invalid alarm address', { alarmEmails: ['plantão'] }, 'alarmEmails.0: '],
    ['a hosted zone id that is not one', { hostedZone: { zoneId: 'example.com' } }, 'hostedZone.zoneId: '],
    ['a zero retention', { rawMailRetentionDays: 0 }, 'rawMailRetentionDays: '],
    ['a log retention CloudWatch does not offer', { logRetentionDays: 45 }, 'logRetentionDays: use one of 1, 3, 5'],
    [
      'a full Zendesk URL instead of the subdomain',
      { zendeskSubdomain: 'https://x.zendesk.com' },
      'zendeskSubdomain: use the Zendesk subdomain only',
    ],
    ['an uppercase rule set name', { ruleSetName: 'Ouvidoria' }, 'ruleSetName: use lowercase letters'],
    ['a string for a boolean', { activateRuleSet: 'yes' }, 'activateRuleSet: '],
    [
      'the identity flag as the domain name',
      { existingEmailIdentity: 'ouvidoria.example.com.br' },
      'existingEmailIdentity: ',
    ],
    [
      'activating a rule set someone else owns (joining it leaves the active one as it is)',
      { existingRuleSetName: 'empresa-entrada', activateRuleSet: true },
      'activateRuleSet: must be false with existingRuleSetName',
    ],
    [
      'both a rule set of our own and an existing one',
      { existingRuleSetName: 'empresa-entrada', ruleSetName: 'ouvidoria-prod', activateRuleSet: false },
      'ruleSetName: drop it with existingRuleSetName',
    ],
    ['an uppercase existing rule set name', { existingRuleSetName: 'Entrada' }, 'existingRuleSetName: use lowercase'],
    [
      'a staff id longer than the console sign-in carries (Cognito custom:staff_id)',
      {
        staff: [{ id: `sofia.${'ramos'.repeat(8)}`, name: 'Sofia Ramos', email: 'sofia@example.com.br' }],
        lifecycle: { supervisorIds: [`sofia.${'ramos'.repeat(8)}`] },
      },
      'staff.0.id: use a short lowercase id such as "ana" (at most 40 characters',
    ],
    [
      'consent to replace an active rule set without activating ours',
      { activateRuleSet: false, replaceActiveRuleSet: 'empresa-entrada' },
      'replaceActiveRuleSet: only with "activateRuleSet": true',
    ],
    [
      'consent to replace while joining that set',
      { existingRuleSetName: 'empresa-entrada', activateRuleSet: false, replaceActiveRuleSet: 'empresa-entrada' },
      'replaceActiveRuleSet: only with "activateRuleSet": true',
    ],
    [
      'a burst below the rate',
      { webformThrottle: { rateLimit: 50, burstLimit: 10 } },
      'webformThrottle.burstLimit: must be at least rateLimit',
    ],
    ['an unknown log level', { logLevel: 'TRACE' }, 'logLevel: '],
    [
      'an ombudsman address outside the domain',
      { ombudsmanAddresses: ['ouvidoria@outro.com.br'] },
      'ombudsmanAddresses.0: must be an address at ouvidoria.example.com.br',
    ],
    [
      'a from address outside the domain',
      { fromAddress: 'nao-responda@outro.com.br' },
      'fromAddress: must be an address at ouvidoria.example.com.br',
    ],
    [
      'duplicate staff ids',
      {
        staff: [
          { id: 'ana', name: 'Ana Souza', email: 'ana@example.com.br' },
          { id: 'ana', name: 'Ana Lima', email: 'ana.lima@example.com.br' },
        ],
      },
      'staff.1.id: duplicate staff id "ana"',
    ],
    // Red team 55: two members with one address left mail from it to whichever the roster listed first.
    [
      'two staff members with one address (any letter case)',
      {
        staff: [
          { id: 'ana', name: 'Ana Souza', email: 'ana@example.com.br' },
          { id: 'ana.souza', name: 'Ana Souza', email: 'Ana@Example.com.br' },
        ],
      },
      'staff.1.email: "Ana@Example.com.br" is already the address of "ana": one address, one member',
    ],
    ['a staff member without email', { staff: [{ id: 'ana', name: 'Ana' }] }, 'staff.0.email: '],
    // Red team 55: a member at the office's own address gets its notices back as intake mail.
    ...(
      [
        ['the ombudsman address', 'Ouvidoria@ouvidoria.example.com.br'],
        ['the case reply mailbox', 'caso@ouvidoria.example.com.br'],
        ['a case reply address', 'caso+ouv-2026-000001.abcdefghijklmnop@ouvidoria.example.com.br'],
      ] as const
    ).map(([what, email]): [string, Record<string, unknown>, string] => [
      `a staff member at ${what}`,
      { staff: [{ id: 'ana', name: 'Ana Souza', email }] },
      `staff.0.email: "${email}" is one of the office's own addresses`,
    ]),
    // Escalations at the due date and the monthly report are mailed to the supervisors only.
    [
      'no supervisor',
      { lifecycle: { supervisorIds: [] } },
      'lifecycle.supervisorIds: name at least one supervisor (roster id)',
    ],
    [
      'no lifecycle section at all (supervisors default to none)',
      { lifecycle: undefined },
      'lifecycle.supervisorIds: ',
    ],
    // No staff at all: nobody is seeded, the supervisor has no roster entry, escalations go to nobody.
    ['an empty staff list', { staff: [] }, 'lifecycle.supervisorIds.0: "sofia" is not in staff'],
    [
      'no staff section at all (staff defaults to none)',
      { staff: undefined },
      'lifecycle.supervisorIds.0: "sofia" is not in staff',
    ],
    [
      'a supervisor the staff list does not seed',
      { lifecycle: { supervisorIds: ['sofia', 'ines'] } },
      'lifecycle.supervisorIds.1: "ines" is not in staff',
    ],
    [
      'office hours closing before opening (runtime rule)',
      { officeHours: { days: [1], open: '17:00', close: '09:00' } },
      'officeHours: open must be before close',
    ],
  ])('rejects %s with the path in the message', (_name, patch, expected) => {
    const message = problemsOf({ ...devInput, ...patch });
    expect(message).toContain('Invalid deployment configuration (test.json):');
    expect(message).toContain(`  - ${expected}`);
  });

  // Every alarm goes to one SNS topic: with no subscriber it pages no one. Production (data kept) must
  // name someone; a test environment may page no one, but says so.
  it.each([
    [
      'no alarm address and no word about it',
      { alarmEmails: [] },
      'alarmEmails: list at least one on-call address: every alarm (mail stopped, cases stuck) is mailed to them. A test environment that pages nobody says so with "silentAlarms": true',
    ],
    [
      'silent alarms in production (data kept)',
      { alarmEmails: [], silentAlarms: true, retainData: true },
      'silentAlarms: not with "retainData": true',
    ],
    [
      'silent alarms beside listed addresses',
      { alarmEmails: ['plantao@example.com.br'], silentAlarms: true, retainData: false },
      'silentAlarms: drop it, or empty alarmEmails',
    ],
    [
      'the same on-call address twice',
      { alarmEmails: ['plantao@example.com.br', 'ti@example.com.br', 'plantao@example.com.br'] },
      'alarmEmails.2: "plantao@example.com.br" is listed already (alarmEmails.0)',
    ],
    [
      'the same on-call address in another case',
      { alarmEmails: ['plantao@example.com.br', 'Plantao@Example.com.br'] },
      'alarmEmails.1: "Plantao@Example.com.br" is listed already (alarmEmails.0)',
    ],
  ])('refuses alarms that would reach nobody or twice: %s', (_name, patch, expected) => {
    expect(problemsOf({ ...devInput, ...patch })).toContain(`  - ${expected}`);
  });

  it.each([
    ['a table ARN instead of its name', { tableNameOverride: 'arn:aws:dynamodb:us-east-1:123456789012:table/x' }],
    ['a name with a space', { tableNameOverride: 'casos restaurados' }],
  ])('refuses a tableNameOverride that names no table: %s', (_name, patch) => {
    expect(problemsOf({ ...devInput, ...patch })).toContain('  - tableNameOverride: use the DynamoDB table name');
  });

  it.each([
    ['production without a budget', { monthlyBudgetUsd: false }, 'monthlyBudgetUsd: set a monthly limit in USD'],
    ['a budget of cents', { monthlyBudgetUsd: 0.5 }, 'monthlyBudgetUsd: '],
    ['a budget of nothing', { monthlyBudgetUsd: 0 }, 'monthlyBudgetUsd: '],
    ['a budget switched on by "true"', { monthlyBudgetUsd: true }, 'monthlyBudgetUsd: '],
  ])('refuses a cost guard that guards nothing: %s', (_name, patch, expected) => {
    expect(problemsOf({ ...devInput, ...patch })).toContain(`  - ${expected}`);
  });

  it.each([
    ['production with a limit', { monthlyBudgetUsd: 250 }, 250],
    ['a test environment that opts out', { monthlyBudgetUsd: false, retainData: false }, false],
  ])('takes the cost guard of %s', (_name, patch, expected) => {
    expect(parseDeploymentConfig({ ...devInput, ...patch }).monthlyBudgetUsd).toBe(expected);
  });

  it('lets a test environment that keeps no data page nobody, explicitly', () => {
    const config = parseDeploymentConfig({ ...devInput, alarmEmails: [], silentAlarms: true, retainData: false });
    expect(config).toMatchObject({ alarmEmails: [], silentAlarms: true });
    expect(parseDeploymentConfig(devInput).silentAlarms).toBe(false);
  });

  // SES receipt rules and GuardDuty Malware Protection for S3 exist only in some regions: CloudFormation
  // would fail midway there, after creating half the stack. Synth refuses it, naming the ones it takes.
  it.each([
    [
      'São Paulo (SES sends there but receives no mail)',
      { region: 'sa-east-1' },
      'region: SES does not receive mail in sa-east-1 (it only sends there',
    ],
    ['Cape Town', { region: 'af-south-1' }, 'region: SES does not receive mail in af-south-1'],
    // Listed before from memory: SES sends there, receives nothing (the AWS receiving-endpoint table).
    ['N. California', { region: 'us-west-1' }, 'region: SES does not receive mail in us-west-1'],
    ['Paris', { region: 'eu-west-3' }, 'region: SES does not receive mail in eu-west-3'],
    ['Stockholm', { region: 'eu-north-1' }, 'region: SES does not receive mail in eu-north-1'],
    ['Seoul', { region: 'ap-northeast-2' }, 'region: SES does not receive mail in ap-northeast-2'],
    ['Osaka', { region: 'ap-northeast-3' }, 'region: SES does not receive mail in ap-northeast-3'],
    ['Mumbai', { region: 'ap-south-1' }, 'region: SES does not receive mail in ap-south-1'],
    ['a region nobody checked', { region: 'ap-east-1' }, 'region: "ap-east-1" is not known'],
    ['a region code AWS does not have', { region: 'br-south-1' }, 'region: "br-south-1" is not known'],
    [
      'a confirmation of another region (copied from another config)',
      { region: 'sa-east-1', confirmUnlistedRegion: 'af-south-1' },
      'confirmUnlistedRegion: must equal region ("sa-east-1")',
    ],
    [
      'a confirmation beside a listed region',
      { region: 'us-east-1', confirmUnlistedRegion: 'sa-east-1' },
      'confirmUnlistedRegion: must equal region ("us-east-1")',
    ],
  ])('refuses an unsupported region: %s', (_name, patch, expected) => {
    const message = problemsOf({ ...devInput, ...patch });
    expect(message).toContain(`  - ${expected}`);
  });

  it('lists the supported regions and the way out in the refusal', () => {
    const message = problemsOf({ ...devInput, region: 'sa-east-1' });
    expect(message).toContain(`Supported: ${SUPPORTED_REGIONS.join(', ')}.`);
    expect(message).toContain('"confirmUnlistedRegion": "sa-east-1"');
  });

  it.each([
    ['a listed region', { region: 'eu-west-1' }],
    ['Frankfurt (SES receives there)', { region: 'eu-central-1' }],
    ['Jakarta (SES receives there, missing before)', { region: 'ap-southeast-3' }],
    ['an unlisted region confirmed by hand', { region: 'sa-east-1', confirmUnlistedRegion: 'sa-east-1' }],
  ])('accepts %s', (_name, patch) => {
    expect(problemsOf({ ...devInput, ...patch })).toBe('');
  });

  it('lists every problem at once, not only the first', () => {
    const message = problemsOf({ ...devInput, region: 'nowhere', alarmEmails: ['x'], rawMailRetentionDays: -1 });
    expect(message.split('\n').filter((l) => l.startsWith('  - '))).toHaveLength(3);
  });
});

describe('loading by environment name', () => {
  it('fails clearly for an environment without a file, listing the available ones', () => {
    expect(() => loadDeploymentConfig('prod')).toThrow(
      /No deployment configuration for environment "prod": .*infra\/config\/prod\.json does not exist\. Available: .*dev/,
    );
  });

  it('refuses environment names that could escape the config directory', () => {
    expect(() => loadDeploymentConfig('../secrets')).toThrow(/Invalid environment name "\.\.\/secrets"/);
  });

  it('reports a file that is not JSON', () => {
    writeFileSync(join(dir, 'broken.json'), '{ "region": ');
    expect(() => loadDeploymentConfig('broken', dir)).toThrow(/broken\.json is not valid JSON/);
  });

  it('reports an invalid file with its path', () => {
    writeFileSync(join(dir, 'stage.json'), JSON.stringify({ ...devInput, region: 'mars-1' }));
    expect(() => loadDeploymentConfig('stage', dir)).toThrow(
      /Invalid deployment configuration \(.*stage\.json\):\n {2}- region: /,
    );
  });

  it('makes synth fail with the message when -c env names a missing file', () => {
    expect(() => buildApp({ context: { env: 'nope', 'aws:cdk:bundling-stacks': [] }, nag: false })).toThrow(
      /No deployment configuration for environment "nope"/,
    );
  });

  it('names the stack after the environment and pins the configured region', () => {
    const { stack } = buildApp({ context: { 'aws:cdk:bundling-stacks': [] }, nag: false });
    expect(stack.stackName).toBe('Ouvidoria-dev');
    expect(stack.region).toBe('us-east-1');
  });
});

describe('alarm recipients per environment', () => {
  const stagingInput = JSON.parse(readFileSync(join(CONFIG_DIR, 'staging.json'), 'utf8')) as Record<string, unknown>;
  /** A config directory of its own: prod.json pages plantao@ (production), hml.json is a test environment. */
  const environments = (hml: Record<string, unknown>, prod: Record<string, unknown> = {}) => {
    const envDir = mkdtempSync(join(dir, 'envs-'));
    writeFileSync(
      join(envDir, 'prod.json'),
      JSON.stringify({ ...devInput, alarmEmails: ['plantao@example.com.br'], ...prod }),
    );
    writeFileSync(join(envDir, 'hml.json'), JSON.stringify({ ...stagingInput, ...hml }));
    return envDir;
  };

  it.each<[string, Record<string, unknown>, Record<string, unknown>, RegExp]>([
    [
      'production’s on-call copied into the test environment',
      { alarmEmails: ['plantao@example.com.br', 'ouvidoria-hml@example.com.br'] },
      {},
      /alarmEmails\.0: "plantao@example\.com\.br" is the on-call of the production environment "prod" \(prod\.json, retainData true\): this test environment's incidents would page it/,
    ],
    [
      'the same address spelled differently',
      { alarmEmails: ['Plantao@Example.com.br'] },
      {},
      /alarmEmails\.0: "Plantao@Example\.com\.br" is the on-call of the production environment "prod"/,
    ],
    [
      'production keeping its data by default (no retainData written)',
      { alarmEmails: ['plantao@example.com.br'] },
      { retainData: undefined },
      /is the on-call of the production environment "prod"/,
    ],
    [
      'a shared address not among the recipients',
      { alarmEmails: ['ouvidoria-hml@example.com.br'], sharedAlarmEmails: ['plantao@example.com.br'] },
      {},
      /sharedAlarmEmails\.0: "plantao@example\.com\.br" is not in alarmEmails/,
    ],
  ])('refuses %s', (_what, hml, prod, expected) => {
    expect(() => loadDeploymentConfig('hml', environments(hml, prod))).toThrow(expected);
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['its own recipients', { alarmEmails: ['ouvidoria-hml@example.com.br'] }, {}],
    [
      'production’s on-call written out as shared',
      {
        alarmEmails: ['plantao@example.com.br', 'ouvidoria-hml@example.com.br'],
        sharedAlarmEmails: ['plantao@example.com.br'],
      },
      {},
    ],
    [
      'an address of another test environment',
      { alarmEmails: ['qa@example.com.br'] },
      { alarmEmails: ['plantao@example.com.br'] },
    ],
  ])('accepts %s', (_what, hml, prod) => {
    expect(loadDeploymentConfig('hml', environments(hml, prod)).alarmEmails).toEqual(hml.alarmEmails);
  });

  it('lets production list what it likes (the rule guards production’s on-call from test incidents)', () => {
    const envDir = environments({
      alarmEmails: ['plantao@example.com.br'],
      sharedAlarmEmails: ['plantao@example.com.br'],
    });
    expect(loadDeploymentConfig('prod', envDir).alarmEmails).toEqual(['plantao@example.com.br']);
  });

  it('ships staging.json paging its own recipients, none of dev.json (production)', () => {
    const staging = loadDeploymentConfig('staging');
    expect(staging.retainData).toBe(false);
    expect(staging.alarmEmails).toEqual(['ouvidoria-dev@example.com.br']);
    expect(staging.alarmEmails).not.toContain('plantao@example.com.br');
  });
});

describe('the shipped calendars close Christmas and New Year’s Eve every year', () => {
  it.each(
    ['dev', 'staging'].flatMap((env) =>
      ['2026-12-24', '2026-12-31', '2027-12-24', '2027-12-31', '2030-12-31'].map((day) => ({ env, day })),
    ),
  )('$env: $day closed', ({ env, day }) => {
    const calendar = officeCalendar(runtimeConfigOf(loadDeploymentConfig(env), 'https://ouvidoria.example.com.br'));
    expect(calendar.isBusinessDay(day)).toBe(false);
  });
});

describe("the configuration within Lambda's 4 KB of environment", () => {
  const synth = (extraClosedDays: string[]) => () =>
    buildApp({
      context: { 'aws:cdk:bundling-stacks': [] },
      config: parseDeploymentConfig({ ...devInput, calendar: { ...(devInput.calendar as object), extraClosedDays } }),
      nag: false,
    }).app.synth();
  /** n closed days from 2027: 13 bytes of JSON each ("2027-01-01",). */
  const days = (n: number) =>
    Array.from({ length: n }, (_, i) => new Date(Date.UTC(2027, 0, 1 + i)).toISOString().slice(0, 10));

  it.each([
    // ~1.8 KB of dev configuration plus 120 days (~1.6 KB): over 4 KB beside the console's other
    // variables while the configuration was one of them; it is in the bundle now.
    { name: 'a year of closed days', n: 120 },
    { name: 'three years of every day closed (~14 KB of configuration)', n: 1096 },
  ])('deploys however the configuration grows: $name', ({ n }) => {
    expect(synth(days(n))).not.toThrow();
  });
});

describe('staff seeding commands', () => {
  it('prints one `npm run staff -- add` per analyst, shell-quoted', () => {
    const config = parseDeploymentConfig({
      ...devInput,
      staff: [
        { id: 'ana', name: 'Ana Souza', email: 'ana.souza@example.com.br' },
        { id: 'dalva.o', name: "Dalva D'Ávila", email: 'dalva@example.com.br' },
      ],
      lifecycle: { supervisorIds: ['ana'] },
    });
    expect(staffSeedCommands(config)).toEqual([
      "npm run staff -- add ana --name 'Ana Souza' --email 'ana.souza@example.com.br'",
      "npm run staff -- add dalva.o --name 'Dalva D'\\''Ávila' --email 'dalva@example.com.br'",
    ]);
  });

  it('prints nothing for an empty roster', () => {
    // Synth refuses an empty staff (its supervisor is in none); the seed stays total all the same.
    expect(staffSeedCommands({ ...parseDeploymentConfig(devInput), staff: [] })).toEqual([]);
  });
});
