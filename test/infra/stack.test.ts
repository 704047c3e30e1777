import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CfnElement, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ASSIGNMENT_METRIC } from '../../functions/assignment/handler';
import { ALL_GSIS, GSI, TABLE_KEYS, TTL_ATTRIBUTE } from '../../shared/adapters/dynamo/table-design';
import { METRIC as EMITTED, METRICS_NAMESPACE as EMITTED_NAMESPACE } from '../../shared/adapters/telemetry';
import { configSchema } from '../../shared/domain/config';
import { OUTCOMES } from '../../shared/domain/outcome';
import { EFFECT_SWEEP_EVENT, ENV, HELD_REPLY_SWEEP_EVENT } from '../../shared/runtime-env';
import { ASSIGNMENT_MESSAGE_GROUP } from '../../shared/adapters/sqs-assignment-queue';
import { buildApp } from '../../infra/app';
import { type DeploymentConfig, loadDeploymentConfig } from '../../infra/config';
import { TABLE_ACCESS } from '../../infra/constructs/case-table';
import { ANTIVIRUS_SILENT_WINDOW } from '../../infra/constructs/monitoring';
import { METRIC, METRICS_NAMESPACE, metricsNamespaceOf, SERVICE } from '../../infra/names';
import { FUNCTION_SIZING, firstStaffSignInNotice, type OuvidoriaStack } from '../../infra/ouvidoria-stack';
import { WEBFORM_REPLY_CLAIM } from '../../shared/webform/submit';
import { GUIDANCE_POST_KEEP_DAYS } from '../../shared/webform/pending';
import { DELIVERY_CLAIM_STALE_MS } from '../../shared/app/email-intake';

/** Unit tests skip esbuild: the real bundles are proven by `npx cdk synth`. */
const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] };
/** The custom-metric namespace of the environment these tests synthesize (dev, the default). */
const NAMESPACE = metricsNamespaceOf('dev');

function synth(overrides: Partial<DeploymentConfig> = {}): { stack: OuvidoriaStack; template: Template } {
  const config = { ...loadDeploymentConfig('dev'), ...overrides };
  const { stack } = buildApp({ context: NO_BUNDLING, config, nag: false });
  return { stack, template: Template.fromStack(stack) };
}

const logicalId = (stack: Stack, construct: IConstruct): string =>
  stack.getLogicalId(construct.node.defaultChild as CfnElement);
const ref = (stack: Stack, construct: IConstruct) => ({ Ref: logicalId(stack, construct) });
const arnOf = (stack: Stack, construct: IConstruct) => ({ 'Fn::GetAtt': [logicalId(stack, construct), 'Arn'] });

/** The statements of the one inline policy attached to a role. */
function statementsOfRole(template: Template, stack: Stack, role: IConstruct): unknown[] {
  const policies = template.findResources('AWS::IAM::Policy', {
    Properties: { Roles: [{ Ref: logicalId(stack, role) }] },
  });
  expect(Object.keys(policies)).toHaveLength(1);
  const [policy] = Object.values(policies) as { Properties: { PolicyDocument: { Statement: unknown[] } } }[];
  return policy!.Properties.PolicyDocument.Statement;
}

/** The dev configuration, and one stack with every optional behaviour switched the other way. */
let dev: ReturnType<typeof synth>;
let variant: ReturnType<typeof synth>;
beforeAll(() => {
  dev = synth();
  variant = synth({
    retainData: false,
    rawMailRetentionDays: 30,
    retention: { retentionDays: 1200, redirectRetentionDays: 180 },
    activateRuleSet: false,
    webformThrottle: { rateLimit: 3, burstLimit: 7 },
    xrayTracing: true,
    monthlyBudgetUsd: false,
  });
}, 180_000);

describe('configuration passed to the functions', () => {
  it('gives every function the runtime config (deploy-only fields stripped) and the Powertools settings', () => {
    const { stack, template } = dev;
    const config = loadDeploymentConfig('dev');
    // Synth records each supervisor's address from `staff` (the role is that id with that address).
    const supervisorAddresses = Object.fromEntries(
      config.staff.filter((m) => config.lifecycle.supervisorIds.includes(m.id)).map((m) => [m.id, m.email]),
    );
    expect(Object.keys(supervisorAddresses)).toEqual(config.lifecycle.supervisorIds);
    const expectedRuntime = configSchema().parse({
      ...config,
      lifecycle: { ...config.lifecycle, supervisorAddresses },
    });
    for (const [fn, service] of [
      [stack.emailIntake, SERVICE.emailIntake],
      [stack.webform, SERVICE.webform],
      [stack.console, SERVICE.console],
      [stack.assignment, SERVICE.assignment],
      [stack.sesFeedback, SERVICE.sesFeedback],
    ] as const) {
      const resource = template.toJSON().Resources[logicalId(stack, fn.function)];
      const vars = resource.Properties.Environment.Variables;
      // In the bundle, as synth validated it (read without building the schema again, issue 16),
      // not in the environment (Lambda's 4 KB: test/infra/function-environment.test.ts).
      const bundled = JSON.parse(fn.bundledConfig as string);
      expect(bundled).toEqual(expectedRuntime);
      expect(vars).not.toHaveProperty(ENV.config);
      expect(vars).not.toHaveProperty(ENV.configSeal);
      expect(bundled).not.toHaveProperty('alarmEmail');
      expect(bundled).not.toHaveProperty('staff');
      expect(vars).toMatchObject({
        POWERTOOLS_SERVICE_NAME: service,
        POWERTOOLS_METRICS_NAMESPACE: NAMESPACE,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        [ENV.tableName]: ref(stack, stack.table.table),
        [ENV.sesConfigurationSet]: ref(stack, stack.sending.configurationSet),
      });
      // Source maps at run time: on where no one waits on the cold start, off for the pages people wait on.
      expect(vars['NODE_OPTIONS']).toBe(
        fn === stack.webform || fn === stack.console ? undefined : '--enable-source-maps',
      );
    }
  });

  it('points the intake at the raw mail, the queue and Zendesk', () => {
    const { stack, template } = dev;
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          [ENV.rawMailBucket]: ref(stack, stack.rawMail.bucket),
          [ENV.rawMailPrefix]: 'inbound/',
          [ENV.assignmentQueueUrl]: ref(stack, stack.queues.assignmentQueue),
          [ENV.ticketDirectory]: 'zendesk',
          [ENV.zendeskSubdomain]: 'empresa-exemplo',
          [ENV.zendeskSecretArn]: ref(stack, stack.zendeskSecret),
          POWERTOOLS_SERVICE_NAME: SERVICE.emailIntake,
        }),
      },
    });
  });

  it('gives the assignment function the scheduler group, role and queue ARN for deferral', () => {
    const { stack, template } = dev;
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          // Generated by CloudFormation: a retained group never blocks a redeploy.
          [ENV.schedulerGroup]: { Ref: stack.getLogicalId(stack.queues.scheduleGroup) },
          [ENV.schedulerRoleArn]: arnOf(stack, stack.queues.schedulerRole),
          [ENV.schedulerDlqArn]: arnOf(stack, stack.queues.schedulerDlq),
          [ENV.assignmentQueueArn]: arnOf(stack, stack.queues.assignmentQueue),
          POWERTOOLS_SERVICE_NAME: SERVICE.assignment,
        }),
      },
    });
  });
});

describe('Lambda functions', () => {
  it('end a webform invocation before its reply claim can be taken over, and leave it time to wait on one', () => {
    // A claim on a webform case is held by a webform invocation: one killed at its timeout is dead
    // long before the claim is stale (shared/app/intake.ts, ReplyClaimWait). A resubmission waits
    // at most maxWaitMs, with time left to send.
    const timeoutMs = FUNCTION_SIZING.webform.timeout.toMilliseconds();
    expect(WEBFORM_REPLY_CLAIM.staleAfterMs).toBeGreaterThanOrEqual(timeoutMs + 5_000);
    expect(WEBFORM_REPLY_CLAIM.maxWaitMs).toBeLessThanOrEqual(timeoutMs - 4_000);
  });

  it('end an email intake invocation before a copy of its mail may take its delivery claim over', () => {
    // A claim on a mail's identity whose attempt stored nothing is taken over by a copy under another
    // delivery id once older than DELIVERY_CLAIM_STALE_MS (shared/app/email-intake.ts): the holder
    // is dead by then.
    const timeoutMs = FUNCTION_SIZING.emailIntake.timeout.toMilliseconds();
    expect(DELIVERY_CLAIM_STALE_MS).toBeGreaterThanOrEqual(timeoutMs + 5_000);
  });

  it('run Node.js 24 on arm64, with their own log group and sizing', () => {
    const { stack, template } = dev;
    const expected = [
      [stack.emailIntake, 1024, 60],
      [stack.webform, 512, 10],
      // A person waits on its pages; under API Gateway's 30 s integration limit.
      [stack.console, 512, 25],
      [stack.assignment, 256, 30],
      [stack.sesFeedback, 256, 15],
    ] as const;
    for (const [fn, memory, timeout] of expected) {
      const props = template.toJSON().Resources[logicalId(stack, fn.function)].Properties;
      expect(props).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        MemorySize: memory,
        Timeout: timeout,
        Handler: 'index.handler',
        LoggingConfig: { LogFormat: 'JSON', LogGroup: ref(stack, fn.logGroup) },
      });
      expect(props.TracingConfig).toBeUndefined();
    }
  });

  it('turns on active X-Ray tracing, with its write permissions, when xrayTracing is true', () => {
    const { stack, template } = variant;
    for (const fn of [stack.emailIntake, stack.webform, stack.console, stack.assignment, stack.sesFeedback]) {
      expect(template.toJSON().Resources[logicalId(stack, fn.function)].Properties.TracingConfig).toEqual({
        Mode: 'Active',
      });
      expect(statementsOfRole(template, stack, fn.role)).toContainEqual({
        Effect: 'Allow',
        Action: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
        Resource: '*',
      });
    }
  });

  it('uses Node.js 24 for every function in the stack, custom resources included', () => {
    const functions = Object.values(dev.template.findResources('AWS::Lambda::Function'));
    // Eleven functions (monthly report, lifecycle timer, attachment scan, console and its authorizer,
    // the dead-letter queues' watch) and the rule-set activation handler.
    expect(functions.length).toBe(12);
    for (const fn of functions) expect(fn.Properties.Runtime).toBe('nodejs24.x');
  });

  it('reserves no concurrency anywhere (refused on the default quota): a FIFO queue with one group serialises assignment', () => {
    for (const { template } of [dev, variant]) {
      for (const fn of Object.values(template.findResources('AWS::Lambda::Function'))) {
        expect(fn.Properties.ReservedConcurrentExecutions).toBeUndefined();
      }
    }
    const { stack, template } = dev;
    expect(template.toJSON().Resources[logicalId(stack, stack.queues.assignmentQueue)].Properties).toMatchObject({
      FifoQueue: true,
      ContentBasedDeduplication: true,
    });
    // The group id the producers use: the queue adapter and the deferral schedules share it.
    expect(ASSIGNMENT_MESSAGE_GROUP).toBe('assignment');
  });

  it('keeps function logs for the configured retention', () => {
    const { stack, template } = dev;
    for (const fn of [stack.emailIntake, stack.webform, stack.console, stack.assignment, stack.sesFeedback]) {
      expect(template.toJSON().Resources[logicalId(stack, fn.logGroup)]).toMatchObject({
        Type: 'AWS::Logs::LogGroup',
        Properties: { RetentionInDays: 90 },
        DeletionPolicy: 'Retain',
      });
    }
  });

  it("gives every log group of the stack the configured retention, and sends every function (CDK's too) to one", () => {
    for (const { template } of [dev, variant]) {
      const resources = template.toJSON().Resources as Record<
        string,
        { Type: string; Properties: { RetentionInDays?: number; LoggingConfig?: { LogGroup?: { Ref: string } } } }
      >;
      const groups = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::Logs::LogGroup');
      for (const [, group] of groups) expect(group.Properties.RetentionInDays).toBe(90);
      const functions = Object.values(resources).filter((r) => r.Type === 'AWS::Lambda::Function');
      // The variant (data not retained) has CDK's bucket-emptying provider: without a group of the
      // stack it would log to /aws/lambda/<name>, created by Lambda with no retention (kept forever).
      expect(functions.length).toBeGreaterThan(0);
      for (const fn of functions) {
        const target = fn.Properties.LoggingConfig?.LogGroup;
        expect(target).toEqual({ Ref: expect.any(String) });
        expect(groups.map(([id]) => id)).toContain(target?.Ref);
      }
    }
    expect(Object.keys(variant.template.findResources('Custom::S3AutoDeleteObjects')).length).toBeGreaterThan(0);
  });

  it('attaches no managed policy to any role (AWSLambdaBasicExecutionRole writes to every log group)', () => {
    for (const role of Object.values(dev.template.findResources('AWS::IAM::Role'))) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });

  it('retries the intake twice, then records the SES event on IntakeFailures, which the intake reads back; after 3 receives the IntakeDlq', () => {
    const { stack, template } = dev;
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: ref(stack, stack.emailIntake.function),
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 6 * 3600,
      DestinationConfig: { OnFailure: { Destination: arnOf(stack, stack.queues.intakeFailures) } },
    });
    // A mail it failed on is quarantined there (shared/app/poison-mail.ts); a record it leaves or fails on
    // is a batch item failure, and after its receives it is parked in the IntakeDlq, which pages.
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: arnOf(stack, stack.queues.intakeFailures),
      FunctionName: ref(stack, stack.emailIntake.function),
      BatchSize: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    const { Tags: _tags, ...props } =
      template.toJSON().Resources[logicalId(stack, stack.queues.intakeFailures)].Properties;
    expect(props).toEqual({
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 3600,
      // Six times the email-intake timeout (60 s), Lambda's guidance for SQS event sources.
      VisibilityTimeout: 360,
      RedrivePolicy: { deadLetterTargetArn: arnOf(stack, stack.queues.intakeDlq), maxReceiveCount: 3 },
    });
  });

  it('retries the SES feedback handler twice, then sends the notification to the FeedbackDlq', () => {
    const { stack, template } = dev;
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: ref(stack, stack.sesFeedback.function),
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: arnOf(stack, stack.queues.feedbackDlq) } },
    });
  });

  // EventBridge invokes a Lambda target asynchronously: the rule's dead-letter queue takes only the
  // events it could not hand to Lambda (permission, a deleted function). An event the function fails
  // on is Lambda's to retry, then to drop — unless the function has an on-failure destination. For
  // attachment-scan that drop leaves a merchant's file "pending" (unreadable) on her case for good.
  it('keeps, for every function an EventBridge rule invokes, the events it failed on in that rule’s DLQ', () => {
    const { template } = dev;
    const configs = Object.values(template.findResources('AWS::Lambda::EventInvokeConfig'));
    const rules = Object.values(template.findResources('AWS::Events::Rule'));
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      for (const target of rule.Properties.Targets as { Arn: unknown; DeadLetterConfig?: { Arn: unknown } }[]) {
        const fn = (target.Arn as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt']?.[0];
        expect(fn, 'a Lambda target').toBeDefined();
        const config = configs.find((c) => JSON.stringify(c.Properties.FunctionName) === JSON.stringify({ Ref: fn }));
        expect(config?.Properties.DestinationConfig?.OnFailure?.Destination, fn).toEqual(target.DeadLetterConfig?.Arn);
        expect(config?.Properties.MaximumRetryAttempts, fn).toBe(2);
      }
    }
  });

  // EventBridge Scheduler invokes Lambda asynchronously too: a schedule's DLQ takes the runs it could
  // not hand over, never a run the function failed on, which Lambda retried twice and dropped (deploy
  // review 46: a daily re-queue sweep or the month's report failing three times left only a NOTIFY
  // alarm mail, nothing that waits to be handled). The effects sweep is the one exception: a failed
  // run is replaced five minutes later, and one failing effect would fill the queue every five minutes.
  it('keeps, for every function a schedule of the stack invokes, the runs it failed on in that schedule’s DLQ', () => {
    const { stack, template } = dev;
    const configs = Object.values(template.findResources('AWS::Lambda::EventInvokeConfig'));
    const schedules = Object.values(template.findResources('AWS::Scheduler::Schedule'));
    const kept = schedules.filter((s) => s.Properties.Target.DeadLetterConfig !== undefined);
    const sweeps = [JSON.stringify(EFFECT_SWEEP_EVENT), JSON.stringify(HELD_REPLY_SWEEP_EVENT)];
    const checked: string[] = [];
    for (const schedule of kept) {
      const target = schedule.Properties.Target as { Arn: unknown; Input?: string; DeadLetterConfig: { Arn: unknown } };
      if (target.Input !== undefined && sweeps.includes(target.Input)) continue;
      const fn = (target.Arn as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt']?.[0];
      expect(fn, 'a Lambda target').toBeDefined();
      const config = configs.find(
        (c) =>
          JSON.stringify(c.Properties.FunctionName) === JSON.stringify({ Ref: fn }) &&
          c.Properties.Qualifier === '$LATEST',
      );
      expect(config?.Properties.DestinationConfig?.OnFailure?.Destination, fn).toEqual(target.DeadLetterConfig.Arn);
      expect(config?.Properties.MaximumRetryAttempts, fn).toBe(2);
      checked.push(fn as string);
    }
    expect(checked.sort()).toEqual(
      [logicalId(stack, stack.requeueStale.function), logicalId(stack, stack.reports.fn.function)].sort(),
    );
  });

  it('feeds the assignment function from the assignment queue with partial batch failures', () => {
    const { stack, template } = dev;
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 4);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: arnOf(stack, stack.queues.assignmentQueue),
      FunctionName: ref(stack, stack.assignment.function),
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    // A FIFO event source takes no batching window.
    const assignment = Object.values(template.findResources('AWS::Lambda::EventSourceMapping')).find(
      (m) => JSON.stringify(m.Properties.FunctionName) === JSON.stringify(ref(stack, stack.assignment.function)),
    );
    expect(assignment?.Properties).not.toHaveProperty('MaximumBatchingWindowInSeconds');
  });

  it('feeds confirmation link mails to the webform (POST /casos only queues them), one at a time, with a DLQ after 5 receives', () => {
    const { stack, template } = dev;
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: arnOf(stack, stack.queues.confirmMailQueue),
      FunctionName: ref(stack, stack.webform.function),
      BatchSize: 1,
    });
    template.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      // Six times the webform timeout (10 s), Lambda's guidance for SQS event sources.
      VisibilityTimeout: 60,
      RedrivePolicy: { deadLetterTargetArn: arnOf(stack, stack.queues.confirmMailDlq), maxReceiveCount: 5 },
    });
    // A guidance post's case is stored by its message alone: neither the queue nor its DLQ may drop a
    // message before its pending form expires, nor keep one past it (a replay would find nothing).
    const retention = (queue: IConstruct) =>
      template.toJSON().Resources[logicalId(stack, queue)].Properties.MessageRetentionPeriod as number;
    for (const queue of [stack.queues.confirmMailQueue, stack.queues.confirmMailDlq]) {
      expect(retention(queue)).toBe(GUIDANCE_POST_KEEP_DAYS * 24 * 3600);
    }
    const webform = Object.values(template.findResources('AWS::Lambda::Function')).find(
      (f) => f.Properties.Environment?.Variables?.CONFIRM_MAIL_QUEUE_URL,
    );
    expect(webform?.Properties.Environment.Variables.CONFIRM_MAIL_QUEUE_URL).toEqual(
      ref(stack, stack.queues.confirmMailQueue),
    );
    // Only the webform sends to it, and only SendMessage.
    const statements = statementsOfRole(template, stack, stack.webform.role) as { Sid?: string; Action: unknown }[];
    expect(statements.find((st) => st.Sid === 'QueueConfirmationMail')).toEqual({
      Sid: 'QueueConfirmationMail',
      Effect: 'Allow',
      Action: 'sqs:SendMessage',
      Resource: arnOf(stack, stack.queues.confirmMailQueue),
    });
  });

  it('feeds quarantine releases to the email intake (it has the parser), one at a time, with a DLQ after 5 receives', () => {
    const { stack, template } = dev;
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: arnOf(stack, stack.queues.releaseQueue),
      FunctionName: ref(stack, stack.emailIntake.function),
      BatchSize: 1,
    });
    template.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      // Six times the email-intake timeout (60 s), Lambda's guidance for SQS event sources.
      VisibilityTimeout: 360,
      RedrivePolicy: { deadLetterTargetArn: arnOf(stack, stack.queues.releaseDlq), maxReceiveCount: 5 },
    });
    // The console asks for releases: send only, to that queue only; it never reads it.
    const consoleRole = statementsOfRole(template, stack, stack.console.role) as { Sid?: string }[];
    expect(consoleRole.find((s) => s.Sid === 'RequestQuarantineRelease')).toEqual({
      Sid: 'RequestQuarantineRelease',
      Effect: 'Allow',
      Action: 'sqs:SendMessage',
      Resource: arnOf(stack, stack.queues.releaseQueue),
    });
    const variables = Object.values(template.findResources('AWS::Lambda::Function')).find(
      (f) => f.Properties.Environment?.Variables?.RELEASE_QUEUE_URL,
    )?.Properties.Environment.Variables;
    expect(variables?.RELEASE_QUEUE_URL).toEqual(ref(stack, stack.queues.releaseQueue));
    expect(variables?.CONSOLE_USER_POOL_ID).toBeDefined();
  });

  it('subscribes the SES feedback function to the feedback topic', () => {
    const { stack, template } = dev;
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      TopicArn: ref(stack, stack.sending.feedbackTopic),
      Endpoint: arnOf(stack, stack.sesFeedback.function),
    });
  });
});

