import { describe, expect, it } from 'vitest';
import { CASE_STATUSES } from '../../../../shared/domain/case';
import { ALL_KEY_ATTRIBUTES, GSI, statusGsiPk, TABLE_KEYS } from '../../../../shared/adapters/dynamo/table-design';

describe('table design', () => {
  it('one status partition per case status, distinct', () => {
    const keys = CASE_STATUSES.map(statusGsiPk);
    expect(new Set(keys).size).toBe(CASE_STATUSES.length);
    expect(statusGsiPk('QUARANTINED')).toBe('STATUS#QUARANTINED');
  });

  it('every key attribute once; the indexes project no key attribute again and never the message text', () => {
    expect(new Set(ALL_KEY_ATTRIBUTES).size).toBe(ALL_KEY_ATTRIBUTES.length);
    expect(ALL_KEY_ATTRIBUTES.slice(0, 2)).toEqual([TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey]);
    for (const index of Object.values(GSI)) {
      const projected: readonly string[] = index.nonKeyAttributes;
      expect(new Set(projected).size, index.indexName).toBe(projected.length);
      for (const key of ALL_KEY_ATTRIBUTES) expect(projected, index.indexName).not.toContain(key);
      for (const heavy of ['messages', 'firstMessage', 'text', 'reply', 'messageIds']) {
        expect(projected, index.indexName).not.toContain(heavy);
      }
    }
  });

  it('stays within DynamoDB’s limit of 100 projected attributes across the indexes', () => {
    const total = Object.values(GSI).reduce((n, index) => n + index.nonKeyAttributes.length, 0);
    expect(total).toBeLessThanOrEqual(100);
  });
});
