/**
 * Names of the Powertools services (the `service` metric dimension) and of every custom metric,
 * in one place: the handlers emit them (EMF, namespace below) and the CDK stack's alarms and
 * dashboard read them (infra/constructs/monitoring.ts).
 */
export const METRICS_NAMESPACE = 'Ouvidoria';

export const SERVICE = {
  emailIntake: 'email-intake',
  webform: 'webform',
  assignment: 'assignment',
  sesFeedback: 'ses-feedback',
  requeueStale: 'requeue-stale',
  lifecycleTimer: 'lifecycle-timer',
  consoleAuthorizer: 'console-authorizer',
  console: 'console',
  attachmentScan: 'attachment-scan',
  dlqWatch: 'dlq-watch',
} as const;

export const METRIC = {
  /** Lifecycle: a case whose due date passed while it was open (the escalation fired); the alarm reads it. */
  overdueCases: 'OverdueCases',
  /** Lifecycle: staff mail to a per-case address that changed nothing (dimension `reason`). */
  staffMailQuarantined: 'StaffMailQuarantined',
  /** Lifecycle: staff commands applied, and refused (malformed, wrong state, not the case's analyst). */
  staffCommandsApplied: 'StaffCommandsApplied',
  staffCommandsRefused: 'StaffCommandsRefused',
  /** Lifecycle: satisfaction answers recorded (dimension `score`). */
  surveyAnswers: 'SurveyAnswers',
  /** One per stored submission; dimensions `service`, `outcome` and `channel`. */
  submissions: 'Submissions',
  /**
   * A case whose cited ticket the directory could not check (Zendesk down, timing out, or refusing
   * the credentials): accepted "não verificado". The alarm reads it, with the `service` dimension.
   */
  ticketUnverified: 'TicketUnverified',
  /** Mail kept as QUARANTINED (unparseable, oversized, spam/virus, failed authentication). */
  quarantinedMail: 'QuarantinedMail',
  /**
   * Mail the intake failed on every attempt (crash, timeout, out of memory), quarantined unread by
   * the IntakeFailures consumer: a defect in reading mail. The PoisonMail alarm reads it.
   */
  poisonMailQuarantined: 'PoisonMailQuarantined',
  /** Automatic reply not sent (RFC 3834 rules, daily limit, bounce memory); dimension `reason`. */
  autoReplySuppressed: 'AutoReplySuppressed',
  /**
   * Automatic reply SES did not take; dimension `permanent` ("true": refused for good, e.g. an
   * unverified recipient while the account is in the SES sandbox; "false": retried by the platform).
   * The AutoReplyRefused alarm reads the permanent ones.
   */
  autoReplyFailed: 'AutoReplyFailed',
  /** Merchant follow-ups threaded into a case; dimension `kind` (appended, duplicate). */
  followUps: 'FollowUps',
  /** Addresses put in the bounce memory (delivery reports, SES bounces and complaints). */
  bouncesRecorded: 'BouncesRecorded',
  /** Assignment: a case given to an analyst. */
  caseAssigned: 'CaseAssigned',
  /** Assignment: office closed, the case waits for the next opening. */
  assignmentDeferred: 'AssignmentDeferred',
  /** Assignment: no active analyst; the case stays QUEUED. */
  noAnalystAvailable: 'NoAnalystAvailable',
  /**
   * Lifecycle: mail meant for the supervisors (an escalation, a reminder or a merchant's words the
   * analyst cannot take, an undeliverable assignment notice) found no active supervisor on the roster
   * and went to nobody (the log says which effect). The NoActiveSupervisor alarm reads it.
   */
  noActiveSupervisor: 'NoActiveSupervisor',
  /** Assignment: seconds from intake to assignment. */
  timeToAssignmentSeconds: 'TimeToAssignmentSeconds',
  /** Assignment: the analyst email re-sent after a crash between assigning and notifying. */
  analystNoticeResent: 'AnalystNoticeResent',
  /** Assignment: a message that failed and will be retried (then dead-lettered). */
  assignmentFailed: 'AssignmentFailed',
  /** Webform: a submission stored; dimensions `outcome`, `duplicate`. */
  webformSubmission: 'WebformSubmission',
  /** Webform: a request refused before the domain (validation, rate limit, honeypot…); dimension `reason`. */
  webformRejected: 'WebformRejected',
  /** Daily sweep: QUEUED cases put back on the queue because they waited past the next opening. */
  staleCasesRequeued: 'StaleCasesRequeued',
  /**
   * Effects sweep: age in seconds of the oldest case with effects still pending, published on every
   * run (0 when none). Its Maximum alarms when the sweep falls behind, its SampleCount when it stops.
   */
  effectsOldestPendingSeconds: 'EffectsOldestPendingSeconds',
  /**
   * Per dead-letter queue (dimension `queue`: its SQS name), each dlq-watch run: how long it has held a
   * message (shared/domain/dlq-watch.ts), 0 when empty. The <Dlq>MessageExpiring alarms read it.
   */
  dlqOldestMessageSeconds: 'DlqOldestMessageSeconds',
  /** Antivirus: a GuardDuty result that says the scanner is broken (SCANNER_FAULT_STATUSES); dimension `status`. */
  uploadScanFailed: 'UploadScanFailed',
  /**
   * Webform: files a submission claimed that had no scan result yet (still PENDING). The
   * AntivirusSilent alarm compares them with uploadScanResults: claims without any result mean
   * GuardDuty stopped scanning (plan in error, its EventBridge rule deleted).
   */
  uploadsClaimedUnscanned: 'UploadsClaimedUnscanned',
  /** Antivirus: every GuardDuty scan result received (any status), whether a case claimed the file or not. */
  uploadScanResults: 'UploadScanResults',
  /** Webform: a dependency failed (answered 503). */
  webformFailed: 'WebformFailed',
} as const;
