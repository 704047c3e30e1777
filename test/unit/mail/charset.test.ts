import { describe, expect, it } from 'vitest';
import { decodeBestEffort } from '../../../shared/mail/charset';

describe('decodeBestEffort', () => {
  it.each([
    ['valid UTF-8 labelled utf-8', Buffer.from('ação'), 'utf-8', 'ação'],
    ['Latin-1 bytes labelled utf-8', Buffer.from('ação', 'latin1'), 'utf-8', 'ação'],
    ['Latin-1 bytes, unknown label', Buffer.from('ação', 'latin1'), 'x-nada', 'ação'],
    ['windows-1252 quotes', Buffer.from([0x93, 0x4f, 0x69, 0x94]), 'windows-1252', '“Oi”'],
    ['ISO-8859-1 label', Buffer.from('cobrança', 'latin1'), 'ISO-8859-1', 'cobrança'],
  ])('%s', (_name, bytes, charset, expected) => {
    expect(decodeBestEffort(bytes, charset)).toBe(expected);
  });
});
