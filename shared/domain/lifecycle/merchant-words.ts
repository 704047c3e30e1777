/**
 * The words of the lifecycle mails to the merchant (the analyst's answer, the closing mail and its
 * survey, the extension and reopening notices, the note on a webform file the anti-virus flagged, the
 * files-not-taken and encrypted-follow-up notes), one table per language: a case opened in Spanish
 * or English (Decision.language, the language its acknowledgement was written in) keeps hearing
 * from the office in that language; pt-BR otherwise. Staff mails stay in pt-BR.
 */
import { formatInstantIn } from '../calendar';
import type { OuvidoriaConfig } from '../config';
import type { MailEncryption } from '../encrypted-mail';
import { countOf } from '../count';
import type { MailBlock, MailInline } from '../replies';
import { LANGUAGE_NAMES_PT, type MessageLanguage } from '../text';
import { CLOSE_CATEGORY_LABELS_PT, type CloseCategory, SCORE_LABELS_PT } from './types';

export interface MerchantWords {
  hello: string;
  regards: string;
  /** A date (dd/mm/aaaa) as the merchant reads it. */
  date: (ddmmyyyy: string) => string;
  /** "Prazo de resposta: até " <date>. */
  dueBy: string;
  /** The footer: how to add information (around the protocol), and the privacy note. */
  addInfo: [before: string, after: string];
  privacy: (c: OuvidoriaConfig) => MailBlock;
  /** "Seu caso " <protocol> " foi encerrado pela Ouvidoria." */
  closed: [before: string, after: string];
  result: string;
  summary: string;
  categories: Record<CloseCategory, string>;
  scores: Record<number, string>;
  surveyTitle: string;
  surveyHow: string;
  surveyAnswered: string;
  /** The closing mail's last line: reply by `until` (the reopen window's last minute, `reopenUntilText`). */
  reopenWithin: (until: string) => string;
  /** How a date and time reads (Luxon format, Brasília time): the reopen window's end, in the mail and on her page. */
  dateTimeFormat: string;
  /** "O prazo de resposta do seu caso " <protocol> " foi prorrogado em N dias úteis. Novo prazo: até " <date> ".". */
  extended: (days: number) => [before: string, after: string];
  reason: string;
  stillWorking: string;
  /** "Recebemos a sua mensagem e reabrimos o caso " <protocol> <same person | the team>. */
  reopened: { before: string; samePerson: string; team: string };
  /** The note on a webform file the anti-virus flagged (shared/domain/uploads/infected-notice.ts); `one`: a single file. */
  infected: {
    /** Lower-case: the subject after the protocol (capitalised), or after "Ouvidoria: ". */
    what: (one: boolean) => string;
    /** `byMail`: the file came in her mail (its copy for the console), not through the form. */
    found: (one: boolean, byMail?: boolean) => string;
    kept: (one: boolean) => string;
    goesOn: (protocol: string | undefined) => string;
    check: (one: boolean) => string;
    resend: (withProtocol: boolean) => string;
    /** One listed file, by its extension only ("arquivo PDF"): her file's name is anyone's text. */
    file: (extension: string | undefined) => string;
    automatic: string;
  };
  /** Her later message brought files the office does not take (messages.ts renderFilesNotTaken); `one`: a single file. */
  filesNotTaken: {
    /** "Recebemos a sua mensagem no caso " <protocol> ", mas este arquivo não pôde ser aceito…:" */
    received: (one: boolean) => [before: string, after: string];
    /** The formats taken (`kinds`: "PDF, PNG, JPEG") and how to send the file(s) again. */
    resend: (kinds: string, one: boolean) => string;
  };
  /** Her later message arrived encrypted (renderEncryptedReply): "Recebemos uma mensagem sua no caso " <protocol> ", mas…". */
  encryptedReply: (kind: MailEncryption) => [before: string, after: string];
  /** The mail with the one-time status link (`/consulta`). */
  statusLink: {
    title: string;
    /** "Recebemos um pedido para acompanhar o caso " <protocol> " na página da Ouvidoria." */
    asked: [before: string, after: string];
    see: string;
    validity: (hours: number) => string;
    notYou: string;
  };
}

function privacy(before: string, label: string): (c: OuvidoriaConfig) => MailBlock {
  return (c) => ({ p: [before, { href: c.links.privacyPolicy, label } as MailInline, '.'] });
}

