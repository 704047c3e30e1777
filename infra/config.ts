import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import * as zm from 'zod/mini';
import { configSchema, type OuvidoriaConfig, PENDING_UPLOADS_RULE } from '../shared/domain/config';
import { isOfficeAddress, rosterAddress, STAFF_ID, STAFF_ID_MAX } from '../shared/domain/staff';

/**
 * Deployment configuration: the runtime configuration the functions read (configSchema(), reused as is)
 * plus what only the CDK app needs. One JSON file per environment in infra/config/<env>.json,
 * chosen with `cdk synth -c env=<name>` (default "dev").
 */

/** Lowercase DNS-safe names (SES rule sets, schedule groups). */
const resourceName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'use lowercase letters, digits and "-" (at most 63 characters)');

/** An AWS region code; whether the stack can live there is SUPPORTED_REGIONS' business. */
const REGION_CODE = /^[a-z]{2}(-[a-z]+)+-\d$/;
const awsRegion = z.string().regex(REGION_CODE, 'use an AWS region code such as us-east-1');

/**
 * Regions the stack deploys to: those where SES receives mail (the receipt rule set, the MX target
 * inbound-smtp.<region>.amazonaws.com) and GuardDuty Malware Protection for S3 scans the webform
 * uploads. Elsewhere CloudFormation fails mid-deploy, so synth refuses any other region unless
 * `confirmUnlistedRegion` repeats it. SES receiving is the binding constraint; EventBridge Scheduler,
 * Cognito, DynamoDB, SQS and Lambda exist in every region listed here.
 *
 * Checked on 2026-12-02 against the stored copies of:
 * - AWS General Reference, "Amazon Simple Email Service endpoints and quotas", table "Email Receiving
 *   endpoints": https://docs.aws.amazon.com/general/latest/gr/ses.html (the SES guide's "Regions and
 *   Amazon SES" sends there: https://docs.aws.amazon.com/ses/latest/dg/regions.html). The newest copy of
 *   that table found (as of January 2024, Seoul still sending-only) lists exactly these 11 regions; an
 *   older copy listed only us-east-1, us-west-2 and eu-west-1 and named the regions without receiving
 *   (SES_WITHOUT_RECEIVING).
 * - GuardDuty "Region-specific feature availability":
 *   https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_regions.html (no Malware Protection for S3
 *   exception in any region listed here).
 * The previous list (written from memory) had us-west-1, eu-west-3, eu-north-1, ap-northeast-2,
 * ap-northeast-3 and ap-south-1, where SES sends but does not receive: the deploy failed there.
 */
export const SUPPORTED_REGIONS: readonly string[] = [
  'us-east-1',
  'us-east-2',
  'us-west-2',
  'ca-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-central-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-northeast-1',
];

/**
 * Regions the same pages name as sending-only (no "Email Receiving endpoint"): the refusal says so,
 * instead of "not known". A region AWS later opens for receiving is confirmed (confirmUnlistedRegion)
 * or moved to SUPPORTED_REGIONS.
 */
export const SES_WITHOUT_RECEIVING: readonly string[] = [
  'us-west-1',
  'af-south-1',
  'ap-south-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'eu-west-3',
  'eu-north-1',
  'eu-south-1',
  'me-south-1',
  'sa-east-1',
];

/** Retention periods CloudWatch Logs accepts. */
export const LOG_RETENTION_DAYS: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

export const StaffSeedSchema = z.object({
  /** Short stable id, e.g. "ana" (the roster key). */
  /** Same rule as `npm run staff -- add <id>`; also the console sign-in's custom:staff_id. */
  id: z
    .string()
    .regex(
      STAFF_ID,
      `use a short lowercase id such as "ana" (at most ${STAFF_ID_MAX} characters: it is also the console sign-in's custom:staff_id)`,
    ),
  name: z.string().min(1),
  email: z.email(),
});

