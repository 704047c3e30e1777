import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONFIG_DIR, type DeploymentConfig, loadDeploymentConfig, parseDeploymentConfig } from '../../infra/config';
import { deployedCheckScript, preflightScript } from '../../infra/preflight';

const devInput = JSON.parse(readFileSync(join(CONFIG_DIR, 'dev.json'), 'utf8')) as Record<string, unknown>;
/** dev.json: production-like (retainData, activateRuleSet), domain ouvidoria.example.com.br, us-east-1. */
const dev = (overrides: Record<string, unknown> = {}): DeploymentConfig =>
  parseDeploymentConfig({ ...devInput, ...overrides });

const dir = mkdtempSync(join(tmpdir(), 'ouvidoria-preflight-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What the stand-in account answers; absent = a fresh, bootstrapped account out of the sandbox. */
interface Account {
  noCredentials?: boolean;
  account?: string;
  bootstrap?: string | null;
  activeRuleSet?: string;
  identityExists?: boolean;
  production?: boolean;
  /** The Route 53 zone of hostedZone.zoneId: its name (with the final dot), private, or missing. */
  zone?: { name: string; private?: boolean } | 'missing';
  /** Its record sets besides NS and SOA: name (final dot), type, first value. */
  records?: [name: string, type: string, value: string][];
  /** Lambda's concurrent executions of the account in the region (AccountLimit.ConcurrentExecutions). */
  concurrency?: number;
}

const bin = join(dir, 'bin');
mkdirSync(bin, { recursive: true });
// Answers as the AWS CLI v2 does: `--output text` prints "None" for a missing value, errors go to
// stderr with a non-zero status.
writeFileSync(
  join(bin, 'aws'),
  `#!/usr/bin/env bash
echo "aws $*" >> "$PREFLIGHT_LOG"
case "$*" in
  *"sts get-caller-identity"*) [ -n "$NO_CREDS" ] && { echo "Unable to locate credentials. You can configure credentials by running \\"aws configure\\"." >&2; exit 253; }; echo "$ACCOUNT" ;;
  *"ssm get-parameter"*) [ -z "$BOOTSTRAP" ] && { echo "" >&2; echo "An error occurred (ParameterNotFound) when calling the GetParameter operation: " >&2; exit 254; }; echo "$BOOTSTRAP" ;;
  *describe-active-receipt-rule-set*) echo "$ACTIVE" ;;
  *get-email-identity*) [ -n "$IDENTITY" ] && { echo DOMAIN; exit 0; }; echo "An error occurred (NotFoundException) when calling the GetEmailIdentity operation: Email identity ouvidoria.example.com.br does not exist." >&2; exit 254 ;;
  *"lambda get-account-settings"*) echo "$CONCURRENCY" ;;
  *"route53 get-hosted-zone"*) [ "$ZONE" = missing ] && { echo "" >&2; echo "An error occurred (NoSuchHostedZone) when calling the GetHostedZone operation: No hosted zone found with ID: Z0123456789ABC" >&2; exit 254; }; printf '%s\\t%s\\n' "$ZONE" "$ZONE_PRIVATE" ;;
  *"route53 list-resource-record-sets"*) printf '%b' "$RECORDS" ;;
  *"sesv2 get-account"*) echo "aws: [WARNING] a newer version of the CLI is available" >&2; echo "$PRODUCTION" ;;
  *) echo "unexpected call: $*" >&2; exit 1 ;;
esac
`,
);
chmodSync(join(bin, 'aws'), 0o755);

function standIn(account: Account): Record<string, string> {
  return {
    PATH: `${bin}:${process.env.PATH}`,
    HOME: dir,
    PREFLIGHT_LOG: join(dir, `calls-${Math.random().toString(36).slice(2)}.log`),
    NO_CREDS: account.noCredentials ? '1' : '',
    ACCOUNT: account.account ?? '123456789012',
    BOOTSTRAP: account.bootstrap === null ? '' : (account.bootstrap ?? '27'),
    ACTIVE: account.activeRuleSet ?? 'None',
    IDENTITY: account.identityExists ? '1' : '',
    PRODUCTION: account.production === false ? 'False' : 'True',
    CONCURRENCY: String(account.concurrency ?? 1000),
    ZONE: account.zone === 'missing' ? 'missing' : (account.zone?.name ?? 'example.com.br.'),
    ZONE_PRIVATE: account.zone !== 'missing' && account.zone?.private ? 'True' : 'False',
    RECORDS: [
      ['example.com.br.', 'NS', 'ns-1.awsdns-01.org.'],
      ['example.com.br.', 'SOA', 'ns-1.awsdns-01.org. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400'],
      ...(account.records ?? []),
    ]
      .map((r) => `${r.join('\\t')}\\n`)
      .join(''),
  };
}

function run(config: DeploymentConfig, account: Account = {}, envName = 'dev') {
  const env = standIn(account);
  const result = spawnSync('bash', ['-c', preflightScript(config, envName)], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  const calls = readFileSync(env.PREFLIGHT_LOG as string, 'utf8')
    .trim()
    .split('\n');
  return { lines: result.stdout.trim().split('\n'), status: result.status, stderr: result.stderr, calls };
}

describe('preflight (npm run preflight)', () => {
  it('passes a fresh, bootstrapped account out of the sandbox, with read-only calls in the region of the config', () => {
    const { lines, status, stderr, calls } = run(dev());
    expect([status, stderr]).toEqual([0, '']);
    expect(lines.filter((l) => !l.startsWith('ok '))).toEqual(['preflight: ready to deploy Ouvidoria-dev']);
    expect(calls).toEqual([
      'aws sts get-caller-identity --query Account --output text',
      'aws ssm get-parameter --region us-east-1 --name /cdk-bootstrap/hnb659fds/version --query Parameter.Value --output text',
      'aws ses describe-active-receipt-rule-set --region us-east-1 --query Metadata.Name --output text',
      'aws sesv2 get-email-identity --region us-east-1 --email-identity ouvidoria.example.com.br --query IdentityType --output text',
      'aws lambda get-account-settings --region us-east-1 --query AccountLimit.ConcurrentExecutions --output text',
      'aws sesv2 get-account --region us-east-1 --query ProductionAccessEnabled --output text',
    ]);
  });

  // Each row: what would fail mid-deploy (or leave the office deaf), and the line that says so.
  it.each<[string, Record<string, unknown>, Account, RegExp]>([
    [
      'another product’s active rule set, activateRuleSet without consent',
      {},
      { activeRuleSet: 'loja-notificacoes' },
      /^FAIL the rule set loja-notificacoes is active: activating ouvidoria-dev would switch it off, so the deploy rolls back\. Set "existingRuleSetName": "loja-notificacoes"/,
    ],
    [
      'another active rule set, no activation (step 7 would switch it off)',
      { activateRuleSet: false },
      { activeRuleSet: 'loja-notificacoes' },
      /^FAIL the rule set loja-notificacoes is active: ouvidoria-dev would receive nothing/,
    ],
    [
      'existingRuleSetName that is not the active set',
      { activateRuleSet: false, existingRuleSetName: 'loja-notificacoes' },
      { activeRuleSet: 'None' },
      /^FAIL existingRuleSetName is loja-notificacoes, but the active rule set is None/,
    ],
    [
      'the SES sandbox in an environment that keeps its data',
      {},
      { production: false },
      /^FAIL SES is in the sandbox in us-east-1: every automatic reply to a merchant is refused/,
    ],
    [
      'the domain identity created by hand already',
      {},
      { identityExists: true },
      /^FAIL the SES identity ouvidoria\.example\.com\.br exists already in us-east-1: .*"existingEmailIdentity": true/,
    ],
    [
      'existingEmailIdentity without the identity',
      { existingEmailIdentity: true },
      {},
      /^FAIL existingEmailIdentity is true, but SES has no identity ouvidoria\.example\.com\.br in us-east-1/,
    ],
    [
      'CDK bootstrap missing',
      {},
      { bootstrap: null },
      /^FAIL CDK is not bootstrapped in 123456789012\/us-east-1: npx cdk bootstrap aws:\/\/123456789012\/us-east-1/,
    ],
    // A new account gets 10 concurrent Lambda executions, shared by the stack's twelve functions: the
    // form's own throttle admits a burst of 20 (dev), and a spam wave's intake takes them all — the form
    // then answers 5xx (WebformServerErrors pages) instead of the API's 429.
    [
      'a new account’s Lambda concurrency (10) below the form’s burst and the rest',
      {},
      { concurrency: 10 },
      /^FAIL Lambda allows 10 concurrent executions in us-east-1, fewer than the 30 this environment needs \(webformThrottle\.burstLimit 20, \+ 10 for the intake and the rest\).*aws service-quotas request-service-quota-increase --region us-east-1 --service-code lambda --quota-code L-B99A9384 --desired-value 1000/,
    ],
    [
      'credentials of another account than the pinned one',
      { account: '210987654321' },
      {},
      /^FAIL the configuration pins account 210987654321, these credentials are of 123456789012$/,
    ],
  ])('fails on %s', (_what, overrides, account, expected) => {
    const { lines, status } = run(dev(overrides), account);
    expect(status).toBe(1);
    expect(lines.filter((l) => l.startsWith('FAIL'))).toEqual([expect.stringMatching(expected)]);
    expect(lines.at(-1)).toBe('preflight: fix every FAIL before npx cdk deploy -c env=dev');
  });

  it.each<[string, Record<string, unknown>, Account, RegExp]>([
    [
      'the active set replaced with consent',
      { replaceActiveRuleSet: 'loja-notificacoes' },
      { activeRuleSet: 'loja-notificacoes' },
      /^warn the deploy switches off the active rule set loja-notificacoes \(replaceActiveRuleSet\)/,
    ],
    [
      'the sandbox in a test environment',
      { retainData: false },
      { production: false },
      /^warn SES is in the sandbox in us-east-1: only verified addresses/,
    ],
    [
      'a new account’s Lambda concurrency in a test environment',
      { retainData: false },
      { concurrency: 10 },
      /^warn Lambda allows 10 concurrent executions in us-east-1, fewer than the 30 this environment needs/,
    ],
    [
      'a region off the list, confirmed',
      { region: 'sa-east-1', confirmUnlistedRegion: 'sa-east-1' },
      {},
      /^warn region sa-east-1 is not in SUPPORTED_REGIONS: you confirmed it/,
    ],
  ])('warns without failing on %s', (_what, overrides, account, expected) => {
    const { lines, status } = run(dev(overrides), account);
    expect(status).toBe(0);
    expect(lines.filter((l) => !l.startsWith('ok '))).toEqual([
      expect.stringMatching(expected),
      'preflight: ready to deploy Ouvidoria-dev',
    ]);
  });

  it.each<[string, Record<string, unknown>, Account]>([
    [
      'the set it joins is the active one',
      { activateRuleSet: false, existingRuleSetName: 'loja-notificacoes' },
      { activeRuleSet: 'loja-notificacoes' },
    ],
    ['the identity it references exists', { existingEmailIdentity: true }, { identityExists: true }],
    ['a redeploy: its own set is the active one', {}, { activeRuleSet: 'ouvidoria-dev' }],
    ['exactly the concurrency it needs', {}, { concurrency: 30 }],
  ])('passes when %s', (_what, overrides, account) => {
    expect(run(dev(overrides), account).status).toBe(0);
  });

  it('stops at once without credentials, before any other call', () => {
    const { lines, status, calls } = run(dev(), { noCredentials: true });
    expect(status).toBe(1);
    expect(lines).toContainEqual(
      expect.stringMatching(/^FAIL no AWS credentials for this shell .*Unable to locate credentials/),
    );
    expect(calls).toEqual(['aws sts get-caller-identity --query Account --output text']);
  });

  it('is the npm script the README names: runs the checks of the environment asked for, and --print shows them', () => {
    const env = standIn({ activeRuleSet: 'loja-notificacoes' });
    const npm = (...args: string[]) =>
      spawnSync('npm', ['run', '-s', 'preflight', '--', ...args], {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
        encoding: 'utf8',
      });
    const staging = npm('staging');
    // staging.json: no activation, so another active set is a FAIL (step 7 would switch it off).
    expect([staging.status, staging.stdout]).toEqual([
      1,
      expect.stringContaining('FAIL the rule set loja-notificacoes is active'),
    ]);
    expect(npm('staging', '--print').stdout).toBe(preflightScript(loadDeploymentConfig('staging'), 'staging'));
    expect(npm('staging', '--deployed', '--print').stdout).toBe(
      deployedCheckScript(loadDeploymentConfig('staging'), 'staging'),
    );
    const missing = npm('producao');
    expect([missing.status, missing.stdout]).toEqual([
      1,
      expect.stringMatching(/^FAIL No deployment configuration for environment "producao"/),
    ]);
  }, 120_000); // four npm runs, each starting tsx
});

// A hosted zone: the stack creates the MX, MAIL FROM and DMARC records (and DKIM) itself, and
// CloudFormation fails a first deploy on a record the zone already has ("Tried to create resource record
// set … but it already exists"): the rollback of an environment that keeps its data leaves its table,
// buckets, secrets and user pool behind. And an MX already there means the domain gets mail elsewhere.
describe('preflight with a Route 53 hosted zone (hostedZone)', () => {
  const zoned = (overrides: Record<string, unknown> = {}) =>
    dev({ hostedZone: { zoneId: 'Z0123456789ABC' }, ...overrides });

  it('passes a public zone that serves the domain and holds none of the records the stack creates', () => {
    const { lines, status, calls } = run(zoned());
    expect(status).toBe(0);
    expect(lines.filter((l) => !l.startsWith('ok '))).toEqual(['preflight: ready to deploy Ouvidoria-dev']);
    expect(lines).toContainEqual(
      'ok   the hosted zone Z0123456789ABC (example.com.br) serves ouvidoria.example.com.br',
    );
    expect(lines).toContainEqual(
      'ok   the hosted zone has none of the records the stack creates (MX, MAIL FROM MX and SPF, DMARC)',
    );
    expect(calls).toEqual(
      expect.arrayContaining([
        'aws route53 get-hosted-zone --id Z0123456789ABC --query [HostedZone.Name,HostedZone.Config.PrivateZone] --output text',
        'aws route53 list-resource-record-sets --hosted-zone-id Z0123456789ABC --query ResourceRecordSets[].[Name,Type,ResourceRecords[0].Value] --output text',
      ]),
    );
  });

  it('asks Route 53 nothing without a hosted zone (the records are published by hand, step 6)', () => {
    expect(run(dev()).calls.filter((c) => c.includes('route53'))).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, Account, RegExp]>([
    [
      'an MX of the domain pointing elsewhere (its mail would move to SES)',
      {},
      { records: [['ouvidoria.example.com.br.', 'MX', '1 smtp.google.com.']] },
      /^FAIL the hosted zone has ouvidoria\.example\.com\.br MX already \(1 smtp\.google\.com\.\): the deploy fails creating it \("already exists"\).*mail of that domain goes elsewhere today.*a subdomain of its own/,
    ],
    [
      'a DMARC record of the domain',
      {},
      { records: [['_dmarc.ouvidoria.example.com.br.', 'TXT', '"v=DMARC1; p=reject"']] },
      /^FAIL the hosted zone has _dmarc\.ouvidoria\.example\.com\.br TXT already \("v=DMARC1; p=reject"\): the deploy fails creating it/,
    ],
    [
      'a CNAME on the MAIL FROM name (no other record may sit beside it)',
      {},
      { records: [['bounce.ouvidoria.example.com.br.', 'CNAME', 'bounces.example.net.']] },
      /^FAIL the hosted zone has bounce\.ouvidoria\.example\.com\.br CNAME already/,
    ],
    [
      'a zone of another domain',
      {},
      { zone: { name: 'example.org.' } },
      /^FAIL the hosted zone Z0123456789ABC is example\.org: it does not serve ouvidoria\.example\.com\.br/,
    ],
    [
      'a zone whose name only ends like the domain',
      {},
      { zone: { name: 'le.com.br.' } },
      /^FAIL the hosted zone Z0123456789ABC is le\.com\.br: it does not serve/,
    ],
    [
      'a private zone (nobody outside the VPC sees its records)',
      {},
      { zone: { name: 'example.com.br.', private: true } },
      /^FAIL the hosted zone Z0123456789ABC is private/,
    ],
    [
      'a zone id of no zone of this account',
      {},
      { zone: 'missing' },
      /^FAIL could not read the hosted zone Z0123456789ABC \(ERROR An error occurred \(NoSuchHostedZone\)/,
    ],
  ])('fails on %s', (_what, overrides, account, expected) => {
    const { lines, status } = run(zoned(overrides), account);
    expect(status).toBe(1);
    expect(lines.filter((l) => l.startsWith('FAIL'))).toEqual([expect.stringMatching(expected)]);
  });

  it('warns, without failing, on a record that already has the value the stack publishes (a redeploy)', () => {
    const { lines, status } = run(zoned(), {
      records: [['ouvidoria.example.com.br.', 'MX', '10 inbound-smtp.us-east-1.amazonaws.com']],
    });
    expect(status).toBe(0);
    expect(lines.filter((l) => l.startsWith('warn'))).toEqual([
      expect.stringMatching(
        /^warn ouvidoria\.example\.com\.br MX is in the hosted zone with the stack's value: fine on a redeploy of Ouvidoria-dev; before a first deploy delete it/,
      ),
    ]);
  });
});

/** What the deployed stack's account answers; absent = every manual step done. */
interface Deployed {
  noStack?: boolean;
  /** Endpoint → SubscriptionArn ("PendingConfirmation" until its owner clicks the link). */
  subscriptions?: Record<string, string>;
  identity?: string;
  activeRule?: string;
  zendeskVersions?: number;
  supervisors?: number;
  tag?: string;
  production?: boolean;
  /** The antivirus plan's Status and first StatusReasons message ("None" when it has none). */
  antivirus?: string;
  /** ConfirmationWasAuthenticated of every confirmed alarm subscription ("false": confirmed by the link). */
  authenticated?: string;
  /** The case table in use: its PITR status, TTL status and attribute, deletion protection. */
  pitr?: string;
  ttl?: string;
  deletionProtection?: string;
}

const TOPIC = 'arn:aws:sns:us-east-1:123456789012:Ouvidoria-dev-MonitoringAlarmTopic-AbC';
const confirmed = (address: string) => ({ [address]: `${TOPIC}:0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b` });
const deployedBin = join(dir, 'deployed-bin');
mkdirSync(deployedBin, { recursive: true });
// Answers as the AWS CLI v2 does with --output text: tab-separated columns, "None" for a missing value.
writeFileSync(
  join(deployedBin, 'aws'),
  `#!/usr/bin/env bash
echo "aws $*" >> "$PREFLIGHT_LOG"
case "$*" in
  *"cloudformation describe-stacks"*) [ -n "$NO_STACK" ] && { echo "" >&2; echo "An error occurred (ValidationError) when calling the DescribeStacks operation: Stack with id Ouvidoria-dev does not exist" >&2; exit 254; }
    printf 'AlarmTopicArn\t%s\nZendeskSecretArn\tarn:aws:secretsmanager:us-east-1:123456789012:secret:ZendeskCredentials-Xy\nStaffUserPoolId\tus-east-1_AbCdEf\nMalwareProtectionPlanId\tb4c7f464ab3a4EXAMPLE\nTableName\tcases-restored-20261201\n' "${TOPIC}" ;;
  *list-subscriptions-by-topic*) printf '%b' "$SUBSCRIPTIONS" ;;
  *"sns get-subscription-attributes"*"--subscription-arn ${TOPIC}:"*) echo "$AUTHENTICATED" ;;
  *get-email-identity*) echo "$IDENTITY" ;;
  *describe-active-receipt-rule-set*) echo "$ACTIVE_RULE" ;;
  *list-secret-version-ids*"ZendeskCredentials-Xy"*) echo "$ZENDESK_VERSIONS" ;;
  *list-users-in-group*"us-east-1_AbCdEf"*"supervisores"*) echo "$SUPERVISORS" ;;
  *list-cost-allocation-tags*) echo "$TAG" ;;
  *"guardduty get-malware-protection-plan"*"b4c7f464ab3a4EXAMPLE"*) printf '%b\\n' "$ANTIVIRUS" ;;
  *"sesv2 get-account"*) echo "$PRODUCTION" ;;
  *"dynamodb describe-continuous-backups"*"--table-name cases-restored-20261201"*) echo "$PITR" ;;
  *"dynamodb describe-time-to-live"*"--table-name cases-restored-20261201"*) printf '%b\\n' "$TTL" ;;
  *"dynamodb describe-table"*"--table-name cases-restored-20261201"*) echo "$DELETION_PROTECTION" ;;
  *) echo "unexpected call: $*" >&2; exit 1 ;;
esac
`,
);
chmodSync(join(deployedBin, 'aws'), 0o755);

function runDeployed(config: DeploymentConfig, state: Deployed = {}) {
  const subscriptions = state.subscriptions ?? Object.assign({}, ...config.alarmEmails.map(confirmed));
  const env = {
    PATH: `${deployedBin}:${process.env.PATH}`,
    HOME: dir,
    PREFLIGHT_LOG: join(dir, `deployed-${Math.random().toString(36).slice(2)}.log`),
    NO_STACK: state.noStack ? '1' : '',
    SUBSCRIPTIONS: Object.entries(subscriptions)
      .map(([endpoint, arn]) => `${endpoint}\\t${arn}\\n`)
      .join(''),
    IDENTITY: state.identity ?? 'True\tSUCCESS',
    ACTIVE_RULE: state.activeRule ?? 'ouvidoria-dev-intake',
    ZENDESK_VERSIONS: String(state.zendeskVersions ?? 2),
    SUPERVISORS: String(state.supervisors ?? 1),
    TAG: state.tag ?? 'Active',
    PRODUCTION: state.production === false ? 'False' : 'True',
    ANTIVIRUS: state.antivirus ?? 'ACTIVE\\tNone',
    AUTHENTICATED: state.authenticated ?? 'true',
    PITR: state.pitr ?? 'ENABLED',
    TTL: state.ttl ?? 'ENABLED\\texpiresAt',
    DELETION_PROTECTION: state.deletionProtection ?? 'True',
  };
  const result = spawnSync('bash', ['-c', deployedCheckScript(config, 'dev')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  return { lines: result.stdout.trim().split('\n'), status: result.status, stderr: result.stderr };
}

// After the deploy, the steps only a person can do: each one forgotten leaves the stack deployed and
// green, and the office deaf, mute or unpaged. Nothing else checks them.
describe('deployed check (npm run preflight -- <env> --deployed)', () => {
  it('passes once every manual step is done, with read-only calls', () => {
    const { lines, status, stderr } = runDeployed(dev());
    expect([status, stderr]).toEqual([0, '']);
    expect(lines.filter((l) => !l.startsWith('ok '))).toEqual([
      'deployed check: Ouvidoria-dev receives, answers and pages',
    ]);
    expect(lines).toContain(
      'ok   alarm mail reaches plantao@example.com.br (subscription confirmed; unsubscribing needs AWS credentials)',
    );
    expect(lines).toContain('ok   the antivirus of the webform files is active (GuardDuty Malware Protection for S3)');
    expect(lines).toContain('ok   the case table cases-restored-20261201 has point-in-time recovery (35 days)');
    expect(lines).toContain('ok   the case table cases-restored-20261201 has deletion protection');
  });

  it.each<[string, Record<string, unknown>, Deployed, RegExp]>([
    [
      'an alarm subscription never confirmed',
      {},
      { subscriptions: { 'plantao@example.com.br': 'PendingConfirmation' } },
      /^FAIL alarm mail reaches nobody at plantao@example\.com\.br: the subscription is not confirmed\. Confirm it with the Token= of the link in the "AWS Notification - Subscription Confirmation" mail: aws sns confirm-subscription --region us-east-1 --topic-arn arn:aws:sns:\S+ --token <token> --authenticate-on-unsubscribe true \(lost or expired: aws sns subscribe --region us-east-1 --topic-arn arn:aws:sns:.* --protocol email --notification-endpoint plantao@example\.com\.br; README step 8\)$/,
    ],
    [
      'one of two on-call addresses confirmed, the other expired (SNS dropped it after three days)',
      { alarmEmails: ['plantao@example.com.br', 'sofia.ramos@example.com.br'] },
      { subscriptions: confirmed('plantao@example.com.br') },
      /^FAIL alarm mail reaches nobody at sofia\.ramos@example\.com\.br: no subscription \(SNS drops one left unconfirmed for three days\)/,
    ],
    [
      'the DKIM records not published',
      {},
      { identity: 'False\tPENDING' },
      /^FAIL ouvidoria\.example\.com\.br is not verified for sending .*DnsDkim1-3/,
    ],
    [
      'the MAIL FROM records not published',
      {},
      { identity: 'True\tPENDING' },
      /^FAIL ouvidoria\.example\.com\.br is verified, but its MAIL FROM domain is not .*DnsMailFromMx/,
    ],
    [
      'the rule set never activated (activateRuleSet false, step 7 skipped)',
      { activateRuleSet: false },
      { activeRule: 'None' },
      /^FAIL the receipt rule ouvidoria-dev-intake is not in the active rule set: no mail is received/,
    ],
    [
      'the Zendesk credentials never set',
      {},
      { zendeskVersions: 1 },
      /^FAIL the Zendesk credentials were never set: every ticket comes out "chamado não verificado"/,
    ],
    [
      'no supervisor created in Cognito',
      {},
      { supervisors: 0 },
      /^FAIL nobody can sign in to the console as a supervisor: npm run -s staff:seed -- dev > seed-dev\.sh/,
    ],
    [
      'the cost allocation tag never activated',
      {},
      { tag: 'Inactive' },
      /^FAIL cost allocation tag environment inactive: the budget sees 0 USD and never mails/,
    ],
    [
      'still in the SES sandbox',
      {},
      { production: false },
      /^FAIL SES is in the sandbox in us-east-1: every automatic reply to a merchant is refused/,
    ],
    // GuardDuty sets the plan up after CloudFormation created it (the bucket's EventBridge rule, a
    // validation object): a plan it could not set up scans nothing, and AntivirusSilent fires only an
    // hour after a merchant's files were claimed — they stay "pending", unreadable, on her case.
    [
      'the antivirus plan that GuardDuty could not set up',
      {},
      { antivirus: 'WARNING\\tThe role does not have s3:PutBucketNotification permission' },
      /^FAIL the antivirus of the webform files is not active \(WARNING\tThe role does not have s3:PutBucketNotification permission\): .*"pending".*aws guardduty get-malware-protection-plan --region us-east-1 --malware-protection-plan-id b4c7f464ab3a4EXAMPLE/,
    ],
    // The table the functions use after a restore (tableNameOverride) has PITR, TTL and deletion
    // protection only if step 3 of the restore runbook was done by hand (deploy review 46).
    [
      'a restored table without point-in-time recovery',
      {},
      { pitr: 'DISABLED' },
      /^FAIL the case table cases-restored-20261201 has no point-in-time recovery \(DISABLED\): .*update-continuous-backups --region us-east-1 --table-name cases-restored-20261201 .*step 3\)$/,
    ],
    [
      'a restored table without TTL',
      {},
      { ttl: 'DISABLED\\tNone' },
      /^FAIL the case table cases-restored-20261201 has no TTL on expiresAt .*update-time-to-live --region us-east-1 --table-name cases-restored-20261201 --time-to-live-specification Enabled=true,AttributeName=expiresAt/,
    ],
    [
      'a restored production table without deletion protection',
      {},
      { deletionProtection: 'False' },
      /^FAIL the case table cases-restored-20261201 has no deletion protection: .*--deletion-protection-enabled/,
    ],
  ])('fails on %s', (_what, overrides, state, expected) => {
    const { lines, status } = runDeployed(dev(overrides), state);
    expect(status).toBe(1);
    expect(lines.filter((l) => l.startsWith('FAIL'))).toEqual([expect.stringMatching(expected)]);
    expect(lines.at(-1)).toBe('deployed check: fix every FAIL, then run it again');
  });

  it.each<[string, Record<string, unknown>, Deployed, RegExp]>([
    [
      'a test environment that pages nobody, said out loud',
      { retainData: false, alarmEmails: [], silentAlarms: true, monthlyBudgetUsd: false },
      { subscriptions: {} },
      /^warn silentAlarms: the alarms of this environment mail nobody$/,
    ],
    [
      'a test environment without Zendesk credentials',
      { retainData: false, monthlyBudgetUsd: false },
      { zendeskVersions: 1 },
      /^warn the Zendesk credentials were never set/,
    ],
    // An alarm mail carries an unauthenticated unsubscribe link: whoever holds one (a forward, a
    // mail scanner following links) stops the on-call's alarms unseen (deploy review 46).
    [
      'an alarm subscription confirmed by the mail’s link (anyone can unsubscribe it)',
      {},
      { authenticated: 'false' },
      /^warn alarm mail reaches plantao@example\.com\.br, but its subscription was confirmed by the mail's link: one click on the unsubscribe link .*--authenticate-on-unsubscribe true \(README step 8/,
    ],
    [
      'a test environment whose restored table has no point-in-time recovery',
      { retainData: false, monthlyBudgetUsd: false },
      { pitr: 'DISABLED', deletionProtection: 'False' },
      /^warn the case table cases-restored-20261201 has no point-in-time recovery/,
    ],
    [
      'the tag not offered yet (the day of the first deploy)',
      {},
      { tag: 'None' },
      /^warn cost allocation tag environment not offered yet/,
    ],
  ])('warns without failing on %s', (_what, overrides, state, expected) => {
    const { lines, status } = runDeployed(dev(overrides), state);
    expect(status).toBe(0);
    expect(lines.filter((l) => !l.startsWith('ok '))).toEqual([
      expect.stringMatching(expected),
      'deployed check: Ouvidoria-dev receives, answers and pages',
    ]);
  });

  it('stops at once when the stack is not deployed', () => {
    const { lines, status } = runDeployed(dev(), { noStack: true });
    expect(status).toBe(1);
    expect(lines).toEqual([
      expect.stringMatching(/^FAIL the stack Ouvidoria-dev is not deployed in us-east-1 .*npx cdk deploy -c env=dev/),
      'deployed check: stopped',
    ]);
  });
});
