import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app';
import { loadDeploymentConfig } from '../../infra/config';
import type { OuvidoriaStack } from '../../infra/ouvidoria-stack';

const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] };
let stack: OuvidoriaStack;
let template: Template;
const config = loadDeploymentConfig('dev');
const origin = config.webformOrigin.replace(/\/+$/, '');

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
      Schema: Match.arrayWith([Match.objectLike({ Name: 'staff_id', AttributeDataType: 'String', Mutable: true })]),
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

  it('the webform function knows the pool, the client and the hosted UI; /equipe routes go to it', () => {
    const fn = template.findResources('AWS::Lambda::Function', {
      Properties: {
        Handler: Match.anyValue(),
        Environment: { Variables: Match.objectLike({ CONSOLE_USER_POOL_ID: Match.anyValue() }) },
      },
    });
    const [variables] = Object.values(fn).map((f) => f.Properties.Environment.Variables);
    expect(variables.CONSOLE_USER_POOL_ID).toEqual(ref(stack.staffConsole.userPool));
    expect(variables.CONSOLE_CLIENT_ID).toEqual(ref(stack.staffConsole.client));
    expect(JSON.stringify(variables.CONSOLE_AUTH_DOMAIN)).toContain('amazoncognito.com');
    expect(Object.keys(fn)).toEqual([stack.getLogicalId(stack.webform.function.node.defaultChild as never)]);
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties.RouteKey);
    expect(routes.filter((r: string) => r.includes('/equipe')).sort()).toEqual([
      'GET /equipe',
      'GET /equipe/{proxy+}',
      'POST /equipe',
      'POST /equipe/{proxy+}',
    ]);
  });
});
