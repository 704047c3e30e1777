import { spawnSync } from 'node:child_process';
import { DEFAULT_ENV } from './app';
import { type DeploymentConfig, loadDeploymentConfig, SUPPORTED_REGIONS } from './config';
import { STAFF_GROUPS } from '../shared/console/access';
import { ENVIRONMENT_TAG } from './names';
import { receiptRuleOf } from './ouvidoria-stack';
import { fixedDnsRecords } from './constructs/mail-sending';
import { TTL_ATTRIBUTE } from '../shared/adapters/dynamo/table-design';

/** CDK's default bootstrap qualifier: `cdk bootstrap` writes the version parameter under it. */
const BOOTSTRAP_VERSION_PARAMETER = '/cdk-bootstrap/hnb659fds/version';

/**
 * Concurrent Lambda executions the stack needs besides the form's burst: the email intake (SES invokes
 * it per mail, asynchronously), the assignment, the sweeps and the console share them.
 */
export const CONCURRENCY_BESIDES_FORM = 10;
/** Lambda's concurrent-executions quota (Service Quotas code) and the account default AWS grants on request. */
const CONCURRENCY_QUOTA = { code: 'L-B99A9384', standard: 1000 };

/** POSIX shell single-quoting. */
const quote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;

/**
 * What would stop `cdk deploy -c env=<env>` midway (or leave it deployed and deaf), checked before the
 * first deploy into an account: a bash script of read-only AWS CLI calls (get, describe) that prints one
 * line per check — `ok`, `FAIL` (the deploy fails, rolls back, or the office cannot work) or `warn` —
 * and exits 1 on any FAIL. Printed by `npm run -s preflight -- <env> --print`; run by
 * `npm run -s preflight -- <env>` with the credentials of the account.
 */
