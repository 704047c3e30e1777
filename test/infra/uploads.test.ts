import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app';
import { loadDeploymentConfig, runtimeConfigOf } from '../../infra/config';
import {
  UPLOAD_BYTES_WINDOW,
  UPLOAD_POSTS_WINDOW,
  type UploadLimits,
  uploadAlarmThresholds,
} from '../../infra/constructs/monitoring';
import { UPLOADS_METRICS_FILTER } from '../../infra/constructs/uploads';
import type { OuvidoriaStack } from '../../infra/ouvidoria-stack';
import { UPLOADS_PREFIX } from '../../shared/domain/uploads/plan';

const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] };
let stack: OuvidoriaStack;
let template: Template;
const config = loadDeploymentConfig('dev');

beforeAll(() => {
  ({ stack } = buildApp({ context: NO_BUNDLING, config, nag: false }) as { stack: OuvidoriaStack });
  template = Template.fromStack(stack);
});

const ref = (c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as never);

describe('uploads bucket', () => {
  it('is encrypted, private, TLS-only, logged, and CORS lets only the form origin POST', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LoggingConfiguration: { LogFilePrefix: 'uploads/' },
      CorsConfiguration: {
        CorsRules: [
          { AllowedOrigins: [config.webformOrigin], AllowedMethods: ['POST'], AllowedHeaders: ['content-type'] },
        ],
      },
    });
    const policy = template.findResources('AWS::S3::BucketPolicy', {
      Properties: { Bucket: { Ref: ref(stack.uploads.bucket) } },
    });
    const statements = Object.values(policy)[0]?.Properties.PolicyDocument.Statement as Record<string, unknown>[];
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });

  it('expires unclaimed uploads after pendingUploadDays, a redirected submission’s on its clock, a closed case’s on the case’s', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({
            Id: 'expire-unclaimed-uploads',
            Prefix: 'uploads/',
            TagFilters: [{ Key: 'ouvidoria-upload', Value: 'pending' }],
            ExpirationInDays: config.attachments.pendingUploadDays,
            Status: 'Enabled',
          }),
          Match.objectLike({
            Id: 'lgpd-closed-case-uploads',
            Prefix: 'uploads/',
            TagFilters: [{ Key: 'ouvidoria-retention', Value: 'closed-case' }],
            ExpirationInDays: runtimeConfigOf(config).retention.retentionDays,
            Status: 'Enabled',
          }),
          Match.objectLike({
            Id: 'lgpd-redirected-uploads',
            Prefix: 'uploads/',
            TagFilters: [{ Key: 'ouvidoria-retention', Value: 'redirected' }],
            ExpirationInDays: runtimeConfigOf(config).retention.redirectRetentionDays,
            Status: 'Enabled',
          }),
          Match.objectLike({
            Id: 'lgpd-uploads-retention',
            Prefix: 'uploads/',
            // S3 applies the earliest matching expiration: the backstop must not cut the closed case's clock.
            ExpirationInDays: runtimeConfigOf(config).retention.retentionDays,
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
          }),
        ]),
      },
    });
  });

  // A clean claimed file is copied to claimed/ (out of every upload policy's reach): the upload left
  // behind goes like an unclaimed one, the copy follows the case's clock, and everything expires.
  it('expires the upload a claimed copy was made from after pendingUploadDays; the copies on the case’s clock, with a backstop', () => {
    const days = runtimeConfigOf(config).retention;
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({
            Id: 'expire-moved-uploads',
            Prefix: 'uploads/',
            TagFilters: [{ Key: 'ouvidoria-upload', Value: 'moved' }],
            ExpirationInDays: config.attachments.pendingUploadDays,
            Status: 'Enabled',
          }),
          Match.objectLike({
            // A copy made for a case erased while its file was being scanned.
            Id: 'expire-moved-claimed-uploads',
            Prefix: 'claimed/',
            TagFilters: [{ Key: 'ouvidoria-upload', Value: 'moved' }],
            ExpirationInDays: config.attachments.pendingUploadDays,
          }),
          Match.objectLike({
            Id: 'lgpd-closed-case-claimed-uploads',
            Prefix: 'claimed/',
            TagFilters: [{ Key: 'ouvidoria-retention', Value: 'closed-case' }],
            ExpirationInDays: days.retentionDays,
          }),
          Match.objectLike({
            Id: 'lgpd-redirected-claimed-uploads',
            Prefix: 'claimed/',
            TagFilters: [{ Key: 'ouvidoria-retention', Value: 'redirected' }],
            ExpirationInDays: days.redirectRetentionDays,
          }),
          Match.objectLike({
            Id: 'lgpd-claimed-uploads-retention',
            Prefix: 'claimed/',
            ExpirationInDays: days.retentionDays,
          }),
        ]),
      },
    });
  });

  // A presigned POST re-sent between the claim and the scan result must not destroy the claimed bytes
  // GuardDuty is scanning (its event names their version): the bucket keeps versions, and every
  // noncurrent version (and the delete marker an expiry leaves) goes after pendingUploadDays.
  it('keeps versions, and expires every noncurrent version after pendingUploadDays', () => {
    const buckets = template.findResources('AWS::S3::Bucket', {
      Properties: {
        LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ Id: 'expire-unclaimed-uploads' })]) },
      },
    });
    const uploads = Object.values(buckets)[0]?.Properties;
    expect(uploads?.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    const noncurrent = ((uploads?.LifecycleConfiguration?.Rules ?? []) as Record<string, unknown>[]).filter(
      (r) => r['NoncurrentVersionExpiration'] !== undefined,
    );
    expect(noncurrent).toEqual([
      {
        Id: 'expire-noncurrent-versions',
        NoncurrentVersionExpiration: { NoncurrentDays: config.attachments.pendingUploadDays },
        ExpiredObjectDeleteMarker: true,
        Status: 'Enabled',
      },
    ]);
  });

  it('denies reads of any object not tagged clean to everyone but the scanner (tag-based access)', () => {
    const policy = template.findResources('AWS::S3::BucketPolicy', {
      Properties: { Bucket: { Ref: ref(stack.uploads.bucket) } },
    });
    const statements = Object.values(policy)[0]?.Properties.PolicyDocument.Statement as Record<string, unknown>[];
    expect(statements).toContainEqual(
      expect.objectContaining({
        Sid: 'ReadOnlyScannedCleanUploads',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: ['s3:GetObject', 's3:GetObjectVersion'],
        Condition: {
          StringNotEquals: {
            's3:ExistingObjectTag/GuardDutyMalwareScanStatus': 'NO_THREATS_FOUND',
            'aws:PrincipalArn': { 'Fn::GetAtt': [ref(stack.uploads.scanRole), 'Arn'] },
          },
        },
      }),
    );
  });
});

