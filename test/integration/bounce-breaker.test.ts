/**
 * The bounce breaker on the real adapters (dynalite, aws-ses-v2-local), red team 57's attack: a sender
 * who owns a domain whose server refuses every mailbox writes from ever-new addresses of it, each gets
 * a guidance reply, each reply bounces for good. SES's feedback (the ses-feedback function, as our
 * configuration set's topic invokes it) counts the bounces; past autoReply.bounceBreakerPerHour the
 * next guidance is held (the case stored, the reply recorded as suppressed), while an accepted case is
 * acknowledged as always, with its DynamoDB requests unchanged (issue 16).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSesFeedbackHandler } from '../../functions/ses-feedback/handler';
import { DynamoBounceCounter } from '../../shared/adapters/dynamo/bounce-counter';
import { DynamoHeldReplies } from '../../shared/adapters/dynamo/held-replies';
import { buildFeedbackDeps } from '../../shared/composition/ses-feedback';
import type { Settings } from '../../shared/composition/settings';
import { caseIdFor, REPLY_HELD_BY_BREAKER } from '../../shared/domain/case';
import { localConfig } from '../../shared/domain/config';
import { buildHarness } from '../support/email-intake-harness';
import {
  type DynaliteHandle,
  type SesLocalHandle,
  startDynalite,
  startSesLocal,
  countingDocumentClient,
} from '../support/emulators';
import { FixedClock } from '../support/fakes';

const ATTACKER = 'devolve-tudo.example';
const MERCHANT = 'lojista@modasbella.com.br';
const PER_HOUR = localConfig.autoReply.bounceBreakerPerHour;
const clock = new FixedClock(new Date('2026-11-24T14:00:05.000Z'));
const snsSample = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', '..', 'events', 'ses', 'feedback-bounce-sns.json'), 'utf8'),
);
let dynalite: DynaliteHandle;
let ses: SesLocalHandle;

beforeAll(async () => {
  [dynalite, ses] = await Promise.all([startDynalite(), startSesLocal()]);
});
afterAll(async () => {
  await Promise.all([dynalite?.stop(), ses?.stop()]);
});

function guidanceMail(address: string, n: number): string {
  return [
    `From: <${address}>`,
    'To: ouvidoria@ouvidoria.example.com.br',
    'Subject: Minha loja está fora do ar',
    `Message-ID: <ataque-${n}@${ATTACKER}>`,
    'Date: Tue, 24 Nov 2026 11:00:00 -0300',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Bom dia, minha loja está fora do ar há dois dias e o suporte não responde. Preciso de ajuda urgente.',
    '',
  ].join('\r\n');
}

const ACCEPTED = [
  `From: Marina Costa <${MERCHANT}>`,
  'To: ouvidoria@ouvidoria.example.com.br',
  'Subject: Reclamação sobre o chamado #48213',
  'Message-ID: <aceito-1@mail.gmail.com>',
  'Date: Tue, 24 Nov 2026 11:00:00 -0300',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Olá, abri o chamado #48213 há duas semanas sobre a integração com os Correios que parou de calcular o frete ' +
    'e até agora ninguém resolveu. Minha loja está perdendo vendas todos os dias. Preciso de uma solução.',
  '',
].join('\r\n');

/** The SNS event SES's configuration set publishes when our mail to `address` bounced for good. */
function permanentBounce(address: string) {
  const event = structuredClone(snsSample);
  event.Records[0].Sns.Message = JSON.stringify({
    eventType: 'Bounce',
    bounce: {
      bounceType: 'Permanent',
      bounceSubType: 'General',
      bouncedRecipients: [{ emailAddress: address, action: 'failed', status: '5.1.1' }],
    },
    mail: { source: 'ouvidoria@ouvidoria.example.com.br', destination: [address] },
  });
  return event;
}

