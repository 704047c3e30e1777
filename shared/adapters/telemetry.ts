import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { IntakeTelemetry } from '../app/intake';
import type { LifecycleTelemetry } from '../app/lifecycle/ports';
import { SETTLED_EFFECT_ERRORS } from '../domain/lifecycle/types';

import { METRIC, METRICS_NAMESPACE } from '../telemetry-names';
export { METRIC, METRICS_NAMESPACE };

export function createLogger(serviceName: string): Logger {
  return new Logger({ serviceName });
}

export function createMetrics(serviceName: string): Metrics {
  return new Metrics({ namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? METRICS_NAMESPACE, serviceName });
}

/** Counts per outcome (dimension `outcome`) and per suppression reason, as EMF. */
export function intakeTelemetry(metrics: Metrics): IntakeTelemetry {
  return {
    decided(outcome, channel) {
      const single = metrics.singleMetric();
      single.addDimension('outcome', outcome);
      single.addDimension('channel', channel);
      single.addMetric(METRIC.submissions, MetricUnit.Count, 1);
      if (outcome === 'QUARANTINED') metrics.addMetric(METRIC.quarantinedMail, MetricUnit.Count, 1);
    },
    replySuppressed(reason) {
      const single = metrics.singleMetric();
      single.addDimension('reason', reason);
      single.addMetric(METRIC.autoReplySuppressed, MetricUnit.Count, 1);
    },
    replyFailed(permanent) {
      const single = metrics.singleMetric();
      single.addDimension('permanent', String(permanent));
      single.addMetric(METRIC.autoReplyFailed, MetricUnit.Count, 1);
    },
    followUp(kind) {
      const single = metrics.singleMetric();
      single.addDimension('kind', kind);
      single.addMetric(METRIC.followUps, MetricUnit.Count, 1);
    },
    ticketUnverified() {
      metrics.addMetric(METRIC.ticketUnverified, MetricUnit.Count, 1);
    },
  };
}

/**
 * The lifecycle's logs and metrics (EMF): ids, protocols and codes only, never names, addresses or
 * text. `OverdueCases` feeds the overdue alarm.
 */
export function lifecycleTelemetry(metrics: Metrics, logger: Logger): LifecycleTelemetry {
  const count = (name: string, dimensions: Record<string, string> = {}) => {
    const single = metrics.singleMetric();
    for (const [key, value] of Object.entries(dimensions)) single.addDimension(key, value);
    single.addMetric(name, MetricUnit.Count, 1);
  };
  return {
    staffMailQuarantined: ({ reason, protocol }) => {
      count(METRIC.staffMailQuarantined, { reason });
      logger.warn('Staff mail set aside: nothing changed', { reason, protocol });
    },
    staffMailApplied: (event) => {
      count(METRIC.staffCommandsApplied);
      logger.info('Staff mail applied', event);
    },
    staffMailRefused: (event) => {
      count(METRIC.staffCommandsRefused);
      logger.info('Staff mail refused and explained', event);
    },
    commitConflict: (event) => logger.info('Case changed meanwhile: recomputed', event),
    overdue: (event) => {
      metrics.addMetric(METRIC.overdueCases, MetricUnit.Count, 1);
      logger.warn('Case overdue: supervisors alerted', event);
    },
    timerStale: (event) => logger.info('Stale timer: nothing to do', event),
    noActiveSupervisor: ({ caseId, effect, onLeave }) => {
      metrics.addMetric(METRIC.noActiveSupervisor, MetricUnit.Count, 1);
      logger.error(
        onLeave
          ? 'Every active supervisor is on leave: mail for the supervisors went to them, nobody present reads it'
          : 'No active supervisor on the roster: mail for the supervisors went to nobody',
        { caseId, effect },
      );
    },
    // Retried unless what it needs is gone (MissingStaff, MessageMissing: settled, nothing to retry).
    effectFailed: (event) =>
      logger.error(
        SETTLED_EFFECT_ERRORS.has(event.error)
          ? 'Lifecycle effect could not be carried out; settled (nothing a retry could send)'
          : 'Lifecycle effect failed; it will be retried',
        event,
      ),
    effectSuperseded: (event) => logger.info('Lifecycle effect overtaken by a later transition: settled unsent', event),
    historyCompacted: (event) => logger.warn('Case history folded: the case item neared its size limit', event),
    noticesDropped: (event) => logger.warn('Staff notices not stored: mail already waits on the case', event),
    surveyRecorded: ({ protocol, score }) => {
      count(METRIC.surveyAnswers, { score: String(score) });
      logger.info('Survey answer recorded', { protocol });
    },
  };
}