describe('least privilege', () => {
  it('grants the email intake exactly these statements', () => {
    const { stack, template } = dev;
    const table = arnOf(stack, stack.table.table);
    const identityArn = stack.resolve(stack.sending.identity.emailIdentityArn);
    const configSetArn = stack.resolve(stack.sending.configurationSetArn);
    expect(statementsOfRole(template, stack, stack.emailIntake.role)).toEqual([
      {
        Sid: 'WriteOwnLogs',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: arnOf(stack, stack.emailIntake.logGroup),
      },
      // Added by the on-failure destination (send) and the IntakeFailures event source (the poison-mail
      // consumer), merged by CDK; nothing on the IntakeDlq, which only SQS's redrive writes to.
      {
        Effect: 'Allow',
        Action: [
          'sqs:ChangeMessageVisibility',
          'sqs:DeleteMessage',
          'sqs:GetQueueAttributes',
          'sqs:GetQueueUrl',
          'sqs:ReceiveMessage',
          'sqs:SendMessage',
        ],
        Resource: arnOf(stack, stack.queues.intakeFailures),
      },
      // Added by the quarantine-release event source.
      {
        Effect: 'Allow',
        Action: [
          'sqs:ChangeMessageVisibility',
          'sqs:DeleteMessage',
          'sqs:GetQueueAttributes',
          'sqs:GetQueueUrl',
          'sqs:ReceiveMessage',
        ],
        Resource: arnOf(stack, stack.queues.releaseQueue),
      },
      // The case lifecycle: the reply secret, timers in the stack's group through the timer role only,
      // and the open-case markers a close or transfer removes.
      {
        Sid: 'ReadReplySecret',
        Effect: 'Allow',
        Action: 'secretsmanager:GetSecretValue',
        Resource: ref(stack, stack.lifecycle.secret),
      },
      {
        Sid: 'CreateLifecycleTimers',
        Effect: 'Allow',
        Action: 'scheduler:CreateSchedule',
        Resource: {
          'Fn::Join': [
            '',
            [
              'arn:aws:scheduler:us-east-1:',
              { Ref: 'AWS::AccountId' },
              ':schedule/',
              { Ref: stack.getLogicalId(stack.queues.scheduleGroup) },
              '/*',
            ],
          ],
        },
      },
      {
        Sid: 'PassTimerRole',
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: arnOf(stack, stack.lifecycle.timerRole),
        Condition: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      },
      {
        Sid: 'ReleaseOpenCaseMarkers',
        Effect: 'Allow',
        Action: 'dynamodb:DeleteItem',
        Resource: table,
        Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['STAFF'] } },
      },
      // The automatic reply's Message-ID pointers, in one batch after the send (issue 16).
      {
        Sid: 'SentMailPointers',
        Effect: 'Allow',
        Action: 'dynamodb:BatchWriteItem',
        Resource: table,
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['MSGID#*'] } },
      },
      // The bounce breaker's two hours, read before a guidance reply (rt57): its counters only.
      {
        Sid: 'ReadBounceBreaker',
        Effect: 'Allow',
        Action: 'dynamodb:BatchGetItem',
        Resource: table,
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['RATE#ses-permanent-bounces#*'] } },
      },
      {
        Sid: 'ReadRawMail',
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: { 'Fn::Join': ['', [arnOf(stack, stack.rawMail.bucket), '/inbound/*']] },
      },
      // So that a missing object is a 404 NoSuchKey, not a 403.
      {
        Sid: 'TellMissingRawMail',
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: arnOf(stack, stack.rawMail.bucket),
      },
      // LGPD retention tags: rewrite a raw mail under inbound/ with its tag (nothing else).
      {
        Sid: 'TagRawMailRetention',
        Effect: 'Allow',
        Action: ['s3:PutObject', 's3:PutObjectTagging'],
        Resource: { 'Fn::Join': ['', [arnOf(stack, stack.rawMail.bucket), '/inbound/*']] },
      },
      {
        Sid: 'CaseTableItems',
        Effect: 'Allow',
        // Only what its adapters call: no Delete, no BatchWrite; of the indexes, the protocol lookup and the
        // sender's newest cases (a reply to a long-closed case joins the case an earlier one opened).
        Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
        Resource: [
          table,
          { 'Fn::Join': ['', [table, `/index/${GSI.bySender.indexName}`]] },
          { 'Fn::Join': ['', [table, `/index/${GSI.byProtocol.indexName}`]] },
        ],
      },
      {
        Sid: 'SendFromOuvidoriaIdentity',
        Effect: 'Allow',
        Action: ['ses:SendEmail', 'ses:SendRawEmail'],
        Resource: [configSetArn, identityArn],
      },
      {
        Sid: 'EnqueueAcceptedCases',
        Effect: 'Allow',
        Action: 'sqs:SendMessage',
        Resource: arnOf(stack, stack.queues.assignmentQueue),
      },
      {
        Sid: 'ReadZendeskCredentials',
        Effect: 'Allow',
        Action: 'secretsmanager:GetSecretValue',
        Resource: ref(stack, stack.zendeskSecret),
      },
      // Closing a case by staff mail re-tags its webform files for the LGPD retention rule.
      {
        Sid: 'TagUploadsRetention',
        Effect: 'Allow',
        Action: ['s3:GetObjectTagging', 's3:PutObject', 's3:PutObjectTagging'],
        Resource: { 'Fn::Join': ['', [arnOf(stack, stack.uploads.bucket), '/uploads/*']] },
      },
      {
        Sid: 'RewriteCleanUploads',
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: [
          { 'Fn::Join': ['', [arnOf(stack, stack.uploads.bucket), '/claimed/*']] },
          { 'Fn::Join': ['', [arnOf(stack, stack.uploads.bucket), '/uploads/*']] },
        ],
        Condition: { StringEquals: { 's3:ExistingObjectTag/GuardDutyMalwareScanStatus': 'NO_THREATS_FOUND' } },
      },
      // The case's copies of its clean files (claimed/): re-tagged, and rewritten only onto themselves.
      {
        Sid: 'TagClaimedUploadsRetention',
        Effect: 'Allow',
        Action: ['s3:GetObjectTagging', 's3:PutObjectTagging'],
        Resource: { 'Fn::Join': ['', [arnOf(stack, stack.uploads.bucket), '/claimed/*']] },
      },
      {
        Sid: 'RewriteClaimedUploads',
        Effect: 'Allow',
        Action: 's3:PutObject',
        Resource: { 'Fn::Join': ['', [arnOf(stack, stack.uploads.bucket), '/claimed/*']] },
        Condition: {
          StringLike: {
            's3:x-amz-copy-source': { 'Fn::Join': ['', [ref(stack, stack.uploads.bucket), '/claimed/*']] },
          },
        },
      },
      // A case's mailed files, copied where the webform's are (new objects under uploads/ only, and a
      // listing of that prefix: which are there already); no read, no delete, nothing under claimed/.
      {
        Sid: 'CopyMailFilesIntoUploads',
        Effect: 'Allow',
        Action: ['s3:PutObject', 's3:PutObjectTagging'],
        Resource: { 'Fn::Join': ['', [arnOf(stack, stack.uploads.bucket), '/uploads/*']] },
      },
      {
        Sid: 'ListMailFileCopies',
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: arnOf(stack, stack.uploads.bucket),
        Condition: { StringLike: { 's3:prefix': ['uploads/*'] } },
      },
      // Message texts kept out of the table (issue 16): test/infra/message-text-store.test.ts checks them all.
      {
        Sid: 'StoreMessageTexts',
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:PutObject', 's3:PutObjectTagging'],
        Resource: { 'Fn::Join': ['', [arnOf(stack, stack.messageTexts.bucket), '/messages/*']] },
      },
    ]);
  });

  it('never lets a table grant include Scan, table management, a wildcard, Delete beyond open-case markers and held replies, BatchWrite beyond Message-ID pointers, BatchGet beyond case items (the webform, the console) or the feedback function’s Update of case items beyond its own statement', () => {
    const granted: string[] = [];
    const batchReads: string[] = [];
    const breaker: string[] = [];
    for (const policy of Object.values(dev.template.findResources('AWS::IAM::Policy'))) {
      for (const s of policy.Properties.PolicyDocument.Statement) {
        const actions = [s.Action].flat().filter((a: string) => a.startsWith('dynamodb:'));
        if (actions.includes('dynamodb:DeleteItem')) {
          // Deleting is allowed in the STAFF partition only (open-case markers: closing or transferring a
          // case), and of the held-reply items the sweep is done with (HELDREPLY#).
          expect(actions).toEqual(['dynamodb:DeleteItem']);
          expect([
            { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['STAFF'] } },
            { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['HELDREPLY#*'] } },
          ]).toContainEqual(s.Condition);
          continue;
        }
        if (s.Sid === 'ReadBounceBreaker' || s.Sid === 'CountSesBounces') {
          // The bounce breaker's hour counters only: read by both intakes, counted by SES feedback.
          expect(actions).toEqual([s.Sid === 'ReadBounceBreaker' ? 'dynamodb:BatchGetItem' : 'dynamodb:UpdateItem']);
          expect(s.Condition).toEqual({
            'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['RATE#ses-permanent-bounces#*'] },
          });
          breaker.push(s.Sid);
          continue;
        }
        if (actions.includes('dynamodb:BatchGetItem')) {
          // Batch reads of case items only (the webform's two content keys).
          expect(actions).toEqual(['dynamodb:BatchGetItem']);
          expect(s.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['CASE#*'] } });
          batchReads.push(s.Sid);
          continue;
        }
        if (s.Sid === 'MarkBouncingCases') {
          // The SES feedback function marks the bouncing address's open cases: UpdateItem, case items only.
          expect(actions).toEqual(['dynamodb:UpdateItem']);
          expect(s.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['CASE#*'] } });
          continue;
        }
        if (actions.includes('dynamodb:BatchWriteItem')) {
          // Batch puts of the automatic reply's Message-ID pointers only.
          expect(actions).toEqual(['dynamodb:BatchWriteItem']);
          expect(s.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['MSGID#*'] } });
          continue;
        }
        granted.push(...actions);
      }
    }
    expect(new Set(granted)).toEqual(
      new Set(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query']),
    );
    // The webform's role and the console's.
    expect(batchReads).toEqual(['CaseBatchReads', 'CaseBatchReads']);
    // Read by both intakes and the held-reply sweep (lifecycle-timer).
    expect(breaker.sort()).toEqual(['CountSesBounces', 'ReadBounceBreaker', 'ReadBounceBreaker', 'ReadBounceBreaker']);
    for (const access of Object.values(TABLE_ACCESS)) {
      for (const action of access.actions) {
        expect(action).not.toMatch(/Delete|Batch|Scan|Table|\*/);
      }
    }
  });

  // A reply to a case closed long ago joins the newer case an earlier reply opened: the email intake
  // finds it by the sender index (without the grant, the Query is AccessDenied and the mail dead-letters).
  it.each([
    ['email intake', 'emailIntake', [GSI.byProtocol.indexName, GSI.bySender.indexName]],
    ['webform', 'webform', [GSI.byProtocol.indexName]],
  ] as const)('the %s queries the indexes it reads', (_what, fn, indexes) => {
    const { stack, template } = dev;
    const statements = statementsOfRole(template, stack, stack[fn].role) as { Sid?: string; Resource: unknown }[];
    const resources = JSON.stringify(statements.find((st) => st.Sid === 'CaseTableItems')?.Resource);
    const queried = [...resources.matchAll(/\/index\/([\w-]+)/g)].map((m) => m[1]).sort();
    expect(queried).toEqual([...indexes].sort());
  });

  it('deletes in the STAFF partition (markers beside the roster) only where Put and Update reach those items already', () => {
    // IAM cannot tell the markers from the roster items (LeadingKeys is the partition key): the grant
    // is right only while it adds no item its holder could not already overwrite.
    const { stack, template } = dev;
    const table = arnOf(stack, stack.table.table);
    const grantees = [stack.emailIntake.role, stack.console.role, stack.lifecycle.timerFunction.role];
    for (const role of grantees) {
      const statements = statementsOfRole(template, stack, role) as {
        Sid?: string;
        Action: unknown;
        Resource: unknown;
        Condition?: unknown;
      }[];
      expect(statements.filter((s) => s.Sid === 'ReleaseOpenCaseMarkers')).toHaveLength(1);
      const items = statements.find((s) => s.Sid === 'CaseTableItems');
      expect([items?.Resource].flat()).toContainEqual(table);
      expect(items?.Action).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem']));
      expect(items?.Condition).toBeUndefined();
    }
    const holders = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) =>
      (p.Properties.PolicyDocument.Statement as { Sid?: string }[]).some((s) => s.Sid === 'ReleaseOpenCaseMarkers'),
    );
    expect(holders).toHaveLength(grantees.length);
  });

  it('grants the webform (the form and the merchant pages) nothing of the console but what reopening a case takes: no raw-mail reads, release queue, open-case markers or case lists', () => {
    const { stack, template } = dev;
    const statements = statementsOfRole(template, stack, stack.webform.role) as { Sid?: string; Action: unknown }[];
    expect(statements.map((s) => s.Sid)).toEqual([
      'WriteOwnLogs',
      // Its confirmation link mails: queued by POST /casos, consumed by itself (the event source's grant, no Sid).
      'QueueConfirmationMail',
      undefined,
      // Signs and checks the survey, status and confirmation links.
      'ReadReplySecret',
      // Her confirmed post joining her closed case reopens it, as her mail does (journey 46): its
      // timers are armed (in the stack's group, passing only the timer role)…
      'CreateLifecycleTimers',
      'PassTimerRole',
      // …and the LGPD clock of its raw mail stopped (its tags cleared: no read).
      'TagRawMailRetention',
      // The automatic reply's Message-ID pointers (the form runs the intake).
      'SentMailPointers',
      // A post's case under its current and previous content keys, in one request (issue 16).
      'CaseBatchReads',
      // The bounce breaker, read before a guidance reply (rt57).
      'ReadBounceBreaker',
      'CaseTableItems',
      'SendFromOuvidoriaIdentity',
      'EnqueueAcceptedCases',
      'ReadZendeskCredentials',
      // Attachments (issue 19): test/infra/uploads.test.ts checks their scope.
      'PutUploads',
      'ListUploads',
      'ReadCleanUploads',
      // A clean claimed file is copied out of every upload policy's reach (claimed/, copies only).
      'MoveClaimedUploads',
      'TagClaimedUploads',
      // Message texts kept out of the table (issue 16): the form's messages.
      'StoreMessageTexts',
    ]);
    // Nothing on the release queue; no raw mail read; the schedules only created.
    const text = JSON.stringify(statements);
    expect(text).not.toContain(logicalId(stack, stack.queues.releaseQueue));
    // On the raw-mail bucket, only the retention tag's rewrite: none of its mail is read.
    const onRawMail = statements.filter((s) => JSON.stringify(s).includes(logicalId(stack, stack.rawMail.bucket)));
    expect(onRawMail).toMatchObject([{ Sid: 'TagRawMailRetention', Action: ['s3:PutObject', 's3:PutObjectTagging'] }]);
    expect(JSON.stringify(statements.filter((s) => JSON.stringify(s).includes('scheduler:')))).not.toMatch(
      /scheduler:(Delete|Update|Get|List)/,
    );
    expect(statements.find((s) => s.Sid === 'CaseBatchReads')).toEqual({
      Sid: 'CaseBatchReads',
      Effect: 'Allow',
      Action: 'dynamodb:BatchGetItem',
      Resource: arnOf(stack, stack.table.table),
      Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['CASE#*'] } },
    });
    // The status page looks a case up by protocol; the lists by status and sender are the console's.
    expect(statements.find((s) => s.Sid === 'CaseTableItems')).toMatchObject({
      Resource: [
        arnOf(stack, stack.table.table),
        { 'Fn::Join': ['', [arnOf(stack, stack.table.table), `/index/${GSI.byProtocol.indexName}`]] },
      ],
    });
    const variables = template.toJSON().Resources[logicalId(stack, stack.webform.function)].Properties.Environment
      .Variables as Record<string, unknown>;
    expect(
      Object.keys(variables)
        .filter((k) => !k.startsWith('POWERTOOLS_'))
        .sort(),
    ).toEqual(
      [
        ENV.assignmentQueueUrl,
        ENV.confirmMailQueueUrl,
        ENV.messageTextBucket,
        ENV.replySecretArn,
        ENV.sesConfigurationSet,
        ENV.tableName,
        ENV.ticketDirectory,
        'UPLOADS_BUCKET',
        ENV.zendeskSecretArn,
        ENV.zendeskSubdomain,
        // A reopening by her post: the timers it arms, the raw mail whose retention tag it clears.
        ENV.timerTargetArn,
        ENV.timerRoleArn,
        ENV.schedulerGroup,
        ENV.schedulerDlqArn,
        ENV.rawMailBucket,
        ENV.rawMailPrefix,
      ].sort(),
    );
  });

  it('grants the console function the table with its lists, SES, timers, the release and assignment queues; on raw mail, the quarantine read and the retention rewrite', () => {
    const { stack, template } = dev;
    const statements = statementsOfRole(template, stack, stack.console.role) as { Sid?: string; Action: unknown }[];
    expect(statements.map((s) => s.Sid)).toEqual([
      'WriteOwnLogs',
      // The CSRF key and the survey link of a close; "Prorrogar" and the other actions re-arm timers.
      'ReadReplySecret',
      'CreateLifecycleTimers',
      'PassTimerRole',
      // Closing and transferring release the analyst's open-case marker.
      'ReleaseOpenCaseMarkers',
      // The decisions of a sender search's guided rows, one BatchGetItem a page (case items only).
      'CaseBatchReads',
      // Closing a case rewrites its raw mail with the LGPD retention tag.
      'TagRawMailRetention',
      'CaseTableItems',
      'SendFromOuvidoriaIdentity',
      // Roster changes re-queue the cases waiting for an analyst.
      'RequeueWaitingCases',
      // The quarantine page asks the email intake to release a mail (the release queue, send only).
      'RequestQuarantineRelease',
      // The quarantine page (issue 14) shows raw mail as text: GetObject under inbound/ only.
      'ReadQuarantinedRawMail',
      // Closing re-tags the case's files; the clean read also signs the case page's file links.
      'TagUploadsRetention',
      'RewriteCleanUploads',
      'TagClaimedUploadsRetention',
      'RewriteClaimedUploads',
      // Message texts kept out of the table (issue 16): answers and notes; closing re-tags them.
      'StoreMessageTexts',
    ]);
    expect(statements.find((s) => s.Sid === 'ReadQuarantinedRawMail')).toEqual({
      Sid: 'ReadQuarantinedRawMail',
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: { 'Fn::Join': ['', [arnOf(stack, stack.rawMail.bucket), '/inbound/*']] },
    });
    // Nothing else on the raw-mail bucket but the retention rewrite: no list or delete.
    const rawArn = JSON.stringify(arnOf(stack, stack.rawMail.bucket));
    expect(statements.filter((s) => JSON.stringify(s).includes(rawArn)).map((s) => s.Sid)).toEqual([
      'TagRawMailRetention',
      'ReadQuarantinedRawMail',
    ]);
    expect(statements.find((s) => s.Sid === 'TagRawMailRetention')?.Action).toEqual([
      's3:PutObject',
      's3:PutObjectTagging',
    ]);
    expect(statements.find((s) => s.Sid === 'RequeueWaitingCases')).toEqual({
      Sid: 'RequeueWaitingCases',
      Effect: 'Allow',
      Action: 'sqs:SendMessage',
      Resource: arnOf(stack, stack.queues.assignmentQueue),
    });
    // The lists by status and sender, the search by protocol.
    const indexes = JSON.stringify(statements.find((s) => s.Sid === 'CaseTableItems'));
    for (const g of [GSI.bySender, GSI.byStatus, GSI.byProtocol]) expect(indexes).toContain(`/index/${g.indexName}`);
    // No Zendesk, no batch writes (the intake's), no upload of new files; batch reads of case items
    // only (the sender search's guided rows).
    const text = JSON.stringify(statements);
    expect(text).not.toContain(logicalId(stack, stack.zendeskSecret));
    expect(JSON.stringify(statements.filter((s) => s.Sid !== 'CaseBatchReads'))).not.toMatch(
      /BatchGetItem|BatchWriteItem|s3:ListBucket/,
    );
    expect(statements.find((s) => s.Sid === 'CaseBatchReads')).toMatchObject({
      Action: 'dynamodb:BatchGetItem',
      Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['CASE#*'] } },
    });
    const variables = template.toJSON().Resources[logicalId(stack, stack.console.function)].Properties.Environment
      .Variables as Record<string, unknown>;
    expect(
      Object.keys(variables)
        .filter((k) => !k.startsWith('POWERTOOLS_'))
        .sort(),
    ).toEqual(
      [
        ENV.assignmentQueueUrl,
        ENV.consoleAuthDomain,
        ENV.consoleClientId,
        ENV.consoleUserPoolId,
        ENV.messageTextBucket,
        ENV.rawMailBucket,
        ENV.rawMailPrefix,
        ENV.releaseQueueUrl,
        ENV.replySecretArn,
        ENV.schedulerDlqArn,
        ENV.schedulerGroup,
        ENV.sesConfigurationSet,
        ENV.tableName,
        ENV.timerRoleArn,
        ENV.timerTargetArn,
        'UPLOADS_BUCKET',
      ].sort(),
    );
    // It looks no ticket up: it names no directory (test/infra/function-settings.test.ts builds it).
    expect(variables[ENV.ticketDirectory]).toBeUndefined();
  });

  it('grants the assignment function the queue, table, SES, schedule creation in its group and PassRole of the scheduler role only', () => {
    const { stack, template } = dev;
    const statements = statementsOfRole(template, stack, stack.assignment.role);
    expect(statements).toContainEqual({
      Sid: 'CreateDeferralSchedules',
      Effect: 'Allow',
      Action: 'scheduler:CreateSchedule',
      Resource: {
        'Fn::Join': [
          '',
          [
            'arn:aws:scheduler:us-east-1:',
            { Ref: 'AWS::AccountId' },
            ':schedule/',
            { Ref: stack.getLogicalId(stack.queues.scheduleGroup) },
            '/*',
          ],
        ],
      },
    });
    expect(statements).toContainEqual({
      Sid: 'PassSchedulerRole',
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: arnOf(stack, stack.queues.schedulerRole),
      Condition: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
    });
    // The event source mapping's read of its queue.
    expect(statements).toContainEqual({
      Effect: 'Allow',
      Action: [
        'sqs:ChangeMessageVisibility',
        'sqs:DeleteMessage',
        'sqs:GetQueueAttributes',
        'sqs:GetQueueUrl',
        'sqs:ReceiveMessage',
      ],
      Resource: arnOf(stack, stack.queues.assignmentQueue),
    });
    const sids = (statements as { Sid?: string }[]).map((s) => s.Sid).filter(Boolean);
    expect(sids).toEqual([
      'WriteOwnLogs',
      // The reply address on the notice, and the reminder and escalation timers of the due date.
      'ReadReplySecret',
      'CreateLifecycleTimers',
      'PassTimerRole',
      // The opening mail's files go with the notice: raw mail under inbound/, read only.
      'ReadRawMail',
      'TellMissingRawMail',
      'CaseTableItems',
      'SendFromOuvidoriaIdentity',
      'CreateDeferralSchedules',
      'PassSchedulerRole',
      // The texts of the case it assigns (issue 16), read only.
      'ReadMessageTexts',
    ]);
  });

  it('grants the SES feedback function only its logs, its DLQ and the table', () => {
    const { stack, template } = dev;
    const statements = statementsOfRole(template, stack, stack.sesFeedback.role) as { Sid?: string; Action: unknown }[];
    expect(statements.map((s) => s.Sid ?? s.Action)).toEqual([
      'WriteOwnLogs',
      ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'],
      // The mark on the bouncing address's open cases (UpdateItem on CASE# items only).
      'MarkBouncingCases',
      // The bounce breaker's hour counter (UpdateItem on its RATE# items only).
      'CountSesBounces',
      'CaseTableItems',
    ]);
  });

  it('lets the scheduler role do nothing but send to the assignment queue, assumed only by our schedule group', () => {
    const { stack, template } = dev;
    expect(statementsOfRole(template, stack, stack.queues.schedulerRole)).toEqual([
      {
        Sid: 'SendToAssignmentQueue',
        Effect: 'Allow',
        Action: 'sqs:SendMessage',
        Resource: arnOf(stack, stack.queues.assignmentQueue),
      },
      // Scheduler writes undeliverable invocations to the DLQ with this role.
      {
        Sid: 'SendToSchedulerDlq',
        Effect: 'Allow',
        Action: 'sqs:SendMessage',
        Resource: arnOf(stack, stack.queues.schedulerDlq),
      },
    ]);
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Action: 'sts:AssumeRole',
            Effect: 'Allow',
            Principal: { Service: 'scheduler.amazonaws.com' },
            Condition: {
              StringEquals: {
                'aws:SourceAccount': { Ref: 'AWS::AccountId' },
                'aws:SourceArn': { 'Fn::GetAtt': [stack.getLogicalId(stack.queues.scheduleGroup), 'Arn'] },
              },
            },
          },
        ],
      },
    });
  });

  it('lets every role the schedules run as be assumed only by schedules of our group in this account', () => {
    const { stack, template } = dev;
    const roles = Object.entries(template.findResources('AWS::IAM::Role')).filter(([, r]) =>
      JSON.stringify(r.Properties.AssumeRolePolicyDocument).includes('scheduler.amazonaws.com'),
    );
    // Deferrals, lifecycle timers, the daily sweep, the effects sweep, the monthly report and the DLQ watch.
    expect(roles).toHaveLength(6);
    for (const [id, role] of roles) {
      expect(role.Properties.AssumeRolePolicyDocument.Statement, id).toEqual([
        {
          Action: 'sts:AssumeRole',
          Effect: 'Allow',
          Principal: { Service: 'scheduler.amazonaws.com' },
          Condition: {
            StringEquals: {
              'aws:SourceAccount': { Ref: 'AWS::AccountId' },
              'aws:SourceArn': { 'Fn::GetAtt': [stack.getLogicalId(stack.queues.scheduleGroup), 'Arn'] },
            },
          },
        },
      ]);
    }
  });

  it('has no Allow on Resource "*" except the rule-set activation (an account-level API)', () => {
    const offenders: string[] = [];
    for (const [id, policy] of Object.entries(dev.template.findResources('AWS::IAM::Policy'))) {
      for (const s of policy.Properties.PolicyDocument.Statement) {
        if (s.Effect === 'Allow' && (s.Resource === '*' || (Array.isArray(s.Resource) && s.Resource.includes('*')))) {
          offenders.push(`${id}:${[s.Action].flat().join(',')}`);
        }
      }
    }
    expect(offenders).toEqual([
      expect.stringMatching(
        /^MailReceivingActivationHandlerRole.*:ses:DescribeActiveReceiptRuleSet,ses:SetActiveReceiptRuleSet$/,
      ),
    ]);
  });
});

