import { describe, expect, it } from 'vitest';
import { documentClient } from '../../../shared/adapters/dynamo/client';
import { buildConsoleDeps } from '../../../shared/composition/console';
import type { Settings } from '../../../shared/composition/settings';
import { generateLocalKeySet } from '../../../shared/console/local-keys';
import { localConfigInput, parseConfig } from '../../../shared/domain/config';
import { lifecycleWorld, ROSTER } from '../../support/lifecycle-fakes';

const settings = (overrides: Partial<Settings> = {}): Settings => ({
  config: parseConfig(localConfigInput),
  tableName: 'ouvidoria-test',
  ticketDirectory: { kind: 'table' },
  ...overrides,
});
const client = documentClient({ region: 'us-east-1' });

describe('buildConsoleDeps', () => {
  it('locally: the local sign-in page and the local key set (only when the local stack passes it)', async () => {
    const deps = await buildConsoleDeps(settings(), {
      client,
      lifecycle: lifecycleWorld().deps,
      local: { keys: generateLocalKeySet(), roster: async () => ROSTER },
    });
    expect(deps.signIn.start('')).toEqual({ location: '/equipe/entrar' });
  });

  it('on AWS: the Cognito hosted UI; without its settings the console refuses to build', async () => {
    const lifecycle = lifecycleWorld().deps;
    await expect(buildConsoleDeps(settings(), { client, lifecycle })).rejects.toThrow(/CONSOLE_USER_POOL_ID/);
    const deps = await buildConsoleDeps(
      settings({
        console: {
          userPoolId: 'sa-east-1_Abc',
          clientId: 'c1',
          authDomain: 'https://ouv.auth.sa-east-1.amazoncognito.com',
        },
      }),
      { client, lifecycle },
    );
    expect(deps.signIn.start('').location).toMatch(
      /^https:\/\/ouv\.auth\.sa-east-1\.amazoncognito\.com\/oauth2\/authorize\?/,
    );
    expect(
      await deps.signIn.serve(
        { method: 'GET', rawPath: '/equipe/entrar', headers: {}, isBase64Encoded: false, sourceIp: '1.1.1.1' },
        '/equipe/entrar',
        '',
      ),
    ).toBeNull();
  });
});