export function preflightScript(config: DeploymentConfig, envName: string): string {
  const region = `--region ${config.region}`;
  const { ruleSetName, existing } = receiptRuleOf(config, envName);
  const lines = prelude(`Preflight of Ouvidoria-${envName} (infra/config/${envName}.json) in ${config.region}`);

  // Region: synth refuses an unlisted region without confirmUnlistedRegion, so here it is listed or confirmed.
  lines.push(
    SUPPORTED_REGIONS.includes(config.region)
      ? `ok "region ${config.region} offers SES email receiving and GuardDuty Malware Protection for S3 (SUPPORTED_REGIONS)"`
      : `warn "region ${config.region} is not in SUPPORTED_REGIONS: you confirmed it (confirmUnlistedRegion); check the SES receiving and GuardDuty pages (README, Region)"`,
  );

  // Credentials, and the account the configuration pins.
  lines.push(
    'account=$(ask sts get-caller-identity --query Account --output text)',
    'case "$account" in',
    '  ERROR*) fail "no AWS credentials for this shell (aws sts get-caller-identity: $account)"; echo "preflight: stopped"; exit 1 ;;',
    '  *) ok "credentials of account $account" ;;',
    'esac',
  );
  if (config.account) {
    lines.push(
      `[ "$account" = ${config.account} ] || fail "the configuration pins account ${config.account}, these credentials are of $account"`,
    );
  }

  // CDK bootstrap: without it the deploy stops before anything ("SSM parameter ... not found").
  lines.push(
    `bootstrap=$(ask ssm get-parameter ${region} --name ${BOOTSTRAP_VERSION_PARAMETER} --query Parameter.Value --output text)`,
    'case "$bootstrap" in',
    `  ERROR*ParameterNotFound*) fail "CDK is not bootstrapped in $account/${config.region}: npx cdk bootstrap aws://$account/${config.region} (README step 4)" ;;`,
    '  ERROR*) fail "could not read the CDK bootstrap version ($bootstrap)" ;;',
    '  *) ok "CDK bootstrap version $bootstrap" ;;',
    'esac',
  );

  // The active receipt rule set: one per account and region.
  lines.push(
    `active=$(ask ses describe-active-receipt-rule-set ${region} --query Metadata.Name --output text)`,
    'case "$active" in ERROR*) fail "could not read the active SES receipt rule set ($active)"; active=ERROR ;; "") active=None ;; esac',
  );
  if (existing) {
    lines.push(
      `if [ "$active" = ${quote(ruleSetName)} ]; then ok "existingRuleSetName ${ruleSetName} is the active rule set: the intake rule joins it"`,
      `elif [ "$active" != ERROR ]; then fail "existingRuleSetName is ${ruleSetName}, but the active rule set is $active: the rule would join a set that receives nothing, or one that does not exist"; fi`,
    );
  } else if (config.activateRuleSet) {
    const consent = config.replaceActiveRuleSet;
    lines.push(
      `if [ "$active" = None ] || [ "$active" = ${quote(ruleSetName)} ]; then ok "no other receipt rule set is active: the deploy activates ${ruleSetName}"`,
      ...(consent
        ? [
            `elif [ "$active" = ${quote(consent)} ]; then warn "the deploy switches off the active rule set $active (replaceActiveRuleSet): its mail stops until it is active again"`,
          ]
        : []),
      `elif [ "$active" != ERROR ]; then fail "the rule set $active is active: activating ${ruleSetName} would switch it off, so the deploy rolls back. Set \\"existingRuleSetName\\": \\"$active\\" (and \\"activateRuleSet\\": false), or consent with \\"replaceActiveRuleSet\\": \\"$active\\" (README, Rule set activation)"; fi`,
    );
  } else {
    lines.push(
      `if [ "$active" = None ]; then ok "no receipt rule set is active: activate ${ruleSetName} after the deploy (README step 7)"`,
      `elif [ "$active" = ${quote(ruleSetName)} ]; then ok "${ruleSetName} is the active rule set"`,
      `elif [ "$active" != ERROR ]; then fail "the rule set $active is active: ${ruleSetName} would receive nothing, and activating it (step 7) switches $active off. Set \\"existingRuleSetName\\": \\"$active\\" (README, Rule set activation)"; fi`,
    );
  }

  // The domain identity: creating one that exists fails the deploy ("already exists").
  lines.push(
    `identity=$(ask sesv2 get-email-identity ${region} --email-identity ${quote(config.domain)} --query IdentityType --output text)`,
    'case "$identity" in',
    config.existingEmailIdentity
      ? `  ERROR*NotFound*) fail "existingEmailIdentity is true, but SES has no identity ${config.domain} in ${config.region}: drop it, so the stack creates the identity" ;;`
      : `  ERROR*NotFound*) ok "no SES identity ${config.domain} yet: the stack creates it" ;;`,
    '  ERROR*) fail "could not read the SES identity ($identity)" ;;',
    config.existingEmailIdentity
      ? `  *) ok "the SES identity ${config.domain} exists (existingEmailIdentity): the stack references it" ;;`
      : `  *) fail "the SES identity ${config.domain} exists already in ${config.region}: creating it fails the deploy (\\"already exists\\"). Set \\"existingEmailIdentity\\": true (README, Troubleshooting)" ;;`,
    'esac',
  );

  lines.push(...concurrencyCheck(config));
  if (config.hostedZone) lines.push(...hostedZoneCheck(config, config.hostedZone.zoneId, envName));

  lines.push(
    ...sandboxCheck(config),
    `if [ "$failed" = 0 ]; then echo "preflight: ready to deploy Ouvidoria-${envName}"; else echo "preflight: fix every FAIL before npx cdk deploy -c env=${envName}"; fi`,
    'exit "$failed"',
    '',
  );
  return lines.join('\n');
}

/** The script's head: the ok/warn/fail printers and `ask`, one read-only AWS CLI call. */
function prelude(title: string): string[] {
  return [
    '#!/usr/bin/env bash',
    `# ${title}: read-only AWS calls.`,
    'set -uo pipefail',
    'failed=0',
    'ok() { echo "ok   $*"; }',
    'warn() { echo "warn $*"; }',
    'fail() { echo "FAIL $*"; failed=1; }',
    // The answer (stdout only: a CLI warning on stderr is not an answer), or ERROR and the first
    // non-empty line of the CLI's error (v2 starts it with an empty line).
    'ask() { local out err status; err=$(mktemp); out=$(aws "$@" 2>"$err"); status=$?; if [ "$status" = 0 ]; then echo "$out"; else echo "ERROR $(grep -m 1 . "$err")"; fi; rm -f "$err"; }',
  ];
}

