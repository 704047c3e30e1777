import type { CfnElement, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ASSIGNMENT_METRIC } from '../../functions/assignment/handler';
import { GSI, TABLE_KEYS, TTL_ATTRIBUTE } from '../../shared/adapters/dynamo/table-design';
import { METRIC as EMITTED, METRICS_NAMESPACE as EMITTED_NAMESPACE } from '../../shared/adapters/telemetry';
import { ConfigSchema } from '../../shared/domain/config';
import { OUTCOMES } from '../../shared/domain/outcome';
import { ENV } from '../../shared/runtime-env';
import { buildApp } from '../../infra/app';
import { type DeploymentConfig, loadDeploymentConfig } from '../../infra/config';
import { TABLE_DATA_ACTIONS } from '../../infra/constructs/case-table';
import { METRIC, METRICS_NAMESPACE, SERVICE } from '../../infra/names';
import type { OuvidoriaStack } from '../../infra/ouvidoria-stack';

/** Unit tests skip esbuild: the real bundles are proven by `npx cdk synth`. */
const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] };

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
    activateRuleSet: false,
    webformThrottle: { rateLimit: 3, burstLimit: 7 },
    xrayTracing: true,
  });
}, 180_000);

describe('configuration passed to the functions', () => {
  it('gives every function the runtime config (deploy-only fields stripped) and the Powertools settings', () => {
    const { stack, template } = dev;
    const config = loadDeploymentConfig('dev');
    const expectedRuntime = ConfigSchema.parse(config);
    for (const [fn, service] of [
      [stack.emailIntake, SERVICE.emailIntake],
      [stack.webform, SERVICE.webform],
      [stack.assignment, SERVICE.assignment],
      [stack.sesFeedback, SERVICE.sesFeedback],
    ] as const) {
      const resource = template.toJSON().Resources[logicalId(stack, fn.function)];
      const vars = resource.Properties.Environment.Variables;
      expect(JSON.parse(vars[ENV.config])).toEqual(expectedRuntime);
      expect(JSON.parse(vars[ENV.config])).not.toHaveProperty('alarmEmail');
      expect(JSON.parse(vars[ENV.config])).not.toHaveProperty('staff');
      expect(vars).toMatchObject({
        POWERTOOLS_SERVICE_NAME: service,
        POWERTOOLS_METRICS_NAMESPACE: 'Ouvidoria',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
        [ENV.tableName]: ref(stack, stack.table.table),
        [ENV.sesConfigurationSet]: ref(stack, stack.sending.configurationSet),
      });
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
          [ENV.schedulerGroup]: 'ouvidoria-deferral',
          [ENV.schedulerRoleArn]: arnOf(stack, stack.queues.schedulerRole),
          [ENV.assignmentQueueArn]: arnOf(stack, stack.queues.assignmentQueue),
          POWERTOOLS_SERVICE_NAME: SERVICE.assignment,
        }),
      },
    });
  });
});

