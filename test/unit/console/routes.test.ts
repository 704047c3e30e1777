import { describe, expect, it } from 'vitest';
import { isConsolePath, isPublicConsoleRequest } from '../../../shared/console/routes';

describe('console routes', () => {
  it.each([
    ['GET', '/equipe', false, true],
    ['HEAD', '/equipe', false, true],
    ['POST', '/equipe', false, false],
    ['GET', '/equipe/callback', false, true],
    ['POST', '/equipe/callback', false, false],
    ['POST', '/equipe/sair', false, true],
    ['GET', '/equipe/sair', false, false],
    ['GET', '/equipe/casos', false, false],
    ['GET', '/equipe/entrar', false, false],
    ['GET', '/equipe/entrar', true, true],
    ['POST', '/equipe/entrar', true, true],
    ['GET', '/equipe/callback/', false, false],
    ['GET', '/equipe/quarentena', true, false],
  ])('%s %s (local: %s) is public: %s', (method, path, local, expected) => {
    expect(isPublicConsoleRequest(method, path, { local })).toBe(expected);
  });

  it('knows its own paths', () => {
    expect(['/equipe', '/equipe/', '/equipe/casos'].every(isConsolePath)).toBe(true);
    expect(['/equipes', '/', '/consulta'].some(isConsolePath)).toBe(false);
  });
});
