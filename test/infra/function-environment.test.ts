/**
 * Lambda refuses a function whose environment variables take more than 4 KB (names and values). Every
 * function of the stack keeps ENVIRONMENT_HEADROOM_BYTES under that cap, references counted at their
 * longest, for each environment we ship and for a production-sized configuration: the longest
 * realistic values (a long domain and links, a 40-character environment name, ten on-call addresses,
 * a pinned account, a longer region, tracing on, closed days of two years).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app';
import { CONFIG_DIR, loadDeploymentConfig, parseDeploymentConfig } from '../../infra/config';
import {
  ENVIRONMENT_HEADROOM_BYTES,
  environmentBytes,
  LAMBDA_ENVIRONMENT_BYTES,
  OuvidoriaFunction,
} from '../../infra/constructs/ouvidoria-function';
import { ENV } from '../../shared/runtime-env';

const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] };
const staging = JSON.parse(readFileSync(join(CONFIG_DIR, 'staging.json'), 'utf8')) as Record<string, unknown>;

const DOMAIN = 'ouvidoria.atendimento-lojistas.plataforma-exemplo.com.br';
const SITE = 'https://ajuda.plataforma-exemplo.com.br/hc/pt-br';
/** Every closed day of two years: far more than an office lists, so the growth has a bound to beat. */
const closedDays = Array.from({ length: 730 }, (_, i) => new Date(Date.UTC(2027, 0, 1 + i)).toISOString().slice(0, 10));
const productionSized = parseDeploymentConfig({
  ...staging,
  account: '123456789012',
  region: 'ap-southeast-2',
  domain: DOMAIN,
  ombudsmanAddresses: [`ouvidoria@${DOMAIN}`, `ouvidoria.lojistas@${DOMAIN}`, `denuncias@${DOMAIN}`],
  fromAddress: `ouvidoria@${DOMAIN}`,
  fromName: 'Ouvidoria da Plataforma Exemplo — Atendimento ao Lojista',
  webformOrigin: `https://${DOMAIN}`,
  links: {
    supportCentre: `${SITE}/categories/360001234567-central-de-atendimento-ao-lojista`,
    openTicket: `${SITE}/requests/new?ticket_form_id=360001234567&utm_source=ouvidoria`,
    knowledgeBase: `${SITE}/sections/360007654321-base-de-conhecimento-do-lojista`,
    billingKnowledgeBase: `${SITE}/sections/360007654322-planos-faturas-e-pagamentos`,
    statusPage: 'https://status.plataforma-exemplo.com.br/historico-de-incidentes',
    sales: 'https://www.plataforma-exemplo.com.br/fale-com-o-time-comercial',
    privacyPolicy: 'https://www.plataforma-exemplo.com.br/politica-de-privacidade-e-protecao-de-dados',
  },
  calendar: { country: 'BR', extraClosedDays: closedDays, closedOnCarnival: true, closedOnAshWednesday: true },
  lifecycle: { supervisorIds: ['sofia.ramos', 'marcos.vinicius', 'ana.carolina'] },
  alarmEmails: Array.from({ length: 10 }, (_, i) => `plantao-ouvidoria-${i + 1}@plataforma-exemplo.com.br`),
  zendeskSubdomain: 'plataforma-exemplo-atendimento-ao-lojista',
  staff: [
    { id: 'ana.carolina', name: 'Ana Carolina Souza', email: 'ana.souza@plataforma-exemplo.com.br' },
    { id: 'marcos.vinicius', name: 'Marcos Vinícius Pereira', email: 'marcos.pereira@plataforma-exemplo.com.br' },
    { id: 'sofia.ramos', name: 'Sofia Ramos', email: 'sofia.ramos@plataforma-exemplo.com.br' },
  ],
  retainData: true,
  monthlyBudgetUsd: 500,
  xrayTracing: true,
});

function environments(env: string, config = loadDeploymentConfig(env)) {
  const { stack } = buildApp({ context: { ...NO_BUNDLING, env }, config, nag: false });
  return stack.node
    .findAll()
    .filter((c): c is OuvidoriaFunction => c instanceof OuvidoriaFunction)
    .map((fn) => {
      const bytes = environmentBytes(fn.function);
      return {
        path: fn.node.path,
        fn,
        names: Object.keys(bytes),
        total: Object.values(bytes).reduce((sum, b) => sum + b, 0),
      };
    });
}

describe("every function's environment under Lambda's 4 KB, with room", () => {
  it.each([
    { name: 'dev', env: 'dev', config: undefined },
    { name: 'staging', env: 'staging', config: undefined },
    {
      name: 'a production-sized configuration',
      env: 'producao-atendimento-ao-lojista-sudeste',
      config: productionSized,
    },
  ])(
    '$name',
    ({ env, config }) => {
      const functions = environments(env, config);
      expect(functions.length).toBeGreaterThanOrEqual(10);
      const over = functions
        .filter((f) => f.total > LAMBDA_ENVIRONMENT_BYTES - ENVIRONMENT_HEADROOM_BYTES)
        .map((f) => `${f.path}: ${f.total} bytes`);
      expect(over).toEqual([]);
      // The configuration is in each bundle, not the environment: it can grow without nearing the cap.
      const configured = functions.filter((f) => f.fn.readsConfig);
      expect(configured.length).toBeGreaterThanOrEqual(8);
      for (const f of configured) {
        expect(f.names, f.path).not.toContain(ENV.config);
        expect(f.names, f.path).not.toContain(ENV.configSeal);
        expect(JSON.parse(f.fn.bundledConfig as string).domain, f.path).toBe(
          (config ?? loadDeploymentConfig(env)).domain,
        );
      }
    },
    120_000,
  );
});

describe('synth stops a function over the cap, naming it', () => {
  it.each([
    { name: '30 queue URLs (~4.3 KB)', count: 30, fails: true },
    { name: '20 queue URLs (~2.9 KB)', count: 20, fails: false },
  ])('$name', ({ count, fails }) => {
    const app = new App({ context: NO_BUNDLING });
    const stack = new Stack(app, 'Limite', { env: { account: '123456789012', region: 'sa-east-1' } });
    const queues = Array.from({ length: count }, (_, i) => new sqs.Queue(stack, `Fila${i}`));
    new OuvidoriaFunction(stack, 'Triagem', {
      entry: 'functions/email-intake/handler.ts',
      serviceName: 'triagem',
      description: 'triagem',
      memorySize: 128,
      timeout: Duration.seconds(3),
      environment: Object.fromEntries(queues.map((q, i) => [`FILA_${i}_URL`, q.queueUrl])),
      logRetentionDays: 7,
      logLevel: 'INFO',
      removalPolicy: RemovalPolicy.DESTROY,
      metricsNamespace: 'Ouvidoria/test',
      xrayTracing: false,
    });
    const synth = () => app.synth();
    if (fails)
      expect(synth).toThrow(
        /Limite\/Triagem\/Function: its environment variables take up to \d+ bytes .* over Lambda's 4096/,
      );
    else expect(synth).not.toThrow();
  });
});
