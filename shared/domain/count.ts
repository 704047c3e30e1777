/** A count with its noun in the right number: "1 dia", "3 dias" (pt-BR, es, en alike). */
export function countOf(n: number, one: string, many: string): string {
  return n === 1 ? `1 ${one}` : `${n} ${many}`;
}
