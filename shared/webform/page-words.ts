/**
 * The words of the merchant's pages reached from a case's own link — the survey (`/pesquisa`) and
 * the status page (`/consulta/caso`) — one table per language: a case opened in Spanish or English
 * (Decision.language) got its mails in that language (merchant-words.ts), and the page its link
 * opens speaks it too. The layout's frame (skip link, header, footer) follows the page's language.
 * The webform's page for a redirected submission speaks its mail's language too (`guidance`), and so
 * does the confirmation of an accepted case (`accepted`, in Spanish and English the acknowledgement
 * mail's words, FOREIGN_ACKNOWLEDGEMENT in replies.ts, and its JSON message).
 * Pages reached without a case (the form, `/consulta`'s request form, dead links) stay in pt-BR.
 */
import { countOf } from '../domain/count';
import type { OuvidoriaConfig } from '../domain/config';
import { describeHours } from '../domain/hours';
import { describeHoursIn, FOREIGN_ACKNOWLEDGEMENT, type MailInline } from '../domain/replies';
import type { MessageLanguage } from '../domain/text';

/** The office's hours in pt-BR, holidays excepted: the form's pages and this table's footer say them so. */
export function officeHoursPt(config: OuvidoriaConfig): string {
  return describeHours(config.officeHours, { exceptHolidays: true });
}

export interface PageWords {
  /** The `lang` attribute of the page. */
  htmlLang: MessageLanguage;
  /** The office's name in the title, the header and the messages' headings. */
  office: string;
  skipToContent: string;
  /** The footer's sentence on the office's hours. */
  officeHours: (config: OuvidoriaConfig) => string;
  /** The footer's privacy note, around the policy's link label. */
  privacy: [before: string, label: string, after: string];
  /** The webform's page for a redirected submission, in the language of its mail. */
  guidance: {
    /**
     * Said on every guidance page, whether or not the mail went: the page answers whoever typed the
     * address, and "we emailed you" only when it went told him whether the address bounces or already
     * wrote in today (red-team round 5, C4).
     */
    mailedUnlessHeld: string;
    /** The link back to the form (pt-BR: the form is reached without a case). */
    backToForm: string;
  };
  /** The webform's confirmation of an accepted case, in the language of its acknowledgement. */
  accepted: {
    title: string;
    protocolLabel: string;
    /** The page's <title>. */
    pageTitle: (protocol: string) => string;
    keep: string;
    due: (date: string) => string;
    /** Instead of the deadline, once the case is closed (the confirmation shown again later). */
    closed: string;
    emailed: string;
    nextSteps: string;
    steps: MailInline[][];
    hours: (config: OuvidoriaConfig) => string;
    addInfo: string;
    /** "…use a " <link to /consulta> ": informe o protocolo…" */
    statusRequest: [before: string, label: string, after: string];
    /** The JSON answer's `message`. */
    message: (protocol: string) => string;
    /** Above the files the form sent (each with its state: PUBLIC_FILE_STATE_LABELS). */
    filesHeading: string;
    /** Under them when one had a threat. */
    threatNote: string;
    /** Her text announces a file and the form sent none (attachment-mention.ts): how to send it. */
    missingAttachment: string;
    /** The same form sent again with files its case does not hold: above their names, and how to send them. */
    filesNotAdded: readonly [before: string, after: string];
  };
  survey: {
    title: string;
    caseLabel: string;
    chosen: string;
    otherScore: string;
    comment: string;
    optional: string;
    commentHint: (maxChars: number) => string;
    confirm: string;
    recordedOnlyOnConfirm: string;
    thanksTitle: string;
    /** "Registramos a nota " <score> " para o caso " <protocol> "." */
    recorded: [before: string, between: string, after: string];
    helps: string;
    answeredTitle: string;
    /** "A pesquisa de satisfação do caso " <protocol> " já foi respondida. …" */
    answered: [before: string, after: string];
    /** "Nota registrada: " <score label> ".": which answer counts. */
    answeredScore: string;
    /** The comment she just wrote was not kept: where to send it instead. */
    commentLost: string;
    thanksForTaking: string;
    /** The case was reopened after the closing that sent the link: the survey waits for its outcome. */
    reopenedTitle: string;
    /** "O caso " <protocol> " foi reaberto …" */
    reopened: [before: string, after: string];
    /** A link past its days (config.lifecycle.surveyLinkDays): the survey closed. */
    expiredTitle: string;
    expired: (days: number) => string;
  };
  status: {
    title: string;
    caseLabel: string;
    openOnce: string;
    openButton: string;
    /** The title of the page a status link opens (before she confirms): not the request form's. */
    openTitle: (protocol: string) => string;
    situation: string;
    openedOn: string;
    /** Her case closed long ago that this one follows (CaseRecord.linkedProtocol), as the acknowledgement named it. */
    linked: string;
    due: string;
    until: string;
    overdue: string;
    closedOn: string;
    outcome: string;
    summary: string;
    messages: string;
    noMessages: string;
    /** Above the list when the page leaves older messages out: how many, and where she has them. */
    earlierMessages: (count: number) => string;
    you: string;
    /** The heading of a message: who, on which date. */
    heading: (who: string, date: string) => string;
    subject: string;
    files: (count: number) => string;
    /** The link to the request form (pt-BR: the form is reached without a case). */
    otherCase: string;
    /** After the messages: how to write again (`reopen`'s date: `reopenUntilText`, as in the closing mail). */
    nextStep: {
      /** The reopen window has passed: `days` is the window, spelled with its unit. */
      passed: (days: number) => string;
      reopen: (until: string, protocol: string) => string;
      open: (protocol: string) => string;
    };
  };
}

