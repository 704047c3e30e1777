/**
 * LGPD: what the handlers not covered by security.test.ts's full run write to their logs (and the
 * error a failed run throws, which the Lambda runtime logs) holds no full email address and no
 * message body. Each handler runs on a realistic event with a DEBUG logger; stdout, stderr and the
 * console are captured, EMF metrics included.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAttachmentScanHandler } from '../../functions/attachment-scan/handler';
import { createLifecycleTimerHandler } from '../../functions/lifecycle-timer/handler';
import { createMonthlyReportHandler } from '../../functions/monthly-report/handler';
import { createSesFeedbackHandler } from '../../functions/ses-feedback/handler';
import { LocalUploadStore } from '../../shared/adapters/local/local-upload-store';
import { lifecycleTelemetry } from '../../shared/adapters/telemetry';
import { EFFECT_CLAIM_MS } from '../../shared/app/lifecycle/effects';
import { officeCalendar } from '../../shared/domain/calendar';
import { localConfig } from '../../shared/domain/config';
import type { PendingEffect } from '../../shared/domain/lifecycle/types';
import { EFFECT_SWEEP_EVENT } from '../../shared/runtime-env';
import {
  FixedClock,
  InMemoryBounceCounter,
  InMemoryBounceRegistry,
  InMemoryReplyThrottle,
  RecordingMailer,
} from '../support/fakes';
import { CASE_ID, lifecycleWorld, MERCHANT, ROSTER, workCase } from '../support/lifecycle-fakes';
import { captureOutput } from '../support/reliability-harness';
import { systemClock } from '../../shared/ports';

const EVENTS = join(import.meta.dirname, '..', '..', 'events');
/** A full address; masked ones (m***@l***.com.br) do not match: no "*" right before the "@". */
const EMAIL_ADDRESS = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const logger = (serviceName: string) => new Logger({ serviceName, logLevel: 'DEBUG' });
const metrics = (serviceName: string) => new Metrics({ namespace: 'Ouvidoria', serviceName });
const readEvent = (...path: string[]) => JSON.parse(readFileSync(join(EVENTS, ...path), 'utf8'));

const ANSWER = 'Maria, o estorno do frete foi aprovado e cai em até 5 dias úteis na sua conta.';
const relay: Record<string, PendingEffect> = {
  e1: {
    id: 'e1',
    createdAt: '2026-03-12T13:55:00.000Z',
    order: 0,
    effect: { kind: 'relay-to-merchant', answer: { body: ANSWER, attachments: [], sourceId: 'console:answer-1' } },
  } as PendingEffect,
};

/** Runs a handler, keeping what it logged and the message of the error it threw (the runtime logs it). */
async function logsOf(run: () => Promise<unknown>): Promise<string> {
  const { output, result } = await captureOutput(async () => {
    try {
      return JSON.stringify(await run());
    } catch (error) {
      return `${(error as Error).name}: ${(error as Error).message}`;
    }
  });
  return `${output}\n${result}`;
}

