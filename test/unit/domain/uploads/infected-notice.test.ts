import { describe, expect, it } from 'vitest';
import { localConfig } from '../../../../shared/domain/config';
import type { RenderedMail } from '../../../../shared/domain/replies';
import { renderInfectedNotice, renderInfectedNoticeToAnalyst } from '../../../../shared/domain/uploads/infected-notice';

const PROTOCOL = 'OUV-2026-000123';
const HOSTILE = 'nota<script>alert(1)</script>&<img src=x onerror=alert(1)>.pdf';

function assertInertHtml(mail: RenderedMail): void {
  expect(mail.html).not.toContain('<script>');
  expect(mail.html).not.toContain('<img');
  expect(mail.html).toContain('&lt;script&gt;');
}

describe('renderInfectedNotice: a file that came by mail (its copy for the console)', () => {
  it.each([
    ['pt-BR', true, 'no arquivo que você enviou por e-mail à Ouvidoria'],
    ['pt-BR', false, 'nos arquivos que você enviou por e-mail à Ouvidoria'],
    ['es', true, 'en el archivo que usted envió por correo a la Ouvidoria'],
    ['en', false, 'in the files you emailed to the Ombudsman'],
  ] as const)('%s, one file %s: says it was mailed, not attached to the form', (language, one, says) => {
    const files = one ? ['fatura.pdf'] : ['a.pdf', 'b.pdf'];
    const mail = renderInfectedNotice(files, PROTOCOL, localConfig, 'Juliana', language, true);
    expect(mail.text).toContain(says);
    expect(mail.text).not.toMatch(/formulário|formulario|form:/);
  });
});

