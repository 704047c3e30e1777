import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { describe, expect, it } from 'vitest';
import { addressesToSuppress, createSesFeedbackHandler } from '../../../../functions/ses-feedback/handler';
import { localConfig } from '../../../../shared/domain/config';
import { FixedClock, InMemoryBounceCounter, InMemoryBounceRegistry } from '../../../support/fakes';

const EVENTS = join(import.meta.dirname, '..', '..', '..', '..', 'events');
const quietLogger = () => new Logger({ serviceName: 'test', logLevel: 'SILENT' });
const metrics = () => new Metrics({ namespace: 'Ouvidoria', serviceName: 'test' });
const handlerWith = (bounces: InMemoryBounceRegistry, clock: FixedClock, bounceCounter = new InMemoryBounceCounter()) =>
  createSesFeedbackHandler(() => ({
    bounces,
    bounceCounter,
    clock,
    config: localConfig,
    logger: quietLogger(),
    metrics: metrics(),
  }));

describe('SES feedback handler', () => {
  it('puts permanently bounced addresses in the bounce memory for the configured days', async () => {
    const bounces = new InMemoryBounceRegistry();
    const clock = new FixedClock(new Date('2026-11-24T14:10:00Z'));
    const handler = handlerWith(bounces, clock);
    const event = JSON.parse(readFileSync(join(EVENTS, 'ses', 'feedback-bounce-sns.json'), 'utf8'));
    expect(await handler(event)).toEqual({ suppressed: 1 });
    const entry = bounces.entries.get('inexistente@lojaquefechou.com.br');
    expect(entry?.until.toISOString()).toBe('2027-01-23T14:10:00.000Z');
  });

  // Mend 51: her mailbox forwards to a dead address; SES's bounce names the dead address, and the
  // memory learned the stranger's address. Red team 52: hers did not bounce (she may read every mail):
  // nobody is kept.
  it('a bounce of the copy her mailbox forwarded keeps neither her address nor the stranger’s', async () => {
    const bounces = new InMemoryBounceRegistry();
    const clock = new FixedClock(new Date('2026-11-24T14:10:00Z'));
    const handler = handlerWith(bounces, clock);
    const message = {
      eventType: 'Bounce',
      bounce: {
        bounceType: 'Permanent',
        bounceSubType: 'General',
        bouncedRecipients: [{ emailAddress: 'antiga.dona@gmail.com', action: 'failed', status: '5.1.1' }],
      },
      mail: { messageId: '0100018e-abc-000001', destination: ['contato@docelar.com.br'] },
    };
    const event = JSON.parse(readFileSync(join(EVENTS, 'ses', 'feedback-bounce-sns.json'), 'utf8'));
    event.Records[0].Sns.Message = JSON.stringify(message);
    expect(await handler(event)).toEqual({ suppressed: 0 });
    expect([...bounces.entries.keys()]).toEqual([]);
    expect(addressesToSuppress(message)).toEqual([]);
  });

  it.each([
    [{ eventType: 'Bounce', bounce: { bounceType: 'Transient', bouncedRecipients: [{ emailAddress: 'a@b.com' }] } }, 0],
    [{ eventType: 'Complaint', complaint: { complainedRecipients: [{ emailAddress: 'a@b.com' }] } }, 1],
    [
      {
        notificationType: 'Bounce',
        bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: 'a@b.com' }] },
      },
      1,
    ],
    [{ eventType: 'Delivery' }, 0],
  ])('suppresses permanent bounces and complaints only (%#)', (feedback, count) => {
    expect(addressesToSuppress(feedback)).toHaveLength(count);
  });

  it('ignores SNS messages that are not SES feedback', async () => {
    const handler = handlerWith(new InMemoryBounceRegistry(), new FixedClock(new Date()));
    const sample = JSON.parse(readFileSync(join(EVENTS, 'ses', 'feedback-bounce-sns.json'), 'utf8'));
    const record = (message: string) => ({ ...sample.Records[0], Sns: { ...sample.Records[0].Sns, Message: message } });
    const event = { Records: [record('not json'), record('{"foo":1}')] };
    expect(await handler(event)).toEqual({ suppressed: 0 });
  });
});

