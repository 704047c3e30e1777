/**
 * What to do when an alarm fires, one entry per alarm, in one place: the alarm's description ends with
 * it ("What to do: …"), so the alarm email and the CloudWatch console carry the runbook themselves.
 * The stack refuses an alarm without an entry (runbookFor throws at synth). Names in angle brackets
 * are stack outputs (`aws cloudformation describe-stacks --stack-name Ouvidoria-<env>`).
 */

/** Joins what the alarm measured with what to do about it (CloudWatch keeps up to 1024 characters). */
export function alarmDescription(means: string, todo: string): string {
  return `${means} What to do: ${todo}`;
}

/**
 * Who an alarm wakes. PAGE: a merchant sees the incident now, or a message is at risk of being lost —
 * the intake failing (EmailIntake errors, throttles, dropped events), the webform answering 5xx or its
 * function failing, a dead-letter queue holding a message, SES's reputation at its review level — or the
 * bill running up by the hour (upload policies re-posted: only a person can block it). NOTIFY: everything else (staff-side
 * trouble, a slow or degraded path that loses nothing: cases stay stored and queued, replies are
 * retried), dealt with in office hours. The alarm's name starts with it, and so the subject of its
 * mail (`ALARM: "PAGE Ouvidoria-prod IntakeDlqNotEmpty" in …`): route on it (README, "Alarms").
 */
export type Severity = 'PAGE' | 'NOTIFY';

const PAGES: ReadonlySet<string> = new Set([
  // At the review level SES may pause the account's sending within hours (every reply then fails).
  'SesBounceRate',
  'SesComplaintRate',
  'EmailIntakeErrors',
  'EmailIntakeThrottles',
  'EmailIntakeAsyncEventsDropped',
  'WebformServerErrors',
  'WebformErrors',
  'WebformThrottles',
  // Guidance to every sender without a ticket is held, and someone may be aiming at SES's bounce rate.
  'GuidanceHeldByBounceBreaker',
  // Upload abuse bills GuardDuty scans by the hour until someone blocks it; honest traffic never reaches them.
  'UploadPostsHigh',
  'UploadBytesHigh',
]);

export function severityOf(alarmId: string): Severity {
  const dlq = /^(\w+?)(NotEmpty|MessageExpiring)$/.exec(alarmId)?.[1];
  if (dlq && DLQ[dlq]) return 'PAGE';
  return PAGES.has(alarmId) ? 'PAGE' : 'NOTIFY';
}

/** The alarm's name, its mail's subject: severity first, then the environment and the alarm. */
export function alarmNameOf(envName: string, alarmId: string): string {
  return `${severityOf(alarmId)} Ouvidoria-${envName} ${alarmId}`;
}

/** CloudWatch's limit on an alarm description. */
export const ALARM_DESCRIPTION_MAX = 1024;
/** What each description leaves under the limit (the runbook test): one more word must not fail a deploy. */
export const ALARM_DESCRIPTION_ROOM = 24;

const FUNCTION_LOGS =
  'open the function log group in CloudWatch Logs Insights (filter level = "ERROR"; records carry ids and protocols, never bodies or addresses)';

