/**
 * Invokes one real handler once on a sample event from events/, against the emulators of a
 * running local stack (`npm start`): dynalite for DynamoDB and aws-ses-v2-local for SES.
 * Queue messages and deferrals are printed instead of delivered.
 *
 *   npm run invoke -- email-intake events/ses/receipt-event.json --eml events/emails/08-no-prior-ticket.eml
 *   npm run invoke -- webform events/webform/post-json-valid.json
 *   npm run invoke -- assignment events/sqs/assignment-batch.json
 *   npm run invoke -- ses-feedback events/ses/feedback-bounce-sns.json
 */
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { createAssignmentHandler } from '../../functions/assignment/handler';
import { createEmailIntakeHandler } from '../../functions/email-intake/handler';
import { createSesFeedbackHandler } from '../../functions/ses-feedback/handler';
import { createWebformHandler } from '../../functions/webform/handler';
import { DynamoBounceRegistry } from '../../shared/adapters/dynamo/bounce-registry';
import { DynamoCaseRepository } from '../../shared/adapters/dynamo/case-repository';
import { documentClient } from '../../shared/adapters/dynamo/client';
import { DynamoRateLimiter } from '../../shared/adapters/dynamo/rate-limiter';
import { DynamoReplyThrottle } from '../../shared/adapters/dynamo/reply-throttle';
import { DynamoStaffRepository } from '../../shared/adapters/dynamo/staff-repository';
import { TableTicketDirectory } from '../../shared/adapters/dynamo/ticket-table-directory';
import { EMULATOR_CLIENT } from '../../shared/adapters/runtime';
import { FileRawMailStore } from '../../shared/adapters/s3-raw-mail-store';
import { SesMailer } from '../../shared/adapters/ses-mailer';
import { followUpNotifier } from '../../shared/app/follow-up';
import type { IntakeDeps } from '../../shared/app/intake';
import { localConfig } from '../../shared/domain/config';
import { systemClock } from '../../shared/ports';
import { LOCAL_TABLE } from './stack';

// The SDK warns that its 2027 releases need Node 22; that is not news to someone running the stack.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const USAGE = `Usage: npm run invoke -- <email-intake|webform|assignment|ses-feedback> <event.json> [--eml <file.eml>]
Needs the local stack running (npm start). Endpoints: DYNAMODB_ENDPOINT (default http://127.0.0.1:8000),
SES_ENDPOINT (default http://127.0.0.1:8005).`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

async function main(argv: string[]): Promise<unknown> {
  const [fn, eventFile, ...rest] = argv;
  if (!fn || fn === '--help' || fn === '-h') fail('Missing function name.');
  if (!eventFile) fail('Missing event file.');
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const event = JSON.parse(readFileSync(resolve(cwd, eventFile), 'utf8')) as Record<string, unknown>;

  const client = documentClient({ endpoint: process.env.DYNAMODB_ENDPOINT ?? 'http://127.0.0.1:8000' });
  const mailer = new SesMailer({
    client: new SESv2Client({ endpoint: process.env.SES_ENDPOINT ?? 'http://127.0.0.1:8005', ...EMULATOR_CLIENT }),
  });
  const cases = new DynamoCaseRepository({ client, tableName: LOCAL_TABLE });
  const staff = new DynamoStaffRepository(client, LOCAL_TABLE);
  const logger = new Logger({ serviceName: fn });
  const metrics = new Metrics({ namespace: 'Ouvidoria', serviceName: fn });
  const print = (what: string) => async (payload: unknown) => {
    process.stdout.write(`[${what}] ${JSON.stringify(payload)}\n`);
  };
  const intake: IntakeDeps = {
    cases,
    tickets: new TableTicketDirectory(client, LOCAL_TABLE),
    mailer,
    queue: { enqueue: print('queue') },
    throttle: new DynamoReplyThrottle(client, LOCAL_TABLE),
    bounces: new DynamoBounceRegistry(client, LOCAL_TABLE),
    clock: systemClock,
    config: localConfig,
    onFollowUp: followUpNotifier({ cases, staff, mailer, config: localConfig }),
  };

  switch (fn) {
    case 'email-intake': {
      const emlIndex = rest.indexOf('--eml');
      const emlFile = emlIndex >= 0 ? rest[emlIndex + 1] : undefined;
      if (!emlFile) fail('email-intake needs --eml <file.eml>: the raw mail the S3 action would have stored.');
      const records = event.Records as { ses: { mail: { messageId: string } } }[];
      const messageId = `invoke-${Date.now().toString(36)}`;
      for (const record of records) record.ses.mail.messageId = messageId;
      const root = mkdtempSync(join(tmpdir(), 'ouvidoria-invoke-'));
      const key = join(root, 'raw', 'inbound', messageId);
      mkdirSync(dirname(key), { recursive: true });
      writeFileSync(key, readFileSync(resolve(cwd, emlFile)));
      return createEmailIntakeHandler(() => ({
        intake,
        rawMail: new FileRawMailStore(root),
        bucket: 'raw',
        prefix: 'inbound/',
        logger,
        metrics,
      }))(event);
    }
    case 'webform':
      return createWebformHandler({ ...intake, rateLimiter: new DynamoRateLimiter(client, LOCAL_TABLE) })(
        event as never,
      );
    case 'assignment':
      return createAssignmentHandler({
        cases,
        staff,
        mailer,
        scheduler: { scheduleAt: async (message, at) => print('schedule')({ message, at }) },
        clock: systemClock,
        config: localConfig,
      })(event as never);
    case 'ses-feedback':
      return createSesFeedbackHandler(() => ({
        bounces: intake.bounces,
        clock: systemClock,
        config: localConfig,
        logger,
        metrics,
      }))(event);
    default:
      fail(`Unknown function "${fn}".`);
  }
}

main(process.argv.slice(2)).then(
  (result) => {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  },
  (error: unknown) => {
    process.stderr.write(`Invocation failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
