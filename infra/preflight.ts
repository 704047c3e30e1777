import { spawnSync } from 'node:child_process';
import { DEFAULT_ENV } from './app';
import { type DeploymentConfig, loadDeploymentConfig, SUPPORTED_REGIONS } from './config';
import { receiptRuleOf } from './ouvidoria-stack';

/** CDK's default bootstrap qualifier: `cdk bootstrap` writes the version parameter under it. */
const BOOTSTRAP_VERSION_PARAMETER = '/cdk-bootstrap/hnb659fds/version';

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
  const lines = [
    '#!/usr/bin/env bash',
    `# Preflight of Ouvidoria-${envName} (infra/config/${envName}.json) in ${config.region}: read-only AWS calls.`,
    'set -uo pipefail',
    'failed=0',
    'ok() { echo "ok   $*"; }',
    'warn() { echo "warn $*"; }',
    'fail() { echo "FAIL $*"; failed=1; }',
    // The answer (stdout only: a CLI warning on stderr is not an answer), or ERROR and the first
    // non-empty line of the CLI's error (v2 starts it with an empty line).
    'ask() { local out err status; err=$(mktemp); out=$(aws "$@" 2>"$err"); status=$?; if [ "$status" = 0 ]; then echo "$out"; else echo "ERROR $(grep -m 1 . "$err")"; fi; rm -f "$err"; }',
  ];

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

  // The SES sandbox: the deploy passes, but every automatic reply to a merchant is refused.
  const sandbox = config.retainData
    ? `fail "SES is in the sandbox in ${config.region}: every automatic reply to a merchant is refused (AutoReplyRefused) until production access is granted (README step 9)"`
    : `warn "SES is in the sandbox in ${config.region}: only verified addresses get the automatic replies (README step 9)"`;
  lines.push(
    `production=$(ask sesv2 get-account ${region} --query ProductionAccessEnabled --output text)`,
    'case "$production" in',
    '  True|true) ok "SES production access (out of the sandbox)" ;;',
    '  ERROR*) fail "could not read the SES account ($production)" ;;',
    `  *) ${sandbox} ;;`,
    'esac',
    `if [ "$failed" = 0 ]; then echo "preflight: ready to deploy Ouvidoria-${envName}"; else echo "preflight: fix every FAIL before npx cdk deploy -c env=${envName}"; fi`,
    'exit "$failed"',
    '',
  );
  return lines.join('\n');
}

// `npm run -s preflight -- <env> [--print]`: runs the checks (or prints the script).
if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const [envName = DEFAULT_ENV, flag] = process.argv.slice(2);
  let config: DeploymentConfig;
  try {
    config = loadDeploymentConfig(envName);
  } catch (error) {
    process.stdout.write(`FAIL ${(error as Error).message}\npreflight: fix the configuration first\n`);
    process.exit(1);
  }
  const script = preflightScript(config, envName);
  if (flag === '--print') {
    process.stdout.write(script);
  } else {
    const run = spawnSync('bash', ['-c', script], { stdio: ['ignore', 'inherit', 'inherit'] });
    process.exit(run.status ?? 1);
  }
}
