import { describe, expect, it } from 'vitest';
import {
  breakerOpen,
  type IntakeFailure,
  POISON_MAIL_PER_HOUR,
  poisonKindOf,
} from '../../../shared/domain/poison-mail';

const exhausted = (f: Omit<IntakeFailure, 'condition'>): IntakeFailure => ({ condition: 'RetriesExhausted', ...f });

describe('poisonKindOf: only a failure the mail itself can cause is poison', () => {
  it.each<[string, IntakeFailure, ReturnType<typeof poisonKindOf>]>([
    [
      'Lambda timeout (message only)',
      exhausted({ errorMessage: '2026-03-02T13:16:01.417Z 1f2e Task timed out after 60.05 seconds' }),
      'timeout',
    ],
    [
      'Lambda timeout (Sandbox.Timedout)',
      exhausted({ errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out' }),
      'timeout',
    ],
    [
      'out of memory',
      exhausted({ errorType: 'Runtime.OutOfMemory', errorMessage: 'Runtime exited with error: signal: killed' }),
      'runtime',
    ],
    [
      'runtime exit (V8 heap)',
      exhausted({ errorType: 'Runtime.ExitError', errorMessage: 'exit status 134' }),
      'runtime',
    ],
    [
      'stack overflow',
      exhausted({ errorType: 'RangeError', errorMessage: 'Maximum call stack size exceeded' }),
      'code-error',
    ],
    [
      'a TypeError on a hostile structure',
      exhausted({ errorType: 'TypeError', errorMessage: "Cannot read properties of undefined (reading 'value')" }),
      'code-error',
    ],
    ...(
      [
        ['Runtime.ImportModuleError', "Error: Cannot find module 'mailparser'"],
        ['Runtime.HandlerNotFound', 'handler.handler is undefined or not exported'],
        ['Runtime.UserCodeSyntaxError', "SyntaxError: Unexpected token '}'"],
        ['Runtime.MalformedHandlerName', 'Bad handler handler'],
        ['Runtime.InvalidEntrypoint', 'ProcessSpawnFailed'],
        ['Runtime.Unknown', 'Unknown application error occurred'],
        ['Runtime.InitError', 'init failed'],
      ] as const
    ).map(([errorType, errorMessage]): [string, IntakeFailure, null] => [
      `a deploy's runtime failure (${errorType}): every mail fails alike`,
      exhausted({ errorType, errorMessage }),
      null,
    ]),
    ['DynamoDB throttling', exhausted({ errorType: 'ProvisionedThroughputExceededException' }), null],
    ['S3 access denied', exhausted({ errorType: 'AccessDenied' }), null],
    ['raw mail missing', exhausted({ errorType: 'RawMailNotFound' }), null],
    [
      'reply not sent yet',
      exhausted({ errorType: 'ReplyNotSentYet', errorMessage: 'Reply of case x failed transiently' }),
      null,
    ],
    [
      'a plain Error (network, invalid SES event)',
      exhausted({ errorType: 'Error', errorMessage: 'invalid SES receipt event' }),
      null,
    ],
    ['no response at all', exhausted({}), null],
    [
      'event too old to run, even with a timeout message',
      { condition: 'EventAgeExceeded', errorMessage: 'Task timed out after 60 seconds' },
      null,
    ],
    ['no condition', { errorType: 'RangeError' }, null],
  ])('%s → %s', (_name, failure, kind) => {
    expect(poisonKindOf(failure)).toBe(kind);
  });
});

describe('breakerOpen: past a few unread mails an hour, the failures are ours', () => {
  it.each([
    [1, false],
    [POISON_MAIL_PER_HOUR, false],
    [POISON_MAIL_PER_HOUR + 1, true],
    [500, true],
  ])('the %s-th of the hour → open %s', (count, open) => {
    expect(breakerOpen(count)).toBe(open);
  });
});
