import { describe, expect, it } from 'vitest';
import { charTrie } from '../../../shared/domain/char-trie';

/** The node of a text walked letter by letter, or -1 when it leaves the trie or is no letter. */
function walk(trie: ReturnType<typeof charTrie>, text: string): number {
  let node = 0;
  for (let i = 0; i < text.length && node >= 0; i++) {
    const letter = trie.letterOf(text.charCodeAt(i));
    node = letter < 0 ? -1 : trie.child(node, letter);
  }
  return node;
}

describe('charTrie', () => {
  const trie = charTrie("abc'", ['ab', 'abc', "a'", 'b']);

  it('walks to the node of each word, shared prefixes shared', () => {
    for (const word of ['ab', 'abc', "a'", 'b']) expect(walk(trie, word)).toBe(trie.nodeOf(word));
    expect(walk(trie, 'a')).toBeGreaterThan(0);
    expect(new Set(['ab', 'abc', "a'", 'b'].map((w) => trie.nodeOf(w))).size).toBe(4);
    expect(trie.size).toBe(6);
  });

  it('has no node for a way no word goes, and no letter for a character outside the alphabet', () => {
    expect(walk(trie, 'ba')).toBe(-1);
    expect(walk(trie, 'abca')).toBe(-1);
    expect(trie.letterOf('d'.charCodeAt(0))).toBe(-1);
    expect(trie.letterOf('é'.charCodeAt(0))).toBe(-1);
    expect(trie.letterOf("'".charCodeAt(0))).toBe(3);
  });

  it('refuses a word outside the alphabet, and a node for a word it does not hold', () => {
    expect(() => charTrie('ab', ['abc'])).toThrow(RangeError);
    expect(() => trie.nodeOf('c')).toThrow(RangeError);
  });
});
