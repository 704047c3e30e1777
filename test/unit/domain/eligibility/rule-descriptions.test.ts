import { describe, expect, it } from 'vitest';
import { RULE_DESCRIPTIONS, ruleLabel } from '../../../../shared/domain/eligibility/rule-descriptions';
import { eligibilityRules } from '../../../../shared/domain/eligibility/rules';

describe('rule descriptions', () => {
  it('describe every rule, and nothing but the rules', () => {
    expect(Object.keys(RULE_DESCRIPTIONS).sort()).toEqual(
      eligibilityRules()
        .map((r) => r.id)
        .sort(),
    );
  });

  it.each(Object.entries(RULE_DESCRIPTIONS))('%s: one pt-BR sentence or more, ending in a period', (_id, text) => {
    expect(text).toMatch(/^[A-ZÁÉÍÓÚÂÊÔÃÕÇ"“(]/);
    expect(text).toMatch(/[.)]$/);
    expect(text).not.toMatch(/\s{2}|^\s|\s$/);
  });

  it.each([
    ['quarantine.spam', 'O provedor de e-mail classificou a mensagem como spam'],
    ['client.not-a-client.form', 'No formulário, o remetente indicou que ainda não é cliente'],
    // An id no rule has (an older record, a screening step): shown as itself.
    ['topic.removed-long-ago', 'topic.removed-long-ago'],
    // Names an object has by inheritance are not descriptions.
    ['constructor', 'constructor'],
    ['__proto__', '__proto__'],
    ['toString', 'toString'],
  ])('ruleLabel(%s) = %s', (id, label) => {
    expect(ruleLabel(id)).toBe(label);
  });
});