describe('Lambda functions', () => {
  it('run Node.js 24 on arm64, with their own log group and sizing', () => {
    const { stack, template } = dev;
    const expected = [
      [stack.emailIntake, 1024, 60],
      [stack.webform, 512, 10],
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
    for (const fn of [stack.emailIntake, stack.webform, stack.assignment, stack.sesFeedback]) {
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
    expect(functions.length).toBe(5);
    for (const fn of functions) expect(fn.Properties.Runtime).toBe('nodejs24.x');
  });

  it('reserves exactly one concurrent execution for the assignment function, and none for the others', () => {
    const { stack, template } = dev;
    const resources = template.toJSON().Resources;
    expect(resources[logicalId(stack, stack.assignment.function)].Properties.ReservedConcurrentExecutions).toBe(1);
    for (const fn of [stack.emailIntake, stack.webform, stack.sesFeedback]) {
      expect(resources[logicalId(stack, fn.function)].Properties.ReservedConcurrentExecutions).toBeUndefined();
    }
  });

  it('keeps function logs for the configured retention', () => {
    const { stack, template } = dev;
    for (const fn of [stack.emailIntake, stack.webform, stack.assignment, stack.sesFeedback]) {
      expect(template.toJSON().Resources[logicalId(stack, fn.logGroup)]).toMatchObject({
        Type: 'AWS::Logs::LogGroup',
        Properties: { RetentionInDays: 90 },
        DeletionPolicy: 'Retain',
      });
    }
  });

  it('attaches no managed policy to any role (AWSLambdaBasicExecutionRole writes to every log group)', () => {
    for (const role of Object.values(dev.template.findResources('AWS::IAM::Role'))) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });

  it('retries the intake twice, then sends the SES event to the IntakeDlq', () => {
    const { stack, template } = dev;
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: ref(stack, stack.emailIntake.function),
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 6 * 3600,
      DestinationConfig: { OnFailure: { Destination: arnOf(stack, stack.queues.intakeDlq) } },
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

  it('feeds the assignment function from the assignment queue with partial batch failures', () => {
    const { stack, template } = dev;
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 1);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: arnOf(stack, stack.queues.assignmentQueue),
      FunctionName: ref(stack, stack.assignment.function),
      BatchSize: 10,
      MaximumBatchingWindowInSeconds: 5,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
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
      // Added by the on-failure destination.
      {
        Effect: 'Allow',
        Action: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'],
        Resource: arnOf(stack, stack.queues.intakeDlq),
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
      {
        Sid: 'CaseTableItems',
        Effect: 'Allow',
        Action: [...TABLE_DATA_ACTIONS],
        Resource: [
          table,
          { 'Fn::Join': ['', [table, '/index/gsi1-status']] },
          { 'Fn::Join': ['', [table, '/index/gsi2-sender']] },
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
    ]);
  });

  it('never lets a table grant include Scan, table management or an index wildcard', () => {
    expect(TABLE_DATA_ACTIONS).not.toContain('dynamodb:Scan');
    expect(TABLE_DATA_ACTIONS.every((a) => !a.includes('*'))).toBe(true);
    expect(
      TABLE_DATA_ACTIONS.some((a) => /Table|Delete(Table|Backup)|UpdateTimeToLive/.test(a.split(':')[1] ?? '')),
    ).toBe(false);
  });

  it('grants the webform table, SES, queue and secret access, and nothing on the raw mail or the scheduler', () => {
    const { stack, template } = dev;
    const statements = statementsOfRole(template, stack, stack.webform.role) as { Sid?: string; Action: unknown }[];
    expect(statements.map((s) => s.Sid)).toEqual([
      'WriteOwnLogs',
      'CaseTableItems',
      'SendFromOuvidoriaIdentity',
      'EnqueueAcceptedCases',
      'ReadZendeskCredentials',
    ]);
  });

  it('grants the assignment function the queue, table, SES, schedule creation in its group and PassRole of the scheduler role only', () => {
    const { stack, template } = dev;
    const statements = statementsOfRole(template, stack, stack.assignment.role);
    expect(statements).toContainEqual({
      Sid: 'CreateDeferralSchedules',
      Effect: 'Allow',
      Action: 'scheduler:CreateSchedule',
      Resource: {
        'Fn::Join': ['', ['arn:aws:scheduler:us-east-1:', { Ref: 'AWS::AccountId' }, ':schedule/ouvidoria-deferral/*']],
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
      'CaseTableItems',
      'SendFromOuvidoriaIdentity',
      'CreateDeferralSchedules',
      'PassSchedulerRole',
    ]);
  });

  it('grants the SES feedback function only its logs, its DLQ and the table', () => {
    const { stack, template } = dev;
    const statements = statementsOfRole(template, stack, stack.sesFeedback.role) as { Sid?: string; Action: unknown }[];
    expect(statements.map((s) => s.Sid ?? s.Action)).toEqual([
      'WriteOwnLogs',
      ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'],
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
                'aws:SourceArn': arnOf(stack, stack.queues.scheduleGroup),
              },
            },
          },
        ],
      },
    });
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
    expect(offenders).toEqual([expect.stringMatching(/^MailReceivingActivateRuleSet.*:ses:SetActiveReceiptRuleSet$/)]);
  });
});

