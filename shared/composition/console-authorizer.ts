/**
 * The console authorizer's one dependency: the ID-token verifier of the Cognito user pool and app
 * client named by the environment (the stack sets them). Kept apart from ./console.ts so that the
 * authorizer's bundle carries aws-jwt-verify and nothing of the table, SES or SQS.
 */
import { cognitoTokenVerifier } from '../adapters/cognito-token-verifier';
import type { StaffTokenVerifier } from '../console/ports';
import { ENV } from '../runtime-env';

export function buildConsoleAuthorizerVerifier(
  env: Record<string, string | undefined> = process.env,
): StaffTokenVerifier {
  // Not ./settings.ts: it parses the whole office configuration (and brings zod) for two names.
  const required = (name: string) => {
    const value = env[name];
    if (!value) throw new Error(`Missing environment variable ${name}`);
    return value;
  };
  return cognitoTokenVerifier({ userPoolId: required(ENV.consoleUserPoolId), clientId: required(ENV.consoleClientId) });
}
