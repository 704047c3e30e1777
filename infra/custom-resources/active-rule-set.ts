/**
 * Custom resource Custom::SesActiveReceiptRuleSet: makes the stack's receipt rule set the account's active
 * one and, when it goes away, gives back whatever was active before it (CloudFormation never activates a
 * rule set, and only one is active per account and region).
 *
 * The rule set that was active before ours is kept in the physical resource id
 * (`active-rule-set:<ours>:previous:<theirs>`), the only state CloudFormation hands back on update and
 * delete. Hence:
 * - create: remember the active rule set, activate ours;
 * - update to another name (a new physical id): activate the new one, carry the remembered previous one
 *   over; CloudFormation then deletes the old id, which finds another rule set active and does nothing;
 * - delete (stack deleted, or rollback of a failed create): if ours is still the active one, reactivate
 *   the previous one (or switch receiving off when there was none or it no longer exists); if someone
 *   activated another rule set meanwhile, leave it alone;
 * - rollback of a failed update: an update back to the old name, then a no-op delete of the new id.
 *
 * Another product's rule set that is active when we would activate ours (create, or an update after
 * someone activated it) is never switched off silently: its mail would stop. The request fails (the
 * deploy rolls back, the reason in the stack events) unless `ReplaceActiveRuleSet` names that very set,
 * the configuration's explicit consent (`replaceActiveRuleSet`); the way out is usually to join it
 * (`existingRuleSetName`).
 */

export interface ReceiptRuleSets {
  /** Name of the active rule set, undefined when receiving is off. */
  active(): Promise<string | undefined>;
  /** Activates a rule set; undefined switches receiving off. Throws RuleSetDoesNotExist for an unknown name. */
  setActive(name: string | undefined): Promise<void>;
}

export interface CustomResourceEvent {
  RequestType: 'Create' | 'Update' | 'Delete';
  ResponseURL: string;
  StackId: string;
  RequestId: string;
  LogicalResourceId: string;
  PhysicalResourceId?: string;
  ResourceProperties: {
    RuleSetName?: string;
    /** The one active rule set the configuration agrees to switch off (`replaceActiveRuleSet`). */
    ReplaceActiveRuleSet?: string;
  };
}

export interface Outcome {
  physicalResourceId: string;
  /** What the handler did, for the log and the custom resource's attributes. */
  action: string;
}

const PREFIX = 'active-rule-set:';
const SEPARATOR = ':previous:';

export function physicalIdFor(ruleSet: string, previous: string | undefined): string {
  return `${PREFIX}${ruleSet}${SEPARATOR}${previous ?? ''}`;
}

export function parsePhysicalId(id: string | undefined): { ruleSet: string; previous?: string } | undefined {
  if (!id?.startsWith(PREFIX)) return undefined;
  const rest = id.slice(PREFIX.length);
  const at = rest.indexOf(SEPARATOR);
  if (at <= 0) return undefined;
  const previous = rest.slice(at + SEPARATOR.length);
  return { ruleSet: rest.slice(0, at), ...(previous ? { previous } : {}) };
}

/** Why the stack will not switch off the rule set another product receives with, and the two ways on. */
export function activeRuleSetInUseMessage(active: string, ours: string): string {
  return (
    `SES rule set "${active}" is active in this account and region: activating "${ours}" would switch it off and stop the mail it receives. ` +
    `Join it with "existingRuleSetName": "${active}" and "activateRuleSet": false, or, if that mail may stop, confirm with "replaceActiveRuleSet": "${active}" (README, "Rule set activation").`
  );
}

