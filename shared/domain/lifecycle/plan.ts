/**
 * One staff mail → one transition. The commands of a mail run in a fixed order, whatever the order
 * of their lines, and are stored as one write (all or nothing):
 *   note | answer  →  #prorrogar  →  #aguardar  →  #transferir  →  #encerrar
 * What happens to the text below the commands:
 * - with `#nota`: it is the note (after any text on the `#nota` line); nothing is relayed — and a
 *   text that is a letter to the merchant ("Olá, Maria, …", greetsMerchant) refuses the mail: kept
 *   as a note, her answer would silently never reach her; relayed, `#nota` would relay something;
 * - with `#transferir`: it is recorded as a note and sent to the new analyst (with `#nota`, the note's
 *   text is); the mail's files go to the new analyst too — never to the merchant;
 * - with `#encerrar`: it goes to the merchant inside the closing mail (one mail, not two) — unless
 *   the mail has attachments, which are relayed as an answer just before the closing mail;
 * - otherwise it is the answer relayed to the merchant; with `#prorrogar`, the new date and its
 *   reason go in the same mail.
 */
import type { AttachmentMeta, ObjectLocation } from '../submission';
import type { StaffCommand } from './commands';
import {
  addNote,
  answer,
  awaitMerchant,
  close,
  compose,
  extend,
  type LifecycleContext,
  refuse,
  type TransferTarget,
  tellFilesLeftOut,
  transfer,
} from './machine';
import { greetsMerchant } from './messages';
import type { Actor, Effect, LeftOutFile, StaffProblem, Transition, WorkCase } from './types';

export interface StaffMailPlanInput {
  /** Idempotency key of the mail (SES message id). */
  sourceId: string;
  commands: StaffCommand[];
  body: string;
  /** Attachments within the relay limit (the caller drops the rest and says so). */
  attachments: AttachmentMeta[];
  /** The mail's other files (not relayed): its sender is told, unless the mail is an internal note. */
  leftOut?: LeftOutFile[];
  /** Raw staff mail (attachment bytes). */
  raw?: ObjectLocation;
  /** The roster entry named by `#transferir`, looked up by the caller (null: unknown). */
  transferTarget?: TransferTarget | null;
  /** Why `transferTarget` is null: no one answers to the reference, or several people do. */
  transferNotFound?: StaffProblem;
  /** The mail answers inside its quoted history (inline-answers.ts), which the relay never sends. */
  answersInQuote?: boolean;
}

type Step = (current: WorkCase) => Transition;

/** `#nota` above a letter to the merchant: the note relays nothing, and her answer must not be lost unsaid. */
const NOTE_OR_LETTER_PT =
  'O #nota registra uma nota interna e nada vai ao lojista, mas o texto abaixo dele é uma resposta ao lojista (começa saudando-o). Nada foi registrado nem enviado: para responder, envie a resposta sem #nota; a nota vai numa mensagem à parte ou pelo console.';

/** Answers inside the quoted history (inline-answers.ts): what the analyst is told. */
const ANSWER_IN_QUOTE_PT =
  'Sua resposta aponta para um texto dentro do histórico citado ou encaminhado (respostas entre as linhas citadas, ou anunciadas como “abaixo”, “em vermelho” ou “a seguir:”), e esse histórico nunca é enviado ao lojista: ele receberia a mensagem sem esse texto. Escreva (ou copie) acima do histórico o que ele deve ler, repetindo as perguntas se precisar, e envie de novo.';

function find<K extends StaffCommand['kind']>(
  commands: StaffCommand[],
  kind: K,
): Extract<StaffCommand, { kind: K }> | undefined {
  return commands.find((c): c is Extract<StaffCommand, { kind: K }> => c.kind === kind);
}

export function planStaffMail(c: WorkCase, actor: Actor, input: StaffMailPlanInput, ctx: LifecycleContext): Transition {
  const { commands, body, attachments, sourceId } = input;
  const note = find(commands, 'note');
  const wait = find(commands, 'wait');
  const moveTo = find(commands, 'transfer');
  const extension = find(commands, 'extend');
  const closing = find(commands, 'close');
  const steps: Step[] = [];
  let closingMessage: string | undefined;
  // "#nota ERP aplicou o hotfix" above "Olá, Maria, a integração foi corrigida…": the text is her
  // answer. Kept as a note, she would never get it, and no one would say so; and #nota relays
  // nothing (SPEC step 8). The analyst is told, and sends the answer without #nota.
  if (note && !moveTo && body !== '' && greetsMerchant(body, c.senderName))
    return refuse('note-or-answer', NOTE_OR_LETTER_PT, note.line);
  // Her answers are in the quoted history: the merchant would get them without their questions, or
  // none at all. A note or a transfer relays nothing to her and goes on.
  if (input.answersInQuote && !note && !moveTo) return refuse('answer-in-quote', ANSWER_IN_QUOTE_PT);

  if (note) {
    const text = [note.text, body].filter((t) => t !== '').join('\n\n');
    steps.push((k) => addNote(k, actor, text, ctx));
  } else if (moveTo) {
    if (body !== '') steps.push((k) => addNote(k, actor, body, ctx));
  } else if (closing && attachments.length === 0) {
    closingMessage = body === '' ? undefined : body;
  } else if (body !== '' || attachments.length > 0) {
    steps.push((k) => answer(k, actor, { body, attachments, sourceId, ...(input.raw ? { raw: input.raw } : {}) }, ctx));
  }
  if (extension) steps.push((k) => extend(k, actor, extension.businessDays, extension.reason, ctx));
  if (wait) steps.push((k) => awaitMerchant(k, actor, ctx, wait.awaiting));
  if (moveTo) {
    const internalNote = note ? undefined : body;
    const files = input.raw ? { raw: input.raw, parts: attachments, leftOut: input.leftOut ?? [] } : undefined;
    steps.push((k) =>
      transfer(k, actor, moveTo.to, input.transferTarget ?? null, ctx, internalNote, files, input.transferNotFound),
    );
  }
  if (closing) steps.push((k) => close(k, actor, closing.category, closing.summary, ctx, closingMessage));
  // Something went to the merchant (an answer, or a closing message): files it went without are said.
  // A transfer's files went to the new analyst, whose notice names those left out.
  const leftOut = input.leftOut ?? [];
  if (!note && !moveTo && leftOut.length > 0 && (body !== '' || attachments.length > 0)) {
    steps.push(() => tellFilesLeftOut(actor, leftOut));
  }
  return withExtensionInAnswer(compose(c, steps));
}

/**
 * An answer and `#prorrogar` in one mail: the merchant gets one mail, the answer with the new date
 * and the reason under it, not the answer and then an automatic notice saying it again.
 */
function withExtensionInAnswer(t: Transition): Transition {
  if (!t.ok) return t;
  const relay = t.effects.findIndex((e) => e.kind === 'relay-to-merchant');
  const notice = t.effects.find(
    (e): e is Extract<Effect, { kind: 'notify-extension' }> => e.kind === 'notify-extension',
  );
  if (relay === -1 || !notice) return t;
  const { kind: _kind, ...extension } = notice;
  const effects = t.effects
    .map((e, i) => (i === relay && e.kind === 'relay-to-merchant' ? { ...e, extension } : e))
    .filter((e) => e !== notice);
  return { ...t, effects };
}