export const MERCHANT_WORDS: Record<MessageLanguage, MerchantWords> = {
  'pt-BR': {
    hello: 'Olá',
    regards: 'Atenciosamente,',
    date: (d) => d,
    dueBy: 'Prazo de resposta: até ',
    addInfo: ['Para acrescentar informações, basta responder a este e-mail mantendo o protocolo ', ' no assunto.'],
    privacy: privacy('Tratamos os seus dados pessoais conforme a LGPD e a nossa ', 'Política de Privacidade'),
    closed: ['Seu caso ', ' foi encerrado pela Ouvidoria.'],
    result: 'Resultado: ',
    summary: 'Resumo: ',
    categories: CLOSE_CATEGORY_LABELS_PT,
    scores: SCORE_LABELS_PT,
    surveyTitle: 'Como foi o atendimento da Ouvidoria?',
    surveyHow:
      'Escolha uma nota de 1 a 5. O link abre uma página com a nota escolhida, onde você confirma com um clique e, se quiser, deixa um comentário. Se preferir, responda a este e-mail só com a nota (por exemplo, “Nota 5”).',
    surveyAnswered: 'Obrigado por já ter avaliado o atendimento deste caso: a sua avaliação continua registrada.',
    reopenWithin: (until) => `Se precisar, responda a este e-mail até ${until} e o caso será reaberto.`,
    dateTimeFormat: "dd/MM/yyyy 'às' HH:mm",
    extended: (days) => [
      'O prazo de resposta do seu caso ',
      ` foi prorrogado em ${countOf(days, 'dia útil', 'dias úteis')}. Novo prazo: até `,
    ],
    reason: 'Motivo: ',
    stillWorking: 'Seguimos trabalhando no seu caso e falaremos com você por e-mail.',
    reopened: {
      before: 'Recebemos a sua mensagem e reabrimos o caso ',
      samePerson: '. Ele continua com a mesma pessoa da nossa equipe, que já recebeu o que você escreveu.',
      team: '. A nossa equipe já recebeu o que você escreveu e vai responder dentro do prazo abaixo.',
    },
    infected: {
      what: (one) => (one ? 'um arquivo enviado não pôde ser aceito' : 'arquivos enviados não puderam ser aceitos'),
      found: (one, byMail) =>
        byMail
          ? one
            ? 'A verificação antivírus encontrou uma ameaça no arquivo que você enviou por e-mail à Ouvidoria:'
            : 'A verificação antivírus encontrou ameaças nos arquivos que você enviou por e-mail à Ouvidoria:'
          : one
            ? 'A verificação antivírus encontrou uma ameaça no arquivo que você anexou ao formulário da Ouvidoria:'
            : 'A verificação antivírus encontrou ameaças nos arquivos que você anexou ao formulário da Ouvidoria:',
      kept: (one) =>
        one
          ? 'Por segurança, o arquivo ficou em quarentena: ninguém da equipe vai abri-lo. '
          : 'Por segurança, os arquivos ficaram em quarentena: ninguém da equipe vai abri-los. ',
      goesOn: (protocol) =>
        protocol
          ? `A sua manifestação (protocolo ${protocol}) segue normalmente com os demais dados.`
          : 'A sua mensagem segue normalmente com os demais dados.',
      check: (one) =>
        `Verifique o seu computador com um antivírus atualizado. Se ${one ? 'o arquivo for importante' : 'os arquivos forem importantes'} para o caso, `,
      resend: (withProtocol) =>
        withProtocol
          ? 'responda a este e-mail mantendo o número do protocolo no assunto e anexe uma versão limpa (por exemplo, um PDF gerado de novo).'
          : 'envie uma versão limpa pelo formulário da Ouvidoria.',
      file: (ext) => (ext ? `arquivo ${ext}` : 'arquivo sem extensão reconhecível'),
      automatic: 'Mensagem automática da Ouvidoria.',
    },
    filesNotTaken: {
      received: (one) => [
        'Recebemos a sua mensagem no caso ',
        `, mas ${one ? 'este arquivo não pôde ser aceito e não foi repassado' : 'estes arquivos não puderam ser aceitos e não foram repassados'} à equipe:`,
      ],
      resend: (kinds, one) =>
        `Aceitamos ${kinds}; um arquivo de outro formato (como a foto HEIC do iPhone), corrompido, protegido por senha ou com macros não é repassado. Se ${one ? 'ele for importante' : 'forem importantes'} para o caso, responda a este e-mail com ${one ? 'o arquivo' : 'os arquivos'} em um desses formatos (a foto pode ir como captura de tela ou exportada como JPEG). O texto da sua mensagem chegou normalmente à equipe.`,
    },
    encryptedReply: (kind) => [
      'Recebemos uma mensagem sua no caso ',
      `, mas ela chegou criptografada (${kind}) e não conseguimos ler o conteúdo: só a chave do destinatário abre o texto. Por favor, responda a este e-mail com o texto sem criptografia (desative a opção “Criptografar” ou “Encrypt” do seu programa de e-mail para esta mensagem).`,
    ],
    statusLink: {
      title: 'Link para acompanhar o seu caso',
      asked: ['Recebemos um pedido para acompanhar o caso ', ' na página da Ouvidoria.'],
      see: 'Ver o andamento do caso',
      validity: (hours) => `O link vale por ${countOf(hours, 'hora', 'horas')} e pode ser aberto uma vez.`,
      notYou: 'Se não foi você quem pediu, ignore este e-mail: ninguém vê o caso sem este link.',
    },
  },
  es: {
    hello: 'Hola',
    regards: 'Atentamente,',
    date: (d) => d,
    dueBy: 'Plazo de respuesta: hasta el ',
    addInfo: [
      'Para agregar información, responda a este correo manteniendo el protocolo ',
      ' en el asunto. Escribimos en portugués o en español.',
    ],
    privacy: privacy(
      'Tratamos sus datos personales conforme a la LGPD (ley brasileña de protección de datos) y a nuestra ',
      'Política de Privacidad',
    ),
    closed: ['Su caso ', ' fue cerrado por la Ouvidoria.'],
    result: 'Resultado: ',
    summary: 'Resumen: ',
    categories: {
      procedente: 'Procedente',
      improcedente: 'Improcedente',
      parcial: 'Parcialmente procedente',
      resolvido: 'Resuelto',
      'nao-resolvido': 'No resuelto',
    },
    scores: {
      1: '1 — Muy insatisfecho(a)',
      2: '2 — Insatisfecho(a)',
      3: '3 — Neutral',
      4: '4 — Satisfecho(a)',
      5: '5 — Muy satisfecho(a)',
    },
    surveyTitle: '¿Cómo fue la atención de la Ouvidoria?',
    surveyHow:
      'Elija una nota de 1 a 5. El enlace abre una página con la nota elegida, donde usted la confirma con un clic y, si quiere, deja un comentario. Si lo prefiere, responda a este correo solo con la nota (por ejemplo, “Nota 5”).',
    surveyAnswered: 'Gracias por haber evaluado ya la atención de este caso: su evaluación sigue registrada.',
    reopenWithin: (until) => `Si lo necesita, responda a este correo hasta el ${until} y el caso se reabrirá.`,
    dateTimeFormat: "dd/MM/yyyy 'a las' HH:mm '(hora de Brasilia)'",
    extended: (days) => [
      'El plazo de respuesta de su caso ',
      ` se prorrogó ${countOf(days, 'día hábil', 'días hábiles')}. Nuevo plazo: hasta el `,
    ],
    reason: 'Motivo: ',
    stillWorking: 'Seguimos trabajando en su caso y le escribiremos por correo.',
    reopened: {
      before: 'Recibimos su mensaje y reabrimos el caso ',
      samePerson: '. Sigue con la misma persona de nuestro equipo, que ya recibió lo que usted escribió.',
      team: '. Nuestro equipo ya recibió lo que usted escribió y le responderá dentro del plazo indicado abajo.',
    },
    infected: {
      what: (one) =>
        one ? 'un archivo enviado no pudo ser aceptado' : 'los archivos enviados no pudieron ser aceptados',
      found: (one, byMail) =>
        byMail
          ? one
            ? 'El análisis antivirus encontró una amenaza en el archivo que usted envió por correo a la Ouvidoria:'
            : 'El análisis antivirus encontró amenazas en los archivos que usted envió por correo a la Ouvidoria:'
          : one
            ? 'El análisis antivirus encontró una amenaza en el archivo que usted adjuntó al formulario de la Ouvidoria:'
            : 'El análisis antivirus encontró amenazas en los archivos que usted adjuntó al formulario de la Ouvidoria:',
      kept: (one) =>
        one
          ? 'Por seguridad, el archivo quedó en cuarentena: nadie del equipo lo abrirá. '
          : 'Por seguridad, los archivos quedaron en cuarentena: nadie del equipo los abrirá. ',
      goesOn: (protocol) =>
        protocol
          ? `Su caso (protocolo ${protocol}) sigue normalmente con los demás datos.`
          : 'Su mensaje sigue normalmente con los demás datos.',
      check: (one) =>
        `Revise su computadora con un antivirus actualizado. Si ${one ? 'el archivo es importante' : 'los archivos son importantes'} para el caso, `,
      resend: (withProtocol) =>
        withProtocol
          ? 'responda a este correo manteniendo el número de protocolo en el asunto y adjunte una versión limpia (por ejemplo, un PDF generado de nuevo).'
          : 'envíe una versión limpia por el formulario de la Ouvidoria.',
      file: (ext) => (ext ? `archivo ${ext}` : 'archivo sin extensión reconocible'),
      automatic: 'Mensaje automático de la Ouvidoria.',
    },
    filesNotTaken: {
      received: (one) => [
        'Recibimos su mensaje en el caso ',
        `, pero ${one ? 'este archivo no pudo ser aceptado y no se entregó' : 'estos archivos no pudieron ser aceptados y no se entregaron'} al equipo:`,
      ],
      resend: (kinds, one) =>
        `Aceptamos ${kinds}; un archivo de otro formato (como la foto HEIC del iPhone), dañado, protegido con contraseña o con macros no se entrega al equipo. Si ${one ? 'es importante' : 'son importantes'} para el caso, responda a este correo con ${one ? 'el archivo' : 'los archivos'} en uno de esos formatos (la foto puede enviarse como captura de pantalla o exportada como JPEG). El texto de su mensaje llegó normalmente al equipo.`,
    },
    encryptedReply: (kind) => [
      'Recibimos un mensaje suyo en el caso ',
      `, pero llegó cifrado (${kind}) y no pudimos leer su contenido: solo la clave del destinatario lo abre. Por favor, responda a este correo con el texto sin cifrar (desactive la opción “Cifrar” o “Encrypt” de su programa de correo para este mensaje).`,
    ],
    statusLink: {
      title: 'Enlace para seguir su caso',
      asked: ['Recibimos un pedido para seguir el caso ', ' en la página de la Ouvidoria.'],
      see: 'Ver el estado del caso',
      validity: (hours) => `El enlace vale por ${countOf(hours, 'hora', 'horas')} y puede abrirse una sola vez.`,
      notYou: 'Si no fue usted quien lo pidió, ignore este correo: nadie ve el caso sin este enlace.',
    },
  },
  en: {
    hello: 'Hello',
    regards: 'Kind regards,',
    date: (d) => `${d} (dd/mm/yyyy)`,
    dueBy: 'Answer due by ',
    addInfo: [
      'To add information, reply to this email keeping the protocol ',
      ' in the subject. Our team mainly writes in Portuguese, but you may write in English.',
    ],
    privacy: privacy(
      'We process your personal data under the LGPD (Brazil’s data protection law) and our ',
      'Privacy Policy',
    ),
    closed: ['Your case ', ' has been closed by the Ombudsman.'],
    result: 'Outcome: ',
    summary: 'Summary: ',
    categories: {
      procedente: 'Upheld',
      improcedente: 'Not upheld',
      parcial: 'Partly upheld',
      resolvido: 'Resolved',
      'nao-resolvido': 'Not resolved',
    },
    scores: {
      1: '1 — Very dissatisfied',
      2: '2 — Dissatisfied',
      3: '3 — Neutral',
      4: '4 — Satisfied',
      5: '5 — Very satisfied',
    },
    surveyTitle: 'How was the Ombudsman’s service?',
    surveyHow:
      'Choose a score from 1 to 5. The link opens a page with the score chosen, where you confirm it with one click and, if you wish, leave a comment. Or reply to this email with just the score (for example, “5 stars”).',
    surveyAnswered: 'Thank you for having already rated the service on this case: your rating is still recorded.',
    reopenWithin: (until) => `If you need to, reply to this email by ${until} and the case will be reopened.`,
    dateTimeFormat: "dd/MM/yyyy 'at' HH:mm '(Brasília time)'",
    extended: (days) => [
      'The answer deadline of your case ',
      ` has been extended by ${countOf(days, 'business day', 'business days')}. New deadline: `,
    ],
    reason: 'Reason: ',
    stillWorking: 'We are still working on your case and will write to you by email.',
    reopened: {
      before: 'We have received your message and reopened case ',
      samePerson: '. It stays with the same person on our team, who has already received what you wrote.',
      team: '. Our team has already received what you wrote and will answer within the deadline below.',
    },
    infected: {
      what: (one) => (one ? 'a file you sent could not be accepted' : 'files you sent could not be accepted'),
      found: (one, byMail) =>
        byMail
          ? one
            ? 'The antivirus check found a threat in the file you emailed to the Ombudsman:'
            : 'The antivirus check found threats in the files you emailed to the Ombudsman:'
          : one
            ? 'The antivirus check found a threat in the file you attached to the Ombudsman form:'
            : 'The antivirus check found threats in the files you attached to the Ombudsman form:',
      kept: (one) =>
        one
          ? 'For safety, the file was quarantined: no one on our team will open it. '
          : 'For safety, the files were quarantined: no one on our team will open them. ',
      goesOn: (protocol) =>
        protocol
          ? `Your case (protocol ${protocol}) goes on as usual with the rest of your information.`
          : 'Your message goes on as usual with the rest of your information.',
      check: (one) =>
        `Please scan your computer with an up-to-date antivirus. If ${one ? 'the file matters' : 'the files matter'} to the case, `,
      resend: (withProtocol) =>
        withProtocol
          ? 'reply to this email keeping the protocol number in the subject and attach a clean copy (for example, a newly generated PDF).'
          : 'send a clean copy through the Ombudsman form.',
      file: (ext) => (ext ? `${ext} file` : 'file with no recognisable extension'),
      automatic: 'Automatic message from the Ombudsman.',
    },
    filesNotTaken: {
      received: (one) => [
        'We have received your message on case ',
        `, but ${one ? 'this file could not be accepted and was not passed on' : 'these files could not be accepted and were not passed on'} to the team:`,
      ],
      resend: (kinds, one) =>
        `We accept ${kinds}; a file in another format (such as an iPhone HEIC photo), damaged, password-protected or with macros is not passed on. If ${one ? 'it matters' : 'they matter'} for your case, reply to this email with ${one ? 'the file' : 'the files'} in one of those formats (a photo can go as a screenshot or be exported as JPEG). The text of your message reached the team as usual.`,
    },
    encryptedReply: (kind) => [
      'We have received a message from you on case ',
      `, but it arrived encrypted (${kind}) and we could not read it: only the recipient’s key opens it. Please reply to this email with the text unencrypted (turn off “Encrypt” in your email program for this message).`,
    ],
    statusLink: {
      title: 'Link to follow your case',
      asked: ['We received a request to follow case ', ' on the Ombudsman’s page.'],
      see: 'See where your case stands',
      validity: (hours) => `The link is valid for ${countOf(hours, 'hour', 'hours')} and can be opened once.`,
      notYou: 'If you did not ask for it, please ignore this email: no one sees the case without this link.',
    },
  },
};

