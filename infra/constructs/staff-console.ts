import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { wildcardResourceFinding } from '../nag';
import { Construct } from 'constructs';
import { SESSION_HOURS, STAFF_GROUPS } from '../../shared/console/access';
import { PROTECTED_CONSOLE_ROUTES, PUBLIC_CONSOLE_ROUTES } from '../../shared/console/routes';
import { ENV } from '../../shared/runtime-env';
import { STAFF_ID_MAX } from '../../shared/domain/staff';

export interface StaffConsoleProps {
  /** The console function (functions/console): every /equipe route. */
  readonly handler: lambda.Function;
  /** The Lambda authorizer of the protected console routes (functions/console-authorizer). */
  readonly authorizerFunction: lambda.Function;
  readonly api: apigw.HttpApi;
  /** The public origin of the webform/console: callback and logout URLs derive from it. */
  readonly webformOrigin: string;
  /** Hosted UI domain prefix (unique in the region; no "aws", "amazon" or "cognito"). */
  readonly domainPrefix: string;
  readonly removalPolicy: RemovalPolicy;
  /** The quarantine page reads raw mail (as text) from here: s3:GetObject on `<rawMailPrefix>*` only. */
  readonly rawMailBucket: s3.IBucket;
  readonly rawMailPrefix: string;
}

/**
 * Sign-in of the ombudsman team: a Cognito user pool (administrators create the users; no
 * self sign-up), groups `analistas` and `supervisores`, the roster id in `custom:staff_id` (not
 * writable by the user), a strong password policy, optional TOTP MFA; an app client for the hosted
 * UI (authorization code + PKCE, no secret); the `/equipe*` routes: a Lambda authorizer
 * (aws-jwt-verify on the session cookie's ID token) on every one of them but the public entry,
 * callback and sign-out (shared/console/routes.ts); the function verifies the token again.
 */
