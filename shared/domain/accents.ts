/**
 * Accents and other combining marks, as every reader of merchants' words drops them ("não" → "nao"):
 * one expression, so that the rules, the commands, the replies and the loop protection fold alike.
 */
// A module constant: esbuild writes a literal with \p{…} as `new RegExp(…)`, built on every call (issue 16).
export const COMBINING_MARKS = /\p{M}+/gu;

/** `s` in NFD without its combining marks ("Solicitação" → "Solicitacao"); case kept. */
export function withoutAccents(s: string): string {
  return s.normalize('NFD').replace(COMBINING_MARKS, '');
}
