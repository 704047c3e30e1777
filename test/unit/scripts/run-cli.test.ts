import { describe, expect, it } from 'vitest';
import { cliErrorMessage } from '../../../scripts/run-cli';

describe('cliErrorMessage', () => {
  // Journeys 55: `npm run backfill-case-events` in its AWS form on a machine with no region stopped
  // with the SDK's bare "Region is missing".
  it('says which variable to set when the SDK found no region', () => {
    const message = cliErrorMessage(new Error('Region is missing'));
    expect(message).toContain('Region is missing');
    expect(message).toContain('AWS_REGION=sa-east-1');
    expect(message).toContain('AWS_PROFILE');
  });

  it.each([
    [
      new RangeError('Cursor inválido: use o que a execução anterior imprimiu.'),
      'Cursor inválido: use o que a execução anterior imprimiu.',
    ],
    [new Error('Region is missing in the config'), 'Region is missing in the config'],
    ['texto', 'texto'],
  ])('any other error is its message as it is', (error, expected) => {
    expect(cliErrorMessage(error)).toBe(expected);
  });
});
