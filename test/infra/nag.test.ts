import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app';
import { type DeploymentConfig, loadDeploymentConfig } from '../../infra/config';

const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] };
const outdirs: string[] = [];
const outdir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'ouvidoria-nag-'));
  outdirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
});

function synthWithNag(overrides: Partial<DeploymentConfig> = {}, tamper?: (stack: Stack) => void) {
  const dir = outdir();
  const { app, stack } = buildApp({
    context: NO_BUNDLING,
    config: { ...loadDeploymentConfig('dev'), ...overrides },
    outdir: dir,
  });
  tamper?.(stack);
  return { app, stack, dir, synth: () => app.synth() };
}

/** Every acknowledgement recorded in the construct tree, with where it was made. */
function acknowledgements(root: IConstruct): { path: string; id: string; reason: string }[] {
  return root.node
    .findAll()
    .flatMap((c) =>
      c.node.metadata
        .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((m) =>
          Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({ path: c.node.path, id, reason })),
        ),
    );
}

// A full synth with validation takes seconds, more on a busy CI machine.
describe('cdk-nag AwsSolutionsChecks', { timeout: 180_000 }, () => {
  it('passes on the dev stack with zero unacknowledged findings', () => {
    const { synth, dir } = synthWithNag();
    expect(synth).not.toThrow();
    const report = JSON.parse(readFileSync(join(dir, 'validation-report.json'), 'utf8'));
    const violations = report.pluginReports.flatMap((r: { violations?: unknown[] }) => r.violations ?? []);
    expect(violations).toEqual([]);
  });

  it('passes with every optional behaviour switched (no activation, X-Ray on, data not retained)', () => {
    expect(synthWithNag({ activateRuleSet: false, xrayTracing: true, retainData: false }).synth).not.toThrow();
  });

  it('passes when the rule joins the active rule set of the account (existingRuleSetName)', () => {
    expect(synthWithNag({ activateRuleSet: false, existingRuleSetName: 'empresa-entrada' }).synth).not.toThrow();
  });

  it('fails synth when a noncompliant resource is added to the real stack (acknowledgements are not blanket)', () => {
    const { synth } = synthWithNag({}, (stack) => {
      new sqs.Queue(stack, 'PlainQueue', { encryption: sqs.QueueEncryption.UNENCRYPTED });
    });
    let message = '';
    try {
      synth();
    } catch (error) {
      message = String((error as Error).message);
    }
    // Exactly the new queue's three findings, nothing about the rest of the stack.
    expect(message.match(/^ERROR .*$/gm)).toHaveLength(3);
    for (const rule of ['SQS2', 'SQS3', 'SQS4']) expect(message).toContain(`AwsSolutions-${rule}`);
    expect(message.match(/^\s+Ouvidoria-dev\/\S+/gm)?.map((p) => p.trim())).toEqual(
      Array(3).fill('Ouvidoria-dev/PlainQueue/Resource'),
    );
  });

  it('fails synth for a noncompliant bucket in a throwaway app (the check can fail)', () => {
    const app = new App({ outdir: outdir() });
    const stack = new Stack(app, 'Throwaway', { env: { region: 'us-east-1' } });
    new s3.Bucket(stack, 'LeakyBucket');
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).toThrow(/AwsSolutions-S(1|10)/);
  });

  it('acknowledges each finding on the construct it concerns, with a specific reason', () => {
    const { app, stack } = synthWithNag();
    const acks = acknowledgements(app);
    // CDK records ids without a plugin prefix under "Annotation::"; cdk-nag matches them by rule id.
    const ids = acks.map((a) =>
      a.id.replace(/^Annotation::/, '').replace(/<RawMailStoreRawMail[0-9A-F]{8}\.Arn>/, '<RawMailBucket.Arn>'),
    );
    expect(ids.sort()).toEqual(
      [
        'AwsSolutions-APIG4', // GET /
        'AwsSolutions-APIG4', // GET /app.js
        'AwsSolutions-APIG4', // POST /casos
        'AwsSolutions-APIG4', // POST /anexos (upload policies)
        'AwsSolutions-APIG4', // GET /confirmar (the confirmation link, F1)
        'AwsSolutions-APIG4', // POST /confirmar
        // Signed-link pages (issue 14): GET and POST of /pesquisa, /consulta, /consulta/caso.
        ...Array<string>(6).fill('AwsSolutions-APIG4'),
        // Staff console (issue 14): its public routes only (entry, callback, sign-out); the rest have the authorizer.
        ...Array<string>(3).fill('AwsSolutions-APIG4'),
        'AwsSolutions-COG2', // optional TOTP MFA
        'AwsSolutions-COG3', // threat protection (paid plan)
        'AwsSolutions-COG8', // Plus feature plan
        // Uploads (issue 19): GuardDuty's role scans and tags uploads/*, and its managed EventBridge rule;
        // the webform puts, tags and reads (clean only) uploads/*.
        // The case's copies of clean files (claimed/): the webform and the scan-result function move
        // them there, closing re-tags them (email intake, lifecycle timer, console).
        'AwsSolutions-IAM5[Resource::<UploadsBucketC4B27CC7.Arn>/claimed/*]',
        'AwsSolutions-IAM5[Resource::<UploadsBucketC4B27CC7.Arn>/claimed/*]',
        'AwsSolutions-IAM5[Resource::<UploadsBucketC4B27CC7.Arn>/claimed/*]',
        'AwsSolutions-IAM5[Resource::<UploadsBucketC4B27CC7.Arn>/claimed/*]',
        'AwsSolutions-IAM5[Resource::<UploadsBucketC4B27CC7.Arn>/claimed/*]',
        'AwsSolutions-IAM5[Resource::<UploadsBucketC4B27CC7.Arn>/uploads/*]',
        'AwsSolutions-IAM5[Resource::<UploadsBucketC4B27CC7.Arn>/uploads/*]',
        'AwsSolutions-IAM5[Resource::<UploadsBucketC4B27CC7.Arn>/uploads/*]', // the scan-result function
        'AwsSolutions-IAM5[Resource::<UploadsBucketC4B27CC7.Arn>/uploads/*]', // the email intake (retention tag at closing)
        'AwsSolutions-IAM5[Resource::<UploadsBucketC4B27CC7.Arn>/uploads/*]', // the email intake (copies of mailed files)
        'AwsSolutions-IAM5[Resource::<UploadsBucketC4B27CC7.Arn>/uploads/*]', // the lifecycle timer (a pending close's tag)
        'AwsSolutions-IAM5[Resource::<UploadsBucketC4B27CC7.Arn>/uploads/*]', // the console (closing: tag; file links)
        'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:events:<AWS::Region>:<AWS::AccountId>:rule/DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*]',
        'AwsSolutions-IAM5[Resource::*]', // SetActiveReceiptRuleSet
        'AwsSolutions-IAM5[Resource::<RawMailBucket.Arn>/inbound/*]',
        'AwsSolutions-IAM5[Resource::<RawMailBucket.Arn>/inbound/*]', // the assignment: the opening mail's files
        // The retention-tag rewrite under inbound/ (email intake and console).
        'AwsSolutions-IAM5[Resource::<RawMailBucket.Arn>/inbound/*]',
        'AwsSolutions-IAM5[Resource::<RawMailBucket.Arn>/inbound/*]',
        'AwsSolutions-IAM5[Resource::<RawMailBucket.Arn>/inbound/*]', // console: the quarantine page reads raw mail
        'AwsSolutions-IAM5[Resource::<RawMailBucket.Arn>/inbound/*]', // the lifecycle timer (a pending close's tag)
        'AwsSolutions-IAM5[Resource::<RawMailBucket.Arn>/inbound/*]', // the webform: her post reopening a case (tag)
        // Message texts (issue 16): store and re-tag (email intake, webform, console, lifecycle timer),
        // read (assignment, requeue-stale, attachment-scan), under messages/ only.
        ...Array<string>(7).fill('AwsSolutions-IAM5[Resource::<MessageTextsBucketDD3AAFF0.Arn>/messages/*]'),
        // The schedule group's name is generated by CloudFormation (no collision on redeploy).
        'AwsSolutions-IAM5[Resource::arn:aws:scheduler:us-east-1:<AWS::AccountId>:schedule/<QueuesDeferralGroup4F741DDB>/*]',
        // Lifecycle timers (email intake for #prorrogar, assignment for the due date, the console's
        // "Prorrogar") in the same group.
        'AwsSolutions-IAM5[Resource::arn:aws:scheduler:us-east-1:<AWS::AccountId>:schedule/<QueuesDeferralGroup4F741DDB>/*]',
        'AwsSolutions-IAM5[Resource::arn:aws:scheduler:us-east-1:<AWS::AccountId>:schedule/<QueuesDeferralGroup4F741DDB>/*]',
        'AwsSolutions-IAM5[Resource::arn:aws:scheduler:us-east-1:<AWS::AccountId>:schedule/<QueuesDeferralGroup4F741DDB>/*]',
        // The webform: her confirmed post reopening her closed case arms its timers.
        'AwsSolutions-IAM5[Resource::arn:aws:scheduler:us-east-1:<AWS::AccountId>:schedule/<QueuesDeferralGroup4F741DDB>/*]',
        // The lifecycle timer: a swept extension or reopening re-arms timers.
        'AwsSolutions-IAM5[Resource::arn:aws:scheduler:us-east-1:<AWS::AccountId>:schedule/<QueuesDeferralGroup4F741DDB>/*]',
        'AwsSolutions-IAM5[Resource::<RequeueStaleFunction5A4D5097.Arn>:*]', // the sweep schedule's invoke
        'AwsSolutions-IAM5[Resource::<CaseLifecycleTimerFunction945C1E74.Arn>:*]', // the effects sweep schedule's invoke
        'AwsSolutions-IAM5[Resource::<DlqWatchFunctionF9C69C50.Arn>:*]', // the DLQ watch schedule's invoke
        'AwsSolutions-IAM5[Resource::<ReportsBucket95FE29A2.Arn>/relatorios/*]', // the report function's own prefix
        'AwsSolutions-IAM5[Resource::<ReportsMonthlyReportFunction655B4B29.Arn>:*]', // the monthly schedule's invoke
        'AwsSolutions-S1', // the access-log bucket
        'AwsSolutions-SMG4', // Zendesk token rotation
        'AwsSolutions-SMG4', // reply-address secret: rotated by hand (links already mailed)
        'AwsSolutions-SQS3', // the four DLQs, the scan-result DLQ (issue 19), the release DLQ (issue 14), the confirmation-mail DLQ
        'AwsSolutions-SQS3',
        'AwsSolutions-SQS3',
        'AwsSolutions-SQS3',
        'AwsSolutions-SQS3',
        'AwsSolutions-SQS3',
        'AwsSolutions-SQS3',
      ].sort(),
    );
    for (const ack of acks) {
      // Never on the app or the stack as a whole.
      expect(ack.path).not.toBe(stack.node.path);
      expect(ack.path.split('/').length).toBeGreaterThan(1);
      expect(ack.reason.length, ack.id).toBeGreaterThan(60);
    }
  });
});