/** The dead-letter queues, by the name the stack gives them. */
const DLQ: Record<string, string> = {
  IntakeDlq:
    'a mail failed every try, not for its content (quarantined then). Fix it (EmailIntakeErrors); replay: aws sqs receive-message --queue-url <IntakeDlqUrl> > m.json, jq ".Messages[0].Body|fromjson|.requestPayload" m.json > event.json, aws lambda invoke --function-name <EmailIntakeFunctionName> --invocation-type Event --payload fileb://event.json out.json, then delete-message with its ReceiptHandle (no case doubles)',
  AssignmentDlq:
    'an accepted case could not be assigned on any of its receives. Fix the cause (AssignmentErrors, NoAnalystAvailable), then aws sqs start-message-move-task --source-arn <AssignmentDlqArn> moves the messages back to the assignment queue.',
  FeedbackDlq:
    'an SES bounce or complaint notice failed on every retry: that address is not in the bounce memory. Fix the cause (SesFeedbackErrors), then replay each message of <FeedbackDlqUrl> as for IntakeDlq (its requestPayload), with aws lambda invoke --function-name <SesFeedbackFunctionName>, and delete it.',
  SchedulerDlq:
    'a schedule could not invoke its target (attributes say why), or a function failed a run 3 times (its requestContext.functionArn). Fix it, then: a timer, aws lambda invoke --function-name <LifecycleTimerFunctionName>:timers with its requestPayload; a report, re-run its month with {"from","to"} (<MonthlyReportFunctionName>); a deferral or the daily sweep: the next sweep re-queues. Delete it (<SchedulerDlqUrl>).',
  ReleaseDlq:
    'a quarantine release asked on the console failed on every receive (EmailIntakeErrors has why). Fix the cause, then move it back with aws sqs start-message-move-task --source-arn <ReleaseDlqArn>, or ask the supervisor to release the mail again from /equipe/quarentena; an intake-failed mail failing again is the mail: discard it.',
  ConfirmMailDlq:
    'a webform confirmation link, or a ticketless post\'s case and guidance, failed on every receive (WebformErrors; its log "Confirmation link mail" or "Webform guidance post" says why). Fix the cause, then aws sqs start-message-move-task --source-arn <ConfirmMailDlqArn> (nothing is sent twice; an expired link is skipped). Never delete one: a guidance post\'s case is stored by its message alone.',
  ScanResultsDlq:
    'a GuardDuty scan result attachment-scan never applied: its file stays "pending". Fix it (AttachmentScanErrors); per message: aws sqs receive-message --queue-url <ScanResultsDlqUrl> > m.json, jq ".Messages[0].Body|fromjson|.requestPayload // ." m.json > event.json, aws lambda invoke --function-name <AttachmentScanFunctionName> --invocation-type Event --payload fileb://event.json out.json, delete it.',
};

/** Both upload alarms (Monitoring, uploadAlarmThresholds): re-posted presigned policies, each post a billed scan. */
const UPLOAD_ABUSE =
  'aws s3api list-object-versions --bucket <UploadsBucketName> --prefix uploads/ --query "Versions[].[Key]" --output text | sort | uniq -c | sort -n | tail: a key with many versions is a re-posted policy. Its IP: the "POST " lines of that key (field 9) in s3://<AccessLogsBucketName>/uploads/ (delivered late), remote IP in field 5; PUTs by the EmailIntake role are mailed files. Block it: add a Deny of s3:PutObject on arn:aws:s3:::<UploadsBucketName>/uploads/* with IpAddress aws:SourceIp to aws s3api get-bucket-policy\'s policy and put-bucket-policy it; take it out when the abuse stops. A policy lives attachments.uploadPolicySeconds (300 s): lower it only after testing on AWS that S3 checks its expiry when a slow upload starts, not when it ends.';

/** The MessageExpiring alarms are also the dlq-watch function's heartbeat (no count for three runs pages). */
const DLQ_WATCH_STOPPED =
  'All of them at once, or with DlqWatchErrors: the watch stopped (DlqWatchSchedule… in aws scheduler list-schedules --group-name <ScheduleGroupName>; log "Dead-letter queues not measured"; right after the deploy that made the alarms, before its first run: nothing to do); count by hand: aws sqs get-queue-attributes --attribute-names All.';

