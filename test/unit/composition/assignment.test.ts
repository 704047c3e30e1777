import { afterAll, describe, expect, it } from 'vitest';
import { documentClient } from '../../../shared/adapters/dynamo/client';
import { buildAssignmentDeps } from '../../../shared/composition/assignment';
import type { Settings } from '../../../shared/composition/settings';
import { localConfigInput, parseConfig } from '../../../shared/domain/config';
import { FixedClock, InMemoryRawMailStore, RecordingMailer, RecordingScheduler } from '../../support/fakes';
import { RecordingTimerScheduler, SECRET } from '../../support/lifecycle-fakes';

const client = documentClient({ endpoint: 'http://127.0.0.1:9', region: 'us-east-1' });
afterAll(() => client.destroy());

const settings: Settings = {
  config: parseConfig(localConfigInput),
  tableName: 'ouvidoria-test',
  ticketDirectory: { kind: 'table' },
  dynamoEndpoint: 'http://127.0.0.1:9',
};
const raw = { bucket: 'ouvidoria-raw-mail', key: 'inbound/ses-1' };
const MIME = [
  'From: Maria <maria@lojadamaria.com.br>',
  'To: ouvidoria@ouvidoria.example.com.br',
  'Subject: Cobrança em duplicidade - chamado 48213',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="b"',
  '',
  '--b',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Segue a fatura.',
  '--b',
  'Content-Type: application/pdf; name="fatura.pdf"',
  'Content-Disposition: attachment; filename="fatura.pdf"',
  'Content-Transfer-Encoding: base64',
  '',
  Buffer.from('%PDF-1.4 fatura').toString('base64'),
  '--b--',
  '',
].join('\r\n');

describe('buildAssignmentDeps', () => {
  it('its mailer relays the opening mail’s files named in the notice, read from the raw mail', async () => {
    const mailer = new RecordingMailer();
    const rawMail = new InMemoryRawMailStore();
    rawMail.put(raw, MIME);
    const deps = await buildAssignmentDeps(settings, {
      client,
      mailer,
      rawMail,
      clock: new FixedClock(new Date('2026-11-30T13:00:00Z')),
      scheduler: new RecordingScheduler(),
      lifecycle: { secret: SECRET, timers: new RecordingTimerScheduler() },
    });
    await deps.mailer.send({
      from: 'Ouvidoria <ouvidoria@ouvidoria.example.com.br>',
      to: ['ana@ouvidoria.example.com.br'],
      subject: '[OUV-2026-000001] Novo caso atribuído a você',
      text: 'x',
      html: '<p>x</p>',
      messageId: 'n1@ouvidoria.example.com.br',
      headers: {},
      attachments: {
        raw,
        parts: [{ filename: 'fatura.pdf', contentType: 'application/pdf', size: 15, inline: false, partId: '2' }],
      },
    });
    const sent = mailer.sent[0] as (typeof mailer.sent)[number] & {
      files?: { filename: string; content: Uint8Array }[];
    };
    expect(sent.files?.map((f) => [f.filename, Buffer.from(f.content).toString()])).toEqual([
      ['fatura.pdf', '%PDF-1.4 fatura'],
    ]);
    expect(sent).not.toHaveProperty('attachments');
    expect(deps.lifecycle?.secret).toBe(SECRET);
  });
});
