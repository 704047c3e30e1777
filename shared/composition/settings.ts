/**
 * The one typed settings object every composition starts from. On Lambda it comes from the
 * environment the CDK stack sets (names in shared/runtime-env.ts); the local stack, `npm run
 * invoke`, the benchmark and the tests build it directly, changing only what differs (endpoints,
 * clock, queue).
 */
import { configSeal, type OuvidoriaConfig, readConfig } from '../domain/config';
import { ENV, RAW_MAIL_PREFIX } from '../runtime-env';

export { RAW_MAIL_PREFIX };

export interface Settings {
  config: OuvidoriaConfig;
  tableName: string;
  /** Emulator endpoints (dynalite, aws-ses-v2-local); absent on AWS. */
  dynamoEndpoint?: string;
  sesEndpoint?: string;
  sesConfigurationSet?: string;
  /**
   * Where prior tickets are looked up: only the intake functions (e-mail, webform) need it, so it
   * is absent where TICKET_DIRECTORY is not set (the others must start without Zendesk settings).
   */
  ticketDirectory?: { kind: 'table' } | { kind: 'zendesk'; subdomain: string; secretId: string };
  assignmentQueueUrl?: string;
  assignmentQueueArn?: string;
  /** Where the console sends quarantine releases (the email-intake function consumes them). */
  releaseQueueUrl?: string;
  /** Where POST /casos queues its confirmation link mails (the webform function consumes them). */
  confirmMailQueueUrl?: string;
  /** Deferral schedules: group, role, and the dead-letter queue of their failed deliveries. */
  scheduler?: { group: string; roleArn: string; deadLetterArn?: string };
  rawMail?: { bucket: string; prefix: string };
  /** Where the reply-address / signed-link secret is: Secrets Manager (AWS) or a file (local). */
  replySecret?: { arn: string } | { file: string };
  /** The function lifecycle timers invoke and the role their schedules assume (group and DLQ: the scheduler's). */
  timerTargetArn?: string;
  timerRoleArn?: string;
  /** The stack's one-time schedule group and the DLQ of its failed deliveries (deferrals and timers). */
  scheduleGroup?: string;
  schedulerDlqArn?: string;
  /** The webform uploads bucket (attachments), where the function has one. */
  uploadsBucket?: string;
  /**
   * Where message texts over the inline limit go (issue 16): the bucket on AWS, a folder on the
   * local stack. Without it texts stay inline in the table, as before.
   */
  messageTexts?: { bucket: string } | { directory: string };
  /** Staff console sign-in on AWS (Cognito user pool, app client, hosted UI base URL). */
  console?: { userPoolId: string; clientId: string; authDomain: string };
  /** Fixed "now" (ISO 8601) for local runs and tests. */
  now?: string;
}

type Env = Record<string, string | undefined>;

export function requiredEnv(env: Env, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`Missing environment variable ${name}`);
  return value;
}

function ticketDirectoryFromEnv(env: Env): Settings['ticketDirectory'] {
  const kind = env[ENV.ticketDirectory];
  if (kind === undefined || kind === '') return undefined;
  if (kind === 'table') return { kind };
  if (kind !== 'zendesk') throw new Error(`${ENV.ticketDirectory} must be "zendesk" or "table", not "${kind}"`);
  return { kind, subdomain: requiredEnv(env, ENV.zendeskSubdomain), secretId: requiredEnv(env, ENV.zendeskSecretArn) };
}

export function settingsFromEnv(env: Env = process.env): Settings {
  const optional = (name: string) => env[name] || undefined;
  const group = optional(ENV.schedulerGroup);
  const roleArn = optional(ENV.schedulerRoleArn);
  const bucket = optional(ENV.rawMailBucket);
  return {
    config: configFrom(env),
    tableName: requiredEnv(env, ENV.tableName),
    dynamoEndpoint: optional(ENV.dynamoEndpoint),
    sesEndpoint: optional(ENV.sesEndpoint),
    sesConfigurationSet: optional(ENV.sesConfigurationSet),
    ticketDirectory: ticketDirectoryFromEnv(env),
    assignmentQueueUrl: optional(ENV.assignmentQueueUrl),
    assignmentQueueArn: optional(ENV.assignmentQueueArn),
    releaseQueueUrl: optional(ENV.releaseQueueUrl),
    confirmMailQueueUrl: optional(ENV.confirmMailQueueUrl),
    scheduler: group && roleArn ? { group, roleArn, deadLetterArn: optional(ENV.schedulerDlqArn) } : undefined,
    rawMail: bucket ? { bucket, prefix: env[ENV.rawMailPrefix] ?? RAW_MAIL_PREFIX } : undefined,
    replySecret: replySecretFrom(optional(ENV.replySecretArn), optional(ENV.replySecretFile)),
    timerTargetArn: optional(ENV.timerTargetArn),
    timerRoleArn: optional(ENV.timerRoleArn),
    scheduleGroup: group,
    schedulerDlqArn: optional(ENV.schedulerDlqArn),
    uploadsBucket: optional(ENV.uploadsBucket),
    messageTexts: messageTextsFrom(optional(ENV.messageTextBucket)),
    now: optional(ENV.now),
    console: consoleFrom(
      optional(ENV.consoleUserPoolId),
      optional(ENV.consoleClientId),
      optional(ENV.consoleAuthDomain),
    ),
  };
}

/**
 * The configuration: OUVIDORIA_CONFIG when set (local runs, tests, a hand edit on AWS, validated
 * unless its seal matches), else the one bundled on AWS (BUNDLED_CONFIG), which synth validated.
 */
function configFrom(env: Env): OuvidoriaConfig {
  const origin = env[ENV.webformOrigin] || undefined;
  const json = env[ENV.config];
  if (json) return readConfig(json, env[ENV.configSeal] || undefined, origin);
  // Written out, not through BUNDLED_CONFIG: esbuild's define replaces this exact expression at build time.
  const bundled = process.env.OUVIDORIA_BUNDLED_CONFIG;
  if (!bundled) throw new Error(`Missing environment variable ${ENV.config} (and no configuration in the bundle)`);
  const sealed = Buffer.from(bundled, 'base64').toString('utf8');
  return readConfig(sealed, configSeal(sealed), origin);
}

function messageTextsFrom(bucket: string | undefined): Settings['messageTexts'] {
  return bucket ? { bucket } : undefined;
}

function replySecretFrom(arn: string | undefined, file: string | undefined): Settings['replySecret'] {
  if (arn) return { arn };
  if (file) return { file };
  return undefined;
}

export function must<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new Error(`Setting missing: ${name}`);
  return value;
}

function consoleFrom(userPoolId?: string, clientId?: string, authDomain?: string): Settings['console'] {
  return userPoolId && clientId && authDomain ? { userPoolId, clientId, authDomain } : undefined;
}