const SINGLE: Record<string, string> = {
  MonthlyCost:
    'AWS Budgets: this environment\'s costs passed 80 % of monthlyBudgetUsd, or are forecast to pass it. Open Cost Explorer, filter tag environment=<env>, group by Service and by day: a mail loop or a retry storm shows as SES, Lambda or DynamoDB growing day by day (check IntakeDlq, SesSendingFailing, the EmailIntake invocations); a steady rise with more cases is growth: raise monthlyBudgetUsd and deploy. A budget that stays at 0 USD means the cost allocation tag "environment" is not active (Billing console, Cost allocation tags).',
  AssignmentQueueOldMessage:
    'check AssignmentErrors and AssignmentThrottles and the assignment log; a poison message blocks the FIFO group until it is dead-lettered (AssignmentDlq).',
  NoAnalystAvailable:
    'npm run staff -- list (TABLE_NAME=<TableName>): return or add an analyst (npm run staff -- return|add …); waiting cases are re-queued on a roster change.',
  NoActiveSupervisor:
    "mail for the supervisors (escalation, reminder, a merchant's words for an analyst who left, an undeliverable notice) went to nobody (or, when the log says every active supervisor is on leave, only to them: nobody present reads it; end a leave early or make another member a supervisor): npm run staff -- list (TABLE_NAME=<TableName>) must show an active member whose id is in lifecycle.supervisorIds, with the address configured for it (npm run staff -- return|add …). Then open the cases the log names (caseId, effect; /equipe?caso=<id>): nothing re-sends that mail.",
  QuarantinedMail:
    'a supervisor reviews /equipe/quarentena: a spam wave needs nothing; a real sender failing SPF/DKIM/DMARC or a broken parser (one sender domain, or every mail) needs its DNS or a fix; release the legitimate ones.',
  PoisonMail:
    'the EmailIntake log (level ERROR) "mail the intake failed on quarantined" gives its caseId, and the IntakeFailures record its errorType. Fix the defect and deploy, then a supervisor releases the mail at /equipe/quarentena (read again) or discards it. Many at once: past the poison breaker the rest go to IntakeDlq, which pages.',
  TicketDirectoryFailing:
    'check the Zendesk secret (<ZendeskSecretArn>, {"email","apiToken"}: aws secretsmanager put-secret-value) and Zendesk status; cases are accepted "não verificado" meanwhile, nothing is lost.',
  AutoReplyRefused:
    "aws sesv2 get-account: ProductionAccessEnabled false means the SES sandbox (README step 9: request production access; until then only verified addresses get mail); otherwise aws sesv2 get-email-identity --email-identity <domain> (verified, DKIM) and the case's reply.error. The case itself is stored and queued.",
  GuidanceHeldByBounceBreaker:
    'mail from many made-up addresses of a domain that refuses them, or a list of bad addresses (README, "Runbook: the bounce breaker tripped"). On the console, the last hour\'s guidance cases whose reply line says our mail came back show the domain; block its sending servers with an SES receipt filter (aws ses create-receipt-filter, Policy=Block) and watch SesBounceRate. Cases are stored as always; held replies read "orientação retida". It resets by itself when the last hour\'s bounces fall below autoReply.bounceBreakerPerHour.',
  SesSendingFailing:
    'aws sesv2 get-account: SendingEnabled false or EnforcementStatus other than HEALTHY means SES paused the account (see SesBounceRate/SesComplaintRate, fix the cause, appeal in the SES console); otherwise the SES quota (Max24HourSend, MaxSendRate) or an SES outage. The intake retries, then IntakeDlq keeps the mail for a replay.',
  StaleCasesRequeued:
    'cases were stuck QUEUED: look for AssignmentErrors, SchedulerDlq messages or an empty roster (NoAnalystAvailable) around their queue time.',
  EffectSweepBehind:
    'LifecycleTimerErrors and its log ("Lifecycle effect failed") name the case and the failing effect (SES refusing, a role change); fix it and the next run sends the mail, once.',
  EffectSweepStopped:
    '(right after the first deploy it can fire once, until the first run reports.) Check the EffectSweep schedule (aws scheduler list-schedules --group-name <ScheduleGroupName>: State ENABLED), SchedulerTargetErrors and SchedulerDlq, and LifecycleTimerThrottles; a redeploy recreates a deleted schedule.',
  AntivirusFailing:
    'aws guardduty get-malware-protection-plan --malware-protection-plan-id <MalwareProtectionPlanId>: Status and StatusReasons name the problem (plan role, bucket policy, encryption); redeploy the stack to restore them. Affected files stay unreadable: ask the merchant to send them again.',
  AntivirusSilent:
    'aws guardduty get-malware-protection-plan --malware-protection-plan-id <MalwareProtectionPlanId>: Status other than ACTIVE, or StatusReasons, name the problem; aws events list-rules --name-prefix DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3 shows whether GuardDuty\'s managed rule still exists, aws events list-rules --name-prefix Ouvidoria-<env> our ScanResults rule (State ENABLED). Redeploy the stack to restore the plan (a deleted managed rule comes back when the plan is recreated). Files already claimed stay "pending": ask those merchants to send them again. Fired once and cleared the next hour with UploadScanResults present: a scan that finished just after the hour, nothing to do.',
  SchedulerTargetErrors:
    'aws scheduler list-schedules --group-name <ScheduleGroupName>; read SchedulerDlq for the error (a deleted function, a role without lambda:InvokeFunction) and redeploy.',
  SchedulerInvocationsLost:
    'Scheduler gave up on invocations or could not write them to SchedulerDlq (its queue policy or key): reminders or alerts were lost. Check the SchedulerDlq policy, then re-arm the open cases (a #nota from the console re-sends the notice).',
  SesBounceRate:
    'stop what sends to bad addresses (look at SesFeedback logs and BouncesRecorded), check the SES account dashboard (Reputation); at 10 % SES pauses sending from the account.',
  SesBounceRateRising:
    'nothing is paused yet: in office hours, find who bounces (SesFeedback logs, BouncesRecorded; a spam wave with forged senders, an address typed wrong on the form) and stop it before the rate reaches the review level (SesBounceRate pages).',
  SesComplaintRateRising:
    'nothing is paused yet: in office hours, find which mail is reported as spam (SesFeedback logs, the auto-reply suppression reasons) and stop it before the rate reaches the review level (SesComplaintRate pages).',
  SesComplaintRate:
    'find which mail is reported as spam (SesFeedback logs, the auto-reply suppression reasons) and stop it; at 0.5 % SES pauses sending. Paused sending: aws sesv2 get-account (SendingEnabled), appeal in the SES console.',
  TableThrottles:
    'the table is on demand: look at the DynamoDB console for a hot partition or an account table limit; a sudden burst (spam wave) passes by itself.',
  WebformServerErrors:
    'WebformErrors, ConsoleErrors and their logs; merchants see a 503 page and may retry. A deploy in progress or a failing dependency (DynamoDB, SES, Zendesk timeouts) is the usual cause.',
  UploadPostsHigh: UPLOAD_ABUSE,
  UploadBytesHigh: UPLOAD_ABUSE,
  OverdueCases:
    'the supervisors got the alert: open the case (/equipe?caso=<id>), answer, #prorrogar with a reason, or #transferir.',
};