describe('DynamoDB table', () => {
  it('uses the shared key design, on demand, PITR, encryption, TTL and the two GSIs', () => {
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
      GlobalSecondaryIndexes: [GSI.byStatus, GSI.bySender].map((g) => ({
        IndexName: g.indexName,
        KeySchema: [
          { AttributeName: g.partitionKey, KeyType: 'HASH' },
          { AttributeName: g.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
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
            {
              Id: 'lgpd-raw-mail-retention',
              Status: 'Enabled',
              ExpirationInDays: 180,
              NoncurrentVersionExpiration: { NoncurrentDays: 1 },
              AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
            },
            { Id: 'remove-expired-delete-markers', Status: 'Enabled', ExpiredObjectDeleteMarker: true },
          ],
        },
      },
    });
  });

  it('follows rawMailRetentionDays from the configuration', () => {
    const { stack, template } = variant;
    const rules =
      template.toJSON().Resources[logicalId(stack, stack.rawMail.bucket)].Properties.LifecycleConfiguration.Rules;
    expect(rules[0].ExpirationInDays).toBe(30);
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
                      ':receipt-rule-set/ouvidoria:receipt-rule/ouvidoria-intake',
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
    template.hasResourceProperties('AWS::SES::ReceiptRuleSet', { RuleSetName: 'ouvidoria' });
    template.hasResource('AWS::SES::ReceiptRule', {
      Properties: {
        RuleSetName: ref(stack, stack.receiving.ruleSet),
        Rule: {
          Name: 'ouvidoria-intake',
          Enabled: true,
          Recipients: ['ouvidoria@ouvidoria.example.com.br'],
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
                ':receipt-rule-set/ouvidoria:receipt-rule/ouvidoria-intake',
              ],
            ],
          },
        },
      },
    ]);
  });

  it('activates the rule set with a custom resource, and deactivates on delete, when activateRuleSet is true', () => {
    const { stack, template } = dev;
    const [activation] = Object.values(template.findResources('Custom::SesActiveReceiptRuleSet'));
    expect(activation).toBeDefined();
    const create = JSON.parse(activation!.Properties.Create);
    const update = JSON.parse(activation!.Properties.Update);
    const del = JSON.parse(activation!.Properties.Delete);
    expect(create).toMatchObject({
      service: 'SES',
      action: 'setActiveReceiptRuleSet',
      parameters: { RuleSetName: 'ouvidoria' },
    });
    expect(update).toMatchObject({
      service: 'SES',
      action: 'setActiveReceiptRuleSet',
      parameters: { RuleSetName: 'ouvidoria' },
    });
    expect(del).toMatchObject({ service: 'SES', action: 'setActiveReceiptRuleSet' });
    expect(del.parameters ?? {}).not.toHaveProperty('RuleSetName');
    expect(activation!.DependsOn).toContain(stack.getLogicalId(stack.receiving.rule.node.defaultChild as CfnElement));
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          { Sid: 'ActivateReceiptRuleSet', Effect: 'Allow', Action: 'ses:SetActiveReceiptRuleSet', Resource: '*' },
        ],
      },
    });
  });

  it('creates no activation resource when activateRuleSet is false', () => {
    const { template } = variant;
    template.resourceCountIs('Custom::SesActiveReceiptRuleSet', 0);
    template.resourceCountIs('AWS::SES::ReceiptRuleSet', 1);
    // Only our four functions remain.
    template.resourceCountIs('AWS::Lambda::Function', 4);
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

describe('queues and scheduler', () => {
  it('has an encrypted, TLS-only assignment queue with a DLQ after 5 receives and 6× the function timeout', () => {
    const { stack, template } = dev;
    const { Tags: _tags, ...props } =
      template.toJSON().Resources[logicalId(stack, stack.queues.assignmentQueue)].Properties;
    expect(props).toEqual({
      SqsManagedSseEnabled: true,
      VisibilityTimeout: 180,
      MessageRetentionPeriod: 14 * 24 * 3600,
      RedrivePolicy: { deadLetterTargetArn: arnOf(stack, stack.queues.assignmentDlq), maxReceiveCount: 10 },
    });
  });

  it('keeps each DLQ for 14 days, encrypted', () => {
    const { stack, template } = dev;
    for (const dlq of [stack.queues.assignmentDlq, stack.queues.intakeDlq, stack.queues.feedbackDlq]) {
      const { Tags: _tags, ...props } = template.toJSON().Resources[logicalId(stack, dlq)].Properties;
      expect(props).toEqual({
        SqsManagedSseEnabled: true,
        MessageRetentionPeriod: 14 * 24 * 3600,
      });
    }
  });

  it('denies non-TLS access on all four queues', () => {
    const policies = Object.values(dev.template.findResources('AWS::SQS::QueuePolicy'));
    expect(policies).toHaveLength(4);
    for (const policy of policies) {
      expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });

  it('creates the deferral schedule group', () => {
    dev.template.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: 'ouvidoria-deferral' });
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
  it('routes GET /, GET /app.js and POST /casos to the webform function', () => {
    const { stack, template } = dev;
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties.RouteKey);
    expect(routes.sort()).toEqual(['GET /', 'GET /app.js', 'POST /casos']);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: arnOf(stack, stack.webform.function),
      PayloadFormatVersion: '2.0',
    });
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
      DisplayName: 'Ouvidoria alarms',
      KmsMasterKeyId: Match.anyValue(),
    });
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms.length).toBe(stack.monitoring.alarms.length);
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmActions).toEqual([topic]);
      expect(alarm.Properties.TreatMissingData).toBe('notBreaching');
    }
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

  it('alarms on errors and throttles of each function (assignment throttles above a burst)', () => {
    const { stack, template } = dev;
    for (const [fn, throttles] of [
      [stack.emailIntake, 1],
      [stack.webform, 1],
      [stack.assignment, 10],
      [stack.sesFeedback, 1],
    ] as const) {
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
    }
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

  it('alarms on the custom NoAnalystAvailable and QuarantinedMail metrics with their service dimension', () => {
    const { template } = dev;
    expect(
      alarmsOn(template, {
        Namespace: METRICS_NAMESPACE,
        MetricName: METRIC.noAnalystAvailable,
        Dimensions: [{ Name: 'service', Value: SERVICE.assignment }],
        Threshold: 1,
      }),
    ).toHaveLength(1);
    expect(
      alarmsOn(template, {
        Namespace: METRICS_NAMESPACE,
        MetricName: METRIC.quarantinedMail,
        Dimensions: [{ Name: 'service', Value: SERVICE.emailIntake }],
        Period: 3600,
        Threshold: 1,
      }),
    ).toHaveLength(1);
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
      `SUM(SEARCH('{Ouvidoria,channel,outcome,service} MetricName="Submissions" outcome="ACCEPTED"', 'Sum', 3600))`,
    );
    expect(widget('Time to assignment').metrics).toContainEqual([
      METRICS_NAMESPACE,
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
