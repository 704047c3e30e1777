/**
 * The mail of a case's life after assignment (SPEC steps 8–9), as the request counts send it through
 * the email intake: the analyst's answer and closing (to the case's staff reply address), and the
 * merchant's reply in between. Each one as SES stores it: SES's verdict block on top (DKIM aligned
 * with the From, as the office's own domain and a merchant's provider sign), then the sender's mail.
 */
import type { CorpusMessage } from './corpus';

export interface LifecycleMail {
  id: string;
  from: { name: string; address: string };
  to: string;
  subject: string;
  /** Plain text, lines joined by \n. */
  text: string;
  inReplyTo?: string;
  date: Date;
}

/** The mail as SES stores it in S3, with its verdict block (shared/mail/ses-verdict-headers.ts) on top. */
export function storedLifecycleMail(mail: LifecycleMail): CorpusMessage {
  const domain = mail.from.address.slice(mail.from.address.lastIndexOf('@') + 1);
  const messageId = `<${mail.id}@mail.${domain}>`;
  const raw = Buffer.from(
    [
      `Return-Path: <${mail.from.address}>`,
      `Received: from mail.${domain} (mail.${domain} [203.0.113.25]) by inbound-smtp.us-east-1.amazonaws.com with SMTP id ${mail.id} for ${mail.to}; ${mail.date.toUTCString()}`,
      'X-SES-Spam-Verdict: PASS',
      'X-SES-Virus-Verdict: PASS',
      `Received-SPF: pass (spfCheck: domain of ${domain} designates 203.0.113.25 as permitted sender) client-ip=203.0.113.25; envelope-from=${mail.from.address}; helo=mail.${domain};`,
      `Authentication-Results: amazonses.com; spf=pass (spfCheck: domain of ${domain} designates 203.0.113.25 as permitted sender) client-ip=203.0.113.25; envelope-from=${mail.from.address}; helo=mail.${domain}; dkim=pass header.i=@${domain}; dmarc=pass header.from=${domain};`,
      'X-SES-RECEIPT: AEFBQUFBQUFBQUFBQUFBQmVuY2g=',
      'X-SES-DKIM-SIGNATURE: a=rsa-sha256; q=dns/txt; b=YmVuY2g=; c=relaxed/simple; s=bench; d=amazonses.com; t=1773151200; v=1; bh=YmVuY2g=; h=From:To:Subject;',
      `DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=${domain}; s=s1; h=from:to:subject:date:message-id; bh=YmVuY2g=; b=YmVuY2g=`,
      `From: =?UTF-8?B?${Buffer.from(mail.from.name).toString('base64')}?= <${mail.from.address}>`,
      `To: ${mail.to}`,
      `Subject: =?UTF-8?B?${Buffer.from(mail.subject).toString('base64')}?=`,
      `Date: ${mail.date.toUTCString()}`,
      `Message-ID: ${messageId}`,
      ...(mail.inReplyTo ? [`In-Reply-To: ${mail.inReplyTo}`, `References: ${mail.inReplyTo}`] : []),
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      mail.text.replace(/\n/g, '\r\n'),
    ].join('\r\n'),
  );
  return {
    id: mail.id,
    raw,
    kind: 'ticket-own',
    style: 'outlook',
    attachments: 0,
    sender: mail.from,
    subject: mail.subject,
    date: mail.date,
  };
}

/** The analyst's answer to the merchant: no command, the text goes to her as written. */
export function analystAnswer(c: { protocol: string; merchantName: string }): string {
  return [
    `Olá, ${c.merchantName}.`,
    '',
    'Analisei o seu caso com a equipe de integrações. A sincronização de estoque foi reprocessada e os pedidos',
    'de ontem já aparecem no painel. Pode conferir se o estoque está certo agora e me responder?',
    '',
    'Atenciosamente,',
    'Ouvidoria',
  ].join('\n');
}

/** The merchant's reply: the problem solved, a question left. */
export function merchantReply(): string {
  return [
    'Bom dia! Conferi agora e os pedidos de ontem apareceram, o estoque está batendo.',
    'Só queria saber se isso pode voltar a acontecer na próxima promoção.',
    '',
    'Obrigada,',
    'Lojista',
  ].join('\n');
}

/** The analyst closes the case as resolved, with her last words to the merchant. */
export function analystClosing(c: { merchantName: string }): string {
  return [
    '#encerrar resolvido Reprocessamento da sincronização de estoque; causa corrigida pela equipe de integrações.',
    '',
    `Olá, ${c.merchantName}. A causa foi corrigida pela equipe de integrações e não deve se repetir nas próximas`,
    'promoções. Vou encerrar o caso; se algo voltar a acontecer, é só responder a este e-mail.',
    '',
    'Atenciosamente,',
    'Ouvidoria',
  ].join('\n');
}
