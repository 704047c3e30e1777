/**
 * Every deployed function must start from the environment the stack gives it: its settings parse
 * and its composition root builds. A function whose settings name something it was not given fails
 * at cold start on AWS, where no other test runs it (assignment, ses-feedback, requeue-stale,
 * lifecycle-timer and monthly-report once did, asking for Zendesk settings they never use).
 * CloudFormation values (Ref, GetAtt, Join) stand in as plausible literals; no AWS call is made.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { Template } from 'aws-cdk-lib/assertions';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app';
import { OuvidoriaFunction } from '../../infra/constructs/ouvidoria-function';
import { buildAssignmentDeps } from '../../shared/composition/assignment';
import { buildAttachmentScanDeps } from '../../shared/composition/attachment-scan';
import { buildConsoleDeps } from '../../shared/composition/console';
import {
  buildEmailIntakeDeps,
  buildPoisonMailDeps,
  buildQuarantineReleaseDeps,
} from '../../shared/composition/email-intake';
import { buildLifecycleDeps } from '../../shared/composition/lifecycle';
import { buildReportDeps } from '../../shared/composition/report';
import { buildRequeueStaleDeps } from '../../shared/composition/requeue-stale';
import { buildFeedbackDeps } from '../../shared/composition/ses-feedback';
import { must, type Settings, settingsFromEnv } from '../../shared/composition/settings';
import { buildWebformSite } from '../../shared/composition/webform-site';
import { BUNDLED_CONFIG, configBundleDefine, ENV } from '../../shared/runtime-env';

const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] };
type Env = Record<string, string>;

/** What each function's handler builds from settingsFromEnv, by the logical id's start. */
const COMPOSITION: Record<string, (settings: Settings, env: Env) => Promise<unknown>> = {
  EmailIntakeFunction: async (s) => {
    const service = await buildEmailIntakeDeps(s);
    buildQuarantineReleaseDeps(s, service);
    buildPoisonMailDeps(s, service);
    return must(s.rawMail, 'rawMail');
  },
  WebformFunction: async (s) => {
    const site = buildWebformSite(s);
    return site.merchant?.();
  },
  ConsoleFunction: (s) => buildConsoleDeps(s),
  AssignmentFunction: (s) => buildAssignmentDeps(s),
  SesFeedbackFunction: async (s) => buildFeedbackDeps(s),
  RequeueStaleFunction: async (s) => buildRequeueStaleDeps(s),
  CaseLifecycleTimerFunction: (s) => buildLifecycleDeps(s),
  AttachmentScanFunction: async (s, env) => buildAttachmentScanDeps(s, env),
  ReportsMonthlyReportFunction: async (s) => buildReportDeps(s),
};

/** A literal in place of a CloudFormation value, shaped like what it stands for. */
function literal(name: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (/USER_POOL_ID$/.test(name)) return 'us-east-1_AbCdEfGhI';
  if (/AUTH_DOMAIN$/.test(name)) return 'https://ouvidoria-dev.auth.us-east-1.amazoncognito.com';
  if (/QUEUE_URL$/.test(name)) return `https://sqs.us-east-1.amazonaws.com/123456789012/${name.toLowerCase()}`;
  if (/ARN$/.test(name)) return `arn:aws:lambda:us-east-1:123456789012:function:${name.toLowerCase()}`;
  return name.toLowerCase().replace(/_/g, '-');
}

let functions: { id: string; env: Env }[];
const secrets = mockClient(SecretsManagerClient);

beforeAll(() => {
  secrets.on(GetSecretValueCommand).resolves({ SecretString: 'k'.repeat(64) });
  const { stack } = buildApp({ context: NO_BUNDLING, nag: false });
  const resources = Template.fromStack(stack).findResources('AWS::Lambda::Function');
  functions = stack.node
    .findAll()
    // The functions that start from settings (the authorizer and custom resources read their own).
    .filter((c): c is OuvidoriaFunction => c instanceof OuvidoriaFunction && c.readsConfig)
    .map((fn) => {
      const id = stack.getLogicalId(fn.function.node.defaultChild as never);
      const vars = (resources[id]?.Properties?.Environment?.Variables ?? {}) as Record<string, unknown>;
      // The configuration esbuild puts in the bundle, here as the variable its define replaces.
      const define = configBundleDefine(fn.bundledConfig as string)[BUNDLED_CONFIG] as string;
      const bundled = { [BUNDLED_CONFIG.slice('process.env.'.length)]: JSON.parse(define) as string };
      return {
        id,
        env: { ...Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, literal(k, v)])), ...bundled },
      };
    });
});

afterAll(() => {
  secrets.restore();
});

describe('each function composes from its deployed environment', () => {
  it('knows how every configured function composes (a new one is added here)', () => {
    const unknown = functions.filter((f) => !Object.keys(COMPOSITION).some((p) => f.id.startsWith(p)));
    expect(unknown.map((f) => f.id)).toEqual([]);
    expect(functions.length).toBe(Object.keys(COMPOSITION).length);
  });

  it.each(Object.keys(COMPOSITION))('%s: settings parse and its composition root builds', async (prefix) => {
    const fn = functions.find((f) => f.id.startsWith(prefix));
    expect(fn, `${prefix} is in the template`).toBeDefined();
    // As on Lambda: the function's variables and the runtime's region, nothing from this machine.
    const env = { ...(fn as { env: Env }).env, AWS_REGION: 'us-east-1' };
    const saved = process.env;
    // Plus the runner's switch for the SDK's Node-22 notice (vitest.config.ts): the clients built
    // here would print it on this Node 20 machine.
    process.env = { ...env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
    try {
      await expect(COMPOSITION[prefix]?.(settingsFromEnv(env), env)).resolves.not.toThrow();
    } finally {
      process.env = saved;
    }
  });

  it('only the intake functions name a ticket directory', () => {
    const named = functions.filter((f) => f.env[ENV.ticketDirectory] !== undefined).map((f) => f.id);
    expect(named.sort()).toEqual([
      expect.stringMatching(/^EmailIntakeFunction/),
      expect.stringMatching(/^WebformFunction/),
    ]);
  });
});
