/**
 * Quarantine releases in the email-intake function (it carries the mail parser a release needs):
 * an SQS batch of `{ kind: 'release', caseId, by, at }` → releaseQuarantined for each, logged
 * without personal data. The queue delivers batches of one; a thrown error returns the message to
 * the queue (visibility timeout), and after its receives to the release DLQ.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { releaseRequestsOf } from '../../shared/adapters/sqs-quarantine-releases';
import {
  type QuarantineReleaseDeps,
  type ReleaseResult,
  releaseQuarantined,
} from '../../shared/app/quarantine-release';

export interface ReleaseHandlerDeps {
  release: QuarantineReleaseDeps;
  logger: Pick<Logger, 'info' | 'appendKeys'>;
}

export { releaseRequestsOf };

export function createReleaseHandler(resolveDeps: () => ReleaseHandlerDeps | Promise<ReleaseHandlerDeps>) {
  return async (event: unknown): Promise<{ results: ReleaseResult[] }> => {
    const requests = releaseRequestsOf(event);
    if (!requests) throw new Error('not an SQS event of quarantine releases');
    const { release, logger } = await resolveDeps();
    const results: ReleaseResult[] = [];
    for (const request of requests) {
      logger.appendKeys({ caseId: request.caseId });
      const result = await releaseQuarantined(request, release);
      logger.info(
        'quarantine release',
        result.kind === 'refused'
          ? { kind: 'refused', reason: result.reason, by: request.by }
          : result.kind === 'joined'
            ? { kind: 'joined', protocol: result.protocol, by: request.by }
            : {
                kind: 'released',
                outcome: result.outcome,
                protocol: result.protocol,
                reply: result.reply?.status,
                by: request.by,
              },
      );
      results.push(result);
    }
    return { results };
  };
}
