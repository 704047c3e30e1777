/**
 * Names shared by the stack and its tests: Powertools service names (the `service` metric dimension,
 * set as POWERTOOLS_SERVICE_NAME; a handler that passes its own serviceName to Powertools must use the
 * same value) and the custom metrics the alarms and the dashboard read. The handlers emit them through
 * Powertools metrics (EMF) in the namespace below; shared/adapters/telemetry.ts holds the same names.
 */
export { METRIC, METRICS_NAMESPACE, SERVICE } from '../shared/telemetry-names';

import { METRICS_NAMESPACE } from '../shared/telemetry-names';

/**
 * The CloudWatch namespace of an environment's custom metrics (`Ouvidoria/<env>`): its functions publish
 * there (POWERTOOLS_METRICS_NAMESPACE) and its alarms and dashboard read there. Custom metrics belong to
 * no resource, only to a namespace and dimensions: two environments in one account and region sharing
 * `Ouvidoria` would each alarm on the sum of both (README, Names).
 */
export function metricsNamespaceOf(envName: string): string {
  return `${METRICS_NAMESPACE}/${envName}`;
}

/** Prefix under which the SES receipt rule's S3 action writes raw mail (one definition, shared). */
export { RAW_MAIL_PREFIX } from '../shared/runtime-env';

/**
 * The tag that names the environment on every resource (infra/app.ts), and the cost allocation tag the
 * budget filters on (it must be activated once in the Billing console: README, "Cost guard").
 */
export const ENVIRONMENT_TAG = 'environment';
