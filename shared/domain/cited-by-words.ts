/**
 * The staff's words for a case that mail cited without joining it (CaseRecord.citedBy; SPEC "Trust
 * rules": from another address, or from hers unproven): the console's "Citado por" and the facts of
 * the notices an analyst gets about the case. One text, no imports: the console and every notice read it.
 */

/** Why a citing mail stayed out of the case. */
export const CITED_BY_WHY_PT = 'outro endereço ou remetente sem verificação';

/** "1 mensagem cita este caso sem ter sido juntada a ele", counted. */
export function citedByPt(count: number): string {
  return count === 1
    ? '1 mensagem cita este caso sem ter sido juntada a ele'
    : `${count} mensagens citam este caso sem terem sido juntadas a ele`;
}

/**
 * The line of a staff notice about a cited case: a case cited while it waited for an analyst told
 * no one (citation.ts tells the assignee only), so whoever gets it, by assignment or transfer, or is
 * reminded or alerted about it, learns it from the case's facts.
 */
export function citedByFactPt(count: number): string {
  const one = count === 1;
  return `${citedByPt(count)} (${CITED_BY_WHY_PT}): ${one ? 'leia-a' : 'leia-as'} no console antes de considerar o que ${one ? 'diz' : 'dizem'}.`;
}
