/**
 * Packages a Lambda bundle replaces with a stub (esbuild `alias`), relative to the repository root:
 * code a package runs when loaded for a feature the product never uses. The construct
 * (infra/constructs/ouvidoria-function.ts) and the bench's bundles (bench/bundles.ts) read this map;
 * test/infra/ouvidoria-function.test.ts parses mail through a real bundle to show nothing changed.
 */
export const PACKAGE_STUBS: Readonly<Record<string, string>> = {
  'linkify-it': 'infra/bundle-stubs/linkify-it.ts',
  tlds: 'infra/bundle-stubs/tlds.ts',
};
