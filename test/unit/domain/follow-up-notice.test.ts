import { describe, expect, it } from 'vitest';
import { localConfig } from '../../../shared/domain/config';
import { renderFollowUpNotice } from '../../../shared/domain/follow-up-notice';
import { aCase } from '../../support/builders';

describe('follow-up notice to the analyst', () => {
  it('shows the new message escaped, with the quoted history collapsed', () => {
    const notice = renderFollowUpNotice(
      aCase({
        caseId: 'email:x',
        protocol: 'OUV-2026-000007',
        channel: 'email',
        sourceId: 'x',
        status: 'ASSIGNED',
        outcome: 'ACCEPTED',
        ticketCandidates: [],
        senderEmail: 'lojista@modasbella.com.br',
        subject: 'Estoque',
        createdAt: '2026-11-24T14:00:00.000Z',
        updatedAt: '2026-11-24T14:00:00.000Z',
        messages: [],
        messageIds: [],
      }),
      {
        sourceId: 'y',
        channel: 'email',
        receivedAt: '2026-11-25T12:00:00.000Z',
        subject: 'Re: [OUV-2026-000007] <script>alert(1)</script>',
        text: 'Segue <img src=x onerror=alert(1)> o print.\n\nEm 24/11/2026, Ouvidoria escreveu:\n> Recebemos sua manifestação',
        attachments: [{ filename: 'print.png', contentType: 'image/png', size: 1234, inline: false }],
      },
      { id: 'ana', name: 'Ana Souza', email: 'ana@ouvidoria.example.com.br', active: true, openCases: 1 },
      localConfig,
    );
    expect(notice.subject).toBe('[OUV-2026-000007] Nova mensagem do lojista');
    expect(notice.html).not.toContain('<script>');
    expect(notice.html).not.toContain('<img src=x');
    expect(notice.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(notice.html).toContain('<details');
    expect(notice.text).toContain('print.png');
    expect(notice.text).toContain('25/11/2026 às 09:00');
  });
});
