import { Match, Template } from 'aws-cdk-lib/assertions';
import type { CfnElement, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app';
import { loadDeploymentConfig } from '../../infra/config';
import { ENV } from '../../shared/runtime-env';

let stack: ReturnType<typeof buildApp>['stack'];
let template: Template;
const logicalId = (s: Stack, c: IConstruct) => s.getLogicalId(c.node.defaultChild as CfnElement);

beforeAll(() => {
  ({ stack } = buildApp({
    context: { 'aws:cdk:bundling-stacks': [] },
    config: loadDeploymentConfig('dev'),
    nag: false,
  }));
  template = Template.fromStack(stack);
});

describe('case lifecycle infrastructure (SPEC steps 8–9)', () => {
  it('generates the reply-address secret in Secrets Manager', () => {
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: { PasswordLength: 48, ExcludePunctuation: true },
    });
  });

  it('gives the timer schedules a role that may only invoke the lifecycle-timer function and dead-letter what it cannot deliver', () => {
    const roleId = logicalId(stack, stack.lifecycle.timerRole);
    const role = template.toJSON().Resources[roleId];
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      expect.objectContaining({
        Principal: { Service: 'scheduler.amazonaws.com' },
        // Schedules of the stack's group only (stack.test.ts checks every scheduler role the same way).
        Condition: {
          StringEquals: {
            'aws:SourceAccount': { Ref: 'AWS::AccountId' },
            'aws:SourceArn': { 'Fn::GetAtt': [stack.getLogicalId(stack.queues.scheduleGroup), 'Arn'] },
          },
        },
      }),
    ]);
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) =>
      JSON.stringify(p.Properties.Roles).includes(roleId),
    );
    const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(statements).toEqual([
      {
        Sid: 'InvokeLifecycleTimer',
        Effect: 'Allow',
        Action: 'lambda:InvokeFunction',
        Resource: [
          // Timers armed before the alias existed name the function itself.
          { 'Fn::GetAtt': [logicalId(stack, stack.lifecycle.timerFunction.function), 'Arn'] },
          { Ref: logicalId(stack, stack.lifecycle.timerAlias) },
        ],
      },
      // Scheduler writes to a schedule's DLQ with the schedule's role: without this, a timer that
      // could not be delivered was lost instead of reaching the scheduler DLQ and its alarm.
      {
        Sid: 'SendToSchedulerDlq',
        Effect: 'Allow',
        Action: 'sqs:SendMessage',
        Resource: { 'Fn::GetAtt': [logicalId(stack, stack.queues.schedulerDlq), 'Arn'] },
      },
    ]);
  });

  // EventBridge Scheduler invokes Lambda asynchronously: its DLQ sees what it could not hand over,
  // never a timer the function failed on, which Lambda dropped after its retries (deploy review 44).
  it('keeps a timer the function failed on: the timers target an alias whose failures go to the scheduler DLQ', () => {
    const dlq = { 'Fn::GetAtt': [logicalId(stack, stack.queues.schedulerDlq), 'Arn'] };
    const alias = logicalId(stack, stack.lifecycle.timerAlias);
    const fnId = logicalId(stack, stack.lifecycle.timerFunction.function);
    const configs = Object.values(template.findResources('AWS::Lambda::EventInvokeConfig')).filter(
      (r) => JSON.stringify(r.Properties.FunctionName) === JSON.stringify({ Ref: fnId }),
    );
    // On the alias only: the effects sweep invokes the function itself, and a failed run (replaced
    // five minutes later) must not fill the DLQ nor page.
    expect(configs.map((c) => c.Properties)).toEqual([
      expect.objectContaining({
        Qualifier: expect.anything(),
        MaximumRetryAttempts: 2,
        DestinationConfig: { OnFailure: { Destination: dlq } },
      }),
    ]);
    template.hasResourceProperties('AWS::Lambda::Alias', { Name: 'timers', FunctionName: { Ref: fnId } });
    for (const fn of [stack.emailIntake, stack.assignment, stack.console]) {
      const env = template.toJSON().Resources[logicalId(stack, fn.function)].Properties.Environment.Variables;
      expect(env[ENV.timerTargetArn]).toEqual({ Ref: alias });
    }
    const sends = (
      Object.values(
        template.findResources('AWS::IAM::Policy', {
          Properties: { Roles: Match.arrayWith([{ Ref: logicalId(stack, stack.lifecycle.timerFunction.role) }]) },
        }),
      ).flatMap((p) => p.Properties.PolicyDocument.Statement) as { Action: unknown; Resource: unknown }[]
    ).filter((st) => [st.Action].flat().includes('sqs:SendMessage'));
    expect(sends.map((st) => st.Resource)).toContainEqual(dlq);
  });

  it('names the scheduler DLQ to every function that arms timers, and the timer role may write to it', () => {
    const dlq = { 'Fn::GetAtt': [logicalId(stack, stack.queues.schedulerDlq), 'Arn'] };
    for (const fn of [stack.emailIntake, stack.assignment, stack.console]) {
      const resource = template.toJSON().Resources[logicalId(stack, fn.function)];
      expect(resource.Properties.Environment.Variables[ENV.schedulerDlqArn]).toEqual(dlq);
      expect(resource.Properties.Environment.Variables[ENV.timerRoleArn]).toBeDefined();
    }
  });

  it('lets the lifecycle-timer function release open-case markers (pending effects of a close) and remove held replies it is done with, nothing else deleted', () => {
    const roleId = logicalId(stack, stack.lifecycle.timerFunction.role);
    const policies = template.findResources('AWS::IAM::Policy', {
      Properties: { Roles: Match.arrayWith([{ Ref: roleId }]) },
    });
    const deletes = Object.values(policies)
      .flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: unknown; Condition?: unknown }[])
      .filter((s) => [s.Action].flat().includes('dynamodb:DeleteItem'));
    expect(deletes).toEqual([
      expect.objectContaining({
        Action: 'dynamodb:DeleteItem',
        Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['STAFF'] } },
      }),
      expect.objectContaining({
        Action: 'dynamodb:DeleteItem',
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['HELDREPLY#*'] } },
      }),
    ]);
  });

  it('lets the lifecycle-timer function tag raw mail and files as a pending close or reopening requires (LGPD)', () => {
    const roleId = logicalId(stack, stack.lifecycle.timerFunction.role);
    const sids = Object.values(
      template.findResources('AWS::IAM::Policy', { Properties: { Roles: Match.arrayWith([{ Ref: roleId }]) } }),
    ).flatMap((p) => (p.Properties.PolicyDocument.Statement as { Sid?: string }[]).map((st) => st.Sid));
    expect(sids).toEqual(expect.arrayContaining(['TagRawMailRetention', 'TagUploadsRetention']));
    const fnId = logicalId(stack, stack.lifecycle.timerFunction.function);
    const variables = template.toJSON().Resources[fnId].Properties.Environment.Variables;
    expect(Object.keys(variables)).toEqual(expect.arrayContaining([ENV.rawMailBucket, ENV.uploadsBucket]));
  });

  it('tells the functions that arm timers where the secret, the target and the role are', () => {
    for (const fn of [stack.emailIntake, stack.assignment]) {
      const env = template.toJSON().Resources[logicalId(stack, fn.function)].Properties.Environment.Variables;
      expect(Object.keys(env)).toEqual(
        expect.arrayContaining([ENV.replySecretArn, ENV.timerTargetArn, ENV.timerRoleArn, ENV.schedulerGroup]),
      );
    }
    // The timer function reads the secret but arms nothing (its own ARN would be a cycle).
    const own =
      template.toJSON().Resources[logicalId(stack, stack.lifecycle.timerFunction.function)].Properties.Environment
        .Variables;
    expect(own[ENV.replySecretArn]).toBeDefined();
    expect(own[ENV.timerTargetArn]).toBeUndefined();
  });

  it('alarms on OverdueCases from the lifecycle-timer function, to the alarm topic', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'OverdueCases',
      Namespace: 'Ouvidoria/dev',
      Dimensions: [{ Name: 'service', Value: 'lifecycle-timer' }],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [{ Ref: logicalId(stack, stack.monitoring.alarmTopic) }],
      OKActions: Match.anyValue(),
    });
  });

  it('receives the per-case staff addresses with the same receipt rule (caso@ matches caso+…@)', () => {
    template.hasResourceProperties('AWS::SES::ReceiptRule', {
      Rule: Match.objectLike({ Recipients: Match.arrayWith(['caso@ouvidoria.example.com.br']) }),
    });
  });
});

describe('tracing by configuration (xrayTracing)', () => {
  it('turns the Powertools Tracer on exactly where active tracing is on', () => {
    for (const env of ['dev', 'staging'] as const) {
      const config = loadDeploymentConfig(env);
      const built = buildApp({ context: { 'aws:cdk:bundling-stacks': [] }, config, nag: false }).stack;
      const fns = Object.values(Template.fromStack(built).findResources('AWS::Lambda::Function')).filter(
        (f) => f.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME,
      );
      expect(fns.length).toBeGreaterThan(5);
      for (const fn of fns) {
        expect(fn.Properties.Environment.Variables.POWERTOOLS_TRACE_ENABLED).toBe(String(config.xrayTracing));
        expect(fn.Properties.TracingConfig?.Mode ?? 'PassThrough').toBe(config.xrayTracing ? 'Active' : 'PassThrough');
      }
    }
  });
});