export async function applyActivation(event: CustomResourceEvent, sets: ReceiptRuleSets): Promise<Outcome> {
  const current = parsePhysicalId(event.PhysicalResourceId);
  if (event.RequestType === 'Delete') {
    // Not ours (e.g. the id CloudFormation gives a create that failed before we answered): nothing to undo.
    if (!current) return { physicalResourceId: event.PhysicalResourceId ?? 'none', action: 'nothing to undo' };
    const active = await sets.active();
    if (active !== current.ruleSet) {
      return { physicalResourceId: event.PhysicalResourceId!, action: `left ${active ?? 'no rule set'} active` };
    }
    try {
      await sets.setActive(current.previous);
      return { physicalResourceId: event.PhysicalResourceId!, action: `restored ${current.previous ?? 'no rule set'}` };
    } catch (error) {
      if ((error as Error).name !== 'RuleSetDoesNotExistException' && (error as Error).name !== 'RuleSetDoesNotExist') {
        throw error;
      }
      await sets.setActive(undefined);
      return { physicalResourceId: event.PhysicalResourceId!, action: 'previous rule set gone: receiving off' };
    }
  }

  const ruleSet = event.ResourceProperties.RuleSetName;
  if (!ruleSet) throw new Error('RuleSetName is required');
  const active = await sets.active();
  let previous: string | undefined;
  if (event.RequestType === 'Update' && current) {
    // Still ours that is active (or ours by name): keep what was there before us.
    previous = active === current.ruleSet || active === ruleSet ? current.previous : active;
  } else {
    previous = active === ruleSet ? undefined : active;
  }
  // Receiving off, or one of ours active: nothing of anyone else's stops.
  const someoneElses = active !== undefined && active !== ruleSet && active !== current?.ruleSet;
  if (someoneElses && active !== event.ResourceProperties.ReplaceActiveRuleSet) {
    throw new Error(activeRuleSetInUseMessage(active, ruleSet));
  }
  await sets.setActive(ruleSet);
  return { physicalResourceId: physicalIdFor(ruleSet, previous), action: `activated ${ruleSet}` };
}

/** Answers CloudFormation at the pre-signed URL (a Lambda-backed custom resource must, even on failure). */
async function respond(
  event: CustomResourceEvent,
  status: 'SUCCESS' | 'FAILED',
  physicalResourceId: string,
  reason: string,
): Promise<void> {
  const body = JSON.stringify({
    Status: status,
    Reason: reason.slice(0, 1000),
    PhysicalResourceId: physicalResourceId,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
  });
  const response = await fetch(event.ResponseURL, {
    method: 'PUT',
    body,
    headers: { 'content-type': '', 'content-length': String(Buffer.byteLength(body)) },
  });
  if (!response.ok) throw new Error(`CloudFormation response failed: HTTP ${response.status}`);
}

interface SesModule {
  SESClient: new (config: object) => { send(command: unknown): Promise<{ Metadata?: { Name?: string } }> };
  DescribeActiveReceiptRuleSetCommand: new (input: object) => unknown;
  SetActiveReceiptRuleSetCommand: new (input: { RuleSetName?: string }) => unknown;
}

/** SES v1 from the SDK the Lambda runtime ships (SES v2 has no receipt rules; no extra dependency). */
async function runtimeReceiptRuleSets(): Promise<ReceiptRuleSets> {
  const moduleName = '@aws-sdk/client-ses';
  const ses = (await import(moduleName)) as SesModule;
  const client = new ses.SESClient({});
  return {
    active: async () => (await client.send(new ses.DescribeActiveReceiptRuleSetCommand({}))).Metadata?.Name,
    setActive: async (name) => {
      await client.send(new ses.SetActiveReceiptRuleSetCommand(name ? { RuleSetName: name } : {}));
    },
  };
}

export async function handler(event: CustomResourceEvent): Promise<void> {
  try {
    const outcome = await applyActivation(event, await runtimeReceiptRuleSets());
    console.log(JSON.stringify({ requestType: event.RequestType, ...outcome }));
    await respond(event, 'SUCCESS', outcome.physicalResourceId, outcome.action);
  } catch (error) {
    console.error(JSON.stringify({ requestType: event.RequestType, error: (error as Error).message }));
    // A failed create gets an id that is not ours, so its rollback delete undoes nothing.
    await respond(event, 'FAILED', event.PhysicalResourceId ?? `failed-${event.RequestId}`, (error as Error).message);
  }
}
