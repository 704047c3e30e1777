import { describe, expect, it } from 'vitest';
import { renderAnalystNotice } from '../../../shared/domain/assignment';
import { consoleCaseLink } from '../../../shared/domain/console-link';
import { localConfig } from '../../../shared/domain/config';
import type { AttachmentMeta } from '../../../shared/domain/submission';
import { aCase } from '../../support/builders';

/** When the notice is sent: five minutes after the case arrived. */
const NOW = new Date('2026-03-10T13:05:00.000Z');

const ana = { id: 'ana', name: 'Ana', email: 'ana@ouvidoria.example.com.br', active: true, openCases: 0 };
const file = (key: string, scan: AttachmentMeta['scan'], filename = `${key}.pdf`): AttachmentMeta => ({
  filename,
  contentType: 'application/pdf',
  size: 2048,
  inline: false,
  key: `uploads/0123456789abcdef0123456789abcdef/${key}`,
  ...(scan ? { scan } : {}),
});

function webformCase(attachments: AttachmentMeta[]) {
  return aCase({
    protocol: 'OUV-2026-000321',
    channel: 'webform',
    messages: [
      {
        sourceId: 'wf-1',
        channel: 'webform',
        receivedAt: '2026-11-26T17:00:00.000Z',
        subject: 'x',
        text: 'y',
        attachments,
      },
    ],
  });
}

describe('renderAnalystNotice: files of the case', () => {
  const files = [
    file('01', 'NO_THREATS_FOUND'),
    file('02', 'THREATS_FOUND'),
    file('03', 'PENDING'),
    file('04', 'REFUSED'),
  ];
  const caseLink = consoleCaseLink(localConfig, webformCase(files).caseId);

  it('sends only the clean file to the console to be downloaded, and signs no link that would outlive its credentials', () => {
    const n = renderAnalystNotice(webformCase(files), ana, localConfig, NOW);
    for (const part of [n.text, n.html]) {
      expect(part).toContain('baixar pelo console');
      expect(part.split('baixar pelo console')).toHaveLength(2);
      expect(part).not.toMatch(/link válido|X-Amz-Signature|_s3\//);
      expect(part).toContain('AMEAÇA DETECTADA');
      expect(part).toContain('verificação antivírus em andamento');
      expect(part).toContain('02.pdf');
    }
    expect(n.html).toContain(`href="${caseLink.replaceAll('&', '&amp;')}"`);
  });

  it('offers no download for a file the scanner has not cleared', () => {
    const n = renderAnalystNotice(webformCase([file('03', 'PENDING')]), ana, localConfig, NOW);
    expect(n.text).toContain('03.pdf');
    expect(n.text).not.toContain('baixar');
  });

  it('escapes the file name', () => {
    const evil = '<script>alert(1)</script>"onmouseover=x.pdf';
    const n = renderAnalystNotice(webformCase([file('01', 'NO_THREATS_FOUND', evil)]), ana, localConfig, NOW);
    expect(n.html).not.toMatch(/<script/i);
    expect(n.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
