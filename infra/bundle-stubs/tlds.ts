/** Stands in for the `tlds` list in the Lambda bundles: only mailparser's linkify-it reads it (see linkify-it.ts). */
const tlds: string[] = [];
export default tlds;
