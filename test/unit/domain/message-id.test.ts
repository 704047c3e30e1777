import { describe, expect, it } from 'vitest';
import { messageIdPointerKey, normaliseMessageId, randomMessageId } from '../../../shared/domain/message-id';

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

describe('messageIdPointerKey', () => {
  it("gives SES's forms of one id one key, and any other id its normalised self", () => {
    expect(messageIdPointerKey('<0100019a-x@us-east-1.amazonses.com>')).toBe('0100019a-x@amazonses.com');
    expect(messageIdPointerKey('0100019a-x@email.amazonses.com')).toBe('0100019a-x@amazonses.com');
    expect(messageIdPointerKey('0100019a-x@EMAIL.AmazonSES.com')).toBe('0100019a-x@amazonses.com');
    expect(messageIdPointerKey(' <abc@mail.gmail.com> ')).toBe('abc@mail.gmail.com');
    expect(messageIdPointerKey('abc@amazonses.com.evil.example')).toBe('abc@amazonses.com.evil.example');
  });
});
