/**
 * Names shared by the stack and its tests: Powertools service names (the `service` metric dimension,
 * set as POWERTOOLS_SERVICE_NAME; a handler that passes its own serviceName to Powertools must use the
 * same value) and the custom metrics the alarms and the dashboard read. The handlers emit them through
 * Powertools metrics (EMF) in the namespace below; shared/adapters/telemetry.ts holds the same names.
 */
export const METRICS_NAMESPACE = 'Ouvidoria';

export const SERVICE = {
  emailIntake: 'email-intake',
  webform: 'webform',
  assignment: 'assignment',
  sesFeedback: 'ses-feedback',
} as const;

export const METRIC = {
  /** One per stored submission, dimensions `service`, `outcome` and `channel`. */
  submissions: 'Submissions',
  /** Mail kept as QUARANTINED (unparseable, oversized, spam/virus, failed authentication); dimension `service`. */
  quarantinedMail: 'QuarantinedMail',
  /** Automatic reply not sent (RFC 3834 rules, daily limit, bounce memory); dimensions `service`, `reason`. */
  autoReplySuppressed: 'AutoReplySuppressed',
  /** A case found no active analyst; it stays QUEUED. */
  noAnalystAvailable: 'NoAnalystAvailable',
  /** Seconds from intake to assignment. */
  timeToAssignmentSeconds: 'TimeToAssignmentSeconds',
} as const;

/** Prefix under which the SES receipt rule's S3 action writes raw mail. */
export const RAW_MAIL_PREFIX = 'inbound/';