/**
 * Lambda's concurrency: a new account gets 10 concurrent executions, shared by every function of the
 * account. The form's own throttle (webformThrottle.burstLimit) admits more requests at once than that,
 * and a spam wave's intake can take them all: the form then answers 5xx (Lambda throttled) instead of
 * serving or answering 429. No reservation is needed, only the account's quota.
 */
function concurrencyCheck(config: DeploymentConfig): string[] {
  const needed = config.webformThrottle.burstLimit + CONCURRENCY_BESIDES_FORM;
  const request = `aws service-quotas request-service-quota-increase --region ${config.region} --service-code lambda --quota-code ${CONCURRENCY_QUOTA.code} --desired-value ${CONCURRENCY_QUOTA.standard}`;
  const short = `Lambda allows $concurrency concurrent executions in ${config.region}, fewer than the ${needed} this environment needs (webformThrottle.burstLimit ${config.webformThrottle.burstLimit}, + ${CONCURRENCY_BESIDES_FORM} for the intake and the rest): a burst of posts or a spam wave makes the form answer 5xx. Request the standard quota: ${request} (README step 3)`;
  return [
    `concurrency=$(ask lambda get-account-settings --region ${config.region} --query AccountLimit.ConcurrentExecutions --output text)`,
    'case "$concurrency" in',
    '  ERROR*) fail "could not read the Lambda account settings ($concurrency)" ;;',
    `  *) if [ "$concurrency" -ge ${needed} ] 2>/dev/null; then ok "Lambda allows $concurrency concurrent executions in ${config.region} (this environment needs ${needed})"`,
    `     else ${config.retainData ? 'fail' : 'warn'} "${short}"; fi ;;`,
    'esac',
  ];
}

/**
 * Hosted-zone mode: the stack creates the domain's MX, the MAIL FROM MX and SPF and DMARC in the zone
 * (and DKIM, whose names SES draws at the deploy). CloudFormation fails a first deploy on a record the
 * zone has already ("Tried to create resource record set … but it already exists"), and a rollback of
 * an environment that keeps its data leaves its table, buckets, secrets and user pool behind. The zone
 * must be public and serve the domain. An MX already there also means the domain gets mail elsewhere:
 * moving it to SES would stop that mail, so the ombudsman needs a subdomain of its own.
 */