describe('the bounce breaker, on dynalite and the SES emulator', () => {
  it(`${PER_HOUR} bouncing guidance replies trip it: the next guidance is held, an acknowledgement still goes`, async () => {
    const requests: string[] = [];
    const client = countingDocumentClient(dynalite.endpoint, requests);
    await ses.clear();
    const h = await buildHarness({
      dynamoEndpoint: dynalite.endpoint,
      sesEndpoint: ses.endpoint,
      tableName: 'ouvidoria-bounce-breaker',
      clock,
      client,
    });
    const feedback = createSesFeedbackHandler(() => ({
      ...buildFeedbackDeps({ tableName: h.tableName, config: localConfig } as Settings, { client, clock }),
      logger: new Logger({ serviceName: 'ses-feedback-test', logLevel: 'SILENT' }),
      metrics: new Metrics({ namespace: 'Ouvidoria', serviceName: 'ses-feedback-test' }),
    }));

    for (let i = 0; i < PER_HOUR; i++) {
      const address = `x${i}@${ATTACKER}`;
      await h.deliver(`ses-ataque-${i}`, guidanceMail(address, i));
      expect((await h.cases.get(caseIdFor('email', `ses-ataque-${i}`)))?.reply?.status, address).toBe('sent');
      await feedback(permanentBounce(address));
    }
    expect(await ses.outbox()).toHaveLength(PER_HOUR);

    await h.deliver('ses-ataque-held', guidanceMail(`x-held@${ATTACKER}`, PER_HOUR));
    const held = await h.cases.get(caseIdFor('email', 'ses-ataque-held'));
    expect(held?.outcome).toBe('NO_PRIOR_TICKET');
    expect(held?.reply).toMatchObject({ status: 'suppressed', reason: REPLY_HELD_BY_BREAKER });
    expect(await ses.outbox()).toHaveLength(PER_HOUR);
    // Kept for the held-reply sweep (a PutItem on the held path only: the accepted mail's below are as before).
    const kept = await new DynamoHeldReplies(client, h.tableName).heldSince(
      new Date(clock.now().getTime() - 60_000),
      clock.now(),
      10,
    );
    expect(kept.map((reply) => [reply.caseId, reply.to])).toEqual([[held?.caseId, `x-held@${ATTACKER}`]]);

    requests.length = 0;
    await h.deliver('ses-aceito', ACCEPTED);
    // Issue 16: the accepted mail never reads the breaker — bench/results.md's 7 requests, plus the
    // GetItem of this harness's ticket table (Zendesk in production).
    expect(requests.sort()).toEqual([
      'BatchWriteItemCommand',
      'GetItemCommand',
      'PutItemCommand',
      'PutItemCommand',
      'UpdateItemCommand',
      'UpdateItemCommand',
      'UpdateItemCommand',
      'UpdateItemCommand',
    ]);
    const accepted = await h.cases.get(caseIdFor('email', 'ses-aceito'));
    expect(accepted?.outcome).toBe('ACCEPTED');
    expect(accepted?.reply?.status).toBe('sent');
    const outbox = await ses.outbox();
    expect(outbox).toHaveLength(PER_HOUR + 1);
    expect(outbox.at(-1)?.destination.to).toEqual([MERCHANT]);

    // An hour and a half later, with no bounce since, guidance goes again (the breaker resets by itself).
    clock.set(new Date('2026-11-24T15:30:05.000Z'));
    await h.deliver('ses-depois', guidanceMail(`x-depois@${ATTACKER}`, PER_HOUR + 1));
    expect((await h.cases.get(caseIdFor('email', 'ses-depois')))?.reply?.status).toBe('sent');
  });

  // SNS delivers at least once and Lambda retries a failed async invocation: the same notification
  // again — after a while, past the top of the hour, or at the same moment — is one bounce.
  it('the same notification delivered again, late or concurrently, counts once', async () => {
    const client = countingDocumentClient(dynalite.endpoint, []);
    const h = await buildHarness({
      dynamoEndpoint: dynalite.endpoint,
      sesEndpoint: ses.endpoint,
      tableName: 'ouvidoria-bounce-once',
      clock: new FixedClock(new Date('2026-11-24T14:00:05.000Z')),
      client,
    });
    const at = new FixedClock(new Date('2026-11-24T14:10:01.000Z'));
    const feedback = createSesFeedbackHandler(() => ({
      ...buildFeedbackDeps({ tableName: h.tableName, config: localConfig } as Settings, { client, clock: at }),
      logger: new Logger({ serviceName: 'ses-feedback-test', logLevel: 'SILENT' }),
      metrics: new Metrics({ namespace: 'Ouvidoria', serviceName: 'ses-feedback-test' }),
    }));
    const counter = new DynamoBounceCounter(client, h.tableName);
    const hours = [new Date('2026-11-24T14:00:00.000Z'), new Date('2026-11-24T15:00:00.000Z')];
    const twoRecipients = structuredClone(snsSample);
    twoRecipients.Records[0].Sns.Message = JSON.stringify({
      eventType: 'Bounce',
      bounce: {
        bounceType: 'Permanent',
        bouncedRecipients: [{ emailAddress: `a@${ATTACKER}` }, { emailAddress: `b@${ATTACKER}` }],
        timestamp: '2026-11-24T14:10:00.000Z',
      },
      mail: { messageId: '0100018e-dois-000000', destination: [`a@${ATTACKER}`, `b@${ATTACKER}`] },
    });

    await Promise.all([feedback(snsSample), feedback(snsSample), feedback(twoRecipients), feedback(twoRecipients)]);
    expect(await counter.counts(hours)).toEqual([3, 0]);
    at.set(new Date('2026-11-24T15:01:00.000Z'));
    await feedback(twoRecipients);
    await feedback(snsSample);
    expect(await counter.counts(hours)).toEqual([3, 0]);
    // Another bounce of the same mail, in its own notification, is another bounce.
    await feedback(permanentBounce(`c@${ATTACKER}`));
    expect(await counter.counts(hours)).toEqual([3, 1]);
  });
});
