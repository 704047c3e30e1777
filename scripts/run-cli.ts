import { pathToFileURL } from 'node:url';

/**
 * Runs a CLI's `main` when its module is the one node started (not when a test imports it): exits
 * with the code it returns, or 1 with the error's message (never a stack of the data it read).
 */
export function runWhenMain(moduleUrl: string, main: (argv: string[]) => Promise<number>): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
