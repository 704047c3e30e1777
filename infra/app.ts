import { App, type AppProps, Tags, Validations } from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks } from 'cdk-nag';
import { holidayTableShortfall } from '../shared/domain/calendar';
import { checkEnvironmentName, type DeploymentConfig, loadDeploymentConfig } from './config';
import { ENVIRONMENT_TAG } from './names';
import { OuvidoriaStack } from './ouvidoria-stack';

/** Context key that picks infra/config/<env>.json: `npx cdk synth -c env=prod`. */
export const ENV_CONTEXT_KEY = 'env';
export const DEFAULT_ENV = 'dev';

export interface BuildAppOptions {
  /** Context for the App (tests: `{ env: 'dev', 'aws:cdk:bundling-stacks': [] }` skips esbuild). */
  readonly context?: Record<string, unknown>;
  /** Use this configuration instead of reading infra/config/<env>.json. */
  readonly config?: DeploymentConfig;
  /** Register cdk-nag's AWS Solutions checks (default true): any unacknowledged finding fails synth. */
  readonly nag?: boolean;
  readonly outdir?: string;
  /** The build's date (default: now), for the holiday table's reach. */
  readonly today?: Date;
}

/**
 * The whole app: one stack per environment, named Ouvidoria-<env>, with cdk-nag as a policy-validation
 * plugin. Region (and optionally account) come from the configuration, so `cdk synth` needs no
 * credentials and does no lookups.
 */
export function buildApp(options: BuildAppOptions = {}): { app: App; stack: OuvidoriaStack; config: DeploymentConfig } {
  const appProps: AppProps = {
    // The flags `cdk init` would write for this aws-cdk-lib version (new-project behaviour, e.g. bucket
    // policies instead of ACLs for server access logs). cdk.json or -c can still override any of them.
    context: { ...cxapi.CURRENTLY_RECOMMENDED_FLAGS, ...options.context },
    ...(options.outdir ? { outdir: options.outdir } : {}),
  };
  const app = new App(appProps);
  const envName = String(app.node.tryGetContext(ENV_CONTEXT_KEY) ?? DEFAULT_ENV);
  // Also with a configuration given in code: the names derived from the environment must deploy.
  checkEnvironmentName(envName);
  // A table that ends too soon would deploy fine and fail at runtime once due dates reach its end.
  const shortfall = holidayTableShortfall(options.today ?? new Date());
  if (shortfall) throw new Error(shortfall);
  const config = options.config ?? loadDeploymentConfig(envName);

  const stack = new OuvidoriaStack(app, `Ouvidoria-${envName}`, {
    config,
    envName,
    env: { region: config.region, ...(config.account ? { account: config.account } : {}) },
    description: `Ouvidoria case system (${envName})`,
  });
  // Dashboards take no tags in CloudFormation's schema (cfn-lint E3002).
  const untaggable = { excludeResourceTypes: ['AWS::CloudWatch::Dashboard'] };
  Tags.of(stack).add('project', 'ouvidoria', untaggable);
  Tags.of(stack).add(ENVIRONMENT_TAG, envName, untaggable);

  if (options.nag ?? true) {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  }
  return { app, stack, config };
}

// Run by the CDK CLI ("app" in cdk.json); the App synthesizes itself when the process exits.
if (process.argv[1] && import.meta.filename === process.argv[1]) {
  buildApp();
}