describe('DynamoDB table', () => {
  it('uses the shared key design, on demand, PITR, encryption, TTL and the four GSIs', () => {
    dev.template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
      DeletionProtectionEnabled: true,
      GlobalSecondaryIndexes: [
        ...[GSI.byStatus, GSI.bySender].map((g) => ({
          IndexName: g.indexName,
          KeySchema: [
            { AttributeName: g.partitionKey, KeyType: 'HASH' },
            { AttributeName: g.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...g.nonKeyAttributes] },
        })),
        {
          IndexName: GSI.byProtocol.indexName,
          KeySchema: [{ AttributeName: 'protocol', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
        // Sparse: only cases whose effects a commit stored and the sweep has not seen settled.
        {
          IndexName: 'gsi4-effects',
          KeySchema: [
            { AttributeName: 'effectsPk', KeyType: 'HASH' },
            { AttributeName: 'effectsSince', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
    });
    dev.template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('drops deletion protection and retention when retainData is false', () => {
    const { template } = variant;
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Delete',
      Properties: Match.objectLike({ DeletionProtectionEnabled: false }),
    });
    template.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Delete' });
  });
});

describe('raw mail bucket', () => {
  it('is encrypted (SSE-S3), private, versioned, logged and expires mail after the LGPD retention', () => {
    const { stack, template } = dev;
    expect(template.toJSON().Resources[logicalId(stack, stack.rawMail.bucket)]).toMatchObject({
      DeletionPolicy: 'Retain',
      Properties: {
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        VersioningConfiguration: { Status: 'Enabled' },
        LoggingConfiguration: {
          DestinationBucketName: ref(stack, stack.rawMail.accessLogsBucket),
          LogFilePrefix: 'raw-mail/',
        },
        LifecycleConfiguration: {
          Rules: [
            // Retention by tag: redirected mail from arrival; closed cases' mail from closing (below);
            // untagged mail (an open case's, or a mail that never became a case) by the backstop.
            {
              Id: 'lgpd-redirected-raw-mail',
              Status: 'Enabled',
              TagFilters: [{ Key: 'ouvidoria-retention', Value: 'redirected' }],
              ExpirationInDays: 180,
            },
            {
              Id: 'raw-mail-versions',
              Status: 'Enabled',
              NoncurrentVersionExpiration: { NoncurrentDays: 1 },
              AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
            },
            { Id: 'lgpd-raw-mail-retention', Status: 'Enabled', ExpirationInDays: 1826 },
            { Id: 'remove-expired-delete-markers', Status: 'Enabled', ExpiredObjectDeleteMarker: true },
            // Raw mail of closed cases, tagged at closing, expires on the case's retention clock.
            {
              Id: 'lgpd-closed-case-raw-mail',
              Status: 'Enabled',
              TagFilters: [{ Key: 'ouvidoria-retention', Value: 'closed-case' }],
              ExpirationInDays: 1826,
              NoncurrentVersionExpiration: { NoncurrentDays: 1 },
            },
          ],
        },
      },
    });
  });

  it('follows the retention configuration: redirected raw mail by redirectRetentionDays, access logs by rawMailRetentionDays', () => {
    const { stack, template } = variant;
    const resources = template.toJSON().Resources;
    const rules = resources[logicalId(stack, stack.rawMail.bucket)].Properties.LifecycleConfiguration.Rules;
    expect(rules[0]).toMatchObject({ Id: 'lgpd-redirected-raw-mail', ExpirationInDays: 180 });
    // Everything expires: untagged mail (left in the intake DLQ, never a case) by a backstop that
    // follows retentionDays and is never shorter than any tag rule (S3 applies the earliest one an
    // object matches: a closed case's mail, copied at closing, keeps its own clock).
    type Rule = { Id: string; TagFilters?: unknown; Prefix?: string; ExpirationInDays?: number };
    const backstops = rules.filter((r: Rule) => r.ExpirationInDays && !r.TagFilters && !r.Prefix);
    expect(backstops).toEqual([{ Id: 'lgpd-raw-mail-retention', Status: 'Enabled', ExpirationInDays: 1200 }]);
    const tagged = rules.filter((r: Rule) => r.ExpirationInDays && r.TagFilters).map((r: Rule) => r.ExpirationInDays);
    expect(Math.max(...tagged)).toBe(1200);
    const logs = resources[logicalId(stack, stack.rawMail.accessLogsBucket)].Properties.LifecycleConfiguration.Rules;
    expect(logs[0].ExpirationInDays).toBe(30);
  });

  it('lets only SES of this account, for this receipt rule, write under inbound/, and denies plain HTTP', () => {
    const { stack, template } = dev;
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: ref(stack, stack.rawMail.bucket),
      PolicyDocument: {
        Statement: [
          {
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 's3:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            Resource: Match.anyValue(),
          },
          {
            Sid: 'AllowSesReceiptRulePutObject',
            Effect: 'Allow',
            Principal: { Service: 'ses.amazonaws.com' },
            Action: 's3:PutObject',
            Resource: { 'Fn::Join': ['', [arnOf(stack, stack.rawMail.bucket), '/inbound/*']] },
            Condition: {
              StringEquals: {
                'aws:SourceAccount': { Ref: 'AWS::AccountId' },
                'aws:SourceArn': {
                  'Fn::Join': [
                    '',
                    [
                      'arn:aws:ses:us-east-1:',
                      { Ref: 'AWS::AccountId' },
                      ':receipt-rule-set/ouvidoria-dev:receipt-rule/ouvidoria-dev-intake',
                    ],
                  ],
                },
              },
            },
          },
        ],
      },
    });
  });

  it('sends access logs to a private, encrypted, TLS-only bucket', () => {
    const { stack, template } = dev;
    expect(template.toJSON().Resources[logicalId(stack, stack.rawMail.accessLogsBucket)].Properties).toMatchObject({
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, RestrictPublicBuckets: true },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: ref(stack, stack.rawMail.accessLogsBucket),
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' } }),
        ]),
      },
    });
  });
});