/** The config schema is a `zod/mini` object (it runs in the functions): extended by spreading its shape. */
const DeploymentFields = z.object({
  ...configSchema().shape,
  /**
   * Public origin of the webform and console (links we mail, the console's sign-in callback, the
   * origin POSTs are accepted from). Absent = the HTTP API's own address (output WebformUrl), known
   * at deploy: one deploy works. Set it to your domain once a custom domain maps to that API.
   */
  webformOrigin: z.url().optional(),
  /** Region of every resource: one of SUPPORTED_REGIONS, or repeated in `confirmUnlistedRegion`. */
  region: awsRegion,
  /**
   * The region again, for one missing from SUPPORTED_REGIONS that you checked offers SES email
   * receiving and GuardDuty Malware Protection for S3 (AWS added it after the list was taken).
   */
  confirmUnlistedRegion: awsRegion.optional(),
  /** Pin the stack to one account; absent = account-agnostic template (synth needs no credentials). */
  account: z
    .string()
    .regex(/^\d{12}$/, 'use the 12-digit AWS account id')
    .optional(),
  /**
   * On-call addresses subscribed to the alarm topic. Each reaches no one until its owner clicks the
   * link of SNS's confirmation mail (output AlarmTopicArn: PendingConfirmation). Empty only with
   * `silentAlarms`.
   */
  alarmEmails: z.array(z.email()),
  /**
   * A test environment whose alarms notify nobody (`"alarmEmails": []`): said out loud, never by an
   * empty list alone, and refused where data is kept (`retainData`, production).
   */
  silentAlarms: z.boolean().default(false),
  /**
   * Addresses of `alarmEmails` that a production environment of the same directory (`retainData`
   * true) pages too, repeated here to say this environment's incidents may page them as well. Without
   * it a test environment listing the production on-call is refused: its incidents would wake them.
   */
  sharedAlarmEmails: z.array(z.email()).default([]),
  /**
   * Days the S3 server access logs of the buckets are kept (they name objects, hold no mail). Despite
   * the name, not raw mail's retention: raw mail, webform files and message texts follow `retention`
   * (a closed case's `retentionDays` after closing, `redirectRetentionDays` for a redirect, and a
   * `retentionDays` backstop from the last write), as the table's TTL does.
   */
  rawMailRetentionDays: z.number().int().min(1).max(3650),
  /** Days Lambda, API access and custom resource logs are kept (a value CloudWatch Logs accepts). */
  logRetentionDays: z
    .number()
    .int()
    .refine((d) => LOG_RETENTION_DAYS.includes(d), `use one of ${LOG_RETENTION_DAYS.join(', ')}`)
    .default(90),
  /** Zendesk account: https://<subdomain>.zendesk.com. The credentials live in Secrets Manager. */
  zendeskSubdomain: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'use the Zendesk subdomain only, e.g. "empresa"'),
  /** Analysts to add to the roster after the first deploy (README: "Staff seeding"). */
  staff: z.array(StaffSeedSchema).default([]),
  /**
   * SES receipt rule set created by the stack. Absent = `ouvidoria-<env>`, so two environments of one
   * account never collide. Not retained on delete, so a redeploy after destroy can reuse it.
   */
  ruleSetName: resourceName.optional(),
  /**
   * Add the intake rule (`ouvidoria-<env>-intake`) to this existing rule set instead of creating one:
   * the account's active set, owned by another stack or by hand (another environment, other domains).
   * Only one rule set is active per account and region, so a set of our own could only receive by
   * switching that one off. Not with `ruleSetName` or `activateRuleSet`.
   */
  existingRuleSetName: resourceName.optional(),
  /**
   * When true a custom resource makes the rule set the active one (there is one per account and region:
   * this replaces whatever was active) and deactivates it when the stack is deleted.
   * When false, activate it by hand (README).
   */
  activateRuleSet: z.boolean().default(false),
  /**
   * With `activateRuleSet`: the name of another product's rule set, active now, that the deploy may
   * switch off (its mail stops until it is active again; deleting our stack gives it back). Without it
   * the activation refuses to replace an active rule set and the deploy rolls back, saying which.
   */
  replaceActiveRuleSet: resourceName.optional(),
  /** Default-stage throttling of the webform HTTP API (requests per second, and burst). */
  webformThrottle: z
    .object({
      rateLimit: z.number().int().min(1).max(10_000),
      burstLimit: z.number().int().min(1).max(5_000),
    })
    .default({ rateLimit: 10, burstLimit: 20 }),
  /**
   * The name of a table restored from point-in-time recovery (README, "Runbook: the table was damaged"):
   * every function, schedule target and output then uses it; the stack's own table stays as it is
   * (not replaced, not deleted). Absent = the stack's own table.
   */
  tableNameOverride: z
    .string()
    .regex(/^[a-zA-Z0-9_.-]{3,255}$/, 'use the DynamoDB table name (3-255 of a-z, A-Z, 0-9, "_", "-", ".")')
    .optional(),
  /** Keep data stores (table, buckets, secret, logs) when the stack is deleted; the table also gets deletion protection. */
  retainData: z.boolean().default(true),
  /**
   * Monthly cost limit of this environment in USD: an AWS Budgets budget over the costs tagged
   * `environment=<env>` mails the alarm topic (NOTIFY) at 80 % of the actual cost and when the forecast
   * passes 100 % (README, "Cost guard"). Required where data is kept (`retainData`); a test environment
   * without one says so with `false`, never by leaving it out.
   */
  monthlyBudgetUsd: z.union([z.number().int().min(1).max(1_000_000), z.literal(false)]),
  /**
   * DNS records in Route 53: with a hosted zone for `domain`, the stack creates the DKIM CNAMEs, the MX,
   * SPF and DMARC records and the MAIL FROM records. Absent = publish them yourself (stack outputs, README).
   */
  hostedZone: z.object({ zoneId: z.string().regex(/^Z[A-Z0-9]{1,32}$/, 'use the Route 53 hosted zone id') }).optional(),
  /**
   * The SES domain identity of `domain` exists already (verified by hand, or owned by another stack):
   * the stack references it by name instead of creating it (creating it fails with "already exists").
   * Its DKIM, MAIL FROM and default configuration set stay as they are (README, "Troubleshooting").
   */
  existingEmailIdentity: z.boolean().default(false),
  /** Subdomain of `domain` used as custom MAIL FROM (SPF alignment for DMARC), e.g. "bounce". */
  mailFromSubdomain: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'use one DNS label such as "bounce"')
    .default('bounce'),
  /** DMARC policy published in hosted-zone mode (start with "none", tighten once reports are clean). */
  dmarcPolicy: z.enum(['none', 'quarantine', 'reject']).default('none'),
  /** Active X-Ray tracing on every function and Powertools Tracer (adds the X-Ray write permissions). */
  xrayTracing: z.boolean().default(false),
  /** Powertools log level of the functions. */
  logLevel: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']).default('INFO'),
  alarms: z
    .object({
      /** Age of the oldest message on the assignment queue that pages someone. */
      assignmentQueueMaxAgeMinutes: z.number().int().min(1).max(1440).default(15),
      /**
       * Quarantined mails per hour that page someone, sustained over `quarantinedMailHours` hours in a row.
       * Spam is quarantined too: a spam wave of an hour must not page, a steady stream (a broken parser,
       * an authentication failure of a real sender domain) must.
       */
      quarantinedMailPerHour: z.number().int().min(1).default(20),
      quarantinedMailHours: z.number().int().min(1).max(24).default(3),
    })
    .default({ assignmentQueueMaxAgeMinutes: 15, quarantinedMailPerHour: 20, quarantinedMailHours: 3 }),
});