describe('SES feedback event envelope', () => {
  it('rejects an event that is not SNS (Powertools SnsSchema)', async () => {
    const handler = handlerWith(new InMemoryBounceRegistry(), new FixedClock(new Date()));
    await expect(handler({ Records: [{ Sns: { Message: '{}' } }] })).rejects.toThrow();
  });
});

// rt57: the bounce breaker counts only what this handler already trusts — SES's own feedback on SNS
// (the topic our configuration set publishes to is the function's only invoker), and of it only a
// permanent bounce of a recipient of the mail SES sent. Nothing else trips it for free.
describe('SES feedback: the bounce breaker’s count', () => {
  const sample = JSON.parse(readFileSync(join(EVENTS, 'ses', 'feedback-bounce-sns.json'), 'utf8'));
  const NOW = new Date('2026-11-24T14:10:00Z');
  const HOUR = new Date('2026-11-24T14:00:00Z').getTime();
  const eventOf = (...messages: unknown[]) => ({
    Records: messages.map((message) => ({
      ...sample.Records[0],
      Sns: { ...sample.Records[0].Sns, Message: typeof message === 'string' ? message : JSON.stringify(message) },
    })),
  });
  const bounce = (type: string, bounced: string[], destination: string[] = bounced) => ({
    eventType: 'Bounce',
    bounce: { bounceType: type, bouncedRecipients: bounced.map((emailAddress) => ({ emailAddress })) },
    mail: { destination },
  });
  const ATTACKER = ['x1@devolve-tudo.example', 'x2@devolve-tudo.example', 'x3@devolve-tudo.example'];

  it.each<[string, unknown[], number]>([
    [
      'a permanent bounce of the mail SES sent counts each bounced recipient, in one write',
      [bounce('Permanent', ATTACKER)],
      3,
    ],
    ['two notifications add up', [bounce('Permanent', [ATTACKER[0]!]), bounce('Permanent', [ATTACKER[1]!])], 2],
    [
      'the older notificationType form counts too',
      [{ ...bounce('Permanent', [ATTACKER[0]!]), eventType: undefined, notificationType: 'Bounce' }],
      1,
    ],
    ['a transient bounce (mailbox full, greylisting) counts nothing', [bounce('Transient', ATTACKER)], 0],
    ['an undetermined bounce counts nothing', [bounce('Undetermined', ATTACKER)], 0],
    [
      'a complaint is bounce memory, not a bounce',
      [{ eventType: 'Complaint', complaint: { complainedRecipients: [{ emailAddress: ATTACKER[0] }] } }],
      0,
    ],
    [
      'a bounced recipient the mail was never sent to counts nothing',
      [bounce('Permanent', ATTACKER, ['lojista@modasbella.com.br'])],
      0,
    ],
    ['a delivery counts nothing', [{ eventType: 'Delivery', mail: { destination: ATTACKER } }], 0],
    ['a message that is not JSON counts nothing', ['{"eventType":"Bounce", não é JSON'], 0],
    ['JSON that is not SES feedback counts nothing', [{ Type: 'Bounce', hits: 9999 }], 0],
  ])('%s', async (_, messages, counted) => {
    const counter = new InMemoryBounceCounter();
    const handler = handlerWith(new InMemoryBounceRegistry(), new FixedClock(NOW), counter);
    await handler(eventOf(...messages));
    expect(counter.hours.get(HOUR) ?? 0).toBe(counted);
    expect([...counter.hours.keys()].filter((hour) => hour !== HOUR)).toEqual([]);
  });

  it('an event that is not SNS counts nothing (refused before any write)', async () => {
    const counter = new InMemoryBounceCounter();
    const handler = handlerWith(new InMemoryBounceRegistry(), new FixedClock(NOW), counter);
    await expect(
      handler({ Records: [{ Sns: { Message: JSON.stringify(bounce('Permanent', ATTACKER)) } }] }),
    ).rejects.toThrow();
    expect(counter.hours.size).toBe(0);
  });
});
