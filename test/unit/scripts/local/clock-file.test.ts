import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCAL_DATA_DIR, localDataDir } from '../../../../scripts/local/clock-file';

// npm start ignored LOCAL_DATA_DIR while titular, report and invoke honoured it (newcomer 48): a second
// stack started beside the first wrote into the first one's folder.
describe('localDataDir: one folder for npm start and every script that reads the stack', () => {
  it.each([
    ['no variable: the repository’s .local', {}, DEFAULT_LOCAL_DATA_DIR],
    [
      'a relative folder: from where npm was run',
      { LOCAL_DATA_DIR: '.local-b', INIT_CWD: '/srv/ouvidoria' },
      '/srv/ouvidoria/.local-b',
    ],
    ['an absolute folder', { LOCAL_DATA_DIR: '/tmp/pilha-2', INIT_CWD: '/srv/ouvidoria' }, '/tmp/pilha-2'],
    ['an empty variable: the default', { LOCAL_DATA_DIR: '' }, DEFAULT_LOCAL_DATA_DIR],
  ])('%s', (_label, env, expected) => {
    expect(localDataDir(env)).toBe(expected);
  });
});
