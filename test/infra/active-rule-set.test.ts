import { describe, expect, it } from 'vitest';
import {
  activeRuleSetInUseMessage,
  applyActivation,
  type CustomResourceEvent,
  parsePhysicalId,
  physicalIdFor,
  type ReceiptRuleSets,
} from '../../infra/custom-resources/active-rule-set';

/** An account's receipt rule sets: which exist, which one is active. */
function account(existing: string[], active?: string): ReceiptRuleSets & { current(): string | undefined } {
  let on = active;
  return {
    current: () => on,
    active: async () => on,
    setActive: async (name) => {
      if (name && !existing.includes(name)) {
        throw Object.assign(new Error(`Rule set does not exist: ${name}`), { name: 'RuleSetDoesNotExistException' });
      }
      on = name;
    },
  };
}

const event = (
  RequestType: CustomResourceEvent['RequestType'],
  RuleSetName: string,
  PhysicalResourceId?: string,
  ReplaceActiveRuleSet?: string,
): CustomResourceEvent => ({
  RequestType,
  ResponseURL: 'https://example.invalid/',
  StackId: 'stack',
  RequestId: 'req',
  LogicalResourceId: 'Activate',
  ResourceProperties: { RuleSetName, ...(ReplaceActiveRuleSet ? { ReplaceActiveRuleSet } : {}) },
  ...(PhysicalResourceId ? { PhysicalResourceId } : {}),
});

/** A create that may switch off the account's "legacy" rule set (replaceActiveRuleSet: "legacy"). */
const createReplacingLegacy = (RuleSetName: string) => event('Create', RuleSetName, undefined, 'legacy');

