import { describe, expect, it } from 'vitest';
import { consoleCaseLink, consoleCasePath, safeReturnPath } from '../../../shared/domain/console-link';

describe('console links', () => {
  it('links a case through the entry, which signs in first', () => {
    expect(consoleCaseLink({ webformOrigin: 'https://ouvidoria.example.com.br/' }, 'email:0100019a-b')).toBe(
      'https://ouvidoria.example.com.br/equipe?caso=email%3A0100019a-b',
    );
    expect(consoleCasePath('webform:4f7c2c1e-9d1a-4b61-8c2e-3a1f0e9b7d21')).toBe(
      '/equipe/caso/webform%3A4f7c2c1e-9d1a-4b61-8c2e-3a1f0e9b7d21',
    );
  });

  it.each([['../pessoas'], ['a/b'], ['a?b=1'], [''], ['x'.repeat(201)], ['<script>'], ['caso com espaço']])(
    'is no case path for %j',
    (id) => {
      expect(consoleCasePath(id)).toBeNull();
    },
  );

  it.each([
    ['/equipe/caso/email%3Ases-1', '/equipe/caso/email%3Ases-1'],
    ['/equipe/caso/email:ses-1', '/equipe/caso/email%3Ases-1'],
    ['https://evil.example/equipe/caso/x', null],
    ['//evil.example/equipe/caso/x', null],
    ['/equipe/caso/..%2Fpessoas', null],
    ['/equipe/caso/%2e%2e', null],
    ['/equipe/caso/x?y=1', null],
    ['/equipe/caso/x#y', null],
    ['/equipe/caso/x\\\\evil', null],
    ['/equipe/caso/%E0%A4%A', null],
    ['/equipe/pessoas', null],
    ['/equipe', null],
    ['javascript:alert(1)', null],
    [null, null],
  ])('return path %j → %j', (value, expected) => {
    expect(safeReturnPath(value)).toBe(expected);
  });
});