describe('SES receiving', () => {
  it('stores the raw mail in S3 first, then invokes the intake asynchronously; scanning on, TLS required', () => {
    const { stack, template } = dev;
    template.hasResourceProperties('AWS::SES::ReceiptRuleSet', { RuleSetName: 'ouvidoria-dev' });
    template.hasResource('AWS::SES::ReceiptRule', {
      Properties: {
        RuleSetName: ref(stack, stack.receiving.ruleSet),
        Rule: {
          Name: 'ouvidoria-dev-intake',
          Enabled: true,
          // caso@… takes every labelled staff reply address caso+<protocol>.<token>@…
          Recipients: ['ouvidoria@ouvidoria.example.com.br', 'caso@ouvidoria.example.com.br'],
          ScanEnabled: true,
          TlsPolicy: 'Require',
          Actions: [
            { S3Action: { BucketName: ref(stack, stack.rawMail.bucket), ObjectKeyPrefix: 'inbound/' } },
            { LambdaAction: { FunctionArn: arnOf(stack, stack.emailIntake.function), InvocationType: 'Event' } },
          ],
        },
      },
    });
    // SES checks both permissions when the rule is created, so both must exist first.
    const [rule] = Object.values(template.findResources('AWS::SES::ReceiptRule'));
    expect([...rule!.DependsOn].sort()).toEqual(
      [
        stack.getLogicalId(stack.rawMail.bucket.policy!.node.defaultChild as CfnElement),
        stack.getLogicalId(stack.emailIntake.function.permissionsNode.findChild('AllowSes') as CfnElement),
      ].sort(),
    );
  });

  it('lets only SES, for this rule of this account, invoke the intake', () => {
    const { stack, template } = dev;
    const sesPermissions = template.findResources('AWS::Lambda::Permission', {
      Properties: { Principal: 'ses.amazonaws.com' },
    });
    expect(Object.values(sesPermissions)).toEqual([
      {
        Type: 'AWS::Lambda::Permission',
        Properties: {
          Action: 'lambda:InvokeFunction',
          FunctionName: arnOf(stack, stack.emailIntake.function),
          Principal: 'ses.amazonaws.com',
          SourceAccount: { Ref: 'AWS::AccountId' },
          SourceArn: {
            'Fn::Join': [
              '',
              [
                'arn:aws:ses:us-east-1:',
                { Ref: 'AWS::AccountId' },
                ':receipt-rule-set/ouvidoria-dev:receipt-rule/ouvidoria-dev-intake',
              ],
            ],
          },
        },
      },
    ]);
  });

  it('activates the rule set with a Node.js 24 custom resource that restores the previous one (README)', () => {
    const { stack, template } = dev;
    const activation = stack.receiving.activation!;
    const handler = stack.receiving.activationFunction!;
    const [resource] = Object.values(template.findResources('Custom::SesActiveReceiptRuleSet'));
    expect(resource!.Properties).toEqual({
      ServiceToken: arnOf(stack, handler.function),
      RuleSetName: 'ouvidoria-dev',
    });
    expect(resource!.DependsOn).toContain(stack.getLogicalId(stack.receiving.rule.node.defaultChild as CfnElement));
    expect(template.toJSON().Resources[logicalId(stack, handler.function)].Properties.Runtime).toBe('nodejs24.x');
    expect(logicalId(stack, activation)).toMatch(/^MailReceivingActivateRuleSet/);
    expect(statementsOfRole(template, stack, handler.role)).toContainEqual({
      Sid: 'ActivateReceiptRuleSet',
      Effect: 'Allow',
      Action: ['ses:DescribeActiveReceiptRuleSet', 'ses:SetActiveReceiptRuleSet'],
      Resource: '*',
    });
  });

  it('hands the custom resource the one active rule set the configuration consents to replace', () => {
    const { stack, template } = synth({ replaceActiveRuleSet: 'empresa-entrada' });
    const [resource] = Object.values(template.findResources('Custom::SesActiveReceiptRuleSet'));
    expect(resource!.Properties).toEqual({
      ServiceToken: arnOf(stack, stack.receiving.activationFunction!.function),
      RuleSetName: 'ouvidoria-dev',
      ReplaceActiveRuleSet: 'empresa-entrada',
    });
  });

  it('creates no activation resource when activateRuleSet is false', () => {
    const { stack, template } = variant;
    template.resourceCountIs('Custom::SesActiveReceiptRuleSet', 0);
    template.resourceCountIs('AWS::SES::ReceiptRuleSet', 1);
    expect(stack.receiving.activationFunction).toBeUndefined();
    // Our eleven functions and CDK's bucket-emptying provider (retainData is false in this variant).
    template.resourceCountIs('AWS::Lambda::Function', 12);
  });
});

describe('data kept or removed with retainData', () => {
  it('empties and deletes the buckets when data is not retained, and never empties retained ones', () => {
    const autoDelete = (t: Template) => Object.values(t.findResources('Custom::S3AutoDeleteObjects'));
    expect(autoDelete(dev.template)).toHaveLength(0);
    const { stack, template } = variant;
    const buckets = autoDelete(template).map((r) => r.Properties.BucketName);
    expect(buckets).toEqual(
      expect.arrayContaining([
        ref(stack, stack.rawMail.bucket),
        ref(stack, stack.rawMail.accessLogsBucket),
        ref(stack, stack.reports.bucket),
        ref(stack, stack.uploads.bucket),
        ref(stack, stack.messageTexts.bucket),
      ]),
    );
    expect(buckets).toHaveLength(5);
    for (const bucket of [
      stack.rawMail.bucket,
      stack.rawMail.accessLogsBucket,
      stack.uploads.bucket,
      stack.messageTexts.bucket,
    ]) {
      expect(template.toJSON().Resources[logicalId(stack, bucket)].DeletionPolicy).toBe('Delete');
    }
  });

  it('retains bucket, table and schedule group when retainData is true, not the topic key (it keeps no data)', () => {
    const { stack, template } = dev;
    const resources = template.toJSON().Resources;
    for (const id of [
      logicalId(stack, stack.rawMail.bucket),
      logicalId(stack, stack.table.table),
      stack.getLogicalId(stack.queues.scheduleGroup),
    ]) {
      expect(resources[id].DeletionPolicy).toBe('Retain');
    }
    expect(resources[logicalId(stack, stack.topicKey)].DeletionPolicy).toBe('Delete');
  });

  // Retain covers a stack delete; deletion protection also a delete by hand (console, CLI).
  it.each([
    ['kept (retainData true)', () => dev, { DeletionProtectionEnabled: true }, 'ACTIVE'],
    ['not kept (retainData false)', () => variant, { DeletionProtectionEnabled: false }, 'INACTIVE'],
  ])('protects the table and the staff user pool from deletion when data is %s', (_kept, synthed, table, pool) => {
    const { template } = synthed();
    template.hasResourceProperties('AWS::DynamoDB::Table', table);
    template.hasResourceProperties('AWS::Cognito::UserPool', { DeletionProtection: pool });
  });
});