function hostedZoneCheck(config: DeploymentConfig, zoneId: string, envName: string): string[] {
  const domain = config.domain.toLowerCase();
  const records = fixedDnsRecords({
    domain,
    mailFromSubdomain: config.mailFromSubdomain,
    region: config.region,
    dmarcPolicy: config.dmarcPolicy,
  });
  const lines = [
    `zone=$(ask route53 get-hosted-zone --id ${zoneId} --query '[HostedZone.Name,HostedZone.Config.PrivateZone]' --output text)`,
    'zone_ok=0',
    'case "$zone" in',
    `  ERROR*) fail "could not read the hosted zone ${zoneId} ($zone): hostedZone.zoneId must name the public Route 53 zone of ${domain} in this account" ;;`,
    `  *[[:space:]]True) fail "the hosted zone ${zoneId} is private: its records are seen inside its VPCs only, so SES never verifies ${domain} and no mail arrives. Name the public zone of ${domain}" ;;`,
    `  *) zone_name=$(printf '%s' "$zone" | cut -f1); zone_name=\${zone_name%.}`,
    `     case ${quote(domain)} in`,
    `       "$zone_name"|*."$zone_name") zone_ok=1; ok "the hosted zone ${zoneId} ($zone_name) serves ${domain}" ;;`,
    `       *) fail "the hosted zone ${zoneId} is $zone_name: it does not serve ${domain}, and the deploy fails creating its records there. Name the zone of ${domain} (aws route53 list-hosted-zones-by-name --dns-name ${domain})" ;;`,
    '     esac ;;',
    'esac',
    'if [ "$zone_ok" = 1 ]; then',
    `  records=$(ask route53 list-resource-record-sets --hosted-zone-id ${zoneId} --query 'ResourceRecordSets[].[Name,Type,ResourceRecords[0].Value]' --output text)`,
    `  case "$records" in ERROR*) fail "could not list the records of the hosted zone ${zoneId} ($records)"; records="" ;; esac`,
    '  clash=0',
  ];
  const named = new Set<string>();
  for (const record of records) {
    // A CNAME excludes every other record of its name, so it clashes with any of ours (said once a name).
    const cname = named.has(record.name) ? '' : ' || $2 == "CNAME"';
    named.add(record.name);
    const find = `awk -F '\\t' -v name=${quote(`${record.name}.`)} 'tolower($1) == name && ($2 == "${record.type}"${cname}) { print $2 "\\t" $3; exit }'`;
    const why =
      record.id === 'Mx'
        ? `; and the mail of that domain goes elsewhere today: moving its MX to SES would stop it. Give the ombudsman a subdomain of its own (\\"domain\\": \\"ouvidoria.<that domain>\\"), or remove the record if nothing receives there (README step 2)`
        : ': remove it first, or publish the records by hand without hostedZone (README step 6)';
    lines.push(
      `  found=$(printf '%s\\n' "$records" | ${find})`,
      '  if [ -n "$found" ]; then',
      `    clash=1; found_type=$(printf '%s' "$found" | cut -f1); found_value=$(printf '%s' "$found" | cut -f2-)`,
      `    if [ "$found_type" = ${record.type} ] && [ "$found_value" = ${quote(record.value)} ]; then warn "${record.name} ${record.type} is in the hosted zone with the stack's value: fine on a redeploy of Ouvidoria-${envName}; before a first deploy delete it (CloudFormation fails on \\"already exists\\" for a record it did not create)"`,
      `    else fail "the hosted zone has ${record.name} $found_type already ($found_value): the deploy fails creating it (\\"already exists\\")${why}"; fi`,
      '  fi',
    );
  }
  lines.push(
    '  [ "$clash" = 0 ] && ok "the hosted zone has none of the records the stack creates (MX, MAIL FROM MX and SPF, DMARC)"',
    'fi',
  );
  return lines;
}

/** The SES sandbox: the deploy passes, but every automatic reply to a merchant is refused. */
function sandboxCheck(config: DeploymentConfig): string[] {
  const sandbox = config.retainData
    ? `fail "SES is in the sandbox in ${config.region}: every automatic reply to a merchant is refused (AutoReplyRefused) until production access is granted (README step 9)"`
    : `warn "SES is in the sandbox in ${config.region}: only verified addresses get the automatic replies (README step 9)"`;
  return [
    `production=$(ask sesv2 get-account --region ${config.region} --query ProductionAccessEnabled --output text)`,
    'case "$production" in',
    '  True|true) ok "SES production access (out of the sandbox)" ;;',
    '  ERROR*) fail "could not read the SES account ($production)" ;;',
    `  *) ${sandbox} ;;`,
    'esac',
  ];
}

/**
 * After `cdk deploy`: the manual steps without which the deployed stack receives, answers or pages
 * nothing, each checked read-only against the account — every alarm address's SNS subscription
 * confirmed (an unconfirmed one delivers nothing, and SNS drops it after three days), the domain
 * verified with its MAIL FROM, the intake rule in the active rule set, the Zendesk credentials set, a
 * supervisor able to sign in, the antivirus plan active, the case table in use recoverable (PITR, TTL,
 * deletion protection: a restored one has them only if set by hand), the cost allocation tag active,
 * the SES sandbox left. One line per check, exit 1 on any FAIL. `npm run -s preflight -- <env> --deployed` (README, step 12).
 */
