import { configBundleDefine, ENV } from '../../shared/runtime-env';
import { join } from 'node:path';
import { CfnResource, type Duration, type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Charset, LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { tracerBundleDefine } from '../../shared/adapters/tracing';
import { PACKAGE_STUBS } from '../bundle-stubs';

/** Repository root: entries, the lockfile and tsconfig.json are resolved from here. */
export const PROJECT_ROOT = join(import.meta.dirname, '..', '..');

/**
 * ESM output keeps top-level await and lets esbuild pick the SDK's ESM builds (better tree-shaking).
 * mailparser and its dependencies are CommonJS and call require() on Node built-ins; an ESM bundle has
 * no `require`, so the banner creates one (otherwise: "Dynamic require of "stream" is not supported").
 */
const ESM_REQUIRE_BANNER =
  "import { createRequire as __ouvCreateRequire } from 'node:module';const require = __ouvCreateRequire(import.meta.url);";

export interface OuvidoriaFunctionProps {
  /** Handler file relative to the repository root, e.g. functions/email-intake/handler.ts. */
  readonly entry: string;
  /** Powertools service name (the `service` dimension of the custom metrics). */
  readonly serviceName: string;
  readonly description: string;
  readonly memorySize: number;
  readonly timeout: Duration;
  readonly environment: Record<string, string>;
  readonly logRetentionDays: number;
  readonly logLevel: string;
  readonly removalPolicy: RemovalPolicy;
  readonly xrayTracing: boolean;
  /** The environment's custom-metric namespace (names.ts, metricsNamespaceOf): POWERTOOLS_METRICS_NAMESPACE. */
  readonly metricsNamespace: string;
  readonly reservedConcurrentExecutions?: number;
  /**
   * `--enable-source-maps` at run time (default true). Node reads and parses the whole .map before
   * the handler runs: the "Module load" rows of bench/results.md give each function's load with and
   * without the flag (the maps carry no sources, which took about 40 ms of the email-intake's cost).
   * Decision: on for the asynchronous functions (no one waits on their cold start; a readable stack
   * trace of a failed mail is worth more), off for the webform, the console and its authorizer, where
   * a person waits on the cold start of an HTTP request. The .map still ships in every asset, so a
   * minified trace can be mapped back offline (e.g. `npx source-map-cli` against cdk.out's asset).
   */
  readonly runtimeSourceMaps?: boolean;
}

/**
 * One Lambda function as every function of the product is built: Node.js 24 on arm64, one minimal
 * esbuild bundle (minified, with source maps), its own log group with retention, and its own role
 * with no managed policy: logging is granted on its log group only, everything else by the stack.
 */
export class OuvidoriaFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  /** It reads the runtime configuration (ENV.config): the stack adds what only deploy knows beside it. */
  readonly readsConfig: boolean;
  /** The sealed configuration JSON its bundle carries (given as ENV.config), if any. */
  readonly bundledConfig?: string;

  constructor(scope: Construct, id: string, props: OuvidoriaFunctionProps) {
    super(scope, id);
    // The configuration goes into the bundle, not the environment (BUNDLED_CONFIG: Lambda's 4 KB
    // cap would be reached as it grows), and with it its seal: the bundle holds what synth validated.
    const { [ENV.config]: bundledConfig, [ENV.configSeal]: _seal, ...environment } = props.environment;
    this.readsConfig = bundledConfig !== undefined;
    if (bundledConfig !== undefined) this.bundledConfig = bundledConfig;

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetentionDays as logs.RetentionDays,
      removalPolicy: props.removalPolicy,
    });

    // A role without AWSLambdaBasicExecutionRole (which allows writing to every log group).
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${props.serviceName}`,
    });
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'WriteOwnLogs',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );

    this.function = new NodejsFunction(this, 'Function', {
      entry: join(PROJECT_ROOT, props.entry),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      description: props.description,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      tracing: props.xrayTracing ? lambda.Tracing.ACTIVE : lambda.Tracing.DISABLED,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      environment: {
        ...environment,
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        POWERTOOLS_METRICS_NAMESPACE: props.metricsNamespace,
        POWERTOOLS_LOG_LEVEL: props.logLevel,
        // Powertools Tracer captures the SDK clients only when active tracing is on (shared/adapters/tracing.ts).
        POWERTOOLS_TRACE_ENABLED: String(props.xrayTracing),
        // Stack traces point at the TypeScript sources (the bundle ships its .map file); see runtimeSourceMaps.
        ...(props.runtimeSourceMaps === false ? {} : { NODE_OPTIONS: '--enable-source-maps' }),
      },
      bundling: {
        format: OutputFormat.ESM,
        banner: ESM_REQUIRE_BANNER,
        mainFields: ['module', 'main'],
        target: 'node24',
        minify: true,
        sourceMap: true,
        // Stack traces need the mappings, not the sources: without them the .map is about a third of
        // the size, and Node parses it at load wherever --enable-source-maps is on (bench/results.md).
        sourcesContent: false,
        charset: Charset.UTF8,
        // aws-cdk-lib 2.276 documents `charset` but never passes it to esbuild (its argument list has
        // no --charset): without this, pt-BR text is \u-escaped and email-intake grows by ~250 KB.
        // `--alias`: packages replaced by a stub (infra/bundle-stubs): mailparser's linkify-it and its
        // list of domains, built at every cold start for links the product never makes (~10 ms).
        esbuildArgs: {
          '--charset': 'utf8',
          '--alias': Object.entries(PACKAGE_STUBS).map(([name, stub]) => `${name}=./${stub}`),
        },
        // Errors only: the bundle sizes are measured by npm run bench, not printed at every synth.
        logLevel: LogLevel.ERROR,
        // Without active tracing the Powertools Tracer and the X-Ray SDK are not bundled at all.
        define: {
          ...tracerBundleDefine(props.xrayTracing),
          ...(bundledConfig === undefined ? {} : configBundleDefine(bundledConfig)),
        },
        // The SDK clients are bundled at the versions pinned in package-lock.json, instead of whatever
        // SDK the Lambda runtime ships that week: tests and production run the same client code,
        // and tree-shaking keeps only the commands each function uses.
        bundleAwsSDK: true,
      },
    });

    // Checked once every construct has added its variables (the stack and several constructs do).
    this.node.addValidation({ validate: () => environmentProblems(this.function) });

    if (props.xrayTracing) {
      Validations.of(this.role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'Active tracing adds xray:PutTraceSegments and xray:PutTelemetryRecords, which support no resource-level permissions.',
      });
    }
  }
}

/** Lambda's cap on a function's environment: names and values of all its variables together. */
export const LAMBDA_ENVIRONMENT_BYTES = 4096;

/**
 * Room every function's environment keeps under that cap, for dev, staging and a production-sized
 * configuration (test/infra/function-environment.test.ts): about eight more resource references.
 * Synth fails only at the cap; the tests fail at the margin, long before a deploy could.
 */
export const ENVIRONMENT_HEADROOM_BYTES = 1024;

/**
 * The longest value a reference resolves to at deploy time, by the type of resource it names (a
 * queue's Ref is its URL; generated names are capped: functions and roles at 64 characters, queues
 * at 80, buckets at 63), for the longest region name. Other references count UNRESOLVED_VALUE_BYTES.
 */
const RESOLVED_VALUE_BYTES: Record<string, number> = {
  'AWS::SQS::Queue': 127,
  'AWS::Lambda::Function': 116,
  'AWS::SecretsManager::Secret': 120,
  'AWS::IAM::Role': 89,
  'AWS::S3::Bucket': 63,
  'AWS::Scheduler::ScheduleGroup': 64,
  'AWS::SES::ConfigurationSet': 64,
  'AWS::Cognito::UserPool': 55,
  'AWS::Cognito::UserPoolClient': 128,
  'AWS::Cognito::UserPoolDomain': 63,
};
const UNRESOLVED_VALUE_BYTES = 128;

/** Bytes a resolved template value takes once deployed: literals as they are, references at most. */
function deployedBytes(value: unknown, typeOf: (logicalId: string) => string | undefined): number {
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value !== 'object' || value === null) return Buffer.byteLength(String(value));
  const intrinsic = value as Record<string, unknown>;
  const join = intrinsic['Fn::Join'] as [string, unknown[]] | undefined;
  if (join) return join[1].reduce<number>((sum, part) => sum + deployedBytes(part, typeOf), 0);
  const ref = intrinsic.Ref ?? (intrinsic['Fn::GetAtt'] as unknown[] | undefined)?.[0];
  const type = typeof ref === 'string' ? typeOf(ref) : undefined;
  return (type && RESOLVED_VALUE_BYTES[type]) || UNRESOLVED_VALUE_BYTES;
}

/**
 * Bytes a function's environment takes once deployed (names and values, references at their longest),
 * per variable: what Lambda's 4 KB cap counts.
 */
export function environmentBytes(fn: lambda.Function): Record<string, number> {
  const stack = Stack.of(fn);
  const types = new Map<string, string>();
  for (const c of stack.node.findAll()) {
    if (c instanceof CfnResource) types.set(stack.resolve(c.logicalId) as string, c.cfnResourceType);
  }
  const cfn = fn.node.defaultChild as lambda.CfnFunction;
  const resolved = stack.resolve(cfn.environment) as { variables?: Record<string, unknown> } | undefined;
  const bytes: Record<string, number> = {};
  for (const [name, value] of Object.entries(resolved?.variables ?? {})) {
    bytes[name] = Buffer.byteLength(name) + deployedBytes(value, (id) => types.get(id));
  }
  return bytes;
}

/** The environment's size as deployed (references at their longest); over Lambda's cap, why. */
export function environmentProblems(fn: lambda.Function): string[] {
  const bytes = Object.values(environmentBytes(fn)).reduce((sum, b) => sum + b, 0);
  if (bytes <= LAMBDA_ENVIRONMENT_BYTES) return [];
  return [
    `${fn.node.path}: its environment variables take up to ${bytes} bytes once deployed, over Lambda's ` +
      `${LAMBDA_ENVIRONMENT_BYTES}: pass fewer or shorter variables (names rather than ARNs, or one JSON variable).`,
  ];
}
