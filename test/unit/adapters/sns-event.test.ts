import { SnsSchema } from '@aws-lambda-powertools/parser/schemas';
import { describe, it } from 'vitest';
import { SnsEventSchema } from '../../../shared/adapters/sns-event';
import { expectSameVerdict, type Json, loadEvent as load, withPath } from '../../support/event-schemas';

describe('SnsEventSchema (our zod/mini copy of Powertools SnsSchema)', () => {
  const event = load('ses', 'feedback-bounce-sns.json') as Json;
  const cases: [string, (string | number)[], unknown][] = [
    ['valid as delivered', [], event],
    ['no records', ['Records'], []],
    ['not SNS', ['Records', 0, 'EventSource'], 'aws:sqs'],
    ['message not a string', ['Records', 0, 'Sns', 'Message'], { a: 1 }],
    ['no message id', ['Records', 0, 'Sns', 'MessageId'], undefined],
    ['bad timestamp', ['Records', 0, 'Sns', 'Timestamp'], 'yesterday'],
    ['bad unsubscribe URL', ['Records', 0, 'Sns', 'UnsubscribeUrl'], 'not a url'],
    ['not a notification', ['Records', 0, 'Sns', 'Type'], 'SubscriptionConfirmation'],
    ['null subject', ['Records', 0, 'Sns', 'Subject'], null],
    ['attribute without value', ['Records', 0, 'Sns', 'MessageAttributes'], { a: { Type: 'String' } }],
  ];
  it.each(cases)('agrees with Powertools: %s', (_name, path, value) => {
    expectSameVerdict(SnsEventSchema, SnsSchema, path.length === 0 ? value : withPath(event, path, value));
  });
  it('rejects what is not an event at all', () => {
    for (const bad of [null, 'x', {}, { Records: 'x' }]) expectSameVerdict(SnsEventSchema, SnsSchema, bad);
  });
});