export function deployedCheckScript(config: DeploymentConfig, envName: string): string {
  const region = `--region ${config.region}`;
  const stackName = `Ouvidoria-${envName}`;
  const { ruleName } = receiptRuleOf(config, envName);
  // A test environment may go without what production needs (credentials, the tag): said, not failed.
  const required = config.retainData ? 'fail' : 'warn';
  const lines = prelude(`Deployed check of ${stackName} (infra/config/${envName}.json) in ${config.region}`);

  lines.push(
    `outputs=$(ask cloudformation describe-stacks ${region} --stack-name ${stackName} --query 'Stacks[0].Outputs[].[OutputKey,OutputValue]' --output text)`,
    'case "$outputs" in',
    `  ERROR*) fail "the stack ${stackName} is not deployed in ${config.region} ($outputs): npx cdk deploy -c env=${envName} (README step 5)"; echo "deployed check: stopped"; exit 1 ;;`,
    'esac',
    `output() { echo "$outputs" | awk -F '\t' -v key="$1" '$1 == key { print $2 }'; }`,
    'topic=$(output AlarmTopicArn)',
  );

  // Alarm subscriptions: SNS lists an unconfirmed one as PendingConfirmation, and none once it expired.
  if (config.alarmEmails.length === 0) {
    lines.push('warn "silentAlarms: the alarms of this environment mail nobody"');
  } else {
    lines.push(
      `subscriptions=$(ask sns list-subscriptions-by-topic ${region} --topic-arn "$topic" --query 'Subscriptions[].[Endpoint,SubscriptionArn]' --output text)`,
      'case "$subscriptions" in ERROR*) fail "could not list the alarm subscriptions ($subscriptions)"; subscriptions="" ;; esac',
    );
    for (const address of config.alarmEmails) {
      const resend = `aws sns subscribe ${region} --topic-arn $topic --protocol email --notification-endpoint ${address}`;
      lines.push(
        `state=$(echo "$subscriptions" | awk -F '\t' -v address=${quote(address.toLowerCase())} 'tolower($1) == address { print $2 }' | head -n 1)`,
        'case "$state" in',
        // Confirmed by the mail's link, anyone holding an alarm mail (forwarded, a shared mailbox, a
        // mail scanner that follows links) unsubscribes the address with one unauthenticated click on
        // its "unsubscribe" link, and nothing tells: confirmed from the CLI with
        // --authenticate-on-unsubscribe, only AWS credentials can (README step 8).
        '  arn:*)',
        `    authenticated=$(ask sns get-subscription-attributes ${region} --subscription-arn "$state" --query Attributes.ConfirmationWasAuthenticated --output text)`,
        '    case "$authenticated" in',
        `      true) ok "alarm mail reaches ${address} (subscription confirmed; unsubscribing needs AWS credentials)" ;;`,
        `      ERROR*) fail "could not read the alarm subscription of ${address} ($authenticated)" ;;`,
        `      *) warn "alarm mail reaches ${address}, but its subscription was confirmed by the mail's link: one click on the unsubscribe link of any alarm mail (forwarded, or followed by a mail scanner) stops the alarms to it, unauthenticated and unseen. Confirm it with --authenticate-on-unsubscribe true (README step 8: remove the address from alarmEmails, deploy, add it back, deploy, confirm from the CLI)" ;;`,
        '    esac ;;',
        `  PendingConfirmation) fail "alarm mail reaches nobody at ${address}: the subscription is not confirmed. Confirm it with the Token= of the link in the \\"AWS Notification - Subscription Confirmation\\" mail: aws sns confirm-subscription ${region} --topic-arn $topic --token <token> --authenticate-on-unsubscribe true (lost or expired: ${resend}; README step 8)" ;;`,
        `  *) fail "alarm mail reaches nobody at ${address}: no subscription (SNS drops one left unconfirmed for three days): ${resend}, then click its link (README step 8)" ;;`,
        'esac',
      );
    }
  }

  // The domain: verified for sending (DKIM published) and its custom MAIL FROM in place.
  lines.push(
    `identity=$(ask sesv2 get-email-identity ${region} --email-identity ${quote(config.domain)} --query '[VerifiedForSendingStatus,MailFromAttributes.MailFromDomainStatus]' --output text)`,
    'case "$identity" in',
    '  ERROR*) fail "could not read the SES identity ($identity)" ;;',
    `  True*SUCCESS) ok "${config.domain} verified for sending, MAIL FROM in place" ;;`,
    `  True*) fail "${config.domain} is verified, but its MAIL FROM domain is not ($identity): publish DnsMailFromMx and DnsMailFromSpf (README step 6)" ;;`,
    `  *) fail "${config.domain} is not verified for sending ($identity): publish the DnsDkim1-3 CNAMEs and wait (README steps 6-7)" ;;`,
    'esac',
  );

  // Receiving: the intake rule must be in the one active rule set of the account and region.
  lines.push(
    `rule=$(ask ses describe-active-receipt-rule-set ${region} --query ${quote(`Rules[?Name=='${ruleName}'].Name | [0]`)} --output text)`,
    'case "$rule" in',
    `  ${quote(ruleName)}) ok "the receipt rule ${ruleName} is in the active rule set: mail to ${config.ombudsmanAddresses.join(', ')} reaches the intake" ;;`,
    '  ERROR*) fail "could not read the active SES receipt rule set ($rule)" ;;',
    `  *) fail "the receipt rule ${ruleName} is not in the active rule set: no mail is received (README step 7, Rule set activation)" ;;`,
    'esac',
  );

  // Zendesk: the stack generates a placeholder; a value put afterwards adds a second version.
  lines.push(
    `versions=$(ask secretsmanager list-secret-version-ids ${region} --secret-id "$(output ZendeskSecretArn)" --query 'length(Versions)' --output text)`,
    'case "$versions" in',
    '  ERROR*) fail "could not read the versions of the Zendesk secret ($versions)" ;;',
    `  1) ${required} "the Zendesk credentials were never set: every ticket comes out \\"chamado não verificado\\" (README step 10)" ;;`,
    '  *) ok "Zendesk credentials set" ;;',
    'esac',
  );

  // The console: someone in the supervisors' group (staff:seed creates the users and groups).
  lines.push(
    `supervisors=$(ask cognito-idp list-users-in-group ${region} --user-pool-id "$(output StaffUserPoolId)" --group-name ${STAFF_GROUPS.supervisor} --query 'length(Users)' --output text)`,
    'case "$supervisors" in',
    '  ERROR*) fail "could not list the supervisors of the console ($supervisors)" ;;',
    `  0) fail "nobody can sign in to the console as a supervisor: npm run -s staff:seed -- ${envName} > seed-${envName}.sh, read it, bash seed-${envName}.sh (README step 11)" ;;`,
    '  *) ok "$supervisors supervisor(s) in the user pool of the console" ;;',
    'esac',
  );

  // The antivirus: GuardDuty sets the plan up after CloudFormation created it (the bucket's EventBridge
  // rule, a validation object); a plan it could not set up scans nothing, every webform file stays
  // "pending", and AntivirusSilent fires only an hour after a merchant's files were claimed.
  const planId = '"$(output MalwareProtectionPlanId)"';
  lines.push(
    `antivirus=$(ask guardduty get-malware-protection-plan ${region} --malware-protection-plan-id ${planId} --query '[Status,StatusReasons[0].Message]' --output text)`,
    'case "$antivirus" in',
    '  ACTIVE*) ok "the antivirus of the webform files is active (GuardDuty Malware Protection for S3)" ;;',
    '  ERROR*) fail "could not read the antivirus plan ($antivirus)" ;;',
    `  *) fail "the antivirus of the webform files is not active ($antivirus): every file a merchant sends through the form stays \\"pending\\", unreadable on her case. aws guardduty get-malware-protection-plan ${region} --malware-protection-plan-id $(output MalwareProtectionPlanId) names the problem; fix it and redeploy (runbook of AntivirusFailing)" ;;`,
    'esac',
  );

  // The table the functions use: the stack's own has PITR, TTL and (retainData) deletion protection
  // from CloudFormation; a restored one (tableNameOverride) has them only if step 3 of the restore
  // runbook was done by hand — without TTL no claim or throttle ever expires, without PITR the next
  // bad write cannot be undone, without deletion protection one command deletes every case.
  lines.push(
    'table=$(output TableName)',
    `pitr=$(ask dynamodb describe-continuous-backups ${region} --table-name "$table" --query ContinuousBackupsDescription.PointInTimeRecoveryDescription.PointInTimeRecoveryStatus --output text)`,
    'case "$pitr" in',
    '  ENABLED) ok "the case table $table has point-in-time recovery (35 days)" ;;',
    '  ERROR*) fail "could not read the backups of the case table $table ($pitr)" ;;',
    `  *) ${required} "the case table $table has no point-in-time recovery ($pitr): a bad write could not be undone. aws dynamodb update-continuous-backups ${region} --table-name $table --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true (README, Runbook: the table was damaged, step 3)" ;;`,
    'esac',
    `ttl=$(ask dynamodb describe-time-to-live ${region} --table-name "$table" --query '[TimeToLiveDescription.TimeToLiveStatus,TimeToLiveDescription.AttributeName]' --output text)`,
    'case "$ttl" in',
    `  ENABLED*${TTL_ATTRIBUTE}|ENABLING*${TTL_ATTRIBUTE}) ok "the case table $table expires its claims and counters (TTL on ${TTL_ATTRIBUTE})" ;;`,
    '  ERROR*) fail "could not read the TTL of the case table $table ($ttl)" ;;',
    `  *) fail "the case table $table has no TTL on ${TTL_ATTRIBUTE} ($ttl): throttles, claims and retention never expire. aws dynamodb update-time-to-live ${region} --table-name $table --time-to-live-specification Enabled=true,AttributeName=${TTL_ATTRIBUTE} (README, Runbook: the table was damaged, step 3)" ;;`,
    'esac',
  );
  if (config.retainData) {
    lines.push(
      `protected=$(ask dynamodb describe-table ${region} --table-name "$table" --query Table.DeletionProtectionEnabled --output text)`,
      'case "$protected" in',
      '  True) ok "the case table $table has deletion protection" ;;',
      '  ERROR*) fail "could not read the case table $table ($protected)" ;;',
      `  *) fail "the case table $table has no deletion protection: one delete-table loses every case. aws dynamodb update-table ${region} --table-name $table --deletion-protection-enabled (README, Runbook: the table was damaged, step 3)" ;;`,
      'esac',
    );
  }

  // The cost guard filters on a cost allocation tag that someone must activate once (Cost Explorer: us-east-1).
  if (config.monthlyBudgetUsd !== false) {
    lines.push(
      `tag=$(ask ce list-cost-allocation-tags --region us-east-1 --tag-keys ${ENVIRONMENT_TAG} --query 'CostAllocationTags[0].Status' --output text)`,
      'case "$tag" in',
      `  Active) ok "cost allocation tag ${ENVIRONMENT_TAG} active: the budget sees this environment's costs" ;;`,
      `  Inactive) fail "cost allocation tag ${ENVIRONMENT_TAG} inactive: the budget sees 0 USD and never mails. aws ce update-cost-allocation-tags-status --cost-allocation-tags-status TagKey=${ENVIRONMENT_TAG},Status=Active (README step 8, Cost guard)" ;;`,
      `  ERROR*) warn "could not read the cost allocation tags ($tag): in an AWS Organization the management account activates ${ENVIRONMENT_TAG} (README step 8, Cost guard)" ;;`,
      `  *) warn "cost allocation tag ${ENVIRONMENT_TAG} not offered yet (a day after the first deploy): run this check again tomorrow and activate it (README step 8, Cost guard)" ;;`,
      'esac',
    );
  }

  lines.push(
    ...sandboxCheck(config),
    `if [ "$failed" = 0 ]; then echo "deployed check: ${stackName} receives, answers and pages"; else echo "deployed check: fix every FAIL, then run it again"; fi`,
    'exit "$failed"',
    '',
  );
  return lines.join('\n');
}

// `npm run -s preflight -- <env> [--deployed] [--print]`: runs the checks (or prints the script);
// `--deployed` checks the manual steps after the deploy instead of what the deploy needs.
if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const envName = process.argv[2] ?? DEFAULT_ENV;
  let config: DeploymentConfig;
  try {
    config = loadDeploymentConfig(envName);
  } catch (error) {
    process.stdout.write(`FAIL ${(error as Error).message}\npreflight: fix the configuration first\n`);
    process.exit(1);
  }
  const flags = process.argv.slice(3);
  const script = flags.includes('--deployed') ? deployedCheckScript(config, envName) : preflightScript(config, envName);
  if (flags.includes('--print')) {
    process.stdout.write(script);
  } else {
    const run = spawnSync('bash', ['-c', script], { stdio: ['ignore', 'inherit', 'inherit'] });
    process.exit(run.status ?? 1);
  }
}