describe('renderInfectedNotice (to the merchant)', () => {
  it.each([
    {
      name: 'one file, case opened',
      files: ['boleto-março.pdf'],
      protocol: PROTOCOL,
      subject: `[${PROTOCOL}] Um arquivo enviado não pôde ser aceito`,
      says: ['no arquivo que você anexou', `protocolo ${PROTOCOL}`, 'mantendo o número do protocolo no assunto'],
    },
    {
      name: 'several files, case opened',
      files: ['nf-1.pdf', 'nf-2.pdf'],
      protocol: PROTOCOL,
      subject: `[${PROTOCOL}] Arquivos enviados não puderam ser aceitos`,
      says: ['nos arquivos que você anexou', 'os arquivos forem importantes'],
    },
    {
      name: 'one file, no protocol yet',
      files: ['boleto.pdf'],
      protocol: undefined,
      subject: 'Ouvidoria: um arquivo enviado não pôde ser aceito',
      says: ['no arquivo que você anexou', 'o arquivo for importante'],
    },
    {
      name: 'several files, no protocol yet',
      files: ['nf-1.pdf', 'print tela.png'],
      protocol: undefined,
      subject: 'Ouvidoria: arquivos enviados não puderam ser aceitos',
      says: ['nos arquivos que você anexou', 'A sua mensagem segue normalmente', 'pelo formulário da Ouvidoria'],
    },
  ])('$name', ({ files, protocol, subject, says }) => {
    const mail = renderInfectedNotice(files, protocol, localConfig);
    expect(mail.subject).toBe(subject);
    for (const phrase of says) expect(mail.text).toContain(phrase);
    // Each file by its extension only, never by its name.
    for (const file of files) {
      const kind = `arquivo ${file.split('.').pop()?.toUpperCase()}`;
      expect(mail.text).toContain(kind);
      expect(mail.html).toContain(`<strong>${kind}</strong>`);
      expect(`${mail.subject}${mail.text}${mail.html}`).not.toContain(file.split('.')[0]);
    }
    expect(mail.text).toContain('quarentena');
    expect(mail.text).toContain(localConfig.fromName);
  });

  it.each([
    [
      ['extrato.txt'],
      'Carla Mendes',
      'Olá, Carla Mendes,',
      'o arquivo ficou em quarentena: ninguém da equipe vai abri-lo.',
    ],
    [['nf-1.pdf', 'nf-2.pdf'], undefined, 'Olá,', 'os arquivos ficaram em quarentena: ninguém da equipe vai abri-los.'],
    // The form's name is anyone's text, sent to any address: only a name that reads as one greets.
    [
      ['fatura.pdf'],
      'Maria. Seu PIX foi bloqueado, regularize em https://golpe.example',
      'Olá,',
      'o arquivo ficou em quarentena',
    ],
    [['fatura.pdf'], 'Ganhe R$ 5.000 hoje: www.golpe.example', 'Olá,', 'o arquivo ficou em quarentena'],
  ])('%j from %s: greets by name as the acknowledgement does, in the right number', (files, name, hello, kept) => {
    const mail = renderInfectedNotice(files, PROTOCOL, localConfig, name);
    expect(mail.text.startsWith(`${hello}\n`)).toBe(true);
    expect(mail.text).toContain(kept);
    if (files.length > 1) expect(mail.text).toContain('Se os arquivos forem importantes para o caso');
  });

  it.each([
    ['es', ['fatura.pdf', 'nf.pdf'], 'Hola,', 'los archivos quedaron en cuarentena', 'responda a este correo'],
    ['en', ['fatura.pdf'], 'Hello,', 'the file was quarantined', 'reply to this email'],
  ] as const)('a case in %s hears it in its language (%j)', (language, files, hello, kept, reply) => {
    const mail = renderInfectedNotice([...files], PROTOCOL, localConfig, undefined, language);
    expect(mail.text.startsWith(`${hello}\n`)).toBe(true);
    expect(mail.text).toContain(kept);
    expect(mail.text).toContain(reply);
    expect(mail.text).not.toMatch(/Olá|quarentena|arquivo/);
  });

  it('never asks a merchant without a protocol to reply by email', () => {
    const mail = renderInfectedNotice(['a.pdf'], undefined, localConfig);
    expect(mail.text).not.toContain('responda a este e-mail');
    expect(mail.subject).not.toMatch(/\[/);
  });

  // Whoever types an address on the form names the file: the office must not mail his words to her.
  it.each([
    ['URGENTE sua loja sera suspensa ligue 11 91234-5678 ou acesse bit.ly-x.pdf', 'pt-BR', 'arquivo PDF'],
    ['Seu PIX foi bloqueado, regularize em https:⁄⁄golpe.example.png', 'pt-BR', 'arquivo PNG'],
    [HOSTILE, 'pt-BR', 'arquivo PDF'],
    ['Factura pendiente: pague en pago-rapido.example.xlsx', 'es', 'archivo XLSX'],
    ['Your store will be closed, call +1 555 0100.docx', 'en', 'DOCX file'],
    ['sem extensão, fale com o suporte no WhatsApp', 'pt-BR', 'arquivo sem extensão reconhecível'],
    ['nome com ponto no fim.', 'pt-BR', 'arquivo sem extensão reconhecível'],
    ['documento.comprovante-de-pagamento', 'es', 'archivo sin extensión reconocible'],
    ['EICAR', 'en', 'file with no recognisable extension'],
  ] as const)('a file named %j is told as %s (%s), its name nowhere', (name, language, kind) => {
    const lure = name.replace(/\.[a-z0-9]{1,5}$/i, '');
    for (const byMail of [false, true]) {
      const mail = renderInfectedNotice([name, 'fatura.pdf'], PROTOCOL, localConfig, 'Juliana', language, byMail);
      expect(mail.text).toContain(kind);
      for (const part of [mail.subject, mail.text, mail.html]) {
        expect(part).not.toContain(lure);
        expect(part).not.toContain('fatura');
      }
      expect(mail.html).not.toContain('<script');
    }
  });

  it('names nothing from a hostile file name in the HTML part', () => {
    const mail = renderInfectedNotice([HOSTILE], PROTOCOL, localConfig);
    expect(mail.html).not.toContain('script');
    expect(mail.html).not.toContain('onerror');
    expect(mail.html).toContain('<strong>arquivo PDF</strong>');
  });
});

describe('renderInfectedNoticeToAnalyst', () => {
  it('names the case, the analyst and every quarantined file', () => {
    const mail = renderInfectedNoticeToAnalyst(['contrato.docx', 'extrato.xlsx'], PROTOCOL, 'Ana Lima', localConfig);
    expect(mail.text).toContain('Olá, Ana Lima,');
    expect(mail.text).toContain('contrato.docx');
    expect(mail.text).toContain('extrato.xlsx');
  });

  it.each([
    {
      files: ['contrato.docx'],
      subject: `[${PROTOCOL}] Anexo em quarentena (antivírus)`,
      says: ['encontrou uma ameaça em um anexo deste caso:', 'O arquivo ficou em quarentena', 'não deve ser aberto'],
    },
    {
      files: ['contrato.docx', 'extrato.xlsx'],
      subject: `[${PROTOCOL}] Anexos em quarentena (antivírus)`,
      says: ['encontrou ameaças em anexos deste caso:', 'Os arquivos ficaram em quarentena', 'não devem ser abertos'],
    },
  ])('agrees in number with $files.length file(s)', ({ files, subject, says }) => {
    const mail = renderInfectedNoticeToAnalyst(files, PROTOCOL, 'Ana Lima', localConfig);
    expect(mail.subject).toBe(subject);
    for (const text of says) expect(mail.text).toContain(text);
  });

  it('escapes a hostile file name and analyst name in the HTML part', () => {
    assertInertHtml(renderInfectedNoticeToAnalyst([HOSTILE], PROTOCOL, '<script>x</script>', localConfig));
  });
});
