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

  // A received mail's Message-ID is a stranger's text: 100,000 '>' not ending it took ~7 s before.
  it.each([
    ['a run of > inside', `<a@b${'>'.repeat(100_000)}x>`, `a@b${'>'.repeat(100_000)}x`],
    ['a run of > at the end', `<a@b${'>'.repeat(100_000)}`, 'a@b'],
  ])('reads %s in one pass', (_, id, expected) => {
    const started = performance.now();
    expect(normaliseMessageId(id)).toBe(expected);
    expect(performance.now() - started).toBeLessThan(500);
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