describe('claimed files (claimed/): copies only', () => {
  const bucketStatements = () => {
    const policy = template.findResources('AWS::S3::BucketPolicy', {
      Properties: { Bucket: { Ref: ref(stack.uploads.bucket) } },
    });
    return Object.values(policy)[0]?.Properties.PolicyDocument.Statement as Record<string, unknown>[];
  };
  const roleStatements = (role: { node: { defaultChild?: unknown } }) =>
    Object.values(template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: ref(role) }] } })).flatMap(
      (p) => p.Properties.PolicyDocument.Statement as Record<string, unknown>[],
    );

  it('the bucket denies every PutObject under claimed/ that is not a copy (a POST upload carries no copy source)', () => {
    expect(bucketStatements()).toContainEqual({
      Sid: 'ClaimedFilesOnlyByCopy',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 's3:PutObject',
      Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [ref(stack.uploads.bucket), 'Arn'] }, '/claimed/*']] },
      Condition: { Null: { 's3:x-amz-copy-source': 'true' } },
    });
  });

  // The webform's role signs the presigned POSTs: whatever it may write under claimed/ must need a
  // copy source under uploads/, which no POST policy can carry.
  it.each([
    ['the webform (signs the upload policies)', () => stack.webform.role, 'uploads'],
    ['the scan-result function', () => stack.attachmentScan.role, 'uploads'],
    ['the console (closing rewrites a copy onto itself)', () => stack.console.role, 'claimed'],
    ['the email intake (closing by mail)', () => stack.emailIntake.role, 'claimed'],
  ])('%s writes under claimed/ only by copying from %s/', (_who, role, source) => {
    const writes = roleStatements(role()).filter((s) => {
      const actions = [s['Action']].flat() as string[];
      return (
        JSON.stringify(s['Resource']).includes('/claimed/') &&
        actions.some((a) => a === 's3:PutObject' || a === 's3:*' || a === 's3:Put*')
      );
    });
    expect(writes).toHaveLength(1);
    expect(writes[0]?.['Condition']).toEqual({
      StringLike: {
        's3:x-amz-copy-source': { 'Fn::Join': ['', [{ Ref: ref(stack.uploads.bucket) }, `/${source}/*`]] },
      },
    });
  });

  it('GuardDuty scans uploads/ only: the copies keep the verdict they were made with', () => {
    template.hasResourceProperties('AWS::GuardDuty::MalwareProtectionPlan', {
      ProtectedResource: { S3Bucket: { ObjectPrefixes: ['uploads/'] } },
    });
  });
});

