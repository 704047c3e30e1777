import { describe, expect, it } from 'vitest';
import { normaliseMessageId, randomMessageId } from '../../../shared/domain/message-id';

describe('randomMessageId', () => {
  it('is random, in our (lower-cased) domain, without angle brackets', () => {
    const ids = new Set(Array.from({ length: 200 }, () => randomMessageId('Ouvidoria.Example.com.br')));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]{22}\.[a-z0-9]+@ouvidoria\.example\.com\.br$/);
  });

  it('carries no protocol or case id (nothing a stranger could guess)', () => {
    expect(randomMessageId('x.com')).not.toMatch(/OUV|email:|webform:/i);
  });
});

describe('normaliseMessageId', () => {
  it.each([
    ['<abc@x.com>', 'abc@x.com'],
    ['  <abc@x.com>  ', 'abc@x.com'],
    ['<<abc@x.com>>', 'abc@x.com'],
    ['abc@x.com', 'abc@x.com'],
    ['< abc@x.com >', 'abc@x.com'],
    ['<>', ''],
    ['', ''],
  ])('%j → %j', (id, expected) => {
    expect(normaliseMessageId(id)).toBe(expected);
  });
});