describe('handler logs (LGPD): no full address, no body', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it.each<{ handler: string; run: () => Promise<unknown>; personal: string[]; expectLogged: RegExp }>([
    {
      handler: 'ses-feedback (a permanent bounce and a complaint)',
      run: async () => {
        const event = readEvent('ses', 'feedback-bounce-sns.json');
        const [record] = event.Records;
        const complaint = {
          eventType: 'Complaint',
          mail: { source: 'ouvidoria@ouvidoria.example.com.br', destination: [MERCHANT] },
          complaint: { complainedRecipients: [{ emailAddress: MERCHANT }], complaintFeedbackType: 'abuse' },
        };
        return createSesFeedbackHandler(() => ({
          bounces: new InMemoryBounceRegistry(),
          bounceCounter: new InMemoryBounceCounter(),
          clock: new FixedClock(new Date('2026-11-24T14:10:00Z')),
          config: localConfig,
          logger: logger('ses-feedback'),
          metrics: metrics('ses-feedback'),
        }))({ Records: [record, { ...record, Sns: { ...record.Sns, Message: JSON.stringify(complaint) } }] });
      },
      personal: ['inexistente@lojaquefechou.com.br', MERCHANT],
      expectLogged: /address suppressed/,
    },
    {
      handler: 'lifecycle-timer (the sweep sends an answer a dead run left pending)',
      run: async () => {
        const w = lifecycleWorld({ cases: [workCase({ status: 'IN_PROGRESS', pendingEffects: relay })] });
        w.cases.effectsSince.set(
          CASE_ID,
          new Date(Date.parse('2026-03-12T14:00:00Z') - EFFECT_CLAIM_MS - 1).toISOString(),
        );
        const log = logger('lifecycle-timer');
        const deps = { ...w.deps, telemetry: lifecycleTelemetry(metrics('lifecycle-timer'), log) };
        const result = await createLifecycleTimerHandler(async () => deps)(EFFECT_SWEEP_EVENT);
        log.info('Pending effects swept', { ...result });
        return result;
      },
      personal: [MERCHANT, ANSWER.slice(0, 40), 'Maria Aparecida'],
      expectLogged: /Pending effects swept/,
    },
    {
      handler: 'lifecycle-timer (the answer fails again: the run throws)',
      run: async () => {
        const w = lifecycleWorld({ cases: [workCase({ status: 'IN_PROGRESS', pendingEffects: relay })] });
        w.cases.effectsSince.set(
          CASE_ID,
          new Date(Date.parse('2026-03-12T14:00:00Z') - EFFECT_CLAIM_MS - 1).toISOString(),
        );
        w.mailer.failNext = Object.assign(
          new Error(`Email address is not verified. The following identities failed the check: ${MERCHANT}`),
          { name: 'MessageRejected' },
        );
        const deps = {
          ...w.deps,
          telemetry: lifecycleTelemetry(metrics('lifecycle-timer'), logger('lifecycle-timer')),
        };
        return createLifecycleTimerHandler(async () => deps)(EFFECT_SWEEP_EVENT);
      },
      personal: [MERCHANT, ANSWER.slice(0, 40)],
      expectLogged: /Lifecycle effect failed/,
    },
    {
      handler: 'lifecycle-timer (reminder and due-date alert)',
      run: async () => {
        const w = lifecycleWorld({ now: '2026-03-24T13:00:00.000Z' });
        const deps = {
          ...w.deps,
          telemetry: lifecycleTelemetry(metrics('lifecycle-timer'), logger('lifecycle-timer')),
        };
        const handler = createLifecycleTimerHandler(async () => deps);
        await handler({ kind: 'reminder', caseId: CASE_ID, dueAt: '2026-03-24T13:00:00.000Z' });
        return handler({ kind: 'escalation', caseId: CASE_ID, dueAt: '2026-03-24T13:00:00.000Z' });
      },
      personal: ROSTER.map((m) => m.email).concat(MERCHANT, 'Maria Aparecida'),
      expectLogged: /Case overdue/,
    },
    {
      handler: 'monthly-report (published, and mailed to no one)',
      run: async () => {
        const deps = (supervisors: string[]) => ({
          source: {
            casesCreatedBetween: async () => [],
            openCases: async () => [],
            surveys: async () => [],
            erasedCreatedBetween: async () => [],
            casesWithEventsBetween: async () => [],
            erasedWithEventsBetween: async () => [],
          },
          calendar: officeCalendar(localConfig),
          clock: new FixedClock(new Date('2026-05-04T11:00:00Z')),
          store: { put: async () => {} },
          mailer: new RecordingMailer(),
          config: localConfig,
          supervisors: async () => supervisors,
        });
        await createMonthlyReportHandler(deps(['sofia@empresa.com.br']), logger('monthly-report'))();
        return createMonthlyReportHandler(deps([]), logger('monthly-report'))();
      },
      personal: ['sofia@empresa.com.br'],
      expectLogged: /Report published/,
    },
    {
      handler: 'attachment-scan (infected, and the scanner refused)',
      run: async () => {
        const sample = readEvent('guardduty', 'malware-scan-result.json');
        const scan = createAttachmentScanHandler({
          throttle: new InMemoryReplyThrottle(),
          clock: systemClock,
          uploads: new LocalUploadStore({ url: 'http://local/_s3/b/' }),
          scans: { recordScan: async () => 'recorded' as const },
          cases: { get: async () => null, addMessageIds: async () => {} },
          mailer: new RecordingMailer(),
          config: localConfig,
          logger: logger('attachment-scan'),
          scannerFault: () => {},
        });
        await scan(sample);
        return scan({
          ...sample,
          detail: { ...sample.detail, scanResultDetails: { scanResultStatus: 'ACCESS_DENIED' } },
        });
      },
      personal: [],
      expectLogged: /Antivirus could not scan an upload/,
    },
  ])('$handler', async ({ run, personal, expectLogged }) => {
    // Metrics (EMF on stdout) are part of the logs; vitest.config.ts turns them off elsewhere.
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
    const output = await logsOf(run);
    expect(output).toMatch(expectLogged); // the handler did write
    expect([...new Set(output.match(EMAIL_ADDRESS) ?? [])]).toEqual([]);
    expect(personal.filter((secret) => output.toLowerCase().includes(secret.toLowerCase()))).toEqual([]);
  });
});