export const PAGE_WORDS: Record<MessageLanguage, PageWords> = {
  'pt-BR': {
    htmlLang: 'pt-BR',
    office: 'Ouvidoria',
    skipToContent: 'Pular para o conteúdo',
    officeHours: (c) => `A Ouvidoria atua de ${officeHoursPt(c)}.`,
    privacy: [
      'Tratamos os seus dados pessoais conforme a Lei Geral de Proteção de Dados (LGPD) e a nossa ',
      'Política de Privacidade',
      '.',
    ],
    guidance: {
      mailedUnlessHeld:
        'Estas orientações também seguem para o e-mail informado, a menos que ele já as tenha recebido hoje ou não aceite as nossas mensagens.',
      backToForm: 'Voltar ao formulário da Ouvidoria',
    },
    accepted: {
      title: 'Recebemos a sua manifestação',
      protocolLabel: 'Número do protocolo:',
      pageTitle: (protocol) => `Protocolo ${protocol}`,
      keep: 'Guarde este número: ele identifica o seu caso em todas as nossas mensagens.',
      due: (date) => `Prazo de resposta: até ${date}`,
      closed: 'Este caso já foi encerrado: a resposta da Ouvidoria foi enviada para o seu e-mail.',
      emailed: 'Enviamos uma confirmação com o número do protocolo para o seu e-mail.',
      filesHeading: 'Arquivos recebidos',
      threatNote:
        'Um arquivo com ameaça fica em quarentena: ninguém da equipe vai abri-lo. Enviamos orientações para o seu e-mail.',
      missingAttachment:
        'A sua mensagem menciona um anexo, mas nenhum arquivo veio com o formulário. Para enviá-lo, responda ao e-mail de confirmação com o arquivo anexado, mantendo o número do protocolo no assunto.',
      filesNotAdded: [
        'Este formulário já tinha sido recebido há pouco, com o mesmo texto, e os arquivos deste novo envio não foram acrescentados ao caso:',
        'Para enviá-los, responda ao e-mail de confirmação com os arquivos anexados, mantendo o número do protocolo no assunto.',
      ],
      nextSteps: 'Próximos passos',
      steps: [
        [
          { strong: 'Avaliação da solicitação' },
          ': analisamos o seu caso com base nos registros de atendimento anteriores.',
        ],
        [
          { strong: 'Acompanhamento' },
          ': as áreas responsáveis serão acionadas para oferecer a melhor solução possível.',
        ],
        ['Um(a) analista da Ouvidoria entrará em contato com você por e-mail.'],
      ],
      hours: (c) =>
        `A Ouvidoria atua de ${officeHoursPt(c)}. Solicitações recebidas fora desse horário são tratadas a partir do próximo dia útil.`,
      addInfo:
        'Para acrescentar informações, responda ao e-mail de confirmação mantendo o número do protocolo no assunto.',
      statusRequest: [
        'Para saber em que ponto está o seu caso, use a ',
        'consulta de casos da Ouvidoria',
        ': informe o protocolo e o seu e-mail, e enviamos um link de acesso.',
      ],
      message: (protocol) => `Recebemos a sua manifestação. Protocolo: ${protocol}.`,
    },
    survey: {
      title: 'Avaliação do atendimento',
      caseLabel: 'Caso',
      chosen: 'Nota escolhida:',
      otherScore: 'Para escolher outra nota, use o link dessa nota no e-mail que você recebeu.',
      comment: 'Comentário',
      optional: '(opcional)',
      commentHint: (max) => `Conte o que foi bom ou o que podemos melhorar. Até ${max} caracteres.`,
      confirm: 'Confirmar avaliação',
      recordedOnlyOnConfirm: 'A sua avaliação só é registrada quando você confirma.',
      thanksTitle: 'Obrigado pela sua avaliação',
      recorded: ['Registramos a nota ', ' para o caso ', '.'],
      helps: 'A sua opinião ajuda a Ouvidoria a melhorar o atendimento.',
      answeredTitle: 'Pesquisa já respondida',
      answered: ['A pesquisa de satisfação do caso ', ' já foi respondida. Cada caso recebe uma única avaliação.'],
      answeredScore: 'Nota registrada: ',
      commentLost:
        'O comentário que você escreveu agora não foi registrado. Se quiser que a Ouvidoria o leia, responda ao e-mail do caso.',
      thanksForTaking: 'Obrigado pela sua participação.',
      expiredTitle: 'Pesquisa encerrada',
      expired: (days) =>
        `O prazo para avaliar este atendimento terminou: a pesquisa de satisfação fica aberta por ${countOf(days, 'dia', 'dias')} depois do encerramento do caso. Obrigado pelo interesse. Se ainda precisar da Ouvidoria sobre este caso, responda ao e-mail do caso.`,
      reopenedTitle: 'Caso reaberto',
      reopened: [
        'O caso ',
        ' foi reaberto e está em andamento. A pesquisa avalia o resultado do atendimento: quando o caso for encerrado, enviaremos a você o link para avaliar. Nada foi registrado agora.',
      ],
    },
    status: {
      title: 'Acompanhe o seu caso',
      caseLabel: 'Caso',
      openOnce: 'Este link pode ser aberto uma vez. Para ver o andamento do caso agora, confirme abaixo.',
      openButton: 'Ver o andamento do caso',
      openTitle: (protocol) => `Abrir o caso ${protocol}`,
      situation: 'Situação',
      openedOn: 'Aberto em',
      linked: 'Caso anterior relacionado',
      due: 'Prazo de resposta',
      until: 'até ',
      overdue: ' — prazo vencido; seguimos trabalhando no seu caso',
      closedOn: 'Encerrado em',
      outcome: 'Resultado',
      summary: 'Resumo',
      messages: 'Mensagens',
      noMessages: 'Nenhuma mensagem para mostrar.',
      earlierMessages: (n) =>
        `Aqui estão as mensagens mais recentes. ${n === 1 ? 'A mensagem anterior não aparece' : `As ${n} mensagens anteriores não aparecem`} nesta página: ${n === 1 ? 'ela está' : 'elas estão'} no seu e-mail.`,
      you: 'Você',
      heading: (who, date) => `${who}, em ${date}`,
      subject: 'Assunto: ',
      files: (count) => (count === 1 ? 'Arquivo enviado:' : 'Arquivos enviados:'),
      otherCase: 'Acompanhar outro caso',
      nextStep: {
        passed: (days) =>
          `Este caso foi encerrado há mais de ${countOf(days, 'dia', 'dias')}: se você escrever de novo à Ouvidoria, a mensagem abre um novo caso, ligado a este.`,
        reopen: (until, protocol) =>
          `Se precisar, responda ao último e-mail da Ouvidoria até ${until} mantendo o protocolo ${protocol} no assunto, e o caso será reaberto. Depois disso, uma nova mensagem abre um novo caso, ligado a este.`,
        open: (protocol) =>
          `Para acrescentar informações, responda ao último e-mail da Ouvidoria mantendo o protocolo ${protocol} no assunto.`,
      },
    },
  },
  es: {
    htmlLang: 'es',
    office: 'Ouvidoria',
    skipToContent: 'Saltar al contenido',
    officeHours: (c) =>
      `La Ouvidoria atiende ${describeHoursIn('es', c.officeHours, { exceptHolidays: true })} (hora de Brasilia).`,
    privacy: [
      'Tratamos sus datos personales conforme a la LGPD (ley brasileña de protección de datos) y a nuestra ',
      'Política de Privacidad',
      '.',
    ],
    guidance: {
      mailedUnlessHeld:
        'Estas orientaciones también se envían al correo informado, salvo que ya las haya recibido hoy o no acepte nuestros mensajes.',
      backToForm: 'Volver al formulario de la Ouvidoria (en portugués)',
    },
    accepted: {
      ...FOREIGN_ACKNOWLEDGEMENT.es,
      protocolLabel: 'Número de protocolo:',
      pageTitle: (protocol) => `Protocolo ${protocol}`,
      emailed: 'Le enviamos a su correo una confirmación con el número de protocolo.',
      closed: 'Este caso ya fue cerrado: la respuesta de la Ouvidoria se envió a su correo.',
      filesHeading: 'Archivos recibidos',
      threatNote:
        'Un archivo con una amenaza queda en cuarentena: nadie del equipo lo abrirá. Le enviamos orientaciones a su correo.',
      missingAttachment:
        'Su mensaje menciona un archivo adjunto, pero el formulario no trajo ningún archivo. Para enviarlo, responda al correo de confirmación con el archivo adjunto, manteniendo el número de protocolo en el asunto.',
      filesNotAdded: [
        'Este formulario ya se había recibido hace poco, con el mismo texto, y los archivos de este nuevo envío no se agregaron al caso:',
        'Para enviarlos, responda al correo de confirmación con los archivos adjuntos, manteniendo el número de protocolo en el asunto.',
      ],
      steps: FOREIGN_ACKNOWLEDGEMENT.es.steps.map((step) => [step]),
      addInfo: `Para agregar información, responda al correo de confirmación manteniendo el número de protocolo en el asunto. ${FOREIGN_ACKNOWLEDGEMENT.es.writesIn}`,
      statusRequest: [
        'Para saber en qué punto está su caso, use la ',
        FOREIGN_ACKNOWLEDGEMENT.es.statusLabel,
        ' (página en portugués): informe el protocolo y su correo, y le enviaremos un enlace de acceso.',
      ],
      message: (protocol) => `${FOREIGN_ACKNOWLEDGEMENT.es.title}. Protocolo: ${protocol}.`,
    },
    survey: {
      title: 'Evaluación de la atención',
      caseLabel: 'Caso',
      chosen: 'Nota elegida:',
      otherScore: 'Para elegir otra nota, use el enlace de esa nota en el correo que recibió.',
      comment: 'Comentario',
      optional: '(opcional)',
      commentHint: (max) => `Cuéntenos qué estuvo bien o qué podemos mejorar. Hasta ${max} caracteres.`,
      confirm: 'Confirmar evaluación',
      recordedOnlyOnConfirm: 'Su evaluación solo se registra cuando usted la confirma.',
      thanksTitle: 'Gracias por su evaluación',
      recorded: ['Registramos la nota ', ' para el caso ', '.'],
      helps: 'Su opinión ayuda a la Ouvidoria a mejorar la atención.',
      answeredTitle: 'Encuesta ya respondida',
      answered: ['La encuesta de satisfacción del caso ', ' ya fue respondida. Cada caso recibe una única evaluación.'],
      answeredScore: 'Nota registrada: ',
      commentLost:
        'El comentario que acaba de escribir no fue registrado. Si quiere que la Ouvidoria lo lea, responda al correo del caso.',
      thanksForTaking: 'Gracias por su participación.',
      expiredTitle: 'Encuesta cerrada',
      expired: (days) =>
        `El plazo para evaluar esta atención terminó: la encuesta de satisfacción queda abierta ${countOf(days, 'día', 'días')} después del cierre del caso. Gracias por su interés. Si aún necesita a la Ouvidoria sobre este caso, responda al correo del caso.`,
      reopenedTitle: 'Caso reabierto',
      reopened: [
        'El caso ',
        ' fue reabierto y está en curso. La encuesta evalúa el resultado de la atención: cuando el caso se cierre, le enviaremos el enlace para evaluarla. No se registró nada ahora.',
      ],
    },
    status: {
      title: 'Siga su caso',
      caseLabel: 'Caso',
      openOnce: 'Este enlace puede abrirse una sola vez. Para ver ahora el estado del caso, confirme abajo.',
      openButton: 'Ver el estado del caso',
      openTitle: (protocol) => `Abrir el caso ${protocol}`,
      situation: 'Situación',
      openedOn: 'Abierto el',
      linked: 'Caso anterior relacionado',
      due: 'Plazo de respuesta',
      until: 'hasta el ',
      overdue: ' — plazo vencido; seguimos trabajando en su caso',
      closedOn: 'Cerrado el',
      outcome: 'Resultado',
      summary: 'Resumen',
      messages: 'Mensajes',
      noMessages: 'No hay mensajes para mostrar.',
      earlierMessages: (n) =>
        `Aquí aparecen los mensajes más recientes. ${n === 1 ? 'El mensaje anterior no se muestra' : `Los ${n} mensajes anteriores no se muestran`} en esta página: ${n === 1 ? 'lo tiene' : 'los tiene'} en su correo.`,
      you: 'Usted',
      heading: (who, date) => `${who}, el ${date}`,
      subject: 'Asunto: ',
      files: (count) => (count === 1 ? 'Archivo enviado:' : 'Archivos enviados:'),
      otherCase: 'Seguir otro caso (página en portugués)',
      nextStep: {
        passed: (days) =>
          `Este caso se cerró hace más de ${countOf(days, 'día', 'días')}: si usted vuelve a escribir a la Ouvidoria, el mensaje abre un nuevo caso, vinculado a este.`,
        reopen: (until, protocol) =>
          `Si lo necesita, responda al último correo de la Ouvidoria hasta el ${until} manteniendo el protocolo ${protocol} en el asunto, y el caso se reabrirá. Después de esa fecha, un nuevo mensaje abre un nuevo caso, vinculado a este.`,
        open: (protocol) =>
          `Para agregar información, responda al último correo de la Ouvidoria manteniendo el protocolo ${protocol} en el asunto.`,
      },
    },
  },
  en: {
    htmlLang: 'en',
    office: 'Ombudsman',
    skipToContent: 'Skip to content',
    officeHours: (c) =>
      `The Ombudsman works ${describeHoursIn('en', c.officeHours, { exceptHolidays: true })} (Brasília time).`,
    privacy: [
      'We process your personal data under the LGPD (Brazil’s data protection law) and our ',
      'Privacy Policy',
      '.',
    ],
    guidance: {
      mailedUnlessHeld:
        'This guidance is also sent to the email address given, unless it has already received it today or does not accept our messages.',
      backToForm: 'Back to the Ombudsman form (in Portuguese)',
    },
    accepted: {
      ...FOREIGN_ACKNOWLEDGEMENT.en,
      protocolLabel: 'Protocol number:',
      pageTitle: (protocol) => `Protocol ${protocol}`,
      emailed: 'We have sent a confirmation with the protocol number to your email.',
      closed: 'This case has been closed: the Ombudsman’s answer was sent to your email.',
      filesHeading: 'Files received',
      threatNote:
        'A file with a threat is kept in quarantine: no one on our team will open it. We have sent you guidance by email.',
      missingAttachment:
        'Your message mentions an attachment, but no file came with the form. To send it, reply to the confirmation email with the file attached, keeping the protocol number in the subject.',
      filesNotAdded: [
        'This form was already received a moment ago, with the same text, and the files of this new submission were not added to the case:',
        'To send them, reply to the confirmation email with the files attached, keeping the protocol number in the subject.',
      ],
      steps: FOREIGN_ACKNOWLEDGEMENT.en.steps.map((step) => [step]),
      addInfo: `To add information, reply to the confirmation email keeping the protocol number in the subject. ${FOREIGN_ACKNOWLEDGEMENT.en.writesIn}`,
      statusRequest: [
        'To see where your case stands, use the ',
        FOREIGN_ACKNOWLEDGEMENT.en.statusLabel,
        ' (in Portuguese): enter the protocol and your email address, and we will send you an access link.',
      ],
      message: (protocol) => `${FOREIGN_ACKNOWLEDGEMENT.en.title}. Protocol: ${protocol}.`,
    },
    survey: {
      title: 'Rate our service',
      caseLabel: 'Case',
      chosen: 'Score chosen:',
      otherScore: 'To choose another score, use that score’s link in the email you received.',
      comment: 'Comment',
      optional: '(optional)',
      commentHint: (max) => `Tell us what went well or what we can improve. Up to ${max} characters.`,
      confirm: 'Confirm rating',
      recordedOnlyOnConfirm: 'Your rating is recorded only when you confirm it.',
      thanksTitle: 'Thank you for your rating',
      recorded: ['We recorded the score ', ' for case ', '.'],
      helps: 'Your opinion helps the Ombudsman improve its service.',
      answeredTitle: 'Survey already answered',
      answered: ['The satisfaction survey of case ', ' has already been answered. Each case gets a single rating.'],
      answeredScore: 'Rating on record: ',
      commentLost:
        'The comment you just wrote was not recorded. If you want the Ombudsman to read it, reply to the case’s email.',
      thanksForTaking: 'Thank you for taking part.',
      expiredTitle: 'Survey closed',
      expired: (days) =>
        `The time to rate this service has ended: the satisfaction survey stays open for ${countOf(days, 'day', 'days')} after the case is closed. Thank you for your interest. If you still need the Ombudsman about this case, reply to the case’s email.`,
      reopenedTitle: 'Case reopened',
      reopened: [
        'Case ',
        ' was reopened and is in progress. The survey rates the outcome of our service: when the case is closed, we will send you the link to rate it. Nothing was recorded now.',
      ],
    },
    status: {
      title: 'Follow your case',
      caseLabel: 'Case',
      openOnce: 'This link can be opened once. To see where your case stands now, confirm below.',
      openButton: 'See where your case stands',
      openTitle: (protocol) => `Open case ${protocol}`,
      situation: 'Status',
      openedOn: 'Opened on',
      linked: 'Related earlier case',
      due: 'Answer due',
      until: 'by ',
      overdue: ' — overdue; we are still working on your case',
      closedOn: 'Closed on',
      outcome: 'Outcome',
      summary: 'Summary',
      messages: 'Messages',
      noMessages: 'No messages to show.',
      earlierMessages: (n) =>
        `These are the most recent messages. ${n === 1 ? 'The earlier message is' : `The ${n} earlier messages are`} not shown on this page: you have ${n === 1 ? 'it' : 'them'} in your e-mail.`,
      you: 'You',
      heading: (who, date) => `${who}, on ${date}`,
      subject: 'Subject: ',
      files: (count) => (count === 1 ? 'File sent:' : 'Files sent:'),
      otherCase: 'Follow another case (page in Portuguese)',
      nextStep: {
        passed: (days) =>
          `This case was closed more than ${countOf(days, 'day', 'days')} ago: if you write to the Ombudsman again, your message opens a new case, linked to this one.`,
        reopen: (until, protocol) =>
          `If you need to, reply to the Ombudsman’s last email by ${until} keeping the protocol ${protocol} in the subject, and the case will be reopened. After that, a new message opens a new case, linked to this one.`,
        open: (protocol) =>
          `To add information, reply to the Ombudsman’s last email keeping the protocol ${protocol} in the subject.`,
      },
    },
  },
};

/**
 * The page of a confirmed post added to her open case of the same ticket (submit.ts
 * joinHerCaseOfTicket): which case, that no second one was opened, and where to follow it. It
 * promises no person: the case's analyst may be away or gone (the forward and the reopen mail say so).
 */
export const JOINED_WORDS = {
  title: 'Mensagem acrescentada ao seu caso',
  pageTitle: (protocol: string) => `Mensagem acrescentada ao caso ${protocol}`,
  openCase: (ticket: string) => `Você já tem um caso na Ouvidoria sobre o chamado ${ticket}, com o protocolo:`,
  added:
    'Para que o assunto seja tratado uma única vez, acrescentamos a esse caso a mensagem que você acabou de enviar, em vez de abrir outro. A equipe que acompanha o caso vai lê-la junto com o restante.',
  reopened:
    'O caso estava encerrado e foi reaberto com a sua mensagem: você também vai receber um e-mail da Ouvidoria com o novo prazo de resposta.',
  due: (date: string) => `Prazo de resposta do caso: até ${date}`,
  message: (protocol: string) =>
    `Você já tem um caso sobre este chamado (protocolo ${protocol}): a mensagem foi acrescentada a ele, sem abrir outro.`,
} as const;
