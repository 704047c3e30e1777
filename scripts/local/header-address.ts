/**
 * The addresses the local tools read from a header's text (an .eml's From, To, Cc, Return-Path),
 * in one pass: each match starts only where its run starts ((?<!…)). Tried from every character of a
 * long run with no '@', the old /[^\s<>,;"]+@[^\s<>,;"]+/ re-read the rest of the run each time
 * (quadratic: a From line of 40,000 letters held `npm run mail` for 2.7 s, 1 MB for half an hour).
 */
const ADDRESS = /(?<![^\s<>,;"])[^\s<>,;"]+@[^\s<>,;"]+/;
const ADDRESSES = new RegExp(ADDRESS.source, 'g');
/**
 * `<addr>` with an '@' past its first character: the first such '@' is the one read, so a run of
 * '@' is not split every way (/<([^<>\s]+@[^<>\s]+)>/, quadratic on '<a@a@a@…').
 */
const BRACKETED = /<([^<>\s][^<>\s@]*@[^<>\s]+)>/;

/** The first address written in the text, bare or inside brackets. */
export function firstAddressIn(text: string): string | undefined {
  return ADDRESS.exec(text)?.[0];
}

/** Every address written in the text (matchAll reads a copy: ADDRESSES keeps its lastIndex). */
export function addressesIn(text: string): string[] {
  return [...text.matchAll(ADDRESSES)].map((m) => m[0]);
}

/** The address of `Name <addr>`, when the brackets hold one. */
export function bracketedAddress(text: string): string | undefined {
  return BRACKETED.exec(text)?.[1];
}
