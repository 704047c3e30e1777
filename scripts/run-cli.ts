import { pathToFileURL } from 'node:url';

/**
 * What a CLI prints for an error that ended it: its message (never a stack of the data it read),
 * with what to do when the SDK found no region (its own "Region is missing" says neither which
 * variable nor that the command was about to reach AWS).
 */
export function cliErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (message === 'Region is missing') {
    return `${message}: o comando vai à AWS (TABLE_NAME definido). Defina a região, por exemplo AWS_REGION=sa-east-1, ou use um perfil que tenha uma (AWS_PROFILE).`;
  }
  return message;
}

/**
 * Runs a CLI's `main` when its module is the one node started (not when a test imports it): exits
 * with the code it returns, or 1 with the error's message (cliErrorMessage).
 */
export function runWhenMain(moduleUrl: string, main: (argv: string[]) => Promise<number>): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`${cliErrorMessage(error)}\n`);
      process.exit(1);
    },
  );
}
