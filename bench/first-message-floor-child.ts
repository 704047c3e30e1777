/**
 * Floor of the cold first message (bench/first-message.ts): mailparser alone, in a fresh process,
 * parsing the same mail three times with parseEmail's options. Run as `node index.mjs <input dir>`
 * (reads floor.json: the mail file and the options); prints one line `BENCH_RESULT {json}` with
 * the time of each parse.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type SimpleParserOptions, simpleParser } from 'mailparser';

const dir = process.argv[2] ?? '.';
const input = JSON.parse(readFileSync(join(dir, 'floor.json'), 'utf8')) as {
  mailFile: string;
  options: SimpleParserOptions;
};
const raw = readFileSync(join(dir, input.mailFile));

async function main(): Promise<void> {
  const durationsMs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    await simpleParser(raw, input.options);
    durationsMs.push(performance.now() - t);
  }
  process.stdout.write(`BENCH_RESULT ${JSON.stringify({ durationsMs })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
