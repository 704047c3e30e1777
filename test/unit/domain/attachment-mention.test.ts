import { describe, expect, it } from 'vitest';
import { announcesAttachment, attachmentMissing } from '../../../shared/domain/attachment-mention';

// ROUND24: a merchant who writes "Segue em anexo" and whose file did not arrive (forgotten, too big for
// her mail client, dropped by the form) must be told so in her acknowledgement, and the analyst must see it.
describe('announcesAttachment: her words say a file goes with the message', () => {
  it.each([
    [
      'segue em anexo',
      'Boa tarde. A loja está fora do ar desde ontem, o chamado 51234 segue sem resposta. Segue em anexo o print do erro.',
    ],
    ['seguem anexos', 'Cobrança em dobro na fatura de novembro. Seguem anexos os boletos pagos.'],
    ['em anexo', 'Em anexo, a fatura cobrada em dobro. O suporte não resolve.'],
    ['conforme print anexo', 'O checkout trava no pagamento por Pix, conforme print anexo. Chamado 51234.'],
    ['conforme o print em anexo', 'Os pedidos somem do painel, conforme o print em anexo.'],
    ['vide anexo', 'Vide anexo. O suporte fechou meu chamado sem resolver.'],
    ['mando os prints', 'Mando os prints da tela de pagamento, o frete aparece zerado.'],
    ['segue o print', 'O app não sincroniza o estoque. Segue o print da tela.'],
    ['estou mandando os prints', 'Estou mandando os prints aqui pra vocês verem o erro.'],
    ['anexei', 'Anexei a planilha com os pedidos que não foram repassados.'],
    ['comprovantes anexados', 'Os comprovantes anexados mostram o pagamento em dia.'],
    ['anexo o print', 'Anexo o print do painel com a loja suspensa.'],
    ['please find attached', 'My store has been down since Monday. Please find attached the screenshots.'],
    ['I have attached', 'I have attached the invoice charged twice.'],
    ['machine translation', 'The store is offline since yesterday. Follows attached the print of the error.'],
    ['see attachment', 'Ticket 51234 was closed without a solution, see attachment.'],
    ['te adjunto', 'La tienda no carga desde ayer. Te adjunto las capturas del error.'],
    ['adjunto captura', 'Adjunto captura de pantalla del cobro duplicado.'],
    ['adjunto el comprobante', 'El cobro salió dos veces. Adjunto el comprobante del banco.'],
    ['envío adjunta', 'Envío adjunta la factura cobrada dos veces.'],
    ['archivo adjunto', 'El error está en el archivo adjunto.'],
  ])('%s: %j', (_label, text) => {
    expect(announcesAttachment(text)).toBe(true);
  });

  it.each([
    ['ordinary complaint', 'A loja está fora do ar desde ontem e o suporte não responde o chamado 51234.'],
    [
      'ordinary complaint, "segue" as "goes on"',
      'O produto segue sem estoque no painel e o chamado 51234 segue aberto.',
    ],
    ['ordinary complaint, "segue o problema"', 'Segue o problema: a loja não abre no celular.'],
    ['she cannot attach', 'Não consigo mandar em anexo, o arquivo é grande demais.'],
    ['she did not attach', 'Não anexei nada porque o sistema não deixa.'],
    ['the form does not let her', 'O sistema não deixa anexar arquivo no chamado.'],
    ['sent to support before', 'Já mandei os prints para o suporte e nada.'],
    ['attached to the ticket', 'Anexei os prints no chamado 51234 e ninguém olhou.'],
    ['attached to the ticket, participle', 'O print anexado ao ticket mostra o erro.'],
    ['an offer', 'Posso mandar os prints se precisar.'],
    ['English, could not', 'I could not attach the file, it is too big.'],
    ['Spanish, could not', 'No puedo adjuntar el archivo, es muy grande.'],
    // Review 6: "adjunto" is Portuguese too, and her shopper's file is not hers to send.
    ['"adjuntos" in Portuguese', 'A loja vende bolsas e adjuntos e o checkout travou no Pix.'],
    ['"professor adjunto"', 'Sou professor adjunto e vendo apostilas na loja; o repasse não caiu.'],
    ['her shopper sent it', 'O cliente disse que mandou o comprovante em anexo mas nada chegou.'],
    ['support said so', 'O suporte afirmou que o boleto segue em anexo no e-mail deles, mas não veio nada.'],
    [
      "support's words quoted",
      'Oi, o problema continua.\n\nEm qua., 2 de dez. de 2026 às 10:00, Suporte escreveu:\n> Segue em anexo o manual.',
    ],
  ])('not: %s, %j', (_label, text) => {
    expect(announcesAttachment(text)).toBe(false);
  });
});

describe('attachmentMissing', () => {
  const file = { filename: 'print.png', contentType: 'image/png', size: 1000, inline: false };
  it.each([
    ['announced, none arrived', 'Segue em anexo o print do erro no checkout.', [], true],
    ['announced and arrived', 'Segue em anexo o print do erro no checkout.', [file], false],
    ['announced, pasted into the mail', 'Segue o print abaixo.', [{ ...file, inline: true }], false],
    ['not announced', 'A loja está fora do ar desde ontem.', [], false],
  ])('%s', (_label, text, attachments, missing) => {
    expect(attachmentMissing({ text, attachments })).toBe(missing);
  });

  it('reads a long text in linear time', () => {
    const text = `${'segue em '.repeat(50_000)}${'nao '.repeat(50_000)}`;
    const started = performance.now();
    announcesAttachment(text);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
