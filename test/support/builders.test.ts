import { describe, expect, it } from 'vitest';
import { intakeComplete } from '../../shared/domain/case';
import { localConfig } from '../../shared/domain/config';
import { decide } from '../../shared/domain/eligibility/engine';
import { rulesById } from '../../shared/domain/eligibility/rules';
import { OUTCOMES } from '../../shared/domain/outcome';
import { aCase, aDecision, aMessage, anAnalyst, aSubmission, BUILDER_RULE_IDS, DECISIONS } from './builders';

describe('test builders', () => {
  it('use only rule ids the engine has', () => {
    expect(BUILDER_RULE_IDS.length).toBeGreaterThan(5);
    expect(BUILDER_RULE_IDS.filter((id) => !rulesById().has(id))).toEqual([]);
  });

  it('have a decision for every outcome, consistent with its outcome', () => {
    for (const outcome of OUTCOMES) {
      expect(DECISIONS[outcome].outcome).toBe(outcome);
      expect(DECISIONS[outcome].ruleIds.length).toBeGreaterThan(0);
    }
  });

  it('build the decision the engine really takes for the default submission', () => {
    expect(decide(aSubmission(), { status: 'valid', number: '48213' }, localConfig)).toEqual(aDecision('ACCEPTED'));
  });

  it('aCase follows the outcome, the channel and the overrides', () => {
    const accepted = aCase();
    expect(accepted).toMatchObject({ status: 'QUEUED', outcome: 'ACCEPTED', caseId: `email:${accepted.sourceId}` });
    expect(accepted.messageIds).toEqual([accepted.messages[0]?.messageId]);
    expect(intakeComplete(accepted)).toBe(false);

    const redirected = aCase({ outcome: 'NOT_A_CLIENT' });
    expect(redirected).toMatchObject({ status: 'REDIRECTED', decision: { outcome: 'NOT_A_CLIENT' } });
    expect(redirected.protocol).toBeUndefined();
    expect(aCase({ outcome: 'QUARANTINED' }).status).toBe('QUARANTINED');

    const web = aCase({ channel: 'webform', sourceId: 'k1', subject: 'Olá' });
    expect(web.caseId).toBe('webform:k1');
    expect(web.messages[0]).toMatchObject({ channel: 'webform', sourceId: 'k1', subject: 'Olá' });
    expect(web.messages[0]).not.toHaveProperty('messageId');
    expect(web.messageIds).toEqual([]);

    expect(aCase({ status: 'ASSIGNED', assignee: 'ana' })).toMatchObject({ status: 'ASSIGNED', assignee: 'ana' });
  });

  it('builders return fresh objects (a test may mutate its own)', () => {
    const a = aCase();
    a.decision.ruleIds.push('x');
    a.messages.push(aMessage());
    expect(aCase().decision.ruleIds).not.toContain('x');
    expect(aCase().messages).toHaveLength(1);
  });

  it('anAnalyst and aSubmission', () => {
    expect(anAnalyst()).toEqual({
      id: 'ana',
      name: 'Ana Souza',
      email: 'ana@ouvidoria.example.com.br',
      active: true,
      openCases: 0,
    });
    expect(anAnalyst({ id: 'bia', openCases: 2 })).toMatchObject({
      email: 'bia@ouvidoria.example.com.br',
      openCases: 2,
    });
    expect(aSubmission({ channel: 'webform', messageId: undefined })).toMatchObject({
      channel: 'webform',
      references: [],
    });
  });
});
