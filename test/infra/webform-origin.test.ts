import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app';
import { loadDeploymentConfig, sealedRuntimeConfigOf } from '../../infra/config';
import type { OuvidoriaStack } from '../../infra/ouvidoria-stack';
import { settingsFromEnv } from '../../shared/composition/settings';
import { configSeal } from '../../shared/domain/config';
import { ENV } from '../../shared/runtime-env';

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
    const configured = Object.entries(functions).filter(([, f]) => f.Properties.Environment?.Variables?.[ENV.config]);
    expect(configured.length).toBeGreaterThanOrEqual(9);
    const expected = sealedRuntimeConfigOf(loadDeploymentConfig('staging'));
    for (const [id, f] of configured) {
      const vars = f.Properties.Environment?.Variables as Record<string, unknown>;
      expect(vars[ENV.webformOrigin], id).toEqual(API_ENDPOINT());
      const json = vars[ENV.config] as string;
      expect(JSON.parse(json), id).toEqual(expected);
      expect(JSON.parse(json)).not.toHaveProperty('webformOrigin');
      expect(vars[ENV.configSeal]).toBe(configSeal(json));
    }
    // The functions that read no configuration (authorizer, custom resources) get nothing.
    const others = Object.values(functions).filter((f) => !f.Properties.Environment?.Variables?.[ENV.config]);
    expect(others.filter((f) => f.Properties.Environment?.Variables?.[ENV.webformOrigin])).toEqual([]);
  });

  it('a function reads the address it was given as its origin (sealed JSON read as is, origin checked)', () => {
    const [, f] = Object.entries(functions).find(([id]) => id.startsWith('EmailIntakeFunction')) ?? [];
    const vars = f?.Properties.Environment?.Variables as Record<string, unknown>;
    const origin = 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com';
    const env = { [ENV.config]: vars[ENV.config] as string, [ENV.configSeal]: vars[ENV.configSeal] as string };
    const settings = settingsFromEnv({ ...env, [ENV.webformOrigin]: origin, [ENV.tableName]: 't' });
    expect(settings.config.webformOrigin).toBe(origin);
    expect(() => settingsFromEnv({ ...env, [ENV.tableName]: 't' })).toThrow(/webformOrigin/);
    expect(() => settingsFromEnv({ ...env, [ENV.webformOrigin]: 'javascript:alert(1)', [ENV.tableName]: 't' })).toThrow(
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
