import { DEFAULT_ENV } from './app';
import { type DeploymentConfig, loadDeploymentConfig } from './config';

/** POSIX shell single-quoting: safe for names with spaces, accents and apostrophes. */
const quote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;

/**
 * The `npm run staff -- add` commands that seed the roster from config.staff. The stack does not write
 * analysts itself: the roster is data the office manages (leave, deactivation), and a redeploy must
 * never reset it. Run the printed commands once, after the first deploy, with TABLE_NAME and
 * ASSIGNMENT_QUEUE_URL from the stack outputs.
 */
export function staffSeedCommands(config: DeploymentConfig): string[] {
  return config.staff.map(
    (analyst) => `npm run staff -- add ${analyst.id} --name ${quote(analyst.name)} --email ${quote(analyst.email)}`,
  );
}

// `npx tsx infra/staff-seed.ts [env]` prints the commands for infra/config/<env>.json.
if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const commands = staffSeedCommands(loadDeploymentConfig(process.argv[2] ?? DEFAULT_ENV));
  process.stdout.write(commands.length > 0 ? `${commands.join('\n')}\n` : '# config.staff is empty\n');
}
