import { describe, expect, it } from 'vitest';
import { renderAnalystNotice } from '../../../shared/domain/assignment';
import { localConfig } from '../../../shared/domain/config';
import type { AttachmentMeta } from '../../../shared/domain/submission';
import { aCase } from '../../support/builders';

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

describe('renderAnalystNotice: links of webform files', () => {
  const files = [
    file('01', 'NO_THREATS_FOUND'),
    file('02', 'THREATS_FOUND'),
    file('03', 'PENDING'),
    file('04', 'REFUSED'),
  ];
  // A link for every key, as if a faulty caller signed them all: only the clean file may show one.
  const links = Object.fromEntries(files.map((f) => [f.key as string, `https://s3.example/${f.key}?sig=1`]));

  it('links only the file the scanner found clean, with the link lifetime', () => {
    const n = renderAnalystNotice(webformCase(files), ana, localConfig, { attachmentLinks: links });
    for (const part of [n.text, n.html]) {
      expect(part).toContain('https://s3.example/uploads/0123456789abcdef0123456789abcdef/01?sig=1');
      for (const other of ['02', '03', '04']) expect(part).not.toContain(`abcdef/${other}?sig`);
      expect(part).toContain('baixar (link válido por 24 h)');
      expect(part).toContain('AMEAÇA DETECTADA');
      expect(part).toContain('verificação antivírus em andamento');
      expect(part).toContain('02.pdf');
    }
  });

  it('lists a clean file without a link when none was signed', () => {
    const n = renderAnalystNotice(webformCase([file('01', 'NO_THREATS_FOUND')]), ana, localConfig);
    expect(n.text).toContain('01.pdf');
    expect(n.text).not.toContain('baixar');
  });

  it('escapes the file name and the link', () => {
    const evil = '<script>alert(1)</script>"onmouseover=x.pdf';
    const clean = file('01', 'NO_THREATS_FOUND', evil);
    const n = renderAnalystNotice(webformCase([clean]), ana, localConfig, {
      attachmentLinks: { [clean.key as string]: 'https://s3.example/a?x="><script>&y=1' },
    });
    expect(n.html).not.toMatch(/<script/i);
    expect(n.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(n.html).toContain('href="https://s3.example/a?x=&quot;&gt;&lt;script&gt;&amp;y=1"');
  });

  it('takes the lifetime from config.attachments.linkHours', () => {
    const config = { ...localConfig, attachments: { ...localConfig.attachments, linkHours: 6 } };
    const n = renderAnalystNotice(webformCase([file('01', 'NO_THREATS_FOUND')]), ana, config, {
      attachmentLinks: { [file('01', 'NO_THREATS_FOUND').key as string]: 'https://s3.example/x' },
    });
    expect(n.text).toContain('link válido por 6 h');
  });
});

describe('renderAnalystNotice: the console', () => {
  it('links the case in the console (through the entry, which signs in first)', () => {
    const n = renderAnalystNotice(webformCase([]), ana, localConfig);
    const link = `${localConfig.webformOrigin}/equipe?caso=${encodeURIComponent(webformCase([]).caseId)}`;
    expect(n.text).toContain(link);
    expect(n.html).toContain(`href="${link}"`);
  });
});
