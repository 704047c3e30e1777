import type { Template } from 'aws-cdk-lib/assertions';
import { Template as T } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app';
import { loadDeploymentConfig } from '../../infra/config';
import { ALARM_DESCRIPTION_MAX, runbookFor } from '../../infra/runbook';

/** Unit tests skip esbuild: the real bundles are proven by `npx cdk synth`. */
const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] };

let alarms: [string, string][];
beforeAll(() => {
  const { stack } = buildApp({ context: NO_BUNDLING, config: loadDeploymentConfig('dev'), nag: false });
  const template: Template = T.fromStack(stack);
  alarms = Object.entries(template.findResources('AWS::CloudWatch::Alarm')).map(([id, a]) => [
    id,
    String(a.Properties.AlarmDescription ?? ''),
  ]);
}, 180_000);

describe('alarm runbook', () => {
  it('gives every alarm of the stack, in its email, what it means and what to do, within CloudWatch’s limit', () => {
    expect(alarms.length).toBeGreaterThan(50);
    for (const [id, description] of alarms) {
      const [means, todo] = description.split(' What to do: ');
      expect(means?.length, id).toBeGreaterThan(20);
      expect(todo?.length ?? 0, id).toBeGreaterThan(40);
      expect(description.length, id).toBeLessThanOrEqual(ALARM_DESCRIPTION_MAX);
    }
  });

  it.each([
    ['IntakeDlqNotEmpty', /<EmailIntakeFunctionName> --invocation-type Event/],
    ['AssignmentDlqNotEmpty', /start-message-move-task --source-arn <AssignmentDlqArn>/],
    ['FeedbackDlqNotEmpty', /ses-feedback function/],
    ['SchedulerDlqNotEmpty', /<SchedulerDlqUrl>/],
    ['ReleaseDlqNotEmpty', /\/equipe\/quarentena/],
    ['ScanResultsDlqNotEmpty', /attachment-scan \(--invocation-type Event\)/],
    ['IntakeDlqMessageExpiring', /lost unread.*<EmailIntakeFunctionName> --invocation-type Event/],
    ['AssignmentDlqMessageExpiring', /lost unread.*start-message-move-task --source-arn <AssignmentDlqArn>/],
    ['ScanResultsDlqMessageExpiring', /lost unread.*attachment-scan/],
    ['SchedulerDlqMessageExpiring', /^All six at once.*DlqWatchSchedule.*get-queue-attributes.*Otherwise NOW/],
    ['DlqWatchErrors', /Logs Insights/],
    ['NoAnalystAvailable', /npm run staff -- list/],
    ['TicketDirectoryFailing', /put-secret-value/],
    ['AntivirusFailing', /get-malware-protection-plan/],
    ['AntivirusSilent', /DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3/],
    ['EffectSweepStopped', /aws scheduler get-schedule/],
    ['SesComplaintRate', /aws sesv2 get-account/],
    ['MonthlyReportErrors', /\{"from":"YYYY-MM-DD","to":"YYYY-MM-DD"\}/],
    ['EmailIntakeThrottles', /get-account-settings/],
    ['OverdueCases', /#prorrogar/],
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
});
