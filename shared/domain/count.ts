/** A count with its noun in the right number: "1 dia", "3 dias" (pt-BR, es, en alike). */
export function countOf(n: number, one: string, many: string): string {
  return n === 1 ? `1 ${one}` : `${n} ${many}`;
}

/** A whole number as pt-BR writes it, thousands grouped by dots: "20.000", "1.234.567". */
export function groupedPtBr(n: number): string {
  const digits = String(Math.trunc(Math.abs(n)));
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += '.';
    out += digits[i];
  }
  return n < 0 ? `-${out}` : out;
}