export const DeploymentConfigSchema = DeploymentFields.superRefine((c, ctx) => {
  if (!PENDING_UPLOADS_RULE.holds(c)) {
    ctx.addIssue({ code: 'custom', path: [...PENDING_UPLOADS_RULE.path], message: PENDING_UPLOADS_RULE.message });
  }
  const unlisted = REGION_CODE.test(c.region) && !SUPPORTED_REGIONS.includes(c.region);
  if (unlisted && c.confirmUnlistedRegion !== c.region) {
    ctx.addIssue({
      code: 'custom',
      path: ['region'],
      message: `${
        SES_WITHOUT_RECEIVING.includes(c.region)
          ? `SES does not receive mail in ${c.region} (it only sends there: no inbound-smtp.${c.region}.amazonaws.com)`
          : `"${c.region}" is not known to offer both SES email receiving and GuardDuty Malware Protection for S3`
      }: the deploy would fail midway. Supported: ${SUPPORTED_REGIONS.join(', ')}. If AWS offers both there now, set "confirmUnlistedRegion": "${c.region}" (README, "Region").`,
    });
  }
  if (c.confirmUnlistedRegion !== undefined && c.confirmUnlistedRegion !== c.region) {
    ctx.addIssue({
      code: 'custom',
      path: ['confirmUnlistedRegion'],
      message: `must equal region ("${c.region}"): it confirms that region only`,
    });
  }
  const inDomain = (address: string) => address.toLowerCase().endsWith(`@${c.domain.toLowerCase()}`);
  // SES receives only for the domain whose MX points at it, and sends only from the verified identity.
  c.ombudsmanAddresses.forEach((address, i) => {
    if (!inDomain(address)) {
      ctx.addIssue({ code: 'custom', path: ['ombudsmanAddresses', i], message: `must be an address at ${c.domain}` });
    }
  });
  if (!inDomain(c.fromAddress)) {
    ctx.addIssue({ code: 'custom', path: ['fromAddress'], message: `must be an address at ${c.domain}` });
  }
  // Every alarm (mail stopped, cases stuck, data at risk) goes to the topic; a topic without a
  // subscriber pages no one. A production environment must name someone; a test one may say it pages none.
  if (c.alarmEmails.length === 0 && !c.silentAlarms) {
    ctx.addIssue({
      code: 'custom',
      path: ['alarmEmails'],
      message:
        'list at least one on-call address: every alarm (mail stopped, cases stuck) is mailed to them. A test environment that pages nobody says so with "silentAlarms": true',
    });
  }
  if (c.silentAlarms && c.retainData) {
    ctx.addIssue({
      code: 'custom',
      path: ['silentAlarms'],
      message:
        'not with "retainData": true: an environment that keeps its data is production, and its alarms must reach someone (alarmEmails)',
    });
  }
  if (c.monthlyBudgetUsd === false && c.retainData) {
    ctx.addIssue({
      code: 'custom',
      path: ['monthlyBudgetUsd'],
      message:
        'set a monthly limit in USD: an environment that keeps its data ("retainData": true) is production, and a runaway cost (a mail loop, a retry storm) must reach the on-call before the invoice does',
    });
  }
  if (c.silentAlarms && c.alarmEmails.length > 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['silentAlarms'],
      message: 'drop it, or empty alarmEmails: the alarms are mailed to the addresses listed',
    });
  }
  // One subscription per address: SNS and CDK tell addresses by their exact spelling.
  const alarmAddresses = c.alarmEmails.map((a) => a.toLowerCase());
  alarmAddresses.forEach((address, i) => {
    const first = alarmAddresses.indexOf(address);
    if (first < i) {
      ctx.addIssue({
        code: 'custom',
        path: ['alarmEmails', i],
        message: `"${c.alarmEmails[i]}" is listed already (alarmEmails.${first})`,
      });
    }
  });
  c.sharedAlarmEmails.forEach((address, i) => {
    if (!alarmAddresses.includes(address.toLowerCase())) {
      ctx.addIssue({
        code: 'custom',
        path: ['sharedAlarmEmails', i],
        message: `"${address}" is not in alarmEmails: list it there too, or drop it`,
      });
    }
  });
  const seen = new Set<string>();
  c.staff.forEach((analyst, i) => {
    if (seen.has(analyst.id)) {
      ctx.addIssue({ code: 'custom', path: ['staff', i, 'id'], message: `duplicate staff id "${analyst.id}"` });
    }
    seen.add(analyst.id);
  });
  // The seed's members are active: two with one address would make mail from it act as neither
  // (shared/domain/staff.ts memberByAddress), as the roster refuses it.
  const addresses = new Map<string, string>();
  c.staff.forEach((analyst, i) => {
    const holder = addresses.get(rosterAddress(analyst.email));
    if (holder !== undefined && holder !== analyst.id) {
      ctx.addIssue({
        code: 'custom',
        path: ['staff', i, 'email'],
        message: `"${analyst.email}" is already the address of "${holder}": one address, one member`,
      });
    }
    if (holder === undefined) addresses.set(rosterAddress(analyst.email), analyst.id);
  });
  // A member at an address the office receives or sends at would get its own notices back as intake mail.
  c.staff.forEach((analyst, i) => {
    if (isOfficeAddress(analyst.email, c)) {
      ctx.addIssue({
        code: 'custom',
        path: ['staff', i, 'email'],
        message: `"${analyst.email}" is one of the office's own addresses (ombudsman, sending or case reply): a member needs her own mailbox`,
      });
    }
  });
  // The due-date escalations and the monthly report are mailed to the supervisors only: a deploy
  // without one would send them to nobody, silently.
  const supervisors = c.lifecycle.supervisorIds;
  if (supervisors.length === 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['lifecycle', 'supervisorIds'],
      message: 'name at least one supervisor (roster id): escalations and the monthly report go to them',
    });
  }
  // The seed (infra/staff-seed.ts) adds only `staff`, active: a supervisor missing from it has no
  // address and no roster entry, so escalations went to nobody — an empty `staff` too.
  supervisors.forEach((id, i) => {
    if (!seen.has(id)) {
      ctx.addIssue({
        code: 'custom',
        path: ['lifecycle', 'supervisorIds', i],
        message: `"${id}" is not in staff: add the supervisor there so the seed creates them, active`,
      });
    }
  });
  if (c.existingRuleSetName !== undefined) {
    if (c.activateRuleSet) {
      ctx.addIssue({
        code: 'custom',
        path: ['activateRuleSet'],
        message: 'must be false with existingRuleSetName (that rule set is active already, and not ours)',
      });
    }
    if (c.ruleSetName !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['ruleSetName'],
        message: 'drop it with existingRuleSetName (the stack creates no rule set then)',
      });
    }
  }
  if (c.replaceActiveRuleSet !== undefined && !c.activateRuleSet) {
    ctx.addIssue({
      code: 'custom',
      path: ['replaceActiveRuleSet'],
      message: 'only with "activateRuleSet": true (it is the consent that activation asks for)',
    });
  }
  if (c.webformThrottle.burstLimit < c.webformThrottle.rateLimit) {
    ctx.addIssue({ code: 'custom', path: ['webformThrottle', 'burstLimit'], message: 'must be at least rateLimit' });
  }
});