describe('GuardDuty Malware Protection for S3', () => {
  it('protects the uploads/ prefix with tagging, through its own role', () => {
    template.hasResourceProperties('AWS::GuardDuty::MalwareProtectionPlan', {
      Role: { 'Fn::GetAtt': [ref(stack.uploads.scanRole), 'Arn'] },
      ProtectedResource: { S3Bucket: { BucketName: { Ref: ref(stack.uploads.bucket) }, ObjectPrefixes: ['uploads/'] } },
      Actions: { Tagging: { Status: 'ENABLED' } },
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({ Principal: { Service: 'malware-protection-plan.guardduty.amazonaws.com' } })],
      },
    });
  });

  // Confused deputy (deploy review 46): whenever GuardDuty states the account it acts for, it must be
  // ours. IfExists, as AWS documents no condition for this role: a missing key must not stop the scans.
  it('lets GuardDuty assume the scan role only for this account whenever it names one', () => {
    const role = template.toJSON().Resources[ref(stack.uploads.scanRole)];
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { Service: 'malware-protection-plan.guardduty.amazonaws.com' },
        Condition: { StringEqualsIfExists: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
      },
    ]);
  });
});

describe('webform grants (least privilege)', () => {
  const webformStatements = () => {
    const policies = template.findResources('AWS::IAM::Policy', {
      Properties: { Roles: [{ Ref: ref(stack.webform.role) }] },
    });
    return Object.values(policies).flatMap((p) => p.Properties.PolicyDocument.Statement as Record<string, unknown>[]);
  };

  it('puts, tags and lists under uploads/ only, reads only objects tagged clean', () => {
    const statements = webformStatements();
    const bySid = (sid: string) => statements.find((s) => s['Sid'] === sid);
    expect([...((bySid('PutUploads')?.['Action'] ?? []) as string[])].sort()).toEqual([
      's3:GetObjectTagging',
      's3:GetObjectVersionTagging',
      's3:PutObject',
      's3:PutObjectTagging',
      's3:PutObjectVersionTagging',
    ]);
    // A copy pinned to the listed version reads that version: still only if tagged clean.
    expect(bySid('ReadCleanUploads')?.['Action']).toEqual(['s3:GetObject', 's3:GetObjectVersion']);
    expect(JSON.stringify(bySid('PutUploads')?.['Resource'])).toContain('/uploads/*');
    expect(bySid('ListUploads')?.['Condition']).toEqual({ StringLike: { 's3:prefix': ['uploads/*'] } });
    expect(bySid('ReadCleanUploads')?.['Condition']).toEqual({
      StringEquals: { 's3:ExistingObjectTag/GuardDutyMalwareScanStatus': 'NO_THREATS_FOUND' },
    });
    const uploadsActions = statements
      .filter((s) => JSON.stringify(s['Resource']).includes(ref(stack.uploads.bucket)))
      .flatMap((s) => s['Action'] as string[]);
    expect(uploadsActions).not.toContain('s3:DeleteObject');
    expect(uploadsActions).not.toContain('s3:*');
  });

  it('tells the function its bucket', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ UPLOADS_BUCKET: { Ref: ref(stack.uploads.bucket) } }) },
    });
  });
});

