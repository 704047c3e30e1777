import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app';
import { loadDeploymentConfig } from '../../infra/config';

const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] };

/**
 * The property that is a resource's name in the account, per type (unique per account and region, so a
 * second environment or a redeploy collides if two stacks set the same literal).
 */
const NAME_PROPERTY: Record<string, (p: Record<string, unknown>) => unknown> = {
  'AWS::SES::ReceiptRuleSet': (p) => p.RuleSetName,
  'AWS::SES::ReceiptRule': (p) => (p.Rule as { Name?: unknown } | undefined)?.Name,
  'AWS::SES::EmailIdentity': (p) => p.EmailIdentity,
  'AWS::SES::ConfigurationSet': (p) => p.Name,
  'AWS::Scheduler::ScheduleGroup': (p) => p.Name,
  'AWS::Scheduler::Schedule': (p) => p.Name,
  'AWS::DynamoDB::Table': (p) => p.TableName,
  'AWS::S3::Bucket': (p) => p.BucketName,
  'AWS::SQS::Queue': (p) => p.QueueName,
  'AWS::SNS::Topic': (p) => p.TopicName,
  'AWS::Lambda::Function': (p) => p.FunctionName,
  'AWS::Logs::LogGroup': (p) => p.LogGroupName,
  'AWS::IAM::Role': (p) => p.RoleName,
  'AWS::SecretsManager::Secret': (p) => p.Name,
  'AWS::KMS::Alias': (p) => p.AliasName,
  'AWS::CloudWatch::Alarm': (p) => p.AlarmName,
  'AWS::CloudWatch::Dashboard': (p) => p.DashboardName,
  'AWS::Route53::RecordSet': (p) => (typeof p.Name === 'string' ? `${p.Name} ${String(p.Type)}` : undefined),
  'AWS::Budgets::Budget': (p) => (p.Budget as { BudgetName?: unknown } | undefined)?.BudgetName,
  // The prefix is global to the region; with the account a token, its literal part stands for it.
  'AWS::Cognito::UserPoolDomain': (p) => JSON.stringify(p.Domain),
};

/** Every literal physical name of a template, e.g. `AWS::SES::ReceiptRuleSet ouvidoria-dev`. */
function physicalNames(template: Template): string[] {
  const names: string[] = [];
  for (const resource of Object.values(template.toJSON().Resources) as {
    Type: string;
    Properties?: Record<string, unknown>;
  }[]) {
    const name = NAME_PROPERTY[resource.Type]?.(resource.Properties ?? {});
    if (typeof name === 'string') names.push(`${resource.Type} ${name}`);
  }
  return names;
}

const synthesized = new Map<string, Template>();
/** The template of infra/config/<env>.json (synthesized once per file: the templates are only read). */
function synthEnv(env: string): Template {
  let template = synthesized.get(env);
  if (!template) {
    const { stack } = buildApp({ context: { ...NO_BUNDLING, env }, nag: false });
    template = Template.fromStack(stack);
    synthesized.set(env, template);
  }
  return template;
}

describe('environment names that would fail the deploy stop the synth', () => {
  it.each([
    ['aws-sandbox', /Cognito refuses a domain prefix containing "aws"/],
    ['homologacao-amazon', /containing "amazon"/],
    ['cognito-teste', /containing "cognito"/],
    ['homologacao-do-time-de-atendimento-ao-lojista', /at most 40 characters/],
  ])('%s: %s', (env, problem) => {
    const config = loadDeploymentConfig('staging');
    expect(() => buildApp({ context: { ...NO_BUNDLING, env }, config, nag: false })).toThrow(problem);
  });

  it('a build whose holiday table ends within two years stops the synth (due dates would reach past it)', () => {
    const config = loadDeploymentConfig('staging');
    const build = (today: string) => () =>
      buildApp({ context: { ...NO_BUNDLING, env: 'staging' }, config, nag: false, today: new Date(today) });
    expect(build('2049-03-01T12:00:00Z')).toThrow(/holiday table .* covers 2015–2050.*npm run holidays/);
  });

  it('takes the longest name that still fits every derived name', () => {
    const env = 'homologacao-do-time-de-atendimento-lojas';
    expect(env).toHaveLength(40);
    const { stack } = buildApp({
      context: { ...NO_BUNDLING, env },
      config: loadDeploymentConfig('staging'),
      nag: false,
    });
    const domain = Template.fromStack(stack).findResources('AWS::Cognito::UserPoolDomain');
    const prefix = Object.values(domain)[0]?.Properties.Domain['Fn::Join'][1][0] as string;
    expect(`${prefix}123456789012`).toHaveLength(63);
  }, 120_000);
});