// A point-in-time restore creates a new table: the runbook repoints every function at it
// (tableNameOverride) and sets what a restore does not carry. Both follow the stack, not memory.
describe('restoring the table (README, "Runbook: the table was damaged")', () => {
  const RESTORED = 'Ouvidoria-dev-CasesTable-restored-20261202';
  type Fn = { Properties: { Environment?: { Variables?: Record<string, unknown> } } };
  const tableUsers = (template: Template) =>
    Object.values(template.findResources('AWS::Lambda::Function') as Record<string, Fn>).filter(
      (f) => f.Properties.Environment?.Variables?.[ENV.tableName] !== undefined,
    );
  const runbook = () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    const start = readme.indexOf('### Runbook: the table was damaged');
    expect(start).toBeGreaterThan(-1);
    const end = readme.indexOf('\n### ', start + 1);
    return readme.slice(start, end === -1 ? undefined : end);
  };

  it('names every function that reads TABLE_NAME, the TTL attribute and every GSI', () => {
    const text = runbook();
    const services = tableUsers(dev.template).map((f) =>
      String(f.Properties.Environment!.Variables!.POWERTOOLS_SERVICE_NAME),
    );
    expect(services.length).toBeGreaterThanOrEqual(10);
    expect(services.filter((service) => !text.includes(`\`${service}\``))).toEqual([]);
    expect(text).toContain(`AttributeName=${TTL_ATTRIBUTE}`);
    expect(ALL_GSIS.map((index) => index.indexName).filter((name) => !text.includes(`\`${name}\``))).toEqual([]);
  });

  it('serves every function, grant and output from the restored table, leaving the own table in place', () => {
    const { stack } = synth({ tableNameOverride: RESTORED });
    const template = Template.fromStack(stack);
    const users = tableUsers(template);
    expect(users.length).toBe(tableUsers(dev.template).length);
    for (const f of users) expect(f.Properties.Environment!.Variables![ENV.tableName]).toBe(RESTORED);
    // The damaged table stays, retained and protected: the override neither replaces nor deletes it.
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain' });
    const own = logicalId(stack, stack.table.ownTable);
    const policies = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(policies).not.toContain(`"${own}"`);
    expect(policies).toContain(`:table/${RESTORED}`);
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(outputs.TableName!.Value).toBe(RESTORED);
  });

  it('keeps serving from its own table without the override', () => {
    expect(dev.stack.table.table).toBe(dev.stack.table.ownTable);
  });
});

describe('the README says what the stack deploys', () => {
  type Fn = { Properties: { Environment?: { Variables?: Record<string, unknown> } } };
  type Statement = { Action: string | string[] };
  type Policy = { Properties: { PolicyDocument: { Statement: Statement[] } } };
  /** How the README's "What it deploys" paragraph names each DynamoDB action a function role is granted. */
  const README_ACTION: Record<string, string> = {
    'dynamodb:GetItem': 'Get/',
    'dynamodb:PutItem': '/Put/',
    'dynamodb:UpdateItem': '/Update/',
    'dynamodb:Query': '/Query',
    'dynamodb:BatchWriteItem': 'the only batch write',
    'dynamodb:BatchGetItem': 'the only batch read',
    'dynamodb:DeleteItem': 'the only delete',
  };
  const readme = () => readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
  const section = (text: string, from: string, to: string) => {
    const start = text.indexOf(from);
    expect(start).toBeGreaterThan(-1);
    return text.slice(start, text.indexOf(to, start + 1));
  };
  const services = () =>
    Object.values(dev.template.findResources('AWS::Lambda::Function') as Record<string, Fn>)
      .map((f) => f.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME)
      .filter((name): name is string => typeof name === 'string');

  it('names every function of functions/ in "What it deploys" and in the layout', () => {
    const text = readme();
    const deploys = section(text, '**What it deploys**', '\n\n');
    const layout = section(text, '| `functions/` |', '\n');
    const ours = readdirSync(join(import.meta.dirname, '..', '..', 'functions'));
    expect(ours.length).toBeGreaterThanOrEqual(11);
    // Each directory is a function the stack deploys, under its own service name.
    expect(ours.filter((name) => !services().includes(name))).toEqual([]);
    expect(ours.filter((name) => !deploys.includes(`\`${name}\``))).toEqual([]);
    expect(ours.filter((name) => !layout.includes(`\`${name}\``))).toEqual([]);
  });

  it('names every DynamoDB action a role is granted', () => {
    const deploys = section(readme(), '**What it deploys**', '\n\n');
    const granted = new Set(
      Object.values(dev.template.findResources('AWS::IAM::Policy') as Record<string, Policy>)
        .flatMap((p) => p.Properties.PolicyDocument.Statement)
        .flatMap((st) => [st.Action].flat())
        .filter((action) => action.startsWith('dynamodb:')),
    );
    expect([...granted].filter((action) => !deploys.includes(README_ACTION[action] ?? action))).toEqual([]);
  });
});

describe('the README says what retainData keeps', () => {
  /** How the README's retainData paragraph names each retained resource type. */
  const README_NAME: Record<string, RegExp> = {
    'AWS::DynamoDB::Table': /the table/,
    'AWS::S3::Bucket': /the buckets/,
    'AWS::Scheduler::ScheduleGroup': /the schedule group/,
    'AWS::SecretsManager::Secret': /the secrets/,
    'AWS::Cognito::UserPool': /the staff user pool/,
    'AWS::Logs::LogGroup': /the log groups/,
  };

  it('names every resource type the stack retains (personal data stays only where the README says)', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    const paragraph = /\*\*`retainData`\.\*\*([\s\S]*?)\n\n/.exec(readme)?.[1] ?? '';
    const retained = new Set(
      (Object.values(dev.template.toJSON().Resources) as { Type: string; DeletionPolicy?: string }[])
        .filter((r) => r.DeletionPolicy === 'Retain')
        .map((r) => r.Type),
    );
    expect([...retained].filter((type) => !README_NAME[type]?.test(paragraph))).toEqual([]);
  });
});

describe('SES sending', () => {
  it('verifies the domain with Easy DKIM and uses the configuration set by default', () => {
    const { stack, template } = dev;
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'ouvidoria.example.com.br',
      ConfigurationSetAttributes: { ConfigurationSetName: ref(stack, stack.sending.configurationSet) },
    });
  });

  // A domain verified by hand in SES fails the first deploy ("already exists" on AWS::SES::EmailIdentity).
  // `existingEmailIdentity` references it by name; its DKIM records are not the stack's to publish.
  it.each([
    { existing: false, identities: 1, dkimOutputs: 3 },
    { existing: true, identities: 0, dkimOutputs: 0 },
  ])(
    'existingEmailIdentity $existing: $identities identity created, $dkimOutputs DKIM outputs, sending still granted',
    ({ existing, identities, dkimOutputs }) => {
      const { stack, template } = existing ? synth({ existingEmailIdentity: true }) : dev;
      template.resourceCountIs('AWS::SES::EmailIdentity', identities);
      const outputs = Object.keys(template.toJSON().Outputs as Record<string, unknown>);
      expect(outputs.filter((id) => id.startsWith('DnsDkim'))).toHaveLength(dkimOutputs);
      expect(outputs).toEqual(expect.arrayContaining(['DnsMx', 'DnsMailFromMx', 'DnsMailFromSpf', 'DnsDmarc']));
      // The configuration set is ours either way: the functions name it on every send.
      template.resourceCountIs('AWS::SES::ConfigurationSet', 1);
      const grant = JSON.stringify(
        Object.values(template.findResources('AWS::IAM::Policy'))
          .flatMap((p) => p.Properties.PolicyDocument.Statement)
          .find((s: { Sid?: string }) => s.Sid === 'SendFromOuvidoriaIdentity'),
      );
      expect(grant).toContain(
        existing ? ':identity/ouvidoria.example.com.br' : logicalId(stack, stack.sending.identity),
      );
    },
  );

  it('keeps bounces and complaints on the suppression list and publishes them to the encrypted feedback topic', () => {
    const { stack, template } = dev;
    template.hasResourceProperties('AWS::SES::ConfigurationSet', {
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      ConfigurationSetName: ref(stack, stack.sending.configurationSet),
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: ['bounce', 'complaint'],
        SnsDestination: { TopicARN: ref(stack, stack.sending.feedbackTopic) },
      },
    });
    template.hasResourceProperties('AWS::SNS::Topic', {
      DisplayName: 'Ouvidoria SES bounces and complaints',
      KmsMasterKeyId: arnOf(stack, stack.node.findChild('TopicKey')),
    });
  });

  it('lets SES publish to the feedback topic only for our configuration set, over TLS', () => {
    const { stack, template } = dev;
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [ref(stack, stack.sending.feedbackTopic)],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Action: 'sns:Publish',
            Principal: { Service: 'ses.amazonaws.com' },
            Condition: { StringEquals: Match.objectLike({ 'AWS:SourceAccount': { Ref: 'AWS::AccountId' } }) },
          }),
        ]),
      },
    });
  });

  it('rotates the topic key and lets only SES and CloudWatch (besides the account) use it', () => {
    const { template } = dev;
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith(
          ['ses.amazonaws.com', 'cloudwatch.amazonaws.com'].map((service) =>
            Match.objectLike({ Principal: { Service: service }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] }),
          ),
        ),
      },
    });
  });
});

describe('key policy', () => {
  it('lets SES and CloudWatch use the topic key only for this account and their own resources', () => {
    const { stack, template } = dev;
    const statements = template.toJSON().Resources[logicalId(stack, stack.topicKey)].Properties.KeyPolicy.Statement;
    const account = { Ref: 'AWS::AccountId' };
    for (const [sid, service, arn] of [
      ['PublishSesFeedback', 'ses.amazonaws.com', ':configuration-set/*'],
      ['PublishCloudWatchAlarms', 'cloudwatch.amazonaws.com', ':alarm:*'],
    ] as const) {
      expect(statements).toContainEqual({
        Sid: sid,
        Effect: 'Allow',
        Principal: { Service: service },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        Resource: '*',
        Condition: {
          StringEquals: { 'aws:SourceAccount': account },
          ArnLike: {
            'aws:SourceArn': {
              'Fn::Join': ['', [`arn:aws:${service.split('.')[0]}:us-east-1:`, account, arn]],
            },
          },
        },
      });
    }
    // Every statement for a service principal carries both conditions.
    for (const st of statements.filter((x: { Principal: { Service?: string } }) => x.Principal.Service)) {
      expect(Object.keys(st.Condition.StringEquals)).toContain('aws:SourceAccount');
      expect(Object.keys(st.Condition.ArnLike)).toContain('aws:SourceArn');
    }
  });

  it('limits the SES feedback function to the address items that hold bounce memory', () => {
    const { stack, template } = dev;
    expect(statementsOfRole(template, stack, stack.sesFeedback.role)).toContainEqual({
      Sid: 'CaseTableItems',
      Effect: 'Allow',
      Action: ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
      Resource: arnOf(stack, stack.table.table),
      Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['OPEN#*'] } },
    });
    expect(statementsOfRole(template, stack, stack.sesFeedback.role)).toContainEqual({
      Sid: 'MarkBouncingCases',
      Effect: 'Allow',
      Action: 'dynamodb:UpdateItem',
      Resource: arnOf(stack, stack.table.table),
      Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['CASE#*'] } },
    });
  });
});

describe('DNS and deliverability', () => {
  const outputs = (t: Template) => t.toJSON().Outputs as Record<string, { Value: unknown }>;

  it('outputs the three DKIM CNAMEs, the MX, the MAIL FROM MX and SPF, and DMARC', () => {
    const { stack, template } = dev;
    const out = outputs(template);
    for (const id of ['DnsDkim1', 'DnsDkim2', 'DnsDkim3', 'DnsMx', 'DnsMailFromMx', 'DnsMailFromSpf', 'DnsDmarc']) {
      expect(out).toHaveProperty(id);
    }
    const identity = logicalId(stack, stack.sending.identity);
    expect(JSON.stringify(out.DnsDkim1!.Value)).toContain(`"${identity}","DkimDNSTokenName1"`);
    expect(JSON.stringify(out.DnsDkim1!.Value)).toContain(' CNAME ');
    expect(out.DnsMx!.Value).toBe('ouvidoria.example.com.br MX 10 inbound-smtp.us-east-1.amazonaws.com');
    expect(out.DnsMailFromMx!.Value).toBe(
      'bounce.ouvidoria.example.com.br MX 10 feedback-smtp.us-east-1.amazonses.com',
    );
    expect(out.DnsMailFromSpf!.Value).toBe('bounce.ouvidoria.example.com.br TXT "v=spf1 include:amazonses.com ~all"');
    expect(out.DnsDmarc!.Value).toBe('_dmarc.ouvidoria.example.com.br TXT "v=DMARC1; p=none; adkim=r; aspf=r"');
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      MailFromAttributes: {
        MailFromDomain: 'bounce.ouvidoria.example.com.br',
        BehaviorOnMxFailure: 'USE_DEFAULT_VALUE',
      },
    });
    // Without a hosted zone the records are published by hand (README).
    template.resourceCountIs('AWS::Route53::RecordSet', 0);
  });

  it('outputs every value the README tells the operator to take from the outputs', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    const named = new Set(
      [...readme.matchAll(/<([A-Z][A-Za-z0-9]+)>|output `([A-Z][A-Za-z0-9]+)`/g)].map((m) => (m[1] ?? m[2]) as string),
    );
    // The runbook's console sign-ins and the data-subject scripts' buckets are among them.
    expect([...named]).toEqual(expect.arrayContaining(['StaffUserPoolId', 'UploadsBucketName', 'WebformUrl']));
    const outputs = dev.template.toJSON().Outputs as Record<string, { Value: unknown }>;
    for (const name of named) expect(outputs, name).toHaveProperty(name);
    const { stack } = dev;
    expect(outputs.StaffUserPoolId!.Value).toEqual(ref(stack, stack.staffConsole.userPool));
    expect(outputs.UploadsBucketName!.Value).toEqual(ref(stack, stack.uploads.bucket));
  });

  it('outputs the raw-mail bucket a lost mail is replayed from (AsyncEventsDropped, a damaged table)', () => {
    const { stack, template } = dev;
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(outputs.RawMailBucketName?.Value).toEqual(ref(stack, stack.rawMail.bucket));
  });

  it('outputs the antivirus plan the deployed check and the antivirus runbooks read', () => {
    const { stack, template } = dev;
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(outputs.MalwareProtectionPlanId?.Value).toEqual({ Ref: stack.getLogicalId(stack.uploads.plan) });
  });

  it('outputs the command that lets the first supervisor into the console', () => {
    const outputs = dev.template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(outputs.FirstStaffSignIn!.Value).toBe(firstStaffSignInNotice('dev'));
  });

  it('creates the seven records in the hosted zone in hosted-zone mode', () => {
    const { template } = synth({ hostedZone: { zoneId: 'Z0123456789ABCDEFGHIJ' }, dmarcPolicy: 'quarantine' });
    const records = Object.values(template.findResources('AWS::Route53::RecordSet')).map((r) => r.Properties);
    expect(records).toHaveLength(7);
    for (const r of records) expect(r.HostedZoneId).toBe('Z0123456789ABCDEFGHIJ');
    expect(records.filter((r) => r.Type === 'CNAME')).toHaveLength(3);
    expect(records).toContainEqual({
      HostedZoneId: 'Z0123456789ABCDEFGHIJ',
      Name: 'ouvidoria.example.com.br',
      Type: 'MX',
      TTL: '3600',
      ResourceRecords: ['10 inbound-smtp.us-east-1.amazonaws.com'],
    });
    expect(records).toContainEqual(
      expect.objectContaining({
        Name: '_dmarc.ouvidoria.example.com.br',
        ResourceRecords: [expect.stringContaining('p=quarantine')],
      }),
    );
  });
});