/** The language the office writes to the case's merchant in: the one her first message was in. */
export function caseLanguage(c: { decision?: { language?: MessageLanguage } | undefined }): MessageLanguage {
  return c.decision?.language ?? 'pt-BR';
}

export function merchantWords(c: { decision?: { language?: MessageLanguage } | undefined }): MerchantWords {
  return MERCHANT_WORDS[caseLanguage(c)];
}

/**
 * The reopen window's last minute (`reopenWindowEnd`) as the merchant reads it, in the closing mail
 * and on her status page alike: "07/01/2027 às 17:30" — the exact day and time, not "em até 7 dias"
 * read as business days over the holidays.
 */
export function reopenUntilText(until: number | string, timeZone: string, language: MessageLanguage): string {
  return formatInstantIn(new Date(until), timeZone, MERCHANT_WORDS[language].dateTimeFormat);
}

/**
 * The line of a staff mail (pt-BR) naming a case's language when it is not pt-BR: the office's mails
 * to that merchant are in it, and so should the analyst's answer be, which goes out inside them.
 */
export function staffLanguageLine(c: {
  decision?: { language?: MessageLanguage } | undefined;
}): MailInline[] | undefined {
  const language = caseLanguage(c);
  if (language === 'pt-BR') return undefined;
  const name = LANGUAGE_NAMES_PT[language];
  return [
    'Idioma do lojista: ',
    { strong: name },
    ` — a Ouvidoria escreve a este lojista em ${name}; escreva a resposta em ${name}`,
  ];
}
