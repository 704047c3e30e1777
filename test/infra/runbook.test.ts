import { spawnSync } from 'node:child_process';
import type { Template } from 'aws-cdk-lib/assertions';
import { Template as T } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app';
import { loadDeploymentConfig } from '../../infra/config';
import { ALARM_DESCRIPTION_MAX, ALARM_DESCRIPTION_ROOM, runbookFor, severityOf } from '../../infra/runbook';

/** Unit tests skip esbuild: the real bundles are proven by `npx cdk synth`. */
const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] };

let alarms: [string, string][];
/** The stack's outputs, by key: what `aws cloudformation describe-stacks` gives the operator. */
let outputs: Record<string, { Value: unknown }>;
/** The dead-letter queues the stack alarms on (from their NotEmpty alarms). */
let dlqs: string[];
/** Each alarm's name, by the id Monitoring gave it (the logical id without its scope and hash). */
let names: Map<string, string>;
beforeAll(() => {
  const { stack } = buildApp({ context: NO_BUNDLING, config: loadDeploymentConfig('dev'), nag: false });
  const template: Template = T.fromStack(stack);
  outputs = template.toJSON().Outputs;
  alarms = Object.entries(template.findResources('AWS::CloudWatch::Alarm')).map(([id, a]) => [
    id,
    String(a.Properties.AlarmDescription ?? ''),
  ]);
  names = new Map(
    Object.entries(template.findResources('AWS::CloudWatch::Alarm')).map(([id, a]) => [
      id.replace(/^(Monitoring|CaseLifecycle)|(Alarm)?[0-9A-F]{8}$/g, ''),
      String(a.Properties.AlarmName ?? ''),
    ]),
  );
  dlqs = [...names.keys()].filter((id) => id.endsWith('DlqNotEmpty')).map((id) => id.slice(0, -'NotEmpty'.length));
}, 180_000);

/** `<Name>` placeholders that are not resources: the operator fills them in (environment, domain, case id). */
const NOT_OUTPUTS = new Set(['env', 'domain', 'id']);

