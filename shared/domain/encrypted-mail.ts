/**
 * A merchant's mail that arrived encrypted: S/MIME (the whole body one `smime.p7m` part,
 * application/pkcs7-mime) or PGP/MIME (multipart/encrypted: an application/pgp-encrypted part and
 * the ciphertext). Only her key opens it; we have no text, only a file we refuse. The analyst is
 * told why the message reads empty, and the merchant's acknowledgement asks her to send it again
 * unencrypted. A signed-only mail is readable (its signature part is dropped: parse-email.ts).
 *
 * A signed document she attaches (ICP-Brasil's "contrato.pdf.p7m") beside her words is no
 * encrypted mail: the mail must have no text, and the S/MIME part be the envelope's own
 * `smime.p7m` (or nameless).
 */
export type MailEncryption = 'S/MIME' | 'PGP';

const SMIME_TYPES = new Set(['application/pkcs7-mime', 'application/x-pkcs7-mime']);
const PGP_TYPES = new Set(['application/pgp-encrypted']);

/**
 * The part that carries an encrypted mail (S/MIME's envelope, PGP/MIME's control part): refused as
 * a file whatever its bytes look like, with its declared type kept — the file check would read
 * PGP's "Version: 1" as a text file and list it as "anexo.txt", and encryptedMail could not tell.
 */
export function isEncryptionPartType(contentType: string | undefined): boolean {
  const type = (contentType ?? '').toLowerCase().split(';')[0]?.trim() ?? '';
  return SMIME_TYPES.has(type) || PGP_TYPES.has(type);
}

export function encryptedMail(message: {
  text?: string;
  attachments: ReadonlyArray<{ contentType?: string; filename?: string }>;
}): MailEncryption | undefined {
  if ((message.text ?? '').trim() !== '') return undefined;
  for (const a of message.attachments) {
    const type = (a.contentType ?? '').toLowerCase().split(';')[0]?.trim() ?? '';
    const name = (a.filename ?? '').trim().toLowerCase();
    if (SMIME_TYPES.has(type) && (name === '' || name === 'smime.p7m')) return 'S/MIME';
    if (PGP_TYPES.has(type)) return 'PGP';
  }
  return undefined;
}

/**
 * The files of her mail the office does not pass on because of what they are (a HEIC photo, a .zip,
 * an executable: the file check's REFUSED), by name; an encrypted mail's envelope is not her file,
 * and a forwarded mail is read into her message (nothing of it to send again).
 */
export function filesNotTaken(
  attachments: ReadonlyArray<{ contentType?: string; filename?: string; scan?: string }>,
): string[] {
  return attachments
    .filter(
      (a) =>
        a.scan === 'REFUSED' &&
        !isEncryptionPartType(a.contentType) &&
        // A forwarded mail (.eml) is read into her message: its text reached the analyst.
        !(a.contentType ?? '').toLowerCase().startsWith('message/'),
    )
    .map((a) => a.filename?.trim() || 'anexo');
}

/** In place of her text, for the staff (notices, the console). */
export function encryptedStaffPt(kind: MailEncryption): string {
  return `(mensagem criptografada com ${kind}: só a chave do destinatário abre o texto, e a Ouvidoria não tem essa chave. O lojista recebe da Ouvidoria um e-mail pedindo que a reenvie sem criptografia.)`;
}
