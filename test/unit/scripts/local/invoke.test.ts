import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventForMail, invokeLifecycle, localSettings } from '../../../../scripts/local/invoke';
import { commonHeadersOfRaw } from '../../../../scripts/local/smtp';

const sample = async () =>
  JSON.parse(await readFile(join(__dirname, '../../../../events/ses/receipt-event.json'), 'utf8')) as {
    Records: { ses: { mail: Record<string, unknown>; receipt: Record<string, unknown> } }[];
  };

const CASE_ADDRESS = 'caso+OUV-2026-000001.abc123@ouvidoria.example.com.br';
const eml = (to: string, cc?: string) =>
  Buffer.from(
    [
      'From: Ana Souza <ana.souza@ouvidoria.example.com.br>',
      `To: ${to}`,
      ...(cc ? [`Cc: ${cc}`] : []),
      'Subject: Re: [OUV-2026-000001] Novo caso atribuído a você',
      'Message-ID: <r1@ouvidoria.example.com.br>',
      '',
      '#prorrogar 5 aguardando o retorno do time de integrações',
      '',
    ].join('\r\n'),
  );

// Last round: a staff mail invoked on the sample event kept its recipients (the ombudsman address),
// so '#prorrogar' to a case address was quarantined as staff commands sent to the office.
describe('eventForMail: the sample event becomes this mail’s, as SES describes it', () => {
  it.each([
    ['a staff mail to its case address', eml(`Caso <${CASE_ADDRESS}>`), [CASE_ADDRESS.toLowerCase()]],
    [
      'the case address in Cc',
      eml('Mariana Souza <lojista@modasbella.com.br>', CASE_ADDRESS),
      [CASE_ADDRESS.toLowerCase()],
    ],
    [
      'a merchant mail to the office',
      eml('Ouvidoria <ouvidoria@ouvidoria.example.com.br>'),
      ['ouvidoria@ouvidoria.example.com.br'],
    ],
    ['no address of the office: the sample’s', eml('alguem@outro.example'), ['ouvidoria@ouvidoria.example.com.br']],
  ])('%s', async (_label, raw, recipients) => {
    const event = await sample();
    eventForMail(event, 'invoke-1', await commonHeadersOfRaw(raw), new Date('2026-12-01T13:10:00Z'));
    const [record] = event.Records;
    expect(record?.ses.receipt.recipients).toEqual(recipients);
    expect(record?.ses.mail.destination).toEqual(recipients);
    expect(record?.ses.mail.messageId).toBe('invoke-1');
    // Received on invoke's clock, not on the sample's date (24/11/2026): its deadline counts from then.
    expect(record?.ses.receipt.timestamp).toBe('2026-12-01T13:10:00.000Z');
    expect(record?.ses.mail.timestamp).toBe('2026-12-01T13:10:00.000Z');
    expect(record?.ses.mail.commonHeaders).toMatchObject({
      subject: 'Re: [OUV-2026-000001] Novo caso atribuído a você',
    });
  });
});

// Last round: the lifecycle an invocation drove was the Lambda's, whose timers need EventBridge
// Scheduler: an extension or a reopening failed. Its timers are printed, as the assignment's are.
describe('invokeLifecycle: the timers an invocation arms are handed to it', () => {
  it('schedules through the given printer, with the stack’s secret', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'invoke-'));
    await writeFile(join(dir, 'reply-secret'), 'segredo-local-de-teste-0123456789abcdef');
    const printed: unknown[] = [];
    const deps = await invokeLifecycle(localSettings({ LOCAL_DATA_DIR: dir, INIT_CWD: '/' }), async (t) => {
      printed.push(t);
    });
    const timer = {
      kind: 'reminder' as const,
      caseId: 'email:1',
      dueAt: '2026-12-22T13:00:00Z',
      at: new Date(),
      name: 'r',
    };
    await deps.timers.schedule(timer);
    expect(printed).toEqual([timer]);
  });
});
