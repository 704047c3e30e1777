/**
 * Masking personal data for logs (LGPD): enough to tell two addresses apart when debugging,
 * not enough to identify the person.
 */

/** Second-level labels that are part of a country suffix: "loja.com.br" keeps ".com.br". */
const SECOND_LEVEL_SUFFIXES = new Set([
  'com',
  'net',
  'org',
  'gov',
  'edu',
  'co',
  'ac',
  'mil',
  'art',
  'blog',
  'eco',
  'ind',
  'inf',
  'emp',
  'srv',
  'tv',
  'app',
  'dev',
  'log',
  'ong',
]);

function publicSuffix(labels: string[]): string[] {
  const last = labels[labels.length - 1];
  const beforeLast = labels[labels.length - 2];
  if (labels.length >= 3 && last?.length === 2 && beforeLast && SECOND_LEVEL_SUFFIXES.has(beforeLast)) {
    return [beforeLast, last];
  }
  return last ? [last] : [];
}

/** The first code point (a lone surrogate stands for itself), without splitting the whole string. */
function firstChar(s: string): string {
  const first = s.codePointAt(0);
  return first === undefined ? '' : String.fromCodePoint(first);
}

/**
 * `joao.silva@loja.com.br` → `j***@l***.com.br`; `ana@gmail.com` → `a***@g***.com`.
 * Subdomains are hidden with the name (`x@mail.loja.com.br` → `x***@m***.com.br`).
 * Anything that is not an address becomes `***` (never echoed back).
 */
export function maskEmail(email: string | undefined | null): string {
  if (email === undefined || email === null) return '';
  const value = String(email).trim().toLowerCase();
  if (value === '') return '';
  const at = value.lastIndexOf('@');
  if (at <= 0 || at === value.length - 1) return '***';
  const local = value.slice(0, at);
  const labels = value
    .slice(at + 1)
    .split('.')
    .filter((l) => l !== '');
  if (labels.length < 2) return `${firstChar(local)}***@***`;
  const suffix = publicSuffix(labels);
  return `${firstChar(local)}***@${firstChar(labels[0] as string)}***.${suffix.join('.')}`;
}
