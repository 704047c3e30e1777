import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app';
import { loadDeploymentConfig } from '../../infra/config';
import type { OuvidoriaStack } from '../../infra/ouvidoria-stack';
import { STAFF_ID_MAX } from '../../shared/domain/staff';

const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] };
let stack: OuvidoriaStack;
let template: Template;
const config = loadDeploymentConfig('dev');
const origin = (config.webformOrigin ?? '').replace(/\/+$/, '');

beforeAll(() => {
  ({ stack } = buildApp({ context: NO_BUNDLING, config, nag: false }) as { stack: OuvidoriaStack });
  template = Template.fromStack(stack);
});

const ref = (c: { node: { defaultChild?: unknown } }) => ({ Ref: stack.getLogicalId(c.node.defaultChild as never) });

describe('staff console sign-in (Cognito)', () => {
  it('the user pool: admin-created users only, strong passwords, optional TOTP MFA, custom:staff_id', () => {
    template.resourceCountIs('AWS::Cognito::UserPool', 1);
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Policies: {
        PasswordPolicy: {
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        },
      },
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      // As long as a roster id may be (one rule: STAFF_ID_MAX); Cognito never changes it after creation.
      Schema: Match.arrayWith([
        Match.objectLike({
          Name: 'staff_id',
          AttributeDataType: 'String',
          Mutable: true,
          StringAttributeConstraints: { MinLength: '1', MaxLength: String(STAFF_ID_MAX) },
        }),
      ]),
    });
  });

  it('groups analistas and supervisores', () => {
    for (const GroupName of ['analistas', 'supervisores']) {
      template.hasResourceProperties('AWS::Cognito::UserPoolGroup', {
        GroupName,
        UserPoolId: ref(stack.staffConsole.userPool),
      });
    }
  });

  it('the app client: code flow (PKCE, public client), callback and logout on the webform origin, no write access', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email'],
      CallbackURLs: [`${origin}/equipe/callback`],
      LogoutURLs: [`${origin}/`],
      SupportedIdentityProviders: ['COGNITO'],
      PreventUserExistenceErrors: 'ENABLED',
      ReadAttributes: Match.arrayWith(['custom:staff_id', 'email']),
      WriteAttributes: [],
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: { 'Fn::Join': ['', ['ouvidoria-dev-', { Ref: 'AWS::AccountId' }]] },
    });
  });

  it('the console function alone knows the pool, the client and the hosted UI; /equipe routes go to it', () => {
    const fn = template.findResources('AWS::Lambda::Function', {
      Properties: {
        Handler: Match.anyValue(),
        Environment: { Variables: Match.objectLike({ CONSOLE_AUTH_DOMAIN: Match.anyValue() }) },
      },
    });
    const [variables] = Object.values(fn).map((f) => f.Properties.Environment.Variables);
    expect(variables.CONSOLE_USER_POOL_ID).toEqual(ref(stack.staffConsole.userPool));
    expect(variables.CONSOLE_CLIENT_ID).toEqual(ref(stack.staffConsole.client));
    expect(JSON.stringify(variables.CONSOLE_AUTH_DOMAIN)).toContain('amazoncognito.com');
    expect(Object.keys(fn)).toEqual([stack.getLogicalId(stack.console.function.node.defaultChild as never)]);
    // Every /equipe route (public and protected) integrates the console function, none the webform's.
    const integrations = template.findResources('AWS::ApiGatewayV2::Integration');
    const consoleRoutes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).filter((r) =>
      String(r.Properties.RouteKey).includes(' /equipe'),
    );
    expect(consoleRoutes).toHaveLength(5);
    for (const route of consoleRoutes) {
      const id = route.Properties.Target['Fn::Join'][1][1].Ref as string;
      expect(integrations[id]?.Properties.IntegrationUri).toEqual({
        'Fn::GetAtt': [stack.getLogicalId(stack.console.function.node.defaultChild as never), 'Arn'],
      });
    }
    // API Gateway may invoke it (the console routes' integration).
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [stack.getLogicalId(stack.console.function.node.defaultChild as never), 'Arn'] },
    });
  });
});

