/**
 * Lambda's asynchronous invocation of the email intake, in-process: the first attempt and
 * `retries` more (ASYNC_RETRY_ATTEMPTS on AWS), then the on-failure destination record — the SES
 * event as `requestPayload`, the last error as `responsePayload` — handed to the IntakeFailures
 * consumer as an SQS batch of one. Consumed (quarantined, or done before): the SMTP client is told
 * 250, as SES accepted the mail. Left or failing: the last error is thrown and the client told 451 —
 * locally that stands for the intake DLQ.
 */
export type FailureConsumer = (event: unknown) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;

export function lambdaAsyncInvoke(
  handler: (event: unknown) => Promise<unknown>,
  onFailure: FailureConsumer,
  retries: number,
): (event: unknown) => Promise<unknown> {
  return async (event) => {
    let last: unknown;
    for (let attempt = 0; attempt <= retries; attempt++) {
      try {
        return await handler(event);
      } catch (error) {
        last = error;
      }
    }
    const error = last instanceof Error ? last : new Error(String(last));
    const body = JSON.stringify({
      version: '1.0',
      timestamp: new Date().toISOString(),
      requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: retries + 1 },
      requestPayload: event,
      responseContext: { statusCode: 200, functionError: 'Unhandled' },
      responsePayload: { errorType: error.name, errorMessage: error.message },
    });
    const consumed = await onFailure({ Records: [{ eventSource: 'aws:sqs', messageId: 'local-failure', body }] });
    if (consumed.batchItemFailures.length > 0) throw error;
    return consumed;
  };
}
