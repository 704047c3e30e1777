import type { CfnElement, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app';
import { loadDeploymentConfig, runtimeConfigOf } from '../../infra/config';
import type { OuvidoriaStack } from '../../infra/ouvidoria-stack';
import { TTL_ATTRIBUTE } from '../../shared/adapters/dynamo/table-design';
import { officeCalendar } from '../../shared/domain/calendar';
import { isFirstBusinessDayOfMonth } from '../../shared/domain/report/figures';

const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] };
let stack: OuvidoriaStack;
let template: Template;

beforeAll(() => {
  ({ stack } = buildApp({ context: NO_BUNDLING, config: loadDeploymentConfig('dev'), nag: false }));
  template = Template.fromStack(stack);
});

const logicalId = (s: Stack, c: IConstruct) => s.getLogicalId(c.node.defaultChild as CfnElement);

function statementsOf(role: IConstruct): Array<Record<string, unknown>> {
  const policies = template.findResources('AWS::IAM::Policy', {
    Properties: { Roles: [{ Ref: logicalId(stack, role) }] },
  });
  return Object.values(policies).flatMap(
    (p) =>
      (p as { Properties: { PolicyDocument: { Statement: Array<Record<string, unknown>> } } }).Properties.PolicyDocument
        .Statement,
  );
}

describe('reports and retention (CDK)', () => {
  it('keeps the TTL attribute on the table', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
    });
  });

  it('expires raw mail of closed cases by tag, retentionDays after the tag', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({
            Id: 'lgpd-closed-case-raw-mail',
            Status: 'Enabled',
            ExpirationInDays: 1826,
            TagFilters: [{ Key: 'ouvidoria-retention', Value: 'closed-case' }],
          }),
        ]),
      },
    });
  });

  it('stores reports encrypted, private, TLS-only, with a lifecycle', () => {
    const bucket = stack.reports.bucket;
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: Match.objectLike({ BlockPublicAcls: true, RestrictPublicBuckets: true }),
      LifecycleConfiguration: {
        Rules: Match.arrayWith([Match.objectLike({ Id: 'expire-reports', ExpirationInDays: 731 })]),
      },
    });
    expect(logicalId(stack, bucket)).toMatch(/^ReportsBucket/);
  });

  it('runs the report function every day at 08:00 São Paulo time', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 8 * * ? *)',
      ScheduleExpressionTimezone: 'America/Sao_Paulo',
      Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [logicalId(stack, stack.reports.fn.function), 'Arn'] } }),
    });
  });

  /** The days of the month the report's schedule fires on (its cron's day-of-month field). */
  function scheduledDays(): Set<number> {
    const schedules = template.findResources('AWS::Scheduler::Schedule', {
      Properties: {
        Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [logicalId(stack, stack.reports.fn.function), 'Arn'] } }),
      },
    });
    const expression = (Object.values(schedules)[0] as { Properties: { ScheduleExpression: string } }).Properties
      .ScheduleExpression;
    const day = /^cron\(\S+ \S+ (\S+) /.exec(expression)?.[1] ?? '';
    const days = new Set<number>();
    for (const part of day.split(',')) {
      const [from = Number.NaN, to = from] = part === '*' ? [1, 31] : part.split('-').map(Number);
      for (let d = from; d <= to; d++) days.add(d);
    }
    return days;
  }

  it.each([
    {
      name: 'a recess from Christmas to Friday 8 Jan 2027',
      closed: [
        '2026-12-28',
        '2026-12-29',
        '2026-12-30',
        '2027-01-04',
        '2027-01-05',
        '2027-01-06',
        '2027-01-07',
        '2027-01-08',
      ],
      first: '2027-01-11',
    },
    {
      name: 'a company week off after Carnival 2027 (1–5 Mar)',
      closed: ['2027-03-01', '2027-03-02', '2027-03-03', '2027-03-04', '2027-03-05'],
      first: '2027-03-08',
    },
    { name: 'no recess: New Year on a Friday, then the weekend', closed: [], first: '2027-01-04' },
  ])('$name: the schedule fires on the first business day, $first', ({ closed, first }) => {
    const config = runtimeConfigOf(loadDeploymentConfig('dev'));
    const calendar = officeCalendar({ ...config, calendar: { ...config.calendar, extraClosedDays: closed } });
    expect(isFirstBusinessDayOfMonth(calendar, new Date(`${first}T08:00:00-03:00`))).toBe(true);
    expect(scheduledDays().has(Number(first.slice(8, 10)))).toBe(true);
  });

  it('grants the report function only index queries, surveys/roster reads, its report prefix and sending', () => {
    const statements = statementsOf(stack.reports.fn.role);
    const actions = statements.flatMap((s) => (Array.isArray(s['Action']) ? s['Action'] : [s['Action']])).sort();
    expect(actions).toEqual(
      [
        'dynamodb:GetItem',
        'dynamodb:Query',
        'dynamodb:Query',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        's3:PutObject',
        'ses:SendEmail',
        'ses:SendRawEmail',
        // The on-failure destination: a run failed three times is kept in the scheduler DLQ.
        'sqs:GetQueueAttributes',
        'sqs:GetQueueUrl',
        'sqs:SendMessage',
      ].sort(),
    );
    const query = statements.find((s) => s['Sid'] === 'QueryStatusIndex');
    expect(JSON.stringify(query)).toContain('/index/gsi1-status');
    expect(query?.['Condition']).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['STATUS#*'] } });
    const reads = statements.find((s) => s['Sid'] === 'ReadSurveysAndRoster');
    expect(reads?.['Condition']).toEqual({
      'ForAllValues:StringLike': {
        // The closings by month (CASEEVENTS#, ERASEDEVENTS#) and the cases they name, by key.
        'dynamodb:LeadingKeys': ['SURVEY#*', 'STAFF', 'ERASEDSTATS#*', 'ERASEDEVENTS#*', 'CASEEVENTS#*', 'CASE#*'],
      },
    });
    expect(JSON.stringify(statements)).not.toMatch(/dynamodb:(Scan|DeleteItem|BatchWriteItem)/);
    expect(JSON.stringify(statements.find((s) => s['Sid'] === 'WriteReports'))).toContain('/relatorios/*');
  });
});
