import { describe, expect, it } from 'vitest';
import { humanSize } from '../../../shared/domain/byte-size';

describe('humanSize', () => {
  it.each<[number, string]>([
    [0, '0 bytes'],
    [1, '1 byte'],
    [98, '98 bytes'],
    [820, '820 bytes'],
    [1023, '1023 bytes'],
    [1024, '1 KB'],
    [1536, '1,5 KB'],
    [12 * 1024, '12 KB'],
    [123_456, '120,6 KB'],
    [1024 * 1024 - 1, '1 MB'],
    [1.5 * 1024 * 1024, '1,5 MB'],
    [9 * 1024 * 1024, '9 MB'],
    [12.5 * 1024 * 1024, '12,5 MB'],
    [25 * 1024 * 1024, '25 MB'],
    [3 * 1024 ** 3, '3 GB'],
    [-1, 'tamanho desconhecido'],
    [Number.NaN, 'tamanho desconhecido'],
  ])('%d → %s', (bytes, expected) => {
    expect(humanSize(bytes)).toBe(expected);
  });
});
