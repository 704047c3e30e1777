import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { describe, expect, it } from 'vitest';
import { addressesToSuppress, createSesFeedbackHandler } from '../../../../functions/ses-feedback/handler';
import { localConfig } from '../../../../shared/domain/config';
import { FixedClock, InMemoryBounceRegistry } from '../../../support/fakes';

const EVENTS = join(import.meta.dirname, '..', '..', '..', '..', 'events');
const quietLogger = () => new Logger({ serviceName: 'test', logLevel: 'SILENT' });
const metrics = () => new Metrics({ namespace: 'Ouvidoria', serviceName: 'test' });
const handlerWith = (bounces: InMemoryBounceRegistry, clock: FixedClock) =>
  createSesFeedbackHandler(() => ({ bounces, clock, config: localConfig, logger: quietLogger(), metrics: metrics() }));

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