describe('queues and scheduler', () => {
  it('has an encrypted, TLS-only assignment queue with a DLQ after 5 receives and 6× the function timeout', () => {
    const { stack, template } = dev;
    const { Tags: _tags, ...props } =
      template.toJSON().Resources[logicalId(stack, stack.queues.assignmentQueue)].Properties;
    expect(props).toEqual({
      SqsManagedSseEnabled: true,
      VisibilityTimeout: 180,
      MessageRetentionPeriod: 14 * 24 * 3600,
      FifoQueue: true,
      ContentBasedDeduplication: true,
      RedrivePolicy: { deadLetterTargetArn: arnOf(stack, stack.queues.assignmentDlq), maxReceiveCount: 5 },
    });
  });

  it('keeps each DLQ for 14 days, encrypted; the assignment DLQ is FIFO like its queue', () => {
    const { stack, template } = dev;
    const { queues } = stack;
    for (const dlq of [queues.assignmentDlq, queues.intakeDlq, queues.feedbackDlq, queues.schedulerDlq]) {
      const { Tags: _tags, ...props } = template.toJSON().Resources[logicalId(stack, dlq)].Properties;
      expect(props).toEqual({
        SqsManagedSseEnabled: true,
        MessageRetentionPeriod: 14 * 24 * 3600,
        ...(dlq === queues.assignmentDlq ? { FifoQueue: true } : {}),
      });
    }
  });

  it('denies non-TLS access on all eleven queues', () => {
    const policies = Object.values(dev.template.findResources('AWS::SQS::QueuePolicy'));
    // The five of the pipeline, the scan-result DLQ (issue 19), the release queue and its DLQ (issue 14),
    // the confirmation-mail queue and its DLQ, the intake's failures queue (poison mail).
    expect(policies).toHaveLength(11);
    for (const policy of policies) {
      expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });

  it('creates the deferral schedule group with a name CloudFormation generates, retained only with the data', () => {
    const [group] = Object.values(dev.template.findResources('AWS::Scheduler::ScheduleGroup'));
    expect(group!.Properties?.Name).toBeUndefined();
    expect(group!.DeletionPolicy).toBe('Retain');
    const [dropped] = Object.values(variant.template.findResources('AWS::Scheduler::ScheduleGroup'));
    expect(dropped!.DeletionPolicy).toBe('Delete');
  });

  it('gives the daily sweep schedule a DLQ and a retry policy, in the office time zone', () => {
    const { stack, template } = dev;
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      GroupName: { Ref: stack.getLogicalId(stack.queues.scheduleGroup) },
      ScheduleExpression: 'cron(0 10 * * ? *)',
      ScheduleExpressionTimezone: 'America/Sao_Paulo',
      Target: {
        Arn: arnOf(stack, stack.requeueStale.function),
        DeadLetterConfig: { Arn: arnOf(stack, stack.queues.schedulerDlq) },
        RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 3600 },
      },
    });
  });

  it('runs the effects sweep every five minutes in the lifecycle-timer function, which lists the marked cases and arms timers', () => {
    const { stack, template } = dev;
    const timer = stack.lifecycle.timerFunction;
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      GroupName: { Ref: stack.getLogicalId(stack.queues.scheduleGroup) },
      ScheduleExpression: 'rate(5 minutes)',
      Target: {
        Arn: arnOf(stack, timer.function),
        Input: JSON.stringify(EFFECT_SWEEP_EVENT),
        DeadLetterConfig: { Arn: arnOf(stack, stack.queues.schedulerDlq) },
        // A run not delivered is replaced by the next one: no pile-up of sweeps.
        RetryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 300 },
      },
    });
    const table = arnOf(stack, stack.table.table);
    const statements = statementsOfRole(template, stack, timer.role) as { Sid?: string; Resource?: unknown }[];
    expect(JSON.stringify(statements.find((st) => st.Sid === 'CaseTableItems'))).toContain(
      JSON.stringify({ 'Fn::Join': ['', [table, `/index/${GSI.pendingEffects.indexName}`]] }),
    );
    // It arms timers (a swept extension) and re-queues an assignment whose notice never went.
    expect(statements.map((st) => st.Sid)).toEqual(
      expect.arrayContaining(['CreateLifecycleTimers', 'PassTimerRole', 'EnqueueAcceptedCases']),
    );
    expect(statements.find((st) => st.Sid === 'EnqueueAcceptedCases')?.Resource).toEqual(
      arnOf(stack, stack.queues.assignmentQueue),
    );
    // It names itself from its invocation: its own ARN in its environment would be a dependency cycle.
    const vars = template.toJSON().Resources[logicalId(stack, timer.function)].Properties.Environment.Variables;
    expect(vars).not.toHaveProperty(ENV.timerTargetArn);
    expect(vars).toMatchObject({
      [ENV.timerRoleArn]: arnOf(stack, stack.lifecycle.timerRole),
      [ENV.assignmentQueueUrl]: ref(stack, stack.queues.assignmentQueue),
      [ENV.schedulerGroup]: { Ref: stack.getLogicalId(stack.queues.scheduleGroup) },
    });
  });

  // A guidance reply the bounce breaker held was held forever: now the lifecycle-timer function sends it
  // once the breaker is clear, every five minutes (as the effects sweep), with the grants it needs on
  // those items only: the breaker's counters (read), the HELDREPLY# items (delete), the reply's pointers.
  it('runs the held-reply sweep every five minutes in the lifecycle-timer function, granted its items only', () => {
    const { stack, template } = dev;
    const timer = stack.lifecycle.timerFunction;
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      GroupName: { Ref: stack.getLogicalId(stack.queues.scheduleGroup) },
      ScheduleExpression: 'rate(5 minutes)',
      Target: {
        Arn: arnOf(stack, timer.function),
        Input: JSON.stringify(HELD_REPLY_SWEEP_EVENT),
        DeadLetterConfig: { Arn: arnOf(stack, stack.queues.schedulerDlq) },
        RetryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 300 },
      },
    });
    const table = arnOf(stack, stack.table.table);
    const statements = statementsOfRole(template, stack, timer.role) as Record<string, unknown>[];
    expect(statements).toEqual(
      expect.arrayContaining([
        {
          Sid: 'ReadBounceBreaker',
          Effect: 'Allow',
          Action: 'dynamodb:BatchGetItem',
          Resource: table,
          Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['RATE#ses-permanent-bounces#*'] } },
        },
        {
          Sid: 'RemoveHeldReplies',
          Effect: 'Allow',
          Action: 'dynamodb:DeleteItem',
          Resource: table,
          Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['HELDREPLY#*'] } },
        },
        {
          Sid: 'SentMailPointers',
          Effect: 'Allow',
          Action: 'dynamodb:BatchWriteItem',
          Resource: table,
          Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['MSGID#*'] } },
        },
        // A held webform confirmation link is asked for again on its queue (its consumer mails it).
        {
          Sid: 'AskHeldConfirmationLinks',
          Effect: 'Allow',
          Action: 'sqs:SendMessage',
          Resource: arnOf(stack, stack.queues.confirmMailQueue),
        },
      ]),
    );
    const timerFunction =
      template.toJSON().Resources[stack.getLogicalId(timer.function.node.defaultChild as CfnElement)];
    expect(timerFunction.Properties.Environment.Variables[ENV.confirmMailQueueUrl]).toEqual({
      Ref: stack.getLogicalId(stack.queues.confirmMailQueue.node.defaultChild as CfnElement),
    });
    // No other role may delete them: only the sweep is done with one.
    const deleters = Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) =>
      JSON.stringify(policy.Properties.PolicyDocument).includes('HELDREPLY#'),
    );
    expect(deleters).toHaveLength(1);
  });

  it('lets the sweep only query the status index and send to the assignment queue', () => {
    const { stack, template } = dev;
    const table = arnOf(stack, stack.table.table);
    const statements = statementsOfRole(template, stack, stack.requeueStale.role);
    expect(statements).toContainEqual({
      Sid: 'CaseTableItems',
      Effect: 'Allow',
      Action: 'dynamodb:Query',
      Resource: [table, { 'Fn::Join': ['', [table, '/index/gsi1-status']] }],
    });
    expect((statements as { Sid?: string }[]).map((s) => s.Sid)).toEqual([
      'WriteOwnLogs',
      // Added by the on-failure destination (a run failed three times is kept in the scheduler DLQ).
      undefined,
      'CaseTableItems',
      'EnqueueAcceptedCases',
      // The listed cases are read whole, their texts too (issue 16).
      'ReadMessageTexts',
    ]);
  });
});

describe('Zendesk secret', () => {
  it('holds a generated placeholder, never a value from code', () => {
    dev.template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: {
        SecretStringTemplate: JSON.stringify({ email: 'set-after-deploy@example.invalid' }),
        GenerateStringKey: 'apiToken',
      },
      SecretString: Match.absent(),
    });
  });
});

describe('webform HTTP API', () => {
  it('routes the form, the upload policies and the signed-link pages to the webform function, the staff console to its own', () => {
    const { stack, template } = dev;
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties.RouteKey);
    expect(routes.sort()).toEqual([
      'GET /',
      'GET /app.js',
      // The confirmation link of a post that cites a ticket (F1): its page, and its button's POST.
      'GET /confirmar',
      'GET /consulta',
      'GET /consulta/caso',
      'GET /equipe',
      'GET /equipe/callback',
      'GET /equipe/{proxy+}',
      'GET /pesquisa',
      'POST /anexos',
      'POST /casos',
      'POST /confirmar',
      'POST /consulta',
      'POST /consulta/caso',
      'POST /equipe/sair',
      'POST /equipe/{proxy+}',
      'POST /pesquisa',
    ]);
    // Each route to its function: /equipe… to the console's, the rest to the webform's.
    const integrations = template.findResources('AWS::ApiGatewayV2::Integration');
    const targetOf = (key: string) => {
      const route = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).find(
        (r) => r.Properties.RouteKey === key,
      );
      const id = String(route?.Properties.Target['Fn::Join'][1][1].Ref);
      expect(integrations[id]?.Properties).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
      return integrations[id]?.Properties.IntegrationUri;
    };
    for (const key of routes) {
      const fn = key.includes(' /equipe') ? stack.console.function : stack.webform.function;
      expect(targetOf(key), key).toEqual(arnOf(stack, fn));
    }
  });

  it('allows CORS only from the configured origin', () => {
    dev.template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      CorsConfiguration: {
        AllowOrigins: ['https://ouvidoria.example.com.br'],
        AllowMethods: ['GET', 'POST'],
        AllowHeaders: ['content-type', 'idempotency-key'],
      },
    });
  });

  it('throttles the default stage and writes JSON access logs without client IPs', () => {
    const { stack, template } = dev;
    const [stage] = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'));
    expect(stage!.Properties).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 },
      AccessLogSettings: { DestinationArn: arnOf(stack, stack.webformApi.accessLogs) },
    });
    const format = JSON.parse(stage!.Properties.AccessLogSettings.Format);
    expect(format).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
    expect(JSON.stringify(format)).not.toMatch(/sourceIp|identity/);
  });

  it('follows the configured throttling', () => {
    const { template } = variant;
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 3, ThrottlingBurstLimit: 7 },
    });
  });
});