/** Suffixes of the per-function alarms (Monitoring builds `<Function><Suffix>`). */
const PER_FUNCTION: [suffix: string, todo: string][] = [
  [
    'AsyncEventsDropped',
    'Lambda discarded events it could not run in time (throttled, or older than the maximum event age): for EmailIntake, those not in IntakeDlq are replayed from the raw mail, s3://<RawMailBucketName>/inbound/<SES message id>, with an SES receipt event for that id (events/ses/receipt-event-minimal.json); raise the account concurrency quota if throttles come with it.',
  ],
  [
    'DurationNearTimeout',
    `${FUNCTION_LOGS} for the slow step (a dependency timing out, a very large mail); raise the timeout (FUNCTION_SIZING) only with the cause known.`,
  ],
  [
    'Throttles',
    'the account concurrency limit was reached (aws lambda get-account-settings): request a higher quota, or find what floods the function.',
  ],
  [
    'Errors',
    `${FUNCTION_LOGS}; failed events are retried, then land in the function's DLQ (its own alarm). A MonthlyReport failure: fix it, then aws lambda invoke --function-name <MonthlyReportFunctionName> --cli-read-timeout 0 --cli-binary-format raw-in-base64-out --payload '{"from":"YYYY-MM-DD","to":"YYYY-MM-DD"}' out.json.`,
  ],
];

/** The "what to do" of an alarm id; throws for an alarm nobody wrote a runbook for. */
export function runbookFor(alarmId: string): string {
  const single = SINGLE[alarmId];
  if (single) return single;
  if (alarmId.endsWith('NotEmpty')) {
    const dlq = DLQ[alarmId.slice(0, -'NotEmpty'.length)];
    if (dlq) return `A message is waiting in the dead-letter queue: ${dlq}`;
  }
  if (alarmId.endsWith('MessageExpiring')) {
    const dlq = DLQ[alarmId.slice(0, -'MessageExpiring'.length)];
    if (dlq)
      return `${DLQ_WATCH_STOPPED} Otherwise NOW, or it is lost unread (its NotEmpty alarm went out days ago): ${dlq}`;
  }
  for (const [suffix, todo] of PER_FUNCTION) {
    if (alarmId.endsWith(suffix) && alarmId.length > suffix.length) return todo;
  }
  throw new Error(`No runbook for the alarm ${alarmId}: add what to do to infra/runbook.ts.`);
}
