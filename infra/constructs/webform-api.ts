import { Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { STATUS_PATH, STATUS_REQUEST_PATH, SURVEY_PATH } from '../../shared/domain/lifecycle/survey';
import { CONFIRM_PATH } from '../../shared/domain/webform-confirmation';

/** Public pages of the merchant's signed links, served by the webform function (no authorizer). */
export const MERCHANT_PAGE_PATHS = [SURVEY_PATH, STATUS_REQUEST_PATH, STATUS_PATH] as const;

export interface WebformApiProps {
  readonly handler: lambda.IFunction;
  /**
   * The only origin allowed by CORS (the page itself is served by GET /, same origin). Absent when
   * the API's own address is the origin: nothing cross-origin to allow.
   */
  readonly allowedOrigin?: string;
  readonly throttle: { rateLimit: number; burstLimit: number };
  readonly logRetentionDays: number;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * The merchant-facing webform: an HTTP API with `GET /` (the page) and `POST /casos` (submissions),
 * both served by the webform function (the staff console adds its /equipe routes, served by the
 * console function: infra/constructs/staff-console.ts). Throttled on the default stage (the per-IP limit is in the
 * application: AWS WAF does not attach to HTTP APIs), CORS limited to the configured origin,
 * access logs in JSON without the client IP or any request content (LGPD; abuse is handled by the
 * application's per-IP counters).
 */
export class WebformApi extends Construct {
  readonly api: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly accessLogs: logs.LogGroup;

  constructor(scope: Construct, id: string, props: WebformApiProps) {
    super(scope, id);

    this.api = new apigw.HttpApi(this, 'Api', {
      description: 'Ouvidoria webform',
      createDefaultStage: false,
      ...(props.allowedOrigin
        ? {
            corsPreflight: {
              allowOrigins: [props.allowedOrigin],
              allowMethods: [apigw.CorsHttpMethod.GET, apigw.CorsHttpMethod.POST],
              allowHeaders: ['content-type', 'idempotency-key'],
              maxAge: Duration.hours(1),
            },
          }
        : {}),
    });

    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.logRetentionDays as logs.RetentionDays,
      removalPolicy: props.removalPolicy,
    });

    this.stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            responseLatency: '$context.responseLatency',
            integrationStatus: '$context.integrationStatus',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });

    const integration = new HttpLambdaIntegration('Webform', props.handler);
    const routes = [
      ...this.api.addRoutes({ path: '/', methods: [apigw.HttpMethod.GET], integration }),
      // The page's progressive enhancement (character counter, double-submit guard), CSP 'self'.
      ...this.api.addRoutes({ path: '/app.js', methods: [apigw.HttpMethod.GET], integration }),
      ...this.api.addRoutes({ path: '/casos', methods: [apigw.HttpMethod.POST], integration }),
      // Presigned upload policies for the form's attachments (issue 19).
      ...this.api.addRoutes({ path: '/anexos', methods: [apigw.HttpMethod.POST], integration }),
      // The confirmation link of a post that cites a ticket (trust hole F1): GET shows its button,
      // POST registers the post. The signed link is the capability.
      ...this.api.addRoutes({
        path: CONFIRM_PATH,
        methods: [apigw.HttpMethod.GET, apigw.HttpMethod.POST],
        integration,
      }),
      // The merchant's signed-link pages (issue 14): the survey (GET shows, POST records) and the
      // status page (ask for a one-time link, open it). The signed link is the capability.
      ...MERCHANT_PAGE_PATHS.flatMap((path) =>
        this.api.addRoutes({ path, methods: [apigw.HttpMethod.GET, apigw.HttpMethod.POST], integration }),
      ),
    ];
    for (const route of routes) {
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'Public ombudsman form and signed-link pages: merchants and non-clients use them without an account (the survey, status and confirmation links are HMAC-signed capabilities). Abuse is limited by stage throttling, the per-IP limit, the honeypot and the open-cases cap in the application.',
      });
    }
  }

  /** Base URL of the API (the `$default` stage has no path). */
  get url(): string {
    return this.api.apiEndpoint;
  }
}