describe('console grants (closing re-tags the files; links of clean files on the case page)', () => {
  it('tags and rewrites under uploads/, reads only clean objects; puts and lists nothing new', () => {
    const policies = template.findResources('AWS::IAM::Policy', {
      Properties: { Roles: [{ Ref: ref(stack.console.role) }] },
    });
    const statements = Object.values(policies).flatMap(
      (p) => p.Properties.PolicyDocument.Statement as Record<string, unknown>[],
    );
    const onUploads = statements.filter((s) => JSON.stringify(s['Resource']).includes(ref(stack.uploads.bucket)));
    expect(onUploads.map((s) => s['Sid'])).toEqual([
      'TagUploadsRetention',
      'RewriteCleanUploads',
      'TagClaimedUploadsRetention',
      'RewriteClaimedUploads',
    ]);
    expect(onUploads[1]?.['Condition']).toEqual({
      StringEquals: { 's3:ExistingObjectTag/GuardDutyMalwareScanStatus': 'NO_THREATS_FOUND' },
    });
    expect(JSON.stringify(onUploads)).not.toMatch(/s3:ListBucket|s3:Delete/);
  });
});

describe('assignment grants (the notice sends clean files to the console)', () => {
  it('has nothing on the uploads bucket: it signs no link that its temporary credentials would outlive', () => {
    const policies = template.findResources('AWS::IAM::Policy', {
      Properties: { Roles: [{ Ref: ref(stack.assignment.role) }] },
    });
    expect(JSON.stringify(policies)).not.toContain(ref(stack.uploads.bucket));
    const fn = template.findResources('AWS::Lambda::Function', {
      Properties: { Role: { 'Fn::GetAtt': [ref(stack.assignment.role), 'Arn'] } },
    });
    const env = Object.values(fn)[0]?.Properties.Environment.Variables as Record<string, unknown>;
    expect(env['UPLOADS_BUCKET']).toBeUndefined();
  });
});

describe('late scan results', () => {
  it('an EventBridge rule sends GuardDuty object scan results of this bucket to the scan function, with a DLQ', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.guardduty'],
        'detail-type': ['GuardDuty Malware Protection Object Scan Result'],
        detail: { s3ObjectDetails: { bucketName: [{ Ref: ref(stack.uploads.bucket) }] } },
      },
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AttachmentScanFunction'), 'Arn'] },
          DeadLetterConfig: { Arn: Match.anyValue() },
          RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 21600 },
        }),
      ],
    });
  });

  it('the scan function tags and reads clean uploads, and reads and updates case items only', () => {
    const policies = template.findResources('AWS::IAM::Policy', {
      Properties: { Roles: [{ Ref: ref(stack.attachmentScan.role) }] },
    });
    const statements = Object.values(policies).flatMap(
      (p) => p.Properties.PolicyDocument.Statement as Record<string, unknown>[],
    );
    const sids = statements.map((s) => s['Sid']);
    expect(sids).toEqual(expect.arrayContaining(['TagUploads', 'ReadCleanUploads', 'RecordScanOnCase']));
    expect(statements.find((s) => s['Sid'] === 'RecordScanOnCase')?.['Action']).toEqual([
      'dynamodb:GetItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    ]);
  });
});