describe('two environments in one account and region', () => {
  it('dev and staging share account and region but no physical name', () => {
    const dev = loadDeploymentConfig('dev');
    const staging = loadDeploymentConfig('staging');
    expect(staging.region).toBe(dev.region);
    expect(staging.account).toBe(dev.account);

    const devNames = physicalNames(synthEnv('dev'));
    const stagingNames = physicalNames(synthEnv('staging'));
    // The check sees the names we do set (else it could never fail).
    expect(devNames).toContain('AWS::SES::ReceiptRuleSet ouvidoria-dev');
    expect(devNames).toContain('AWS::SES::EmailIdentity ouvidoria.example.com.br');
    expect(stagingNames).toContain('AWS::SES::ReceiptRuleSet ouvidoria-staging');
    expect(devNames).toContain('AWS::Budgets::Budget NOTIFY Ouvidoria-dev MonthlyCost');
    expect(devNames).toContainEqual(expect.stringMatching(/^AWS::Cognito::UserPoolDomain .*ouvidoria-dev-/));
    expect(stagingNames).toContainEqual(expect.stringMatching(/^AWS::Cognito::UserPoolDomain .*ouvidoria-staging-/));
    expect(stagingNames.filter((n) => devNames.includes(n))).toEqual([]);
  }, 120_000);

  it('finds the collision when two environments are given the same rule set name (the check can fail)', () => {
    const staging = { ...loadDeploymentConfig('staging'), ruleSetName: 'ouvidoria-dev' };
    const { stack } = buildApp({ context: { ...NO_BUNDLING, env: 'staging' }, config: staging, nag: false });
    const clash = physicalNames(Template.fromStack(stack)).filter((n) => physicalNames(synthEnv('dev')).includes(n));
    expect(clash).toContain('AWS::SES::ReceiptRuleSet ouvidoria-dev');
  }, 120_000);

  // Only one receipt rule set is active per account and region: a second environment (or an account
  // that already receives mail for other domains) adds its rule to the active set, instead of owning
  // a set that could only receive by switching the other one off.
  it('lets a second environment receive by adding its own rule to the active rule set of the first', () => {
    const staging = { ...loadDeploymentConfig('staging'), existingRuleSetName: 'ouvidoria-dev' };
    const { stack } = buildApp({ context: { ...NO_BUNDLING, env: 'staging' }, config: staging, nag: false });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::SES::ReceiptRuleSet', 0);
    template.resourceCountIs('Custom::SesActiveReceiptRuleSet', 0);
    template.hasResourceProperties('AWS::SES::ReceiptRule', {
      RuleSetName: 'ouvidoria-dev',
      Rule: { Name: 'ouvidoria-staging-intake' },
    });
    const ruleArn = {
      'Fn::Join': [
        '',
        [
          'arn:aws:ses:us-east-1:',
          { Ref: 'AWS::AccountId' },
          ':receipt-rule-set/ouvidoria-dev:receipt-rule/ouvidoria-staging-intake',
        ],
      ],
    };
    // SES may invoke the intake and write raw mail only for that rule.
    template.hasResourceProperties('AWS::Lambda::Permission', { Principal: 'ses.amazonaws.com', SourceArn: ruleArn });
    expect(JSON.stringify(template.findResources('AWS::S3::BucketPolicy'))).toContain(JSON.stringify(ruleArn));
    // Its names still collide with nothing of the first environment.
    expect(physicalNames(template).filter((n) => physicalNames(synthEnv('dev')).includes(n))).toEqual([]);
  }, 120_000);

  it('names no retained resource: CloudFormation generates their names, so a redeploy after destroy works', () => {
    const template = synthEnv('dev');
    const retained = Object.values(template.toJSON().Resources) as {
      Type: string;
      DeletionPolicy?: string;
      Properties?: Record<string, unknown>;
    }[];
    const named = retained
      .filter((r) => r.DeletionPolicy === 'Retain')
      .flatMap((r) =>
        Object.entries(r.Properties ?? {})
          .filter(([k, v]) => /Name$/.test(k) && typeof v === 'string' && k !== 'DisplayName')
          .map(([k, v]) => `${r.Type} ${k}=${v}`),
      );
    expect(retained.some((r) => r.DeletionPolicy === 'Retain')).toBe(true);
    expect(named).toEqual([]);
  }, 120_000);
});

