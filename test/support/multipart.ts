/** A multipart/form-data body as a browser sends it (fields first, then files). */
export function multipartBody(
  fields: Record<string, string>,
  files: { field?: string; name: string; type: string; bytes: Buffer }[],
): { body: Buffer; contentType: string } {
  const boundary = '----OuvidoriaTestBoundary7MA4YWxkTrZu0gW';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`, 'utf8'),
    );
  }
  for (const file of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'anexos'}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
        'utf8',
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A mail as a mail program writes it: a text part, then one file (base64), multipart/mixed. */
export function mailWithFile(mail: {
  from: string;
  subject: string;
  messageId: string;
  text: string;
  file: { name: string; type: string; bytes: Buffer };
  returnPath?: string;
}): string {
  return [
    ...(mail.returnPath ? [`Return-Path: <${mail.returnPath}>`] : []),
    `From: ${mail.from}`,
    'To: ouvidoria@ouvidoria.example.com.br',
    `Subject: ${mail.subject}`,
    `Message-ID: <${mail.messageId}>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    mail.text,
    '--b1',
    `Content-Type: ${mail.file.type}; name="${mail.file.name}"`,
    `Content-Disposition: attachment; filename="${mail.file.name}"`,
    'Content-Transfer-Encoding: base64',
    '',
    mail.file.bytes.toString('base64'),
    '--b1--',
    '',
  ].join('\r\n');
}