describe('staff console authorizer', () => {
  const routes = () =>
    Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties) as Array<{
      RouteKey: string;
      AuthorizationType?: string;
      AuthorizerId?: unknown;
    }>;

  // With an identity source, API Gateway answers a request without it with a bare JSON 401 and calls no
  // one: a fresh browser on a bookmarked case. With none, it must not cache (no key) and calls it every time.
  it('a Lambda authorizer on every request (no identity source, no cache), simple responses', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'REQUEST',
      AuthorizerPayloadFormatVersion: '2.0',
      EnableSimpleResponses: true,
      IdentitySource: Match.absent(),
      AuthorizerResultTtlInSeconds: 0,
      AuthorizerUri: Match.objectLike({
        'Fn::Join': Match.arrayWith([
          Match.arrayWith([
            { 'Fn::GetAtt': [stack.getLogicalId(stack.consoleAuthorizer.function.node.defaultChild as never), 'Arn'] },
          ]),
        ]),
      }),
    });
  });

  it('is on every console route except the entry, the callback and sign-out, and on no public route', () => {
    const all = routes();
    const authorized = all.filter((r) => r.AuthorizationType === 'CUSTOM');
    expect(authorized.map((r) => r.RouteKey).sort()).toEqual(['GET /equipe/{proxy+}', 'POST /equipe/{proxy+}']);
    for (const r of authorized) expect(r.AuthorizerId).toEqual({ Ref: expect.stringContaining('ConsoleAuthorizer') });
    const open = all.filter((r) => r.AuthorizationType !== 'CUSTOM').map((r) => r.RouteKey);
    // The console's public routes serve no data; the rest are the merchant-facing pages and form.
    expect(open.filter((k) => k.includes('/equipe')).sort()).toEqual([
      'GET /equipe',
      'GET /equipe/callback',
      'POST /equipe/sair',
    ]);
    for (const key of ['GET /', 'POST /casos', 'GET /consulta', 'POST /consulta', 'GET /pesquisa'])
      expect(open).toContain(key);
  });

  it('the authorizer function knows only the pool and the client, writes only its logs, and API Gateway alone invokes it', () => {
    const fn = stack.consoleAuthorizer.function;
    const logicalId = stack.getLogicalId(fn.node.defaultChild as never);
    const props = template.findResources('AWS::Lambda::Function')[logicalId]?.Properties;
    // Runtime settings and the two ids: no table, bucket, queue or secret.
    expect(
      Object.keys(props.Environment.Variables)
        .filter((k) => !/^(POWERTOOLS_|NODE_OPTIONS$)/.test(k))
        .sort(),
    ).toEqual(['CONSOLE_CLIENT_ID', 'CONSOLE_USER_POOL_ID']);
    expect(props.Environment.Variables.CONSOLE_USER_POOL_ID).toEqual(ref(stack.staffConsole.userPool));
    expect(props.Environment.Variables).not.toHaveProperty('TABLE_NAME');
    // A person waits on its cold start, as on the webform's: no --enable-source-maps.
    expect(props.Environment.Variables).not.toHaveProperty('NODE_OPTIONS');
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) =>
      JSON.stringify(p.Properties.Roles).includes(
        stack.getLogicalId(stack.consoleAuthorizer.role.node.defaultChild as never),
      ),
    );
    expect(
      policies.flatMap((p) => p.Properties.PolicyDocument.Statement.map((st: { Action: unknown }) => st.Action)),
    ).toEqual([['logs:CreateLogStream', 'logs:PutLogEvents']]);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [logicalId, 'Arn'] },
      SourceArn: Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith(['/authorizers/'])]) }),
    });
  });

  it('sessions last a working day (ID and access tokens 8 h; the roster is checked on every request)', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      IdTokenValidity: 480,
      AccessTokenValidity: 480,
      TokenValidityUnits: Match.objectLike({ IdToken: 'minutes', AccessToken: 'minutes' }),
    });
  });
});
