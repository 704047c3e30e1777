import { STAFF_GROUPS } from '../shared/console/access';
import { DEFAULT_ENV } from './app';
import { type DeploymentConfig, loadDeploymentConfig } from './config';

/** POSIX shell single-quoting: safe for names with spaces, accents and apostrophes. */
const quote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;

/**
 * The `npm run staff -- add` commands that seed the roster from config.staff. The stack does not write
 * analysts itself: the roster is data the office manages (leave, deactivation), and a redeploy must
 * never reset it. Run the printed commands once, after the first deploy, with TABLE_NAME and
 * ASSIGNMENT_QUEUE_URL from the stack outputs.
 */
export function staffSeedCommands(config: DeploymentConfig): string[] {
  return config.staff.map(
    (analyst) => `npm run staff -- add ${analyst.id} --name ${quote(analyst.name)} --email ${quote(analyst.email)}`,
  );
}

/**
 * The console sign-in of each member of config.staff, in the user pool `$POOL`: a Cognito user named by
 * the address (Cognito mails it a temporary password), the roster id in `custom:staff_id`, and the group
 * of its role (`supervisores` for lifecycle.supervisorIds, `analistas` otherwise). A user that exists
 * already is left as it is, so the script can run again after a failure.
 */
export function consoleSignInCommands(config: DeploymentConfig): string[] {
  const cognito = `aws cognito-idp --region ${config.region}`;
  return config.staff.flatMap((member) => {
    const user = `--user-pool-id "$POOL" --username ${quote(member.email)}`;
    const group = config.lifecycle.supervisorIds.includes(member.id) ? STAFF_GROUPS.supervisor : STAFF_GROUPS.analyst;
    const attributes = [
      `Name=email,Value=${quote(member.email)}`,
      'Name=email_verified,Value=true',
      `Name=custom:staff_id,Value=${member.id}`,
    ].join(' ');
    return [
      `${cognito} admin-get-user ${user} >/dev/null 2>&1 || ${cognito} admin-create-user ${user} --user-attributes ${attributes} >/dev/null`,
      `${cognito} admin-add-user-to-group ${user} --group-name ${group}`,
    ];
  });
}

/**
 * The whole first-deploy seed of `Ouvidoria-<env>` as a bash script (`npm run -s staff:seed -- <env>`):
 * reads TableName, AssignmentQueueUrl and StaffUserPoolId from the stack outputs, adds config.staff to
 * the roster and gives each a console sign-in. Nothing is written to AWS by printing it: review it,
 * then run it (`| bash`) with credentials for the account.
 */
export function staffSeedScript(config: DeploymentConfig, envName: string): string {
  if (config.staff.length === 0) return '# config.staff is empty: nobody to seed\n';
  const stack = `Ouvidoria-${envName}`;
  return [
    '#!/usr/bin/env bash',
    `# Roster and console sign-ins of ${stack} (infra/config/${envName}.json, staff): run once after the first deploy.`,
    'set -uo pipefail',
    `output() { aws cloudformation describe-stacks --region ${config.region} --stack-name ${stack} --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue" --output text; }`,
    `export AWS_REGION=${config.region}`,
    'TABLE_NAME=$(output TableName) && ASSIGNMENT_QUEUE_URL=$(output AssignmentQueueUrl) && POOL=$(output StaffUserPoolId) || exit 1',
    `[ -n "$TABLE_NAME" ] && [ "$TABLE_NAME" != None ] || { echo "no TableName output: is ${stack} deployed in ${config.region}?" >&2; exit 1; }`,
    'export TABLE_NAME ASSIGNMENT_QUEUE_URL',
    // The roster checks new members against this environment's configuration (its own addresses, its supervisors).
    `export OUVIDORIA_ENV=${envName}`,
    '# The roster (an id already there is reported and left as it is).',
    ...staffSeedCommands(config),
    '# Console sign-ins: Cognito mails each address a temporary password.',
    ...consoleSignInCommands(config),
    '',
  ].join('\n');
}

// `npm run -s staff:seed -- [env]` prints the script for infra/config/<env>.json.
if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const envName = process.argv[2] ?? DEFAULT_ENV;
  process.stdout.write(staffSeedScript(loadDeploymentConfig(envName), envName));
}