/** The custom-metric namespaces a template's functions publish to and its alarms and dashboard read. */
function metricNamespaces(template: Template): { published: string[]; read: string[] } {
  interface MetricProps {
    Namespace?: unknown;
    Metrics?: { MetricStat?: { Metric?: { Namespace?: unknown } } }[];
    Environment?: { Variables?: Record<string, unknown> };
  }
  const resources = Object.values(template.toJSON().Resources) as { Type: string; Properties?: MetricProps }[];
  const published = resources
    .filter((r) => r.Type === 'AWS::Lambda::Function')
    .map((r) => r.Properties?.Environment?.Variables?.POWERTOOLS_METRICS_NAMESPACE)
    .filter((ns): ns is string => typeof ns === 'string');
  const read: unknown[] = [];
  for (const r of resources.filter((r) => r.Type === 'AWS::CloudWatch::Alarm')) {
    read.push(r.Properties?.Namespace, ...(r.Properties?.Metrics ?? []).map((m) => m.MetricStat?.Metric?.Namespace));
  }
  // The dashboard's SEARCH expressions name a namespace too: {<namespace>,dimension,…}.
  const body = JSON.stringify(resources.filter((r) => r.Type === 'AWS::CloudWatch::Dashboard'));
  for (const match of body.matchAll(/SEARCH\('\{([^,]+),/g)) read.push(match[1]);
  const custom = read.filter((ns): ns is string => typeof ns === 'string' && !ns.startsWith('AWS/'));
  return { published: [...new Set(published)], read: [...new Set(custom)] };
}

// Custom metrics have no owner but their namespace and dimensions: two environments in one account
// and region publishing `Ouvidoria` / service=email-intake would read each other's counts — staging's
// TicketDirectoryFailing (no Zendesk credentials yet) paging production's on-call, production's sweep
// reports hiding a stopped staging sweep (EffectSweepStopped).
describe('custom metrics of two environments in one account and region', () => {
  it.each([
    ['dev', 'Ouvidoria/dev'],
    ['staging', 'Ouvidoria/staging'],
  ])(
    '%s publishes to and alarms on its own namespace %s only',
    (env, namespace) => {
      const { published, read } = metricNamespaces(synthEnv(env));
      expect(published).toEqual([namespace]);
      expect(read).toEqual([namespace]);
    },
    120_000,
  );
});

interface Removable {
  Type: string;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  Properties?: Record<string, unknown>;
}
const resourcesOf = (template: Template, type: string): Removable[] =>
  (Object.values(template.toJSON().Resources) as Removable[]).filter((r) => r.Type === type);

// `cdk destroy`: production (dev.json, "retainData": true) keeps its data and nothing else that costs;
// a test environment (staging.json) leaves nothing behind. Each row: a stateful type, what it holds,
// then its policy in production and in the test environment.
describe('cdk destroy keeps production data and leaves nothing of a test environment', () => {
  it.each([
    ['AWS::DynamoDB::Table', 'cases, roster, claims', 'Retain', 'Delete'],
    ['AWS::S3::Bucket', 'raw mail, webform files, message texts, reports, access logs', 'Retain', 'Delete'],
    ['AWS::Logs::LogGroup', 'function and API access logs', 'Retain', 'Delete'],
    ['AWS::Cognito::UserPool', 'staff sign-ins', 'Retain', 'Delete'],
    ['AWS::SecretsManager::Secret', 'Zendesk credentials, reply-address secret', 'Retain', 'Delete'],
    ['AWS::Scheduler::ScheduleGroup', 'pending case timers', 'Retain', 'Delete'],
    // Encrypts only the two SNS topics, deleted with the stack: kept, it would bill a month per key
    // forever (one more after every redeploy) and protect nothing.
    ['AWS::KMS::Key', 'nothing stored: the SNS topics only', 'Delete', 'Delete'],
    ['AWS::SQS::Queue', 'messages in flight (drain a DLQ before destroy)', 'Delete', 'Delete'],
  ])(
    '%s (%s): %s in production, %s in a test environment',
    (type, _holds, production, test) => {
      for (const [env, policy] of [
        ['dev', production],
        ['staging', test],
      ] as const) {
        const resources = resourcesOf(synthEnv(env), type);
        expect(resources.length).toBeGreaterThan(0);
        expect(resources.map((r) => `${env} ${r.DeletionPolicy}/${r.UpdateReplacePolicy}`)).toEqual(
          resources.map(() => `${env} ${policy}/${policy}`),
        );
      }
    },
    120_000,
  );

  it('production retains nothing but the types above that hold data', () => {
    const holdsData = [
      'AWS::DynamoDB::Table',
      'AWS::S3::Bucket',
      'AWS::Logs::LogGroup',
      'AWS::Cognito::UserPool',
      'AWS::SecretsManager::Secret',
      'AWS::Scheduler::ScheduleGroup',
    ];
    const retained = (Object.values(synthEnv('dev').toJSON().Resources) as Removable[])
      .filter((r) => r.DeletionPolicy === 'Retain' || r.UpdateReplacePolicy === 'Retain')
      .map((r) => r.Type);
    expect([...new Set(retained)].filter((type) => !holdsData.includes(type))).toEqual([]);
  }, 120_000);

  it('production: the kept logs still expire, the table and the user pool refuse a delete by hand', () => {
    const dev = synthEnv('dev');
    const retention = resourcesOf(dev, 'AWS::Logs::LogGroup').map((r) => r.Properties?.RetentionInDays);
    expect(retention).toEqual(retention.map(() => loadDeploymentConfig('dev').logRetentionDays));
    expect(resourcesOf(dev, 'AWS::DynamoDB::Table').map((r) => r.Properties?.DeletionProtectionEnabled)).toEqual([
      true,
    ]);
    expect(resourcesOf(dev, 'AWS::Cognito::UserPool').map((r) => r.Properties?.DeletionProtection)).toEqual(['ACTIVE']);
    expect(resourcesOf(dev, 'Custom::S3AutoDeleteObjects')).toEqual([]);
  }, 120_000);

  it('a test environment: every bucket is emptied before its delete, nothing is protected from it', () => {
    const staging = synthEnv('staging');
    const buckets = Object.entries(staging.findResources('AWS::S3::Bucket')).map(([id]) => id);
    const emptied = resourcesOf(staging, 'Custom::S3AutoDeleteObjects').map(
      (r) => (r.Properties?.BucketName as { Ref?: string } | undefined)?.Ref,
    );
    expect(emptied.sort()).toEqual(buckets.sort());
    expect(resourcesOf(staging, 'AWS::DynamoDB::Table').map((r) => r.Properties?.DeletionProtectionEnabled)).toEqual([
      false,
    ]);
    expect(resourcesOf(staging, 'AWS::Cognito::UserPool').map((r) => r.Properties?.DeletionProtection)).toEqual([
      'INACTIVE',
    ]);
  }, 120_000);
});

// One environment deployed into two accounts (a migration, a disaster-recovery copy): names scoped to an
// account may repeat, but a Cognito domain prefix is global to the region and a bucket name to all of
// S3. The stack sets no bucket name, and the prefix carries the account.
describe('one environment in two accounts', () => {
  /** The names that must be unique across accounts: Cognito domain prefixes and S3 bucket names. */
  function globalNames(account: string): string[] {
    const config = { ...loadDeploymentConfig('staging'), account };
    const { stack } = buildApp({ context: { ...NO_BUNDLING, env: 'staging' }, config, nag: false });
    const resources = Object.values(Template.fromStack(stack).toJSON().Resources) as Removable[];
    return resources.flatMap((r) => {
      if (r.Type === 'AWS::Cognito::UserPoolDomain') return [`cognito ${JSON.stringify(r.Properties?.Domain)}`];
      if (r.Type === 'AWS::S3::Bucket' && r.Properties?.BucketName !== undefined)
        return [`s3 ${JSON.stringify(r.Properties.BucketName)}`];
      return [];
    });
  }

  it('shares no global name (Cognito domain prefix, bucket names)', () => {
    const first = globalNames('111111111111');
    const second = globalNames('222222222222');
    expect(first).toEqual(['cognito "ouvidoria-staging-111111111111"']);
    expect(second).toEqual(['cognito "ouvidoria-staging-222222222222"']);
  }, 120_000);
});