export type DeploymentConfig = z.infer<typeof DeploymentConfigSchema>;

/** Directory of the per-environment JSON files. */
export const CONFIG_DIR = join(import.meta.dirname, 'config');

/** Validates a deployment configuration; the error lists every problem by path. */
export function parseDeploymentConfig(input: unknown, source = 'deployment configuration'): DeploymentConfig {
  const result = DeploymentConfigSchema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`Invalid deployment configuration (${source}):\n${problems.join('\n')}`);
  }
  return result.data;
}

/**
 * The longest environment name: it goes into the Cognito hosted-UI prefix `ouvidoria-<env>-<account>`
 * (at most 63 characters, the account id 12), the receipt rule set `ouvidoria-<env>` and its rule
 * `ouvidoria-<env>-intake` (64 each).
 */
export const ENV_NAME_MAX = 63 - 'ouvidoria-'.length - '-'.length - 12;
/** Words Cognito refuses in a domain prefix (the prefix carries the environment name). */
const COGNITO_RESERVED = ['aws', 'amazon', 'cognito'] as const;

/**
 * Throws, before anything is synthesized, for an environment name the names derived from it would
 * carry into a failed deploy (Cognito refuses the prefix, SES the rule set), with why.
 */
export function checkEnvironmentName(env: string): void {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(env)) {
    throw new Error(`Invalid environment name "${env}": use lowercase letters, digits and "-" (-c env=prod).`);
  }
  if (env.length > ENV_NAME_MAX) {
    throw new Error(
      `Invalid environment name "${env}": at most ${ENV_NAME_MAX} characters (it is part of the Cognito domain prefix ouvidoria-<env>-<account>, 63 at most).`,
    );
  }
  const reserved = COGNITO_RESERVED.find((word) => env.includes(word));
  if (reserved) {
    throw new Error(
      `Invalid environment name "${env}": Cognito refuses a domain prefix containing "${reserved}" (ouvidoria-<env>-<account>); pick another name.`,
    );
  }
}