export class StaffConsole extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  readonly domain: cognito.UserPoolDomain;
  readonly authorizer: HttpLambdaAuthorizer;

  constructor(scope: Construct, id: string, props: StaffConsoleProps) {
    super(scope, id);
    const origin = props.webformOrigin.replace(/\/+$/, '');

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { sms: false, otp: true },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      customAttributes: { staff_id: new cognito.StringAttribute({ minLen: 1, maxLen: STAFF_ID_MAX, mutable: true }) },
      removalPolicy: props.removalPolicy,
      // Kept data is also guarded against a delete by hand (console, CLI), as the table is: the
      // staff's sign-ins (and their MFA) would have to be made again, one by one.
      deletionProtection: props.removalPolicy === RemovalPolicy.RETAIN,
    });
    Validations.of(this.userPool).acknowledge(
      {
        id: 'AwsSolutions-COG2',
        reason:
          'TOTP MFA is offered and recommended to every staff member but optional: the team signs in from shared office machines during onboarding; supervisors can require it per user.',
      },
      {
        id: 'AwsSolutions-COG3',
        reason:
          'Threat protection (advanced security) is a paid feature plan billed per active user; a team of a few admin-created accounts with a strong password policy does not justify it yet.',
      },
      {
        id: 'AwsSolutions-COG8',
        reason:
          'The Plus feature plan only adds threat protection (see COG3) for this pool; the Essentials plan covers the hosted UI, groups and TOTP MFA the staff console uses.',
      },
    );

    for (const [key, groupName] of Object.entries(STAFF_GROUPS)) {
      new cognito.CfnUserPoolGroup(this, key === 'supervisor' ? 'Supervisors' : 'Analysts', {
        userPoolId: this.userPool.userPoolId,
        groupName,
        description: key === 'supervisor' ? 'Ouvidor(a): vê todos os casos' : 'Analistas: seus casos e os sem analista',
        precedence: key === 'supervisor' ? 0 : 10,
      });
    }

    this.client = this.userPool.addClient('ConsoleClient', {
      generateSecret: false,
      authFlows: {},
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL],
        callbackUrls: [`${origin}/equipe/callback`],
        logoutUrls: [`${origin}/`],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(SESSION_HOURS),
      accessTokenValidity: Duration.hours(SESSION_HOURS),
      refreshTokenValidity: Duration.hours(12),
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true })
        .withCustomAttributes('staff_id'),
      // Nobody changes their own roster id (or anything else) through the client.
      writeAttributes: new cognito.ClientAttributes(),
    });

    this.domain = this.userPool.addDomain('HostedUi', { cognitoDomain: { domainPrefix: props.domainPrefix } });

    for (const fn of [props.handler, props.authorizerFunction]) {
      fn.addEnvironment(ENV.consoleUserPoolId, this.userPool.userPoolId);
      fn.addEnvironment(ENV.consoleClientId, this.client.userPoolClientId);
    }
    props.handler.addEnvironment(ENV.consoleAuthDomain, this.domain.baseUrl());

    // Quarantine review: read (never list, write or delete) what SES wrote under inbound/.
    const inbound = props.rawMailBucket.arnForObjects(`${props.rawMailPrefix}*`);
    props.handler.addEnvironment(ENV.rawMailBucket, props.rawMailBucket.bucketName);
    props.handler.addEnvironment(ENV.rawMailPrefix, props.rawMailPrefix);
    const role = props.handler.role;
    if (role) {
      role.addToPrincipalPolicy(
        new iam.PolicyStatement({ sid: 'ReadQuarantinedRawMail', actions: ['s3:GetObject'], resources: [inbound] }),
      );
      Validations.of(role).acknowledge({
        id: wildcardResourceFinding(role, inbound),
        reason:
          'Quarantine review (supervisors): object keys are SES message ids, unknown in advance; the wildcard is confined to the inbound/ prefix of the raw-mail bucket and the action to s3:GetObject.',
      });
    }

    const integration = new HttpLambdaIntegration('Console', props.handler);
    // The cookie carries the session (payload 2.0 authorizers see it). No identity source: with one,
    // API Gateway answers a request without it (a fresh browser on a bookmarked case or a mailed link)
    // with its bare JSON 401 and never calls anyone; without one it calls the authorizer on every
    // request (no cache: a cache needs an identity source as its key), which passes a request with no
    // session on to the function's sign-in. Staff traffic is small; the function verifies anyway.
    this.authorizer = new HttpLambdaAuthorizer('ConsoleAuthorizer', props.authorizerFunction, {
      authorizerName: 'console-session',
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      identitySource: [],
      resultsCacheTtl: Duration.seconds(0),
    });
    const route = (key: string, authorized: boolean) => {
      const [method, path] = key.split(' ') as [keyof typeof apigw.HttpMethod, string];
      for (const added of props.api.addRoutes({
        path,
        methods: [apigw.HttpMethod[method]],
        integration,
        ...(authorized ? { authorizer: this.authorizer } : {}),
      })) {
        if (authorized) continue;
        Validations.of(added).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `Public console route ${key}: it serves no data (the entry only redirects to the list or the sign-in; the callback starts the session; sign-out ends it). Every other /equipe route has the Lambda authorizer.`,
        });
      }
    };
    for (const key of PUBLIC_CONSOLE_ROUTES) route(key, false);
    for (const key of PROTECTED_CONSOLE_ROUTES) route(key, true);
    // The construct writes the empty list; the API's own form of "no identity source" is its absence.
    for (const child of props.api.node.findAll()) {
      if (child instanceof apigw.CfnAuthorizer && child.name === 'console-session') {
        child.addPropertyDeletionOverride('IdentitySource');
      }
    }
  }

  /** Hosted UI prefix of a stack: the environment name and the account, unique per region. */
  static domainPrefixOf(scope: Construct, envName: string): string {
    return `ouvidoria-${envName}-${Stack.of(scope).account}`;
  }
}
