import { describe, expect, it } from 'vitest';
import { canonicalize } from '../../../../shared/domain/eligibility/engine';
import {
  AS_A_REMEDY,
  NO_TICKET_OPENED,
  ON_BEHALF,
  OWN_MATTER,
  PHRASE_REWRITES,
  REACTS_TO_FORWARD,
  eligibilityRules,
  rulesById,
  ruleById,
} from '../../../../shared/domain/eligibility/rules';
import { normalize } from '../../../../shared/domain/text';

describe('rules as data', () => {
  it('have unique ids and phrases only on text rules', () => {
    expect(rulesById().size).toBe(eligibilityRules().length);
    for (const rule of eligibilityRules()) {
      expect(rule.id).toMatch(/^[a-z]+(\.[a-z-]+)+$/);
      if (rule.trigger === 'signal') expect(rule.phrases).toHaveLength(0);
      else expect(rule.phrases.length).toBeGreaterThan(0);
    }
  });

  it('include the ids named by the specification', () => {
    for (const id of [
      'quarantine.spam',
      'client.not-a-client.text',
      'scope.commercial.discount',
      'scope.feature.request',
      'ticket.valid',
      'ticket.unverified',
      'ticket.invalid',
      'topic.access.blocked-user',
      'topic.access.domain-frozen',
      'topic.billing.invoice',
      'ticket.none',
    ]) {
      expect(rulesById().has(id), id).toBe(true);
    }
    expect(() => ruleById('no.such-rule')).toThrow(/Unknown eligibility rule/);
  });

  it('are written normalised: the engine reads each phrase and rewrite as written', () => {
    const phrases = eligibilityRules().flatMap((rule) => [
      ...rule.phrases,
      ...(rule.requires ?? []),
      ...(rule.unless ?? []),
      ...(rule.unlessInMessage ?? []),
      ...(rule.requiresInMessage ?? []),
      ...(rule.unlessInClause ?? []),
      ...(rule.unlessExceptIn ?? []),
      ...(rule.unlessYieldsAfter?.after ?? []),
      ...(rule.unlessYieldsAfter?.yielding ?? []),
    ]);
    // ON_BEHALF, NO_TICKET_OPENED, AS_A_REMEDY, REACTS_TO_FORWARD and OWN_MATTER too: the engine reads them as rule phrases.
    const lists = [...ON_BEHALF(), ...NO_TICKET_OPENED(), ...AS_A_REMEDY(), ...REACTS_TO_FORWARD(), ...OWN_MATTER()];
    for (const phrase of [...phrases, ...PHRASE_REWRITES().map(([from]) => from), ...lists]) {
      expect(normalize(phrase), phrase).toBe(phrase);
    }
  });

  it('are written as the canonicaliser leaves the text (a phrase it would rewrite never matches)', () => {
    // Gaps and prefix words ("cobr*") stand for words the canonicaliser does not read.
    const words = (phrase: string) =>
      normalize(phrase)
        .split(' ')
        .map((w) => (w.includes('*') ? 'gap' : w))
        .join(' ');
    for (const rule of eligibilityRules()) {
      for (const phrase of [
        ...rule.phrases,
        ...(rule.requires ?? []),
        ...(rule.unless ?? []),
        ...(rule.unlessInMessage ?? []),
        ...(rule.requiresInMessage ?? []),
        ...(rule.unlessInClause ?? []),
        ...(rule.unlessExceptIn ?? []),
        ...(rule.unlessYieldsAfter?.after ?? []),
        ...(rule.unlessYieldsAfter?.yielding ?? []),
      ]) {
        expect(canonicalize(words(phrase)), `${rule.id}: ${phrase}`).toBe(words(phrase));
      }
    }
    for (const phrase of [...REACTS_TO_FORWARD(), ...OWN_MATTER(), ...NO_TICKET_OPENED()]) {
      expect(canonicalize(words(phrase)), phrase).toBe(words(phrase));
    }
  });
});