describe('alarms and dashboard', () => {
  it('read the metric names the handlers emit', () => {
    expect(EMITTED.submissions).toBe(METRIC.submissions);
    expect(EMITTED.quarantinedMail).toBe(METRIC.quarantinedMail);
    expect(EMITTED.autoReplySuppressed).toBe(METRIC.autoReplySuppressed);
    expect(EMITTED_NAMESPACE).toBe(METRICS_NAMESPACE);
    expect(ASSIGNMENT_METRIC.noAnalyst).toBe(METRIC.noAnalystAvailable);
    expect(ASSIGNMENT_METRIC.timeToAssignment).toBe(METRIC.timeToAssignmentSeconds);
  });

  const alarmsOn = (template: Template, match: Record<string, unknown>) =>
    Object.values(template.findResources('AWS::CloudWatch::Alarm', { Properties: match }));

  it('sends every alarm to the encrypted alarm topic, subscribed by the on-call address', () => {
    const { stack, template } = dev;
    const topic = ref(stack, stack.monitoring.alarmTopic);
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'plantao@example.com.br',
      TopicArn: topic,
    });
    template.hasResourceProperties('AWS::SNS::Topic', {
      // The sender name of each alarm mail says which environment (staging and production look alike).
      DisplayName: 'Ouvidoria alarms (dev)',
      KmsMasterKeyId: Match.anyValue(),
    });
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms.length).toBe(stack.monitoring.alarms.length);
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmActions).toEqual([topic]);
      expect(alarm.Properties.OKActions).toEqual([topic]);
    }
  });

  it('keeps a dead-letter alarm on while the message waits; every other alarm reads no data as no trouble', () => {
    const { template } = dev;
    const all = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    // Queue depth is a level: SQS stops reporting a queue no one touched for six hours, message in it or
    // not, and a missing datapoint must not send "OK" then. Only a replay or a purge (a datapoint) ends it.
    const dlq = all.filter(
      (a) => a.Properties.Namespace === 'AWS/SQS' && /Dlq/.test(JSON.stringify(a.Properties.Dimensions)),
    );
    expect(dlq).toHaveLength(7);
    for (const alarm of dlq) {
      expect(alarm.Properties.TreatMissingData).toBe('ignore');
    }
    // Heartbeats (the effects sweep and the DLQ watch report every run): no datapoint is the incident.
    const heartbeats = all.filter(
      (a) => a.Properties.Statistic === 'SampleCount' || a.Properties.MetricName === METRIC.dlqOldestMessageSeconds,
    );
    expect(heartbeats.map((a) => [a.Properties.MetricName, a.Properties.TreatMissingData])).toEqual([
      ...Array.from({ length: 7 }, () => [METRIC.dlqOldestMessageSeconds, 'breaching']),
      [METRIC.effectsOldestPendingSeconds, 'breaching'],
    ]);
    // Errors, throttles, custom counts: events; no datapoint means none happened.
    for (const alarm of all.filter((a) => !dlq.includes(a) && !heartbeats.includes(a))) {
      expect(alarm.Properties.TreatMissingData).toBe('notBreaching');
    }
  });

  it('lets CloudWatch alarms of this account publish to the alarm topic (a topic policy replaces the default)', () => {
    const { stack, template } = dev;
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [ref(stack, stack.monitoring.alarmTopic)],
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Sid: 'AllowCloudWatchAlarms',
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: ref(stack, stack.monitoring.alarmTopic),
            Condition: {
              StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
              ArnLike: {
                'aws:SourceArn': {
                  'Fn::Join': ['', ['arn:aws:cloudwatch:us-east-1:', { Ref: 'AWS::AccountId' }, ':alarm:*']],
                },
              },
            },
          },
        ]),
      },
    });
  });

  // Cost guard: AWS Budgets publishes as budgets.amazonaws.com to the KMS-encrypted alarm topic, so the
  // topic policy and the key policy must both let it (without either, the budget mails nobody).
  it('keeps a monthly cost budget of this environment that mails the alarm topic at 80 % actual and 100 % forecast', () => {
    const { stack, template } = dev;
    const topic = ref(stack, stack.monitoring.alarmTopic);
    const budgetArns = { 'Fn::Join': ['', ['arn:aws:budgets::', { Ref: 'AWS::AccountId' }, ':*']] };
    const guard = {
      StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
      ArnLike: { 'aws:SourceArn': budgetArns },
    };
    template.resourceCountIs('AWS::Budgets::Budget', 1);
    template.hasResourceProperties('AWS::Budgets::Budget', {
      Budget: {
        BudgetName: 'NOTIFY Ouvidoria-dev MonthlyCost',
        BudgetType: 'COST',
        TimeUnit: 'MONTHLY',
        BudgetLimit: { Amount: 100, Unit: 'USD' },
        CostFilters: { TagKeyValue: ['user:environment$dev'] },
      },
      NotificationsWithSubscribers: [
        {
          Notification: {
            NotificationType: 'ACTUAL',
            ComparisonOperator: 'GREATER_THAN',
            Threshold: 80,
            ThresholdType: 'PERCENTAGE',
          },
          Subscribers: [{ SubscriptionType: 'SNS', Address: topic }],
        },
        {
          Notification: {
            NotificationType: 'FORECASTED',
            ComparisonOperator: 'GREATER_THAN',
            Threshold: 100,
            ThresholdType: 'PERCENTAGE',
          },
          Subscribers: [{ SubscriptionType: 'SNS', Address: topic }],
        },
      ],
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [topic],
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Sid: 'AllowBudgets',
            Effect: 'Allow',
            Principal: { Service: 'budgets.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: topic,
            Condition: guard,
          },
        ]),
      },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          {
            Sid: 'PublishBudgets',
            Effect: 'Allow',
            Principal: { Service: 'budgets.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            Resource: '*',
            Condition: guard,
          },
        ]),
      },
    });
    // The tag the budget filters on is the one every resource carries.
    template.hasResourceProperties('AWS::Lambda::Function', {
      Tags: Match.arrayWith([{ Key: 'environment', Value: 'dev' }]),
    });
    // Created once the topic's policy lets Budgets publish (a first deploy orders them).
    const [policyId] = Object.keys(
      template.findResources('AWS::SNS::TopicPolicy', { Properties: { Topics: [topic] } }),
    );
    const [budget] = Object.values(template.findResources('AWS::Budgets::Budget'));
    expect(policyId).toBeDefined();
    expect(budget?.DependsOn).toEqual(expect.arrayContaining([policyId]));
  });

  it('keeps no budget in a test environment that opted out ("monthlyBudgetUsd": false)', () => {
    variant.template.resourceCountIs('AWS::Budgets::Budget', 0);
    expect(variant.stack.costBudget).toBeUndefined();
  });

  it('subscribes every configured on-call address', () => {
    const { stack } = synth({ alarmEmails: ['a@example.com.br', 'b@example.com.br'] });
    const endpoints = Object.values(Template.fromStack(stack).findResources('AWS::SNS::Subscription'))
      .filter((s) => s.Properties.Protocol === 'email')
      .map((s) => s.Properties.Endpoint);
    expect(endpoints.sort()).toEqual(['a@example.com.br', 'b@example.com.br']);
  });

  // `cdk deploy` prints output values: an e-mail subscription stays "PendingConfirmation" and reaches
  // nobody until its owner clicks SNS's link, which nothing in the deploy said.
  it.each([
    { alarmEmails: ['plantao@example.com.br', 'ti@example.com.br'], says: /^PENDING until confirmed: each of the 2 / },
    { alarmEmails: [], says: /^NOBODY: silentAlarms/ },
  ])('outputs the alarm topic and who it reaches ($alarmEmails)', ({ alarmEmails, says }) => {
    const { stack } = synth({ alarmEmails, silentAlarms: alarmEmails.length === 0, retainData: false });
    const outputs = Template.fromStack(stack).toJSON().Outputs as Record<string, { Value: unknown }>;
    const topic = ref(stack, stack.monitoring.alarmTopic);
    expect(outputs.AlarmTopicArn!.Value).toEqual(topic);
    const notice = outputs.AlarmSubscriptions!.Value as string | { 'Fn::Join': [string, unknown[]] };
    const parts = typeof notice === 'string' ? [notice] : notice['Fn::Join'][1];
    expect(parts[0]).toMatch(says);
    if (alarmEmails.length > 0) {
      // Confirmed from the CLI with authentication: an alarm mail's unsubscribe link then needs AWS
      // credentials (clicked, by anyone or a mail scanner, it would silently stop the pages).
      expect(parts[0]).toContain('aws sns confirm-subscription --topic-arn ');
      expect(parts[1]).toEqual(topic);
      expect(parts[2]).toContain(' --token <token> --authenticate-on-unsubscribe true ');
      expect(parts[2]).toContain('aws sns list-subscriptions-by-topic --topic-arn ');
      expect(parts[3]).toEqual(topic);
      expect(parts[4]).toContain('PendingConfirmation');
      // The deployed check names each unconfirmed address (infra/preflight.ts, deployedCheckScript).
      expect(parts[4]).toContain('npm run -s preflight -- dev --deployed');
    }
    // Who is on call is configuration, not an output anyone with stack read access should collect.
    for (const address of alarmEmails) expect(JSON.stringify(notice)).not.toContain(address);
  });

  it('alarms on any message in each of the three DLQs', () => {
    const { stack, template } = dev;
    for (const dlq of [stack.queues.intakeDlq, stack.queues.assignmentDlq, stack.queues.feedbackDlq]) {
      expect(
        alarmsOn(template, {
          MetricName: 'ApproximateNumberOfMessagesVisible',
          Namespace: 'AWS/SQS',
          Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(stack, dlq), 'QueueName'] } }],
          Threshold: 0,
          ComparisonOperator: 'GreaterThanThreshold',
        }),
      ).toHaveLength(1);
    }
  });

  it('alarms on errors, any throttle, duration near the timeout and dropped async events of each function', () => {
    const { stack, template } = dev;
    for (const [fn, timeoutMs, async] of [
      [stack.emailIntake, 60_000, true],
      [stack.webform, 10_000, false],
      [stack.console, 25_000, false],
      [stack.assignment, 30_000, false],
      [stack.sesFeedback, 15_000, true],
      [stack.requeueStale, 60_000, true],
    ] as const) {
      const throttles = 1;
      const dimensions = [{ Name: 'FunctionName', Value: ref(stack, fn.function) }];
      expect(
        alarmsOn(template, { MetricName: 'Errors', Namespace: 'AWS/Lambda', Dimensions: dimensions, Threshold: 1 }),
      ).toHaveLength(1);
      expect(
        alarmsOn(template, {
          MetricName: 'Throttles',
          Namespace: 'AWS/Lambda',
          Dimensions: dimensions,
          Threshold: throttles,
        }),
      ).toHaveLength(1);
      expect(
        alarmsOn(template, {
          MetricName: 'Duration',
          Dimensions: dimensions,
          Statistic: 'Maximum',
          Threshold: timeoutMs * 0.8,
        }),
      ).toHaveLength(1);
      expect(alarmsOn(template, { MetricName: 'AsyncEventsDropped', Dimensions: dimensions })).toHaveLength(
        async ? 1 : 0,
      );
    }
  });

  it('alarms on errors and dropped events of every function the product runs, the monthly report included', () => {
    const { stack, template } = dev;
    // Only CloudFormation's custom resource handlers are left out: a failure there fails the deploy itself.
    const customResourceHandlers = [stack.receiving.activationFunction!.function];
    const functions = Object.keys(template.findResources('AWS::Lambda::Function')).filter(
      (id) => !customResourceHandlers.some((fn) => logicalId(stack, fn) === id),
    );
    for (const [id, asyncInvoked] of [
      ...functions.map((id) => [id, undefined] as const),
      // EventBridge Scheduler invokes it asynchronously: a failed run is retried, then kept in SchedulerDlq.
      [logicalId(stack, stack.reports.fn.function), true] as const,
    ]) {
      const dimensions = [{ Name: 'FunctionName', Value: { Ref: id } }];
      expect(alarmsOn(template, { MetricName: 'Errors', Dimensions: dimensions }), id).toHaveLength(1);
      if (asyncInvoked) {
        expect(alarmsOn(template, { MetricName: 'AsyncEventsDropped', Dimensions: dimensions }), id).toHaveLength(1);
      }
    }
  });

  // SES puts an account under review at a 5 % bounce or 0.1 % complaint rate and may pause all its
  // sending at 10 % / 0.5 % (every acknowledgement, answer and notice then fails). An alarm at the
  // review level is no warning: a NOTIFY at less than half of it gives the office days to act, and
  // the review level itself pages (deploy review 46). Account-level metrics (no dimension): what SES
  // enforces on, whatever configuration set sent the mail.
  it.each([
    ['Reputation.BounceRate', 0.02, 'SesBounceRateRising', 0.05, 'SesBounceRate'],
    ['Reputation.ComplaintRate', 0.0005, 'SesComplaintRateRising', 0.001, 'SesComplaintRate'],
  ])(
    'alarms on SES %s at %s (NOTIFY, %s) well before the review level %s (PAGE, %s)',
    (metricName, early, earlyId, review, reviewId) => {
      const { template } = dev;
      const rates = alarmsOn(template, { Namespace: 'AWS/SES', MetricName: metricName });
      expect(rates.map((a) => [a.Properties.Threshold, a.Properties.AlarmName]).sort()).toEqual(
        [
          [early, `NOTIFY Ouvidoria-dev ${earlyId}`],
          [review, `PAGE Ouvidoria-dev ${reviewId}`],
        ].sort(),
      );
      for (const alarm of rates) {
        expect(alarm.Properties.Dimensions ?? []).toEqual([]);
        expect(alarm.Properties.ComparisonOperator).toBe('GreaterThanOrEqualToThreshold');
      }
    },
  );

  // rt57: the bounce breaker holding guidance (shared/domain/bounce-breaker.ts) pages: every sender
  // without a ticket goes unanswered, and someone may be aiming at SES's bounce rate.
  it('pages when the bounce breaker holds a guidance reply (email or webform), on the alarm topic', () => {
    const { stack, template } = dev;
    const [alarm, ...more] = alarmsOn(template, { AlarmName: 'PAGE Ouvidoria-dev GuidanceHeldByBounceBreaker' });
    expect(more).toEqual([]);
    expect(alarm!.Properties.Threshold).toBe(1);
    expect(alarm!.Properties.ComparisonOperator).toBe('GreaterThanOrEqualToThreshold');
    expect(alarm!.Properties.AlarmActions).toEqual([ref(stack, stack.monitoring.alarmTopic)]);
    expect(alarm!.Properties.AlarmDescription).toMatch(/What to do: .*resets by itself/);
    const metrics = (
      alarm!.Properties.Metrics as {
        MetricStat?: { Metric: { MetricName: string; Dimensions: { Name: string; Value: string }[] } };
      }[]
    ).flatMap((m) => (m.MetricStat ? [m.MetricStat.Metric] : []));
    expect(metrics.map((m) => [m.MetricName, Object.fromEntries(m.Dimensions.map((d) => [d.Name, d.Value]))])).toEqual([
      ['AutoReplySuppressed', { service: 'email-intake', reason: 'bounce-breaker' }],
      ['AutoReplySuppressed', { service: 'webform', reason: 'bounce-breaker' }],
    ]);
  });

  it('alarms on DynamoDB read and write throttles of the table', () => {
    const { stack, template } = dev;
    const [alarm] = alarmsOn(template, { Threshold: 1, Metrics: Match.anyValue() }).filter((a) =>
      JSON.stringify(a.Properties.Metrics).includes('ThrottleEvents'),
    );
    const metrics = alarm!.Properties.Metrics as {
      MetricStat?: { Metric: { MetricName: string; Dimensions: unknown } };
    }[];
    const names = metrics.flatMap((m) => (m.MetricStat ? [m.MetricStat.Metric.MetricName] : []));
    expect(names.sort()).toEqual(['ReadThrottleEvents', 'WriteThrottleEvents']);
    for (const m of metrics.filter((x) => x.MetricStat)) {
      expect(m.MetricStat!.Metric.Dimensions).toEqual([{ Name: 'TableName', Value: ref(stack, stack.table.table) }]);
    }
  });

  it('alarms on Scheduler target errors and lost invocations of our group, and on the sweep finding stale cases', () => {
    const { stack, template } = dev;
    const group = [{ Name: 'ScheduleGroup', Value: { Ref: stack.getLogicalId(stack.queues.scheduleGroup) } }];
    expect(
      alarmsOn(template, { Namespace: 'AWS/Scheduler', MetricName: 'TargetErrorCount', Dimensions: group }),
    ).toHaveLength(1);
    const lost = Object.values(template.findResources('AWS::CloudWatch::Alarm')).filter((a) =>
      JSON.stringify(a.Properties.Metrics ?? []).includes('InvocationDroppedCount'),
    );
    expect(lost).toHaveLength(1);
    expect(JSON.stringify(lost[0]!.Properties.Metrics)).toContain('InvocationsFailedToBeSentToDeadLetterCount');
    expect(
      alarmsOn(template, {
        Namespace: NAMESPACE,
        MetricName: METRIC.staleCasesRequeued,
        Dimensions: [{ Name: 'service', Value: SERVICE.requeueStale }],
        Threshold: 1,
      }),
    ).toHaveLength(1);
  });

  it.each([
    {
      alarm: 'falling behind',
      statistic: 'Maximum',
      threshold: 3600,
      operator: 'GreaterThanOrEqualToThreshold',
      periods: 1,
    },
    {
      alarm: 'stopped (three runs without a report)',
      statistic: 'SampleCount',
      threshold: 1,
      operator: 'LessThanThreshold',
      periods: 3,
    },
  ])(
    'alarms when the effects sweep is $alarm, from the lag each run reports',
    ({ statistic, threshold, operator, periods }) => {
      const { template } = dev;
      expect(
        alarmsOn(template, {
          Namespace: NAMESPACE,
          MetricName: METRIC.effectsOldestPendingSeconds,
          Dimensions: [{ Name: 'service', Value: SERVICE.lifecycleTimer }],
          Statistic: statistic,
          Period: 300,
          Threshold: threshold,
          ComparisonOperator: operator,
          EvaluationPeriods: periods,
        }),
      ).toHaveLength(1);
    },
  );

  it('alarms on the first upload GuardDuty could not scan (ACCESS_DENIED or FAILED), from the attachment-scan metric', () => {
    const { template } = dev;
    const [alarm, ...others] = Object.values(template.findResources('AWS::CloudWatch::Alarm')).filter((a) =>
      JSON.stringify(a.Properties.Metrics ?? []).includes(METRIC.uploadScanFailed),
    );
    expect(others).toHaveLength(0);
    expect(alarm?.Properties).toMatchObject({ Threshold: 1, EvaluationPeriods: 1 });
    const statuses = ((alarm?.Properties.Metrics ?? []) as { MetricStat?: { Metric: { Dimensions: unknown[] } } }[])
      .filter((m) => m.MetricStat)
      .map((m) => m.MetricStat?.Metric.Dimensions);
    expect(statuses).toEqual(
      ['ACCESS_DENIED', 'FAILED'].map((status) => [
        { Name: 'service', Value: SERVICE.attachmentScan },
        { Name: 'status', Value: status },
      ]),
    );
  });

  // A DLQ alarm notifies on its state change only: a message nobody replayed must page again while
  // there are days left to redrive it, before SQS deletes it at the retention (14 days). SQS stops
  // publishing an idle queue's metrics, so the age is the dlq-watch function's own measure.
  it.each([
    ['IntakeDlq', 'intakeDlq'],
    ['AssignmentDlq', 'assignmentDlq'],
    ['FeedbackDlq', 'feedbackDlq'],
    ['SchedulerDlq', 'schedulerDlq'],
    ['ReleaseDlq', 'releaseDlq'],
  ] as const)(
    'pages again for a message forgotten in %s, a week before SQS deletes it, or when the watch stops',
    (name, key) => {
      const { stack, template } = dev;
      const queue = stack.queues[key];
      const retention = template.toJSON().Resources[logicalId(stack, queue)].Properties.MessageRetentionPeriod;
      const queueName = { 'Fn::GetAtt': [logicalId(stack, queue), 'QueueName'] };
      const aged = alarmsOn(template, {
        Namespace: NAMESPACE,
        MetricName: METRIC.dlqOldestMessageSeconds,
        Dimensions: [
          { Name: 'queue', Value: queueName },
          { Name: 'service', Value: SERVICE.dlqWatch },
        ],
      });
      expect(aged, name).toHaveLength(1);
      expect(aged[0]?.Properties).toMatchObject({
        Statistic: 'Maximum',
        Period: 300,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        Threshold: retention - 7 * 24 * 3600,
        EvaluationPeriods: 3,
        // A heartbeat: three runs without a count page, never a silent week.
        TreatMissingData: 'breaching',
      });
      expect(aged[0]?.Properties.AlarmDescription).toMatch(/waited 7 days .* deletes it unread at 14 days/);
      // Not SQS's age, which stops with the queue's activity.
      expect(
        alarmsOn(template, {
          MetricName: 'ApproximateAgeOfOldestMessage',
          Dimensions: [{ Name: 'QueueName', Value: queueName }],
        }),
      ).toHaveLength(0);
      // The watch counts this queue, by its URL.
      const vars =
        template.toJSON().Resources[logicalId(stack, stack.dlqWatch.function)].Properties.Environment.Variables;
      expect(JSON.stringify(vars[ENV.deadLetterQueueUrls])).toContain(JSON.stringify(ref(stack, queue)));
    },
  );

  it('counts the dead-letter queues in a function of its own: GetQueueAttributes on the seven DLQs, its own table items, nothing else', () => {
    const { stack, template } = dev;
    const watch = stack.dlqWatch;
    const statements = statementsOfRole(template, stack, watch.role) as {
      Sid?: string;
      Action?: unknown;
      Resource?: unknown;
      Condition?: unknown;
    }[];
    const counting = statements.find((st) => st.Sid === 'CountDeadLetterQueues');
    expect(counting?.Action).toBe('sqs:GetQueueAttributes');
    const dlqs = [
      stack.queues.intakeDlq,
      stack.queues.assignmentDlq,
      stack.queues.feedbackDlq,
      stack.queues.schedulerDlq,
      stack.queues.releaseDlq,
      stack.queues.confirmMailDlq,
    ];
    expect(counting?.Resource).toHaveLength(7);
    for (const dlq of dlqs) expect(counting?.Resource).toContainEqual(arnOf(stack, dlq));
    expect(counting?.Resource).not.toContainEqual(arnOf(stack, stack.queues.assignmentQueue));
    // Counts only: it may not receive a message (LGPD: their bodies), nor send or delete one.
    const all = JSON.stringify(statements);
    expect(all).not.toMatch(/sqs:ReceiveMessage|sqs:DeleteMessage|sqs:SendMessage|sqs:\*/);
    expect(all).not.toMatch(/ses:|s3:|secretsmanager:|scheduler:/);
    // The table: Get and Put of the DLQWATCH partition only.
    const table = statements.filter((st) => JSON.stringify(st.Action).includes('dynamodb:'));
    expect(table).toHaveLength(1);
    expect(table[0]?.Action).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem']);
    expect(JSON.stringify(table[0]?.Condition)).toContain('"DLQWATCH"');
    // No office configuration, no case: its environment is the table and the queues.
    expect(watch.readsConfig).toBe(false);
    const vars = template.toJSON().Resources[logicalId(stack, watch.function)].Properties.Environment.Variables;
    expect(
      Object.keys(vars)
        .filter((k) => !k.startsWith('POWERTOOLS_') && k !== 'NODE_OPTIONS')
        .sort(),
    ).toEqual([ENV.deadLetterQueueUrls, ENV.tableName].sort());
    // Run every five minutes by its own schedule, whose role invokes only this function.
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(5 minutes)',
      Target: Match.objectLike({ Arn: arnOf(stack, watch.function), RetryPolicy: { MaximumRetryAttempts: 0 } }),
    });
    // Its own failures page like any function's.
    expect(
      Object.keys(template.findResources('AWS::CloudWatch::Alarm')).some((id) => /^MonitoringDlqWatchErrors/.test(id)),
    ).toBe(true);
  });

  it('pages again for a scan result forgotten in ScanResultsDlq, and charts every DLQ age against the deletion', () => {
    const { template } = dev;
    const expiring = Object.keys(template.findResources('AWS::CloudWatch::Alarm')).filter((id) =>
      /MessageExpiring/.test(id),
    );
    expect(expiring.map((id) => id.replace(/^Monitoring|[0-9A-F]{8}$/g, '')).sort()).toEqual(
      ['Assignment', 'ConfirmMail', 'Feedback', 'Intake', 'Release', 'ScanResults', 'Scheduler'].map(
        (q) => `${q}DlqMessageExpiring`,
      ),
    );
    const [dashboard] = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
    const parts = dashboard!.Properties.DashboardBody['Fn::Join'][1] as unknown[];
    const body = JSON.parse(parts.map((p) => (typeof p === 'string' ? p : 'TOKEN')).join(''));
    const chart = body.widgets.find((w: { properties: { title: string } }) =>
      w.properties.title.startsWith('Dead-letter queues: age'),
    );
    expect(chart?.properties.metrics).toHaveLength(7);
    expect(JSON.stringify(chart?.properties.metrics)).toContain(METRIC.dlqOldestMessageSeconds);
    expect(JSON.stringify(chart?.properties.metrics)).not.toContain('ApproximateAgeOfOldestMessage');
    expect(chart?.properties.annotations.horizontal.map((a: { value: number }) => a.value)).toEqual([
      7 * 24 * 3600,
      14 * 24 * 3600,
    ]);
  });

  it('alarms when the oldest assignment message is older than the configured minutes', () => {
    const { stack, template } = dev;
    expect(
      alarmsOn(template, {
        MetricName: 'ApproximateAgeOfOldestMessage',
        Dimensions: [
          { Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(stack, stack.queues.assignmentQueue), 'QueueName'] } },
        ],
        Threshold: 15 * 60,
        Statistic: 'Maximum',
      }),
    ).toHaveLength(1);
  });

  // With no active supervisor on the roster, escalations and reminders went to nobody in silence.
  it('alarms (NOTIFY) on the first mail for the supervisors that found none, from the timers or the intake', () => {
    const { template } = dev;
    const [alarm, ...others] = Object.values(
      template.findResources('AWS::CloudWatch::Alarm', {
        Properties: { AlarmName: Match.stringLikeRegexp('^NOTIFY Ouvidoria-dev NoActiveSupervisor$') },
      }),
    ) as Array<{ Properties: { Metrics: Array<Record<string, unknown>>; Threshold: number } }>;
    expect(others).toHaveLength(0);
    expect(alarm?.Properties.Threshold).toBe(1);
    const services = (alarm?.Properties.Metrics ?? [])
      .map(
        (m) => m['MetricStat'] as { Metric: { MetricName: string; Dimensions: Array<{ Value: string }> } } | undefined,
      )
      .filter((m) => m !== undefined)
      .map((m) => [m.Metric.MetricName, m.Metric.Dimensions.map((d) => d.Value)]);
    expect(services).toEqual([
      [METRIC.noActiveSupervisor, [SERVICE.lifecycleTimer]],
      [METRIC.noActiveSupervisor, [SERVICE.emailIntake]],
    ]);
  });

  it('alarms on the custom NoAnalystAvailable and QuarantinedMail metrics with their service dimension', () => {
    const { template } = dev;
    expect(
      alarmsOn(template, {
        Namespace: NAMESPACE,
        MetricName: METRIC.noAnalystAvailable,
        Dimensions: [{ Name: 'service', Value: SERVICE.assignment }],
        Threshold: 1,
      }),
    ).toHaveLength(1);
    expect(
      alarmsOn(template, {
        Namespace: NAMESPACE,
        MetricName: METRIC.quarantinedMail,
        Dimensions: [{ Name: 'service', Value: SERVICE.emailIntake }],
        Period: 3600,
        // A spam wave of an hour does not page; three hours in a row above 20 do.
        Threshold: 20,
        EvaluationPeriods: 3,
        DatapointsToAlarm: 3,
      }),
    ).toHaveLength(1);
  });

  // PoisonMailQuarantined was published and read by no alarm: a mail the intake could not read sat in
  // the quarantine queue, and its defect was known only to whoever read the logs.
  it('alarms (NOTIFY, to the alarm topic) on the first mail the intake failed on and quarantined unread', () => {
    const { stack, template } = dev;
    const [alarm, ...others] = alarmsOn(template, {
      Namespace: NAMESPACE,
      MetricName: METRIC.poisonMailQuarantined,
      Dimensions: [{ Name: 'service', Value: SERVICE.emailIntake }],
      Statistic: 'Sum',
      Period: 3600,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
    });
    expect(others).toEqual([]);
    const topic = ref(stack, stack.monitoring.alarmTopic);
    expect(alarm?.Properties).toMatchObject({
      AlarmName: 'NOTIFY Ouvidoria-dev PoisonMail',
      AlarmActions: [topic],
      OKActions: [topic],
      TreatMissingData: 'notBreaching',
    });
    expect(alarm?.Properties.AlarmDescription).toMatch(/quarantined unread\. What to do: .*\/equipe\/quarentena/);
  });

  it('alarms when the ticket directory keeps failing (cases accepted "não verificado"), from mail or the form', () => {
    const { template } = dev;
    const [alarm, ...others] = Object.values(template.findResources('AWS::CloudWatch::Alarm')).filter((a) =>
      JSON.stringify(a.Properties.Metrics ?? []).includes(METRIC.ticketUnverified),
    );
    expect(others).toEqual([]);
    const metrics = alarm!.Properties.Metrics as Array<{
      MetricStat?: { Metric: { Namespace: string; MetricName: string; Dimensions: unknown[] }; Period: number };
    }>;
    const read = metrics.flatMap((m) => (m.MetricStat ? [m.MetricStat] : []));
    expect(
      read.map((m) => m.Metric.Dimensions).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    ).toEqual([[{ Name: 'service', Value: SERVICE.emailIntake }], [{ Name: 'service', Value: SERVICE.webform }]]);
    for (const m of read) {
      expect(m.Metric).toMatchObject({ Namespace: NAMESPACE, MetricName: METRIC.ticketUnverified });
      expect(m.Period).toBe(3600);
    }
    // Failures in two hours out of six page (wrong credentials, a long outage); one blip does not.
    expect(alarm!.Properties).toMatchObject({
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 6,
      DatapointsToAlarm: 2,
    });
  });

  it.each([
    { permanent: 'true', threshold: 1, why: 'refused for good (the SES sandbox)' },
    { permanent: 'false', threshold: 5, why: 'failing again and again (sending paused)' },
  ])('alarms on automatic replies $why, from mail or the form', ({ permanent, threshold }) => {
    const { template } = dev;
    const [alarm, ...others] = Object.values(template.findResources('AWS::CloudWatch::Alarm')).filter((a) =>
      JSON.stringify(a.Properties.Metrics ?? []).includes(`{"Name":"permanent","Value":"${permanent}"}`),
    );
    expect(others).toHaveLength(0);
    expect(alarm?.Properties).toMatchObject({ Threshold: threshold, EvaluationPeriods: 1 });
    const metrics = ((alarm?.Properties.Metrics ?? []) as { MetricStat?: { Metric: { Dimensions: unknown[] } } }[])
      .filter((m) => m.MetricStat)
      .map((m) => m.MetricStat?.Metric.Dimensions);
    expect(metrics).toEqual(
      [SERVICE.emailIntake, SERVICE.webform].map((service) => [
        { Name: 'permanent', Value: permanent },
        { Name: 'service', Value: service },
      ]),
    );
  });

  // A GuardDuty plan in error, or its managed EventBridge rule deleted, sends no result at all: the
  // uploaded files stay PENDING and AntivirusFailing (which needs a result) never fires.
  it('alarms when files were claimed unscanned and no scan result came in the window; no upload is no incident', () => {
    const { template } = dev;
    const [alarm, ...others] = Object.values(template.findResources('AWS::CloudWatch::Alarm')).filter((a) =>
      JSON.stringify(a.Properties.Metrics ?? []).includes(METRIC.uploadsClaimedUnscanned),
    );
    expect(others).toEqual([]);
    expect(alarm!.Properties).toMatchObject({
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
    });
    expect(alarm!.Properties.AlarmDescription).toContain(
      'What to do: aws guardduty get-malware-protection-plan --malware-protection-plan-id <MalwareProtectionPlanId>',
    );
    const metrics = alarm!.Properties.Metrics as Array<{
      Id: string;
      Expression?: string;
      MetricStat?: { Metric: { Namespace: string; MetricName: string; Dimensions: unknown[] }; Period: number };
    }>;
    const read = Object.fromEntries(metrics.flatMap((m) => (m.MetricStat ? [[m.Id, m.MetricStat]] : [])));
    expect(read).toEqual({
      claimed: {
        Metric: {
          Namespace: NAMESPACE,
          MetricName: METRIC.uploadsClaimedUnscanned,
          Dimensions: [{ Name: 'service', Value: SERVICE.webform }],
        },
        Period: ANTIVIRUS_SILENT_WINDOW.toSeconds(),
        Stat: 'Sum',
      },
      results: {
        Metric: {
          Namespace: NAMESPACE,
          MetricName: METRIC.uploadScanResults,
          Dimensions: [{ Name: 'service', Value: SERVICE.attachmentScan }],
        },
        Period: ANTIVIRUS_SILENT_WINDOW.toSeconds(),
        Stat: 'Sum',
      },
    });
    // Results missing altogether count as none (the silent scanner); claims missing are no data.
    expect(metrics.find((m) => m.Expression)?.Expression).toBe('IF(claimed > 0 AND FILL(results, 0) == 0, claimed, 0)');
  });

  it('charts unscanned claims beside scan results and scanner faults on the dashboard', () => {
    const [dashboard] = Object.values(dev.template.findResources('AWS::CloudWatch::Dashboard'));
    const parts = dashboard!.Properties.DashboardBody['Fn::Join'][1] as unknown[];
    const body = JSON.parse(parts.map((p) => (typeof p === 'string' ? p : 'TOKEN')).join(''));
    const chart = body.widgets.find((w: { properties: { title: string } }) =>
      w.properties.title.startsWith('Antivirus'),
    );
    expect(chart).toBeDefined();
    const names = chart.properties.metrics.map((m: string[]) => m[1]);
    expect(names).toEqual([
      METRIC.uploadsClaimedUnscanned,
      METRIC.uploadScanResults,
      METRIC.uploadScanFailed,
      METRIC.uploadScanFailed,
    ]);
  });

  it('alarms on webform 5xx answers', () => {
    const { stack, template } = dev;
    expect(
      alarmsOn(template, {
        Namespace: 'AWS/ApiGateway',
        MetricName: '5xx',
        Dimensions: [{ Name: 'ApiId', Value: ref(stack, stack.webformApi.api) }],
      }),
    ).toHaveLength(1);
  });

  it('charts cases per outcome, time to assignment and suppressed replies on the dashboard', () => {
    const [dashboard] = Object.values(dev.template.findResources('AWS::CloudWatch::Dashboard'));
    const parts = dashboard!.Properties.DashboardBody['Fn::Join'][1] as unknown[];
    // Tokens (region, queue names) become a placeholder so the body parses as JSON.
    const body = JSON.parse(parts.map((p) => (typeof p === 'string' ? p : 'TOKEN')).join(''));
    const widget = (title: string) => {
      const found = body.widgets.find((w: { properties: { title: string } }) => w.properties.title.startsWith(title));
      expect(found, title).toBeDefined();
      return found.properties;
    };
    const outcomes = widget('Cases per outcome').metrics.map((m: [{ expression: string; label: string }]) => m[0]);
    expect(outcomes.map((m: { label: string }) => m.label)).toEqual([...OUTCOMES]);
    expect(outcomes[0].expression).toBe(
      `SUM(SEARCH('{Ouvidoria/dev,channel,outcome,service} MetricName="Submissions" outcome="ACCEPTED"', 'Sum', 3600))`,
    );
    expect(widget('Time to assignment').metrics).toContainEqual([
      NAMESPACE,
      METRIC.timeToAssignmentSeconds,
      'service',
      SERVICE.assignment,
      { label: 'p90', period: 3600, stat: 'p90' },
    ]);
    expect(JSON.stringify(widget('Automatic replies suppressed').metrics)).toContain(
      `MetricName=\\"${METRIC.autoReplySuppressed}\\"`,
    );
  });
});