/** Reads and validates infra/config/<env>.json (or <dir>/<env>.json). */
export function loadDeploymentConfig(env: string, dir: string = CONFIG_DIR): DeploymentConfig {
  checkEnvironmentName(env);
  const file = join(dir, `${env}.json`);
  if (!existsSync(file)) {
    const available = existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => f.endsWith('.json'))
          .map((f) => f.slice(0, -'.json'.length))
      : [];
    throw new Error(
      `No deployment configuration for environment "${env}": ${file} does not exist. ` +
        `Available: ${available.length > 0 ? available.join(', ') : 'none'}.`,
    );
  }
  let input: unknown;
  try {
    input = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Deployment configuration ${file} is not valid JSON: ${(error as Error).message}`);
  }
  const config = parseDeploymentConfig(input, file);
  const problems = alarmRecipientProblems(config, otherEnvironments(env, dir));
  if (problems.length > 0) {
    throw new Error(`Invalid deployment configuration (${file}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  return config;
}

/** What an environment's alarm recipients need to know of another environment of the directory. */
export interface OtherEnvironment {
  readonly env: string;
  readonly alarmEmails: readonly string[];
  readonly retainData: boolean;
}

/** The other environment files of `dir`, read for their alarm recipients only (their own errors are their synth's). */
function otherEnvironments(env: string, dir: string): OtherEnvironment[] {
  const recipients = DeploymentFields.pick({ alarmEmails: true, retainData: true });
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== `${env}.json`)
    .flatMap((f) => {
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(join(dir, f), 'utf8'));
      } catch {
        return [];
      }
      const parsed = recipients.safeParse(raw);
      return parsed.success ? [{ env: f.slice(0, -'.json'.length), ...parsed.data }] : [];
    });
}

