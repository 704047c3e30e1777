import { describe, expect, it } from 'vitest';
import { buildDlqWatch, watchedQueuesFrom } from '../../../shared/composition/dlq-watch';
import { ENV } from '../../../shared/runtime-env';

const INTAKE = 'https://sqs.sa-east-1.amazonaws.com/123456789012/Ouvidoria-prod-IntakeDlq1A2B3C4D-xYz';
const FIFO = 'https://sqs.sa-east-1.amazonaws.com/123456789012/Ouvidoria-prod-AssignmentDlq5E6F-aBc.fifo';

describe('dlq-watch composition', () => {
  it.each([
    {
      name: 'two URLs, one space',
      value: `${INTAKE} ${FIFO}`,
      names: ['Ouvidoria-prod-IntakeDlq1A2B3C4D-xYz', 'Ouvidoria-prod-AssignmentDlq5E6F-aBc.fifo'],
    },
    {
      name: 'extra blanks',
      value: `  ${INTAKE}\n\t${FIFO} `,
      names: ['Ouvidoria-prod-IntakeDlq1A2B3C4D-xYz', 'Ouvidoria-prod-AssignmentDlq5E6F-aBc.fifo'],
    },
  ])('names each queue as SQS does (the QueueName of the alarm dimension): $name', ({ value, names }) => {
    expect(watchedQueuesFrom(value).map((q) => q.name)).toEqual(names);
  });

  it.each([
    { name: 'no queues', env: { [ENV.tableName]: 't' }, error: /DLQ_URLS/ },
    { name: 'blank queues', env: { [ENV.tableName]: 't', [ENV.deadLetterQueueUrls]: '   ' }, error: /DLQ_URLS/ },
    { name: 'no table', env: { [ENV.deadLetterQueueUrls]: INTAKE }, error: /TABLE_NAME/ },
  ])('refuses to start without what it needs: $name', ({ env, error }) => {
    expect(() => buildDlqWatch(env)).toThrow(error);
  });

  it('starts from its two variables alone, with no office configuration (OUVIDORIA_CONFIG)', () => {
    const watch = buildDlqWatch({ [ENV.tableName]: 'tabela', [ENV.deadLetterQueueUrls]: `${INTAKE} ${FIFO}` });
    expect(watch.queues).toHaveLength(2);
    expect(watch.queues[0]?.url).toBe(INTAKE);
  });
});
