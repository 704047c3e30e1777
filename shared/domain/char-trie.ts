/**
 * A trie of words over a small ASCII alphabet, walked one character at a time (issue 16): a text's
 * words are read against a vocabulary without cutting each one out of the text and hashing it.
 * Nodes are numbers, the root 0; a caller keeps what a node means in arrays of its own.
 */
export interface CharTrie {
  /** How many nodes: ids are 0 … size − 1. */
  readonly size: number;
  /** The character's place in the alphabet, or -1 for any other character (one that ends a word). */
  letterOf(code: number): number;
  /** The node after `node` by the letter, or -1 when no word goes on that way. */
  child(node: number, letter: number): number;
  /** The node a word of the trie ends at. */
  nodeOf(word: string): number;
}

export function charTrie(alphabet: string, words: Iterable<string>): CharTrie {
  const letters = new Int8Array(128).fill(-1);
  for (let i = 0; i < alphabet.length; i++) letters[alphabet.charCodeAt(i)] = i;
  const letterOf = (code: number): number => (code < 128 ? (letters[code] ?? -1) : -1);
  const width = alphabet.length;
  // table[node * width + letter]: the child, 0 for none (the root is nobody's child). Grown by
  // doubling while the words are added: built once, at a cold start (issue 16).
  let table = new Int32Array(64 * width);
  const ends = new Map<string, number>();
  let size = 1;
  for (const word of words) {
    let node = 0;
    for (let i = 0; i < word.length; i++) {
      const letter = letterOf(word.charCodeAt(i));
      if (letter < 0) throw new RangeError(`${JSON.stringify(word)} has a character outside "${alphabet}"`);
      const slot = node * width + letter;
      let next = table[slot] ?? 0;
      if (next === 0) {
        next = size++;
        if (size * width > table.length) {
          const grown = new Int32Array(table.length * 2);
          grown.set(table);
          table = grown;
        }
        table[slot] = next;
      }
      node = next;
    }
    ends.set(word, node);
  }
  const children = table.subarray(0, size * width);
  return {
    size,
    letterOf,
    child: (node, letter) => children[node * width + letter] || -1,
    nodeOf: (word) => {
      const node = ends.get(word);
      if (node === undefined) throw new RangeError(`${JSON.stringify(word)} is not a word of the trie`);
      return node;
    },
  };
}