/**
 * Each environment names its own on-call: a test environment (`retainData` false) listing an address a
 * production environment pages would send its incidents to production's on-call, unless it repeats the
 * address in `sharedAlarmEmails`.
 */
export function alarmRecipientProblems(
  config: Pick<DeploymentConfig, 'alarmEmails' | 'sharedAlarmEmails' | 'retainData'>,
  others: readonly OtherEnvironment[],
): string[] {
  if (config.retainData) return [];
  const shared = new Set(config.sharedAlarmEmails.map((a) => a.toLowerCase()));
  const problems: string[] = [];
  config.alarmEmails.forEach((address, i) => {
    if (shared.has(address.toLowerCase())) return;
    const production = others.find(
      (o) => o.retainData && o.alarmEmails.some((a) => a.toLowerCase() === address.toLowerCase()),
    );
    if (production) {
      problems.push(
        `alarmEmails.${i}: "${address}" is the on-call of the production environment "${production.env}" (${production.env}.json, retainData true): this test environment's incidents would page it. List this environment's own recipients, or repeat the address in "sharedAlarmEmails" if it should get them too`,
      );
    }
  });
  return problems;
}

/**
 * The runtime part the functions receive as OUVIDORIA_CONFIG (deploy-only fields stripped). Without
 * a configured webformOrigin it has none: the stack passes the API's own address beside it
 * (ENV.webformOrigin), which exists only at deploy.
 */
export type SealedRuntimeConfig = Omit<OuvidoriaConfig, 'webformOrigin'> & { webformOrigin?: string };

export function sealedRuntimeConfigOf(config: DeploymentConfig): SealedRuntimeConfig {
  const runtime = withSupervisorAddresses(config);
  return config.webformOrigin === undefined
    ? zm.omit(configSchema(), { webformOrigin: true }).parse(runtime)
    : configSchema().parse(runtime);
}

/**
 * The configuration with each supervisor's address from `staff` (lifecycle.supervisorAddresses): the
 * functions then give the role to that id with that address only (domain/staff.ts holdsSupervisorRole).
 */
function withSupervisorAddresses(config: DeploymentConfig): DeploymentConfig {
  const recorded = Object.fromEntries(
    config.staff.filter((m) => config.lifecycle.supervisorIds.includes(m.id)).map((m) => [m.id, m.email]),
  );
  return {
    ...config,
    lifecycle: {
      ...config.lifecycle,
      supervisorAddresses: { ...config.lifecycle.supervisorAddresses, ...recorded },
    },
  };
}

/**
 * The whole runtime configuration, for commands run against AWS (report, titular): the configured
 * origin, or the one given (the stack's WebformUrl output).
 */
export function runtimeConfigOf(config: DeploymentConfig, webformOrigin?: string): OuvidoriaConfig {
  const origin = webformOrigin ?? config.webformOrigin;
  if (origin === undefined) {
    throw new Error(
      "No webformOrigin: set it in the deployment configuration, or give the stack's WebformUrl output as OUVIDORIA_WEBFORM_ORIGIN.",
    );
  }
  return configSchema().parse({ ...withSupervisorAddresses(config), webformOrigin: origin });
}
