/**
 * Stands in for linkify-it in the Lambda bundles (infra/bundle-stubs/index.ts). mailparser builds a
 * linkify-it instance with the whole list of top-level domains when it is loaded (~10 ms of every cold
 * start) only to turn URLs of a plain-text part into links of its `textAsHtml`, which the product never
 * reads: every simpleParser call of ours passes `skipTextToHtml` (shared/mail/mail-files.ts WITHOUT_TEXT_AS_HTML).
 * Should a call ever ask for those links, it gets the text without them: nothing here throws.
 */
interface LinkifyStub {
  tlds(...args: unknown[]): LinkifyStub;
  add(...args: unknown[]): LinkifyStub;
  set(...args: unknown[]): LinkifyStub;
  pretest(text: string): boolean;
  test(text: string): boolean;
  match(text: string): null;
}

export default function linkifyIt(): LinkifyStub {
  const stub: LinkifyStub = {
    tlds: () => stub,
    add: () => stub,
    set: () => stub,
    pretest: () => false,
    test: () => false,
    match: () => null,
  };
  return stub;
}
