import { describe, expect, it } from 'vitest';
import { CASE_STATUSES } from '../../../../shared/domain/case';
import {
  ALL_GSIS,
  ALL_KEY_ATTRIBUTES,
  addressOfSenderGsiPk,
  GSI,
  pendingSenderPk,
  senderGsiPk,
  statusGsiPk,
  TABLE_KEYS,
} from '../../../../shared/adapters/dynamo/table-design';

describe('table design', () => {
  it('one status partition per case status, distinct', () => {
    const keys = CASE_STATUSES.map(statusGsiPk);
    expect(new Set(keys).size).toBe(CASE_STATUSES.length);
    expect(statusGsiPk('QUARANTINED')).toBe('STATUS#QUARANTINED');
  });

  // A data-subject request reads both families of the sender index back to their addresses.
  it.each([
    ['case', senderGsiPk('Contato@EletroPonto.com.br'), 'SENDER#contato@eletroponto.com.br'],
    ['pending post', pendingSenderPk(' Contato@EletroPonto.com.br '), 'PENDINGSENDER#contato@eletroponto.com.br'],
  ])('the sender index’s %s partition reads back to its address', (_family, pk, expected) => {
    expect(pk).toBe(expected);
    expect(addressOfSenderGsiPk(pk)).toBe('contato@eletroponto.com.br');
  });

  it('every key attribute once; the indexes project no key of their own again and never the message text', () => {
    expect(new Set(ALL_KEY_ATTRIBUTES).size).toBe(ALL_KEY_ATTRIBUTES.length);
    expect(ALL_KEY_ATTRIBUTES.slice(0, 2)).toEqual([TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey]);
    expect(ALL_GSIS).toEqual(Object.values(GSI));
    for (const index of ALL_GSIS) {
      const projected: readonly string[] = index.nonKeyAttributes;
      expect(new Set(projected).size, index.indexName).toBe(projected.length);
      // A key of one index may be projected by another (`protocol`: DynamoDB allows it, aws/aws-cdk#7075).
      const own = [TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey, index.partitionKey, index.sortKey];
      for (const key of own) if (key) expect(projected, index.indexName).not.toContain(key);
      for (const key of ALL_KEY_ATTRIBUTES.filter((k) => k.startsWith('gsi'))) {
        expect(projected, index.indexName).not.toContain(key);
      }
      for (const heavy of ['messages', 'firstMessage', 'text', 'reply', 'messageIds']) {
        expect(projected, index.indexName).not.toContain(heavy);
      }
    }
  });

  it('finds a case by its protocol through a keys-only index on the attribute the case already has', () => {
    expect(GSI.byProtocol).toMatchObject({ partitionKey: 'protocol', nonKeyAttributes: [] });
    expect(GSI.byProtocol).not.toHaveProperty('sortKey');
    expect(ALL_KEY_ATTRIBUTES).toContain('protocol');
  });

  it('stays within DynamoDB’s limit of 100 projected attributes across the indexes', () => {
    const total = ALL_GSIS.reduce((n, index) => n + index.nonKeyAttributes.length, 0);
    expect(total).toBeLessThanOrEqual(100);
  });
});
