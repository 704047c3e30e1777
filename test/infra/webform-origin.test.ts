import { Template } from 'aws-cdk-lib/assertions';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../infra/app';
import { loadDeploymentConfig, sealedRuntimeConfigOf } from '../../infra/config';
import { OuvidoriaFunction } from '../../infra/constructs/ouvidoria-function';
import type { OuvidoriaStack } from '../../infra/ouvidoria-stack';
import { settingsFromEnv } from '../../shared/composition/settings';
import { BUNDLED_CONFIG, configBundleDefine, ENV } from '../../shared/runtime-env';

const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] };

/**
 * A deployment without `webformOrigin` (staging's configuration): the stack serves the form and the
 * console from the HTTP API's own address, so the first deploy works without a second one. The
 * address exists only at deploy: it reaches the functions beside their sealed configuration.
 */
let stack: OuvidoriaStack;
let template: Template;
let functions: Record<string, { Properties: { Environment?: { Variables?: Record<string, unknown> } } }>;
const API_ENDPOINT = () => ({
  'Fn::GetAtt': [stack.getLogicalId(stack.webformApi.api.node.defaultChild as never), 'ApiEndpoint'],
});

afterEach(() => {
  vi.unstubAllEnvs();
});

beforeAll(() => {
  ({ stack } = buildApp({ context: { ...NO_BUNDLING, env: 'staging' }, nag: false }) as { stack: OuvidoriaStack });
  template = Template.fromStack(stack);
  functions = template.findResources('AWS::Lambda::Function') as typeof functions;
}, 180_000);

describe('webformOrigin left out of the deployment configuration', () => {
  it('is staging’s case (the check can fail: dev names its own domain)', () => {
    expect(loadDeploymentConfig('staging').webformOrigin).toBeUndefined();
    expect(loadDeploymentConfig('dev').webformOrigin).toBe('https://ouvidoria.example.com.br');
  });

  it('every function that reads the configuration gets the API’s address beside the sealed JSON, which has none', () => {
    const all = stack.node.findAll().filter((c): c is OuvidoriaFunction => c instanceof OuvidoriaFunction);
    const configured = all.filter((f) => f.readsConfig);
    expect(configured.length).toBeGreaterThanOrEqual(9);
    const expected = sealedRuntimeConfigOf(loadDeploymentConfig('staging'));
    for (const f of configured) {
      const vars = functions[stack.getLogicalId(f.function.node.defaultChild as never)]?.Properties.Environment
        ?.Variables as Record<string, unknown>;
      expect(vars[ENV.webformOrigin], f.node.path).toEqual(API_ENDPOINT());
      // The sealed JSON is in the bundle (BUNDLED_CONFIG), not in the environment.
      expect(vars, f.node.path).not.toHaveProperty(ENV.config);
      expect(JSON.parse(f.bundledConfig as string), f.node.path).toEqual(expected);
      expect(JSON.parse(f.bundledConfig as string)).not.toHaveProperty('webformOrigin');
    }
    // The functions that read no configuration (authorizer, custom resources) get nothing.
    const others = all.filter((f) => !f.readsConfig);
    expect(others.length).toBeGreaterThanOrEqual(1);
    for (const f of others) {
      const vars =
        functions[stack.getLogicalId(f.function.node.defaultChild as never)]?.Properties.Environment?.Variables;
      expect(vars ?? {}, f.node.path).not.toHaveProperty(ENV.webformOrigin);
    }
  });

  it('a function reads the address it was given as its origin (bundled JSON read as is, origin checked)', () => {
    const intake = stack.emailIntake;
    // What esbuild's define puts in the bundle, given here as the variable it replaces.
    const bundled = JSON.parse(configBundleDefine(intake.bundledConfig as string)[BUNDLED_CONFIG] as string);
    vi.stubEnv(BUNDLED_CONFIG.slice('process.env.'.length), bundled);
    const origin = 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com';
    const settings = settingsFromEnv({ [ENV.webformOrigin]: origin, [ENV.tableName]: 't' });
    expect(settings.config.webformOrigin).toBe(origin);
    expect(() => settingsFromEnv({ [ENV.tableName]: 't' })).toThrow(/webformOrigin/);
    expect(() => settingsFromEnv({ [ENV.webformOrigin]: 'javascript:alert(1)', [ENV.tableName]: 't' })).toThrow(
      /webformOrigin/,
    );
  });

  it('the sign-in callback, the upload CORS and the WebformUrl output are that address; the API needs no CORS (same origin)', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: [{ 'Fn::Join': ['', [API_ENDPOINT(), '/equipe/callback']] }],
    });
    const buckets = Object.values(template.findResources('AWS::S3::Bucket')).filter(
      (b) => (b as { Properties: { CorsConfiguration?: unknown } }).Properties.CorsConfiguration,
    );
    expect(buckets.map((b) => JSON.stringify(b))).toEqual([expect.stringContaining(JSON.stringify(API_ENDPOINT()))]);
    const api = Object.values(template.findResources('AWS::ApiGatewayV2::Api'))[0] as { Properties: object };
    expect(api.Properties).not.toHaveProperty('CorsConfiguration');
    expect(JSON.stringify(template.findOutputs('WebformUrl'))).toContain(JSON.stringify(API_ENDPOINT()));
  });
});
