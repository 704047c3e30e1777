import { describe, expect, it, vi } from 'vitest';
import { ASYNC_RETRY_ATTEMPTS } from '../../../../infra/ouvidoria-stack';
import { lambdaAsyncInvoke } from '../../../../scripts/local/async-invoke';
import { LOCAL_INTAKE_RETRIES } from '../../../../scripts/local/stack';

const SES_EVENT = { Records: [{ eventSource: 'aws:ses', ses: { mail: { messageId: 'local-1' } } }] };

describe('lambdaAsyncInvoke: the local stand-in for Lambda’s async retries and on-failure destination', () => {
  it('retries as many times as the stack does', () => {
    expect(LOCAL_INTAKE_RETRIES).toBe(ASYNC_RETRY_ATTEMPTS);
  });

  it('a mail that fails every attempt goes to the consumer as the destination record; consumed, the client hears 250', async () => {
    const crash = new RangeError('Maximum call stack size exceeded');
    const handler = vi.fn(async () => {
      throw crash;
    });
    const consumer = vi.fn(async (_event: unknown) => ({ batchItemFailures: [] }));
    await expect(lambdaAsyncInvoke(handler, consumer, 2)(SES_EVENT)).resolves.toEqual({ batchItemFailures: [] });
    expect(handler).toHaveBeenCalledTimes(3);
    const sqs = consumer.mock.calls[0]?.[0] as { Records: { eventSource: string; body: string }[] };
    expect(sqs.Records[0]?.eventSource).toBe('aws:sqs');
    expect(JSON.parse(sqs.Records[0]?.body ?? '')).toMatchObject({
      requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 3 },
      requestPayload: SES_EVENT,
      responsePayload: { errorType: 'RangeError', errorMessage: 'Maximum call stack size exceeded' },
    });
  });

  it('left by the consumer, the last error is thrown (the SMTP client is told 451: locally, the intake DLQ)', async () => {
    const down = Object.assign(new Error('down'), { name: 'InternalServerError' });
    const consumer = vi.fn(async () => ({ batchItemFailures: [{ itemIdentifier: 'local-failure' }] }));
    await expect(lambdaAsyncInvoke(async () => Promise.reject(down), consumer, 2)(SES_EVENT)).rejects.toBe(down);
  });

  it('a retry that succeeds never reaches the consumer', async () => {
    const handler = vi.fn().mockRejectedValueOnce(new Error('socket hang up')).mockResolvedValueOnce({ results: [] });
    const consumer = vi.fn();
    await expect(lambdaAsyncInvoke(handler, consumer, 2)(SES_EVENT)).resolves.toEqual({ results: [] });
    expect(consumer).not.toHaveBeenCalled();
  });
});
