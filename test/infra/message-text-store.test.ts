import type { CfnElement, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app';
import { loadDeploymentConfig, runtimeConfigOf } from '../../infra/config';
import type { OuvidoriaFunction } from '../../infra/constructs/ouvidoria-function';
import { ENV } from '../../shared/runtime-env';

let stack: ReturnType<typeof buildApp>['stack'];
let template: Template;
const config = loadDeploymentConfig('dev');
const logicalId = (s: Stack, c: IConstruct) => s.getLogicalId(c.node.defaultChild as CfnElement);

beforeAll(() => {
  ({ stack } = buildApp({ context: { 'aws:cdk:bundling-stacks': [] }, config, nag: false }));
  template = Template.fromStack(stack);
});

/** Every statement of the function's role that names the message-text bucket. */
function textStatements(fn: OuvidoriaFunction): { Sid?: string; Action: string | string[]; Resource: unknown }[] {
  const roleId = logicalId(stack, fn.role);
  const bucketId = logicalId(stack, stack.messageTexts.bucket);
  return Object.values(
    template.findResources('AWS::IAM::Policy', { Properties: { Roles: Match.arrayWith([{ Ref: roleId }]) } }),
  )
    .flatMap((p) => p.Properties.PolicyDocument.Statement)
    .filter((s: { Resource: unknown }) => JSON.stringify(s.Resource).includes(bucketId));
}

describe('message-text bucket (issue 16)', () => {
  it('is private, TLS-only, SSE-S3, logged, and expires every text by tag with a backstop (LGPD)', () => {
    const bucketId = logicalId(stack, stack.messageTexts.bucket);
    const bucket = template.toJSON().Resources[bucketId];
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([
      { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
    ]);
    expect(bucket.Properties.LoggingConfiguration).toMatchObject({ LogFilePrefix: 'message-texts/' });
    const { retentionDays, redirectRetentionDays } = runtimeConfigOf(config).retention;
    expect(bucket.Properties.LifecycleConfiguration.Rules).toEqual([
      expect.objectContaining({
        Id: 'lgpd-closed-case-texts',
        Prefix: 'messages/',
        TagFilters: [{ Key: 'ouvidoria-retention', Value: 'closed-case' }],
        ExpirationInDays: retentionDays,
      }),
      expect.objectContaining({
        Id: 'lgpd-redirected-texts',
        Prefix: 'messages/',
        TagFilters: [{ Key: 'ouvidoria-retention', Value: 'redirected' }],
        ExpirationInDays: redirectRetentionDays,
      }),
      expect.objectContaining({ Id: 'lgpd-texts-retention', ExpirationInDays: retentionDays }),
    ]);
    const policy = Object.values(template.findResources('AWS::S3::BucketPolicy')).find(
      (p) => JSON.stringify(p.Properties.Bucket) === JSON.stringify({ Ref: bucketId }),
    );
    expect(JSON.stringify(policy?.Properties.PolicyDocument.Statement)).toContain('"aws:SecureTransport":"false"');
  });

  it('lets the functions that record messages or close cases store and re-tag texts, under messages/ only', () => {
    for (const fn of [stack.emailIntake, stack.webform, stack.console, stack.lifecycle.timerFunction]) {
      expect(textStatements(fn)).toEqual([
        {
          Sid: 'StoreMessageTexts',
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject', 's3:PutObjectTagging'],
          Resource: {
            'Fn::Join': ['', [{ 'Fn::GetAtt': [logicalId(stack, stack.messageTexts.bucket), 'Arn'] }, '/messages/*']],
          },
        },
      ]);
    }
  });

  it('lets the functions that only read cases read texts, nothing more', () => {
    for (const fn of [stack.assignment, stack.requeueStale, stack.attachmentScan]) {
      expect(textStatements(fn)).toEqual([
        expect.objectContaining({ Sid: 'ReadMessageTexts', Action: 's3:GetObject' }),
      ]);
    }
  });

  it('gives no function a delete or a listing (erasure runs with the operator’s credentials), and none to the rest', () => {
    const all = [
      stack.emailIntake,
      stack.webform,
      stack.console,
      stack.lifecycle.timerFunction,
      stack.assignment,
      stack.requeueStale,
      stack.attachmentScan,
    ];
    for (const fn of all) {
      const actions = textStatements(fn).flatMap((s) => [s.Action].flat());
      expect(actions.filter((a) => a.startsWith('s3:Delete') || a === 's3:ListBucket')).toEqual([]);
    }
    expect(textStatements(stack.sesFeedback)).toEqual([]);
    expect(textStatements(stack.consoleAuthorizer)).toEqual([]);
  });

  it('tells every function that builds the case repository where the texts are', () => {
    const bucketRef = { Ref: logicalId(stack, stack.messageTexts.bucket) };
    for (const fn of [
      stack.emailIntake,
      stack.webform,
      stack.console,
      stack.lifecycle.timerFunction,
      stack.assignment,
      stack.requeueStale,
      stack.attachmentScan,
    ]) {
      const variables = template.toJSON().Resources[logicalId(stack, fn.function)].Properties.Environment.Variables;
      expect(variables[ENV.messageTextBucket]).toEqual(bucketRef);
    }
    expect(template.toJSON().Outputs.MessageTextBucketName.Value).toEqual(bucketRef);
  });
});
