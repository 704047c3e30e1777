import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { CONFIG_DIR, loadDeploymentConfig, parseDeploymentConfig } from '../../infra/config';
import { firstStaffSignInNotice } from '../../infra/ouvidoria-stack';
import { consoleSignInCommands, staffSeedScript } from '../../infra/staff-seed';

const devInput = JSON.parse(readFileSync(join(CONFIG_DIR, 'dev.json'), 'utf8')) as Record<string, unknown>;
const config = parseDeploymentConfig({
  ...devInput,
  region: 'us-east-2',
  staff: [
    { id: 'sofia', name: 'Sofia Ramos', email: 'sofia.ramos@empresa.com.br' },
    { id: 'dalva.o', name: "Dalva D'Ávila", email: 'dalva@empresa.com.br' },
  ],
  lifecycle: { supervisorIds: ['sofia'] },
});

const dir = mkdtempSync(join(tmpdir(), 'ouvidoria-seed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Runs the printed script with `aws` and `npm` stand-ins on PATH that log their arguments (and the
 * roster command its environment): the stack's outputs are answered, `existing` users are known to Cognito.
 */
function runScript(
  script: string,
  existing: string[] = [],
): { calls: string[]; status: number | null; stderr: string } {
  const log = join(dir, `calls-${Math.random().toString(36).slice(2)}.log`);
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  const stub = (name: string, body: string) => {
    writeFileSync(join(bin, name), `#!/usr/bin/env bash\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  stub(
    'aws',
    `echo "aws $*" >> "$SEED_LOG"
case "$*" in
  *describe-stacks*TableName*) echo Ouvidoria-dev-CasesTable-ABC ;;
  *describe-stacks*AssignmentQueueUrl*) echo https://sqs.us-east-2.amazonaws.com/123456789012/assign.fifo ;;
  *describe-stacks*StaffUserPoolId*) echo us-east-2_Pool123 ;;
  *admin-get-user*) for u in ${existing.join(' ')}; do [[ "$*" == *"--username $u"* ]] && exit 0; done; exit 1 ;;
esac`,
  );
  stub('npm', 'echo "npm $* TABLE_NAME=$TABLE_NAME QUEUE=$ASSIGNMENT_QUEUE_URL REGION=$AWS_REGION" >> "$SEED_LOG"');
  const run = spawnSync('bash', ['-c', script], {
    // stdin not a socket: bash would take itself for a remote shell and read ~/.bashrc.
    env: { PATH: `${bin}:${process.env.PATH}`, HOME: dir, SEED_LOG: log },
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  const calls = readFileSync(log, 'utf8').trim().split('\n');
  return { calls, status: run.status, stderr: run.stderr };
}

describe('staff seed (npm run staff:seed)', () => {
  it('gives the first supervisor a roster entry and a console sign-in in the supervisors group', () => {
    const { calls, status, stderr } = runScript(staffSeedScript(config, 'dev'));
    expect([status, stderr]).toEqual([0, '']);
    const queue = 'https://sqs.us-east-2.amazonaws.com/123456789012/assign.fifo';
    expect(calls.filter((c) => c.startsWith('npm'))).toEqual([
      `npm run staff -- add sofia --name Sofia Ramos --email sofia.ramos@empresa.com.br TABLE_NAME=Ouvidoria-dev-CasesTable-ABC QUEUE=${queue} REGION=us-east-2`,
      `npm run staff -- add dalva.o --name Dalva D'Ávila --email dalva@empresa.com.br TABLE_NAME=Ouvidoria-dev-CasesTable-ABC QUEUE=${queue} REGION=us-east-2`,
    ]);
    const user = (email: string) => `--user-pool-id us-east-2_Pool123 --username ${email}`;
    expect(calls.filter((c) => c.startsWith('aws cognito-idp'))).toEqual([
      `aws cognito-idp --region us-east-2 admin-get-user ${user('sofia.ramos@empresa.com.br')}`,
      `aws cognito-idp --region us-east-2 admin-create-user ${user('sofia.ramos@empresa.com.br')} --user-attributes Name=email,Value=sofia.ramos@empresa.com.br Name=email_verified,Value=true Name=custom:staff_id,Value=sofia`,
      `aws cognito-idp --region us-east-2 admin-add-user-to-group ${user('sofia.ramos@empresa.com.br')} --group-name supervisores`,
      `aws cognito-idp --region us-east-2 admin-get-user ${user('dalva@empresa.com.br')}`,
      `aws cognito-idp --region us-east-2 admin-create-user ${user('dalva@empresa.com.br')} --user-attributes Name=email,Value=dalva@empresa.com.br Name=email_verified,Value=true Name=custom:staff_id,Value=dalva.o`,
      `aws cognito-idp --region us-east-2 admin-add-user-to-group ${user('dalva@empresa.com.br')} --group-name analistas`,
    ]);
    expect(calls.filter((c) => c.includes('describe-stacks'))).toHaveLength(3);
    expect(calls.find((c) => c.includes('describe-stacks'))).toContain('--region us-east-2 --stack-name Ouvidoria-dev');
  });

  it('runs again after a partial run: a sign-in that exists is not created twice', () => {
    const { calls } = runScript(staffSeedScript(config, 'dev'), ['sofia.ramos@empresa.com.br']);
    const created = calls.filter((c) => c.includes('admin-create-user'));
    expect(created).toHaveLength(1);
    expect(created[0]).toContain('--username dalva@empresa.com.br');
    expect(calls.filter((c) => c.includes('admin-add-user-to-group'))).toHaveLength(2);
  });

  it('stops before writing anything when the stack has no outputs (wrong env or region)', () => {
    // describe-stacks --output text answers "None" for an output the stack does not have.
    const noStack = staffSeedScript(config, 'dev').replace('TABLE_NAME=$(output TableName)', 'TABLE_NAME=None');
    const { calls, status, stderr } = runScript(noStack);
    expect(status).toBe(1);
    expect(stderr).toBe('no TableName output: is Ouvidoria-dev deployed in us-east-2?\n');
    expect(calls.filter((c) => !c.includes('describe-stacks'))).toEqual([]);
  });

  it.each([
    ['a supervisor', 'sofia', 'supervisores'],
    ['an analyst', 'dalva.o', 'analistas'],
  ])('puts %s in the group the console reads', (_who, id, group) => {
    const commands = consoleSignInCommands(config).filter((c) => c.includes(`custom:staff_id,Value=${id}`));
    expect(commands).toHaveLength(1);
    const index = consoleSignInCommands(config).indexOf(commands[0]!);
    expect(consoleSignInCommands(config)[index + 1]).toMatch(new RegExp(`--group-name ${group}$`));
  });

  it('says there is nobody to seed for an empty staff', () => {
    // Synth refuses an empty staff (its supervisor is in none); the script stays total all the same.
    expect(staffSeedScript({ ...parseDeploymentConfig(devInput), staff: [] }, 'dev')).toBe(
      '# config.staff is empty: nobody to seed\n',
    );
  });

  it('is the npm script the deploy output names, printing the script of the environment asked for', () => {
    const printed = execFileSync('npm', ['run', '-s', 'staff:seed', '--', 'staging'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(printed).toBe(staffSeedScript(loadDeploymentConfig('staging'), 'staging'));
    expect(printed).toContain('--stack-name Ouvidoria-staging');
    expect(firstStaffSignInNotice('staging')).toMatch(/^npm run -s staff:seed -- staging > seed-staging\.sh/);
  });
});