// A presigned POST policy can be re-posted for its whole life, each post a version GuardDuty scans
// and bills (red teams 48 and 49): the bucket counts what arrives under uploads/ and two alarms page.
describe('uploads traffic alarms', () => {
  const runtime = runtimeConfigOf(config);
  const limits: UploadLimits = {
    maxFiles: runtime.attachments.maxFiles,
    maxTotalBytes: runtime.attachments.maxTotalBytes,
    webformPerIpPerHour: runtime.limits.webformPerIpPerHour,
  };
  const alarmOn = (metricName: string) => {
    const found = Object.values(template.findResources('AWS::CloudWatch::Alarm')).filter(
      (a) => a.Properties.Namespace === 'AWS/S3' && a.Properties.MetricName === metricName,
    );
    expect(found).toHaveLength(1);
    return found[0]!.Properties;
  };

  it('counts requests on the uploads/ prefix of the uploads bucket (S3 request metrics)', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: { LogFilePrefix: 'uploads/' },
      MetricsConfigurations: [{ Id: UPLOADS_METRICS_FILTER, Prefix: UPLOADS_PREFIX }],
    });
  });

  it.each([
    ['PostRequests', 'UploadPostsHigh', UPLOAD_POSTS_WINDOW.toSeconds(), uploadAlarmThresholds(limits).posts],
    ['BytesUploaded', 'UploadBytesHigh', UPLOAD_BYTES_WINDOW.toSeconds(), uploadAlarmThresholds(limits).bytes],
  ])('alarms on %s of that filter (%s, PAGE) past the form limits’ ceiling', (metricName, id, period, threshold) => {
    const alarm = alarmOn(metricName);
    expect(alarm).toMatchObject({
      AlarmName: `PAGE Ouvidoria-dev ${id}`,
      Statistic: 'Sum',
      Period: period,
      Threshold: threshold,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
    });
    expect(alarm.Dimensions).toEqual(
      expect.arrayContaining([
        { Name: 'BucketName', Value: { Ref: ref(stack.uploads.bucket) } },
        { Name: 'FilterId', Value: UPLOADS_METRICS_FILTER },
      ]),
    );
    expect(alarm.AlarmDescription).toMatch(/What to do: .*<AccessLogsBucketName>.*aws:SourceIp.*uploadPolicySeconds/);
  });

  it('charts both beside their alarm levels on the dashboard', () => {
    const [dashboard] = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
    const parts = dashboard!.Properties.DashboardBody['Fn::Join'][1] as unknown[];
    const body = JSON.parse(parts.map((p) => (typeof p === 'string' ? p : 'TOKEN')).join(''));
    const chart = body.widgets.find((w: { properties: { title: string } }) =>
      w.properties.title.startsWith('Uploads bucket'),
    );
    expect(chart.properties.metrics.map((m: string[]) => m[1])).toEqual(['PostRequests', 'BytesUploaded']);
    expect(chart.properties.annotations.horizontal.map((a: { value: number }) => a.value)).toEqual([
      uploadAlarmThresholds(limits).posts,
      uploadAlarmThresholds(limits).bytes,
    ]);
  });

  // With the defaults: one client may ask for policies 20 times an hour, 5 files (25 MB) each.
  it.each([
    [{ maxFiles: 5, maxTotalBytes: 25 * 2 ** 20, webformPerIpPerHour: 20 }, 200, 1000 * 2 ** 20],
    [{ maxFiles: 1, maxTotalBytes: 10 * 2 ** 20, webformPerIpPerHour: 5 }, 10, 100 * 2 ** 20],
  ])('sets thresholds above two clients at their per-IP ceiling (%o)', (given, posts, bytes) => {
    expect(uploadAlarmThresholds(given)).toEqual({ posts, bytes });
  });

  it.each([
    // An honest busy hour: 30 posts of 5 files at the 25 MB maximum, six in the same five minutes.
    ['an honest busy hour', 6 * 5, 30 * 25 * 2 ** 20, false],
    // One policy set re-posted for its 300 s at 100 Mbps: ~375 posts of 10 MB.
    ['re-posts at 100 Mbps', 375, 3.75 * 2 ** 30, true],
    // At 10 Mbps for an hour: ~37 posts in five minutes, 4.5 GB.
    ['re-posts at 10 Mbps for an hour', 37, 4.5 * 2 ** 30, true],
    // Tiny files as fast as the connection lets: thousands of posts, few bytes.
    ['tiny re-posts', 3000, 3000 * 1024, true],
  ])('%s: alarms %s', (_, postsIn5Minutes, bytesInHour, expected) => {
    const threshold = uploadAlarmThresholds(limits);
    expect(postsIn5Minutes > threshold.posts || bytesInHour > threshold.bytes).toBe(expected);
  });
});