describe('alarm runbook', () => {
  // At 3 a.m. the operator pastes the command from the mail: `jq ".Body|…"` on what receive-message
  // prints ({"Messages":[{…,"Body":…}]}) failed with "null (null) cannot be parsed" (deploy review 46).
  it('replays an IntakeDlq message with a jq program that really finds the SES event in receive-message’s answer', () => {
    const program = /jq "([^"]+)" m\.json > event\.json/.exec(runbookFor('IntakeDlqNotEmpty'))?.[1];
    expect(program).toBeDefined();
    const sesEvent = { Records: [{ eventSource: 'aws:ses', ses: { mail: { messageId: 'o3vrnil0e2ic28tr' } } }] };
    // What Lambda's on-failure destination puts on the queue, as aws sqs receive-message prints it.
    const record = {
      version: '1.0',
      timestamp: '2026-12-05T03:00:00.000Z',
      requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 3 },
      requestPayload: sesEvent,
      responseContext: { statusCode: 200, functionError: 'Unhandled' },
      responsePayload: { errorType: 'Error' },
    };
    const answer = { Messages: [{ MessageId: 'm-1', ReceiptHandle: 'AQEB…', Body: JSON.stringify(record) }] };
    const jq = spawnSync('jq', ['-c', program as string], { input: JSON.stringify(answer), encoding: 'utf8' });
    expect([jq.status, jq.stderr]).toEqual([0, '']);
    expect(JSON.parse(jq.stdout)).toEqual(sesEvent);
    expect(runbookFor('IntakeDlqNotEmpty')).toMatch(/delete-message with its ReceiptHandle/);
  });

  // ScanResultsDlq holds two shapes: the GuardDuty event itself (the EventBridge rule could not hand it
  // over) and Lambda's failure record around it (attachment-scan failed on it): one program for both.
  it('replays a ScanResultsDlq message of either shape with the jq program of its runbook', () => {
    const program = /jq "([^"]+)" m\.json > event\.json/.exec(runbookFor('ScanResultsDlqNotEmpty'))?.[1];
    expect(program).toBeDefined();
    const scanResult = {
      source: 'aws.guardduty',
      'detail-type': 'GuardDuty Malware Protection Object Scan Result',
      detail: {
        s3ObjectDetails: { objectKey: 'uploads/p-1/01' },
        scanResultDetails: { scanResultStatus: 'NO_THREATS_FOUND' },
      },
    };
    const record = { version: '1.0', requestContext: { condition: 'RetriesExhausted' }, requestPayload: scanResult };
    for (const body of [scanResult, record]) {
      const answer = { Messages: [{ MessageId: 'm-1', ReceiptHandle: 'AQEB…', Body: JSON.stringify(body) }] };
      const jq = spawnSync('jq', ['-c', program as string], { input: JSON.stringify(answer), encoding: 'utf8' });
      expect([jq.status, jq.stderr]).toEqual([0, '']);
      expect(JSON.parse(jq.stdout)).toEqual(scanResult);
    }
  });

  it('gives every alarm of the stack, in its email, what it means and what to do, within CloudWatch’s limit', () => {
    expect(alarms.length).toBeGreaterThan(50);
    for (const [id, description] of alarms) {
      const [means, todo] = description.split(' What to do: ');
      expect(means?.length, id).toBeGreaterThan(20);
      expect(todo?.length ?? 0, id).toBeGreaterThan(40);
      expect(description.length, id).toBeLessThanOrEqual(ALARM_DESCRIPTION_MAX);
    }
  });

  // IntakeDlqMessageExpiring sat at 1,023 of 1,024 characters: the next word added to its runbook
  // would have failed the deploy. Every alarm keeps room for one.
  it('every alarm keeps room under CloudWatch’s limit, IntakeDlq’s and PoisonMail among them', () => {
    for (const alarmId of ['IntakeDlqNotEmpty', 'IntakeDlqMessageExpiring', 'PoisonMail']) {
      expect(
        alarms.some(([id]) => id.startsWith(`Monitoring${alarmId}`)),
        alarmId,
      ).toBe(true);
    }
    for (const [id, description] of alarms) {
      expect(description.length, id).toBeLessThanOrEqual(ALARM_DESCRIPTION_MAX - ALARM_DESCRIPTION_ROOM);
    }
  });

  it.each([
    ['IntakeDlqNotEmpty', /<EmailIntakeFunctionName> --invocation-type Event/],
    ['AssignmentDlqNotEmpty', /start-message-move-task --source-arn <AssignmentDlqArn>/],
    ['FeedbackDlqNotEmpty', /<FeedbackDlqUrl> as for IntakeDlq/],
    ['SchedulerDlqNotEmpty', /<SchedulerDlqUrl>/],
    ['ReleaseDlqNotEmpty', /\/equipe\/quarentena/],
    ['ScanResultsDlqNotEmpty', /<AttachmentScanFunctionName> --invocation-type Event/],
    ['IntakeDlqMessageExpiring', /lost unread.*<EmailIntakeFunctionName> --invocation-type Event/],
    ['AssignmentDlqMessageExpiring', /lost unread.*start-message-move-task --source-arn <AssignmentDlqArn>/],
    ['ScanResultsDlqMessageExpiring', /lost unread.*attachment-scan/],
    [
      'SchedulerDlqMessageExpiring',
      /^All of them at once.*DlqWatchSchedule.*before its first run.*get-queue-attributes.*Otherwise NOW/,
    ],
    ['DlqWatchErrors', /Logs Insights/],
    ['NoAnalystAvailable', /npm run staff -- list/],
    ['NoActiveSupervisor', /lifecycle\.supervisorIds.*\/equipe\?caso=<id>/],
    ['TicketDirectoryFailing', /put-secret-value/],
    ['AntivirusFailing', /get-malware-protection-plan/],
    ['AntivirusSilent', /DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3/],
    ['EffectSweepStopped', /aws scheduler list-schedules/],
    ['SesComplaintRate', /aws sesv2 get-account/],
    ['MonthlyReportErrors', /\{"from":"YYYY-MM-DD","to":"YYYY-MM-DD"\}/],
    ['EmailIntakeThrottles', /get-account-settings/],
    ['OverdueCases', /#prorrogar/],
    ['UploadPostsHigh', /list-object-versions --bucket <UploadsBucketName>.*s3:\/\/<AccessLogsBucketName>\/uploads\//],
    ['UploadBytesHigh', /aws:SourceIp.*take it out when the abuse stops.*uploadPolicySeconds/],
  ])('%s says what to do: %s', (alarmId, expected) => {
    expect(runbookFor(alarmId)).toMatch(expected);
  });

  it.each([
    'Unknown',
    'NotEmpty',
    'SomethingNewDlqNotEmpty',
    'MessageExpiring',
    'SomethingNewDlqMessageExpiring',
    'Errors',
  ])('refuses an alarm without a runbook (%s), so synth fails before an alarm pages with nothing to do', (alarmId) => {
    expect(() => runbookFor(alarmId)).toThrow(/No runbook for the alarm/);
  });

  // What wakes someone: a merchant sees it now (intake failing, webform 5xx) or a message waits in a
  // DLQ; the rest is read in office hours. The alarm's name, and so its mail's subject, says which.
  it.each([
    ['IntakeDlqNotEmpty', 'PAGE'],
    ['ScanResultsDlqNotEmpty', 'PAGE'],
    ['AssignmentDlqMessageExpiring', 'PAGE'],
    ['EmailIntakeErrors', 'PAGE'],
    ['EmailIntakeAsyncEventsDropped', 'PAGE'],
    ['WebformServerErrors', 'PAGE'],
    ['WebformErrors', 'PAGE'],
    ['WebformThrottles', 'PAGE'],
    ['EmailIntakeDurationNearTimeout', 'NOTIFY'],
    ['ConsoleErrors', 'NOTIFY'],
    ['ConsoleAuthorizerErrors', 'NOTIFY'],
    ['NoAnalystAvailable', 'NOTIFY'],
    ['NoActiveSupervisor', 'NOTIFY'],
    ['QuarantinedMail', 'NOTIFY'],
    ['MonthlyReportErrors', 'NOTIFY'],
    ['DlqWatchErrors', 'NOTIFY'],
    ['OverdueCases', 'NOTIFY'],
    ['SesBounceRate', 'PAGE'],
    ['SesComplaintRate', 'PAGE'],
    ['SesBounceRateRising', 'NOTIFY'],
    ['SesComplaintRateRising', 'NOTIFY'],
    ['UploadPostsHigh', 'PAGE'],
    ['UploadBytesHigh', 'PAGE'],
    ['GuidanceHeldByBounceBreaker', 'PAGE'],
  ])('%s: %s, first in its name (the subject of its mail)', (alarmId, severity) => {
    expect(severityOf(alarmId)).toBe(severity);
    expect(names.get(alarmId)).toBe(`${severity} Ouvidoria-dev ${alarmId}`);
  });

  it('names every alarm of the stack PAGE or NOTIFY, then the environment, then what it watches', () => {
    expect(names.size).toBe(alarms.length);
    for (const [id, name] of names) expect(name, id).toBe(`${severityOf(id)} Ouvidoria-dev ${id}`);
    const pages = [...names.values()].filter((n) => n.startsWith('PAGE '));
    // The seven DLQs twice (NotEmpty, MessageExpiring), the intake's three, the webform's three,
    // SES's two review levels (its early warnings notify), the two upload-abuse alarms and the bounce
    // breaker holding guidance (rt57).
    expect(pages).toHaveLength(25);
  });

  // In an incident the operator copies the command from the alarm mail: a queue, a function or a
  // schedule group named in words ("on this queue", "the ses-feedback function") is a CloudFormation-
  // generated name to hunt for (Ouvidoria-prod-QueuesReleaseDlq5E3CB3ED-1A2B3C…) at 3 a.m.
  it('names every resource an alarm tells to act on by a stack output, and every placeholder is one', () => {
    for (const [id, description] of alarms) {
      for (const [, name] of description.matchAll(/<([A-Za-z][\w-]*)>/g)) {
        if (!NOT_OUTPUTS.has(name as string)) expect(outputs, `${id}: <${name}>`).toHaveProperty(name as string);
      }
    }
  });

  it('names, in every dead-letter queue’s runbook, that queue by its output', () => {
    expect(dlqs).toHaveLength(7);
    for (const dlq of dlqs) {
      for (const alarmId of [`${dlq}NotEmpty`, `${dlq}MessageExpiring`]) {
        expect(runbookFor(alarmId), alarmId).toMatch(new RegExp(`<${dlq}(Url|Arn)>`));
      }
    }
  });

  it.each([
    ['FeedbackDlqNotEmpty', /aws lambda invoke --function-name <SesFeedbackFunctionName>/],
    ['ScanResultsDlqNotEmpty', /aws lambda invoke --function-name <AttachmentScanFunctionName>/],
    ['ScanResultsDlqNotEmpty', /--queue-url <ScanResultsDlqUrl>/],
    ['ReleaseDlqNotEmpty', /start-message-move-task --source-arn <ReleaseDlqArn>/],
    ['ConfirmMailDlqNotEmpty', /start-message-move-task --source-arn <ConfirmMailDlqArn>/],
    ['MonthlyReportErrors', /aws lambda invoke --function-name <MonthlyReportFunctionName>/],
    // The CLI reads for 60 s, then retries the invocation: a report running longer is made and mailed twice.
    ['MonthlyReportErrors', /<MonthlyReportFunctionName> --cli-read-timeout 0 /],
    ['SchedulerDlqNotEmpty', /<MonthlyReportFunctionName>/],
    ['SchedulerDlqNotEmpty', /aws lambda invoke --function-name <LifecycleTimerFunctionName>:timers/],
    ['SchedulerDlqNotEmpty', /function failed a run 3 times.*a report, re-run its month/],
    ['SchedulerTargetErrors', /list-schedules --group-name <ScheduleGroupName>/],
    ['EffectSweepStopped', /list-schedules --group-name <ScheduleGroupName>/],
    ['IntakeDlqMessageExpiring', /list-schedules --group-name <ScheduleGroupName>/],
    ['AntivirusFailing', /get-malware-protection-plan --malware-protection-plan-id <MalwareProtectionPlanId>/],
    ['EmailIntakeAsyncEventsDropped', /s3:\/\/<RawMailBucketName>\/inbound\/<SES message id>/],
    ['AntivirusSilent', /get-malware-protection-plan --malware-protection-plan-id <MalwareProtectionPlanId>/],
  ])('%s gives the command with its resource: %s', (alarmId, expected) => {
    expect(runbookFor(alarmId)).toMatch(expected);
  });
});