describe('receipt rule set activation', () => {
  it('round-trips the remembered previous rule set in the physical id', () => {
    expect(parsePhysicalId(physicalIdFor('ouvidoria-dev', 'legacy'))).toEqual({
      ruleSet: 'ouvidoria-dev',
      previous: 'legacy',
    });
    expect(parsePhysicalId(physicalIdFor('ouvidoria-dev', undefined))).toEqual({ ruleSet: 'ouvidoria-dev' });
    expect(parsePhysicalId('2026/01/01/[$LATEST]abc')).toBeUndefined();
  });

  it('create then delete gives back the rule set that was active before', async () => {
    const ses = account(['legacy', 'ouvidoria-dev'], 'legacy');
    const created = await applyActivation(createReplacingLegacy('ouvidoria-dev'), ses);
    expect(ses.current()).toBe('ouvidoria-dev');
    await applyActivation(event('Delete', 'ouvidoria-dev', created.physicalResourceId), ses);
    expect(ses.current()).toBe('legacy');
  });

  it('switches receiving off on delete when nothing was active before', async () => {
    const ses = account(['ouvidoria-dev']);
    const created = await applyActivation(event('Create', 'ouvidoria-dev'), ses);
    await applyActivation(event('Delete', 'ouvidoria-dev', created.physicalResourceId), ses);
    expect(ses.current()).toBeUndefined();
  });

  it('a rename activates the new rule set and keeps the original previous one; the old id deletes nothing', async () => {
    const ses = account(['legacy', 'ouvidoria-a', 'ouvidoria-b'], 'legacy');
    const first = await applyActivation(createReplacingLegacy('ouvidoria-a'), ses);
    const renamed = await applyActivation(event('Update', 'ouvidoria-b', first.physicalResourceId), ses);
    expect(ses.current()).toBe('ouvidoria-b');
    // CloudFormation deletes the old physical id after the update: ours is not active any more.
    await applyActivation(event('Delete', 'ouvidoria-a', first.physicalResourceId), ses);
    expect(ses.current()).toBe('ouvidoria-b');
    await applyActivation(event('Delete', 'ouvidoria-b', renamed.physicalResourceId), ses);
    expect(ses.current()).toBe('legacy');
  });

  it('a rolled-back rename ends with the old rule set active and the same memory', async () => {
    const ses = account(['legacy', 'ouvidoria-a', 'ouvidoria-b'], 'legacy');
    const first = await applyActivation(createReplacingLegacy('ouvidoria-a'), ses);
    const renamed = await applyActivation(event('Update', 'ouvidoria-b', first.physicalResourceId), ses);
    const back = await applyActivation(event('Update', 'ouvidoria-a', renamed.physicalResourceId), ses);
    await applyActivation(event('Delete', 'ouvidoria-b', renamed.physicalResourceId), ses);
    expect(ses.current()).toBe('ouvidoria-a');
    expect(back.physicalResourceId).toBe(first.physicalResourceId);
  });

  it('leaves alone a rule set someone activated after us, and ignores a failed create', async () => {
    const ses = account(['legacy', 'ouvidoria-dev', 'other'], 'legacy');
    const created = await applyActivation(createReplacingLegacy('ouvidoria-dev'), ses);
    await ses.setActive('other');
    await applyActivation(event('Delete', 'ouvidoria-dev', created.physicalResourceId), ses);
    expect(ses.current()).toBe('other');
    await applyActivation(event('Delete', 'ouvidoria-dev', 'failed-req'), ses);
    expect(ses.current()).toBe('other');
  });

  it('switches receiving off when the previous rule set was deleted meanwhile', async () => {
    const existing = ['legacy', 'ouvidoria-dev'];
    const ses = account(existing, 'legacy');
    const created = await applyActivation(createReplacingLegacy('ouvidoria-dev'), ses);
    existing.splice(existing.indexOf('legacy'), 1);
    await applyActivation(event('Delete', 'ouvidoria-dev', created.physicalResourceId), ses);
    expect(ses.current()).toBeUndefined();
  });

  // A fresh account has no active rule set; an account that already receives mail for another
  // product does, and switching it off silently stopped that product's mail.
  it.each([
    ["a create over another product's active set", 'empresa-entrada', event('Create', 'ouvidoria-prod')],
    [
      'a create whose consent names another set',
      'empresa-entrada',
      event('Create', 'ouvidoria-prod', undefined, 'empresa-antiga'),
    ],
    [
      'an update after someone activated another set',
      'empresa-entrada',
      event('Update', 'ouvidoria-prod', physicalIdFor('ouvidoria-prod', undefined)),
    ],
    [
      "a rename while another product's set is active",
      'empresa-entrada',
      event('Update', 'ouvidoria-prod2', physicalIdFor('ouvidoria-prod', undefined)),
    ],
  ])('refuses %s, naming it and the two ways on, and leaves it active', async (_case, active, request) => {
    const ses = account([active, 'ouvidoria-prod', 'ouvidoria-prod2', 'empresa-antiga'], active);
    await expect(applyActivation(request, ses)).rejects.toThrow(
      activeRuleSetInUseMessage(active, request.ResourceProperties.RuleSetName!),
    );
    expect(ses.current()).toBe(active);
    expect(activeRuleSetInUseMessage(active, 'ouvidoria-prod')).toContain(`"existingRuleSetName": "${active}"`);
    expect(activeRuleSetInUseMessage(active, 'ouvidoria-prod')).toContain(`"replaceActiveRuleSet": "${active}"`);
  });

  it.each([
    ['a fresh account (nothing active)', undefined, event('Create', 'ouvidoria-prod'), undefined],
    [
      'ours active already (a redeploy after a lost answer)',
      'ouvidoria-prod',
      event('Create', 'ouvidoria-prod'),
      undefined,
    ],
    [
      'another set the configuration consents to replace',
      'empresa-entrada',
      event('Create', 'ouvidoria-prod', undefined, 'empresa-entrada'),
      'empresa-entrada',
    ],
    [
      'a rename while our old set is active',
      'ouvidoria-prod',
      event('Update', 'ouvidoria-prod2', physicalIdFor('ouvidoria-prod', undefined)),
      undefined,
    ],
  ])('activates over %s and remembers what to give back', async (_case, active, request, previous) => {
    const ses = account(['empresa-entrada', 'ouvidoria-prod', 'ouvidoria-prod2'], active);
    const outcome = await applyActivation(request, ses);
    expect(ses.current()).toBe(request.ResourceProperties.RuleSetName);
    expect(parsePhysicalId(outcome.physicalResourceId)?.previous).toBe(previous);
  });
});
