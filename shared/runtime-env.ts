/**
 * Names of the environment variables the Lambda handlers read. The CDK stack sets them,
 * the local stack sets them, and shared/composition/settings.ts reads them: one place for the names.
 */
export const ENV = {
  /**
   * JSON of the OuvidoriaConfig (local stack, tests, or a hand edit on AWS): read before the one
   * bundled on AWS (BUNDLED_CONFIG), so an edit in the Lambda console takes effect until the next deploy.
   */
  config: 'OUVIDORIA_CONFIG',
  /** configSeal of that JSON: while it matches, a cold start reads the JSON without validating it again. */
  configSeal: 'OUVIDORIA_CONFIG_SHA256',
  /**
   * The webform's public origin when the deployment configuration names none: the HTTP API's own
   * address, which exists only at deploy (not in the sealed JSON, written at synth).
   */
  webformOrigin: 'OUVIDORIA_WEBFORM_ORIGIN',
  tableName: 'TABLE_NAME',
  rawMailBucket: 'RAW_MAIL_BUCKET',
  rawMailPrefix: 'RAW_MAIL_PREFIX',
  assignmentQueueUrl: 'ASSIGNMENT_QUEUE_URL',
  assignmentQueueArn: 'ASSIGNMENT_QUEUE_ARN',
  /** Quarantine releases the console asks for; the email-intake function consumes them. */
  releaseQueueUrl: 'RELEASE_QUEUE_URL',
  /** Confirmation link mails POST /casos queues; the webform function consumes them. */
  confirmMailQueueUrl: 'CONFIRM_MAIL_QUEUE_URL',
  /** URLs of the dead-letter queues the dlq-watch function counts (shared/app/dlq-watch.ts), space-separated. */
  deadLetterQueueUrls: 'DLQ_URLS',
  schedulerGroup: 'SCHEDULER_GROUP',
  schedulerRoleArn: 'SCHEDULER_ROLE_ARN',
  /** Dead-letter queue of the deferral schedules (optional: without it, no DLQ and no retry policy). */
  schedulerDlqArn: 'SCHEDULER_DLQ_ARN',
  sesConfigurationSet: 'SES_CONFIGURATION_SET',
  /** "zendesk" on AWS, "table" for local runs and tests; set only where tickets are looked up (the intake). */
  ticketDirectory: 'TICKET_DIRECTORY',
  zendeskSubdomain: 'ZENDESK_SUBDOMAIN',
  zendeskSecretArn: 'ZENDESK_SECRET_ARN',
  /** Secret of the staff reply addresses and signed links: Secrets Manager on AWS, a file locally. */
  replySecretArn: 'REPLY_SECRET_ARN',
  replySecretFile: 'REPLY_SECRET_FILE',
  /** Target of the lifecycle timers (reminder, escalation): the lifecycle-timer function. */
  timerTargetArn: 'TIMER_TARGET_ARN',
  /** The role lifecycle schedules assume to invoke that function. */
  timerRoleArn: 'TIMER_ROLE_ARN',
  /** Staff console (console function; the authorizer: the first two): the Cognito user pool, its app client and hosted UI base URL. */
  consoleUserPoolId: 'CONSOLE_USER_POOL_ID',
  consoleClientId: 'CONSOLE_CLIENT_ID',
  consoleAuthDomain: 'CONSOLE_AUTH_DOMAIN',
  /** The webform uploads bucket (attachments). */
  uploadsBucket: 'UPLOADS_BUCKET',
  /** Message texts kept out of the table (issue 16): every function that builds the case repository. */
  messageTextBucket: 'MESSAGE_TEXT_BUCKET',
  /** Local stack only: endpoints of the emulators. */
  dynamoEndpoint: 'DYNAMODB_ENDPOINT',
  sesEndpoint: 'SES_ENDPOINT',
  /** Local stack and tests only: fixed "now" for the clock (ISO 8601). */
  now: 'OUVIDORIA_NOW',
} as const;

/** Where SES's S3 action writes raw mail: `<prefix><SES message id>` (the stack and the local stack). */
export const RAW_MAIL_PREFIX = 'inbound/';

/** Environment of the monthly-report function (set by infra/constructs/reports.ts). */
export const REPORT_ENV = {
  bucket: 'REPORT_BUCKET',
  prefix: 'REPORT_PREFIX',
} as const;
/** Where reports are kept in their bucket. */
export const REPORT_PREFIX = 'relatorios/';
/** The payload of the recurring schedule that runs the effects sweep in the lifecycle-timer function. */
export const EFFECT_SWEEP_EVENT = { kind: 'sweep-effects' } as const;
/** The payload of the recurring schedule that sends held guidance replies (shared/app/held-replies.ts), same function. */
export const HELD_REPLY_SWEEP_EVENT = { kind: 'send-held-replies' } as const;

/**
 * On AWS the sealed configuration travels in each function's bundle, not in its environment: Lambda
 * caps a function's environment at 4 KB (names and values together), and the configuration grows
 * with the office (domain, links, closed days, supervisors) while the other variables stay put.
 * esbuild replaces this exact expression, written out in shared/composition/settings.ts, with the
 * base64 of the JSON synth validated (base64: nothing in it a shell or esbuild could read otherwise).
 */
export const BUNDLED_CONFIG = 'process.env.OUVIDORIA_BUNDLED_CONFIG';

/** The esbuild `define` that bundles the sealed configuration `json` (infra/constructs/ouvidoria-function.ts). */
export function configBundleDefine(json: string): Record<string, string> {
  return { [BUNDLED_CONFIG]: JSON.stringify(Buffer.from(json, 'utf8').toString('base64')) };
}

/**
 * The lifecycle-timer function's alias the timer schedules invoke: its asynchronous failures (a
 * reminder or due-date alert the function failed on three times) go to the scheduler DLQ, which a
 * failure destination on the function itself would also fill with the effects sweep's failed runs,
 * every five minutes (the sweep invokes the function unqualified; its next run replaces a failed one).
 */
export const TIMER_ALIAS = 'timers';

/**
 * The timers' target named from the function's own ARN (its invocation's, qualified or not): the
 * timer alias of that function.
 */
export function timerAliasArn(functionArn: string): string {
  const parts = functionArn.split(':');
  // arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]
  return [...parts.slice(0, 7), TIMER_ALIAS].join(':');
}
