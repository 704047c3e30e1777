/** The email-intake function's dependencies: the intake's, plus the raw-mail store and the parser. */
import { setTimeout as sleep } from 'node:timers/promises';
import { traced } from '../adapters/tracing';
import { S3Client } from '@aws-sdk/client-s3';
import { S3RawMailStore } from '../adapters/s3-raw-mail-store';
import type { EmailIntakeDeps } from '../app/email-intake';
import type { QuarantineReleaseDeps } from '../app/quarantine-release';
import { DynamoQuarantineStore } from '../adapters/dynamo/quarantine-store';
import { DynamoRateLimiter } from '../adapters/dynamo/rate-limiter';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { tableClient } from './clients';
import { messageTextStoreFrom } from './message-texts';
import { type IntakeDeps, TICKET_HOLDER_WAIT } from '../app/intake';
import type { LifecycleDeps } from '../app/lifecycle/commit';
import type { LifecycleTelemetry } from '../app/lifecycle/ports';
import { mailLifecycle } from '../app/lifecycle/mail-lifecycle';
import { buildLifecycleDeps, type LifecycleOverrides, rawMailRetentionFrom } from './lifecycle';
import { withRelayedAttachments } from '../adapters/attachment-relay';
import { readDeliveryReport } from '../mail/delivery-report';
import { readMailFiles } from '../mail/mail-files';
import { parseEmail } from '../mail/parse-email';
import type { RawMailHead, RawMailStore, UploadStore } from '../ports';
import type { PoisonMailDeps } from '../app/poison-mail';
import { HEADER_PEEK_BYTES, peekHeaders } from '../mail/header-peek';
import { uploadStoreFromEnv } from '../adapters/uploads-from-env';
import { mailFileCopies, ParsedMailParts } from '../app/mail-file-copies';
import { buildIntakeDeps, type IntakeOverrides } from './intake';
import type { Settings } from './settings';

export interface EmailIntakeOverrides extends IntakeOverrides {
  rawMail?: RawMailStore & RawMailHead;
  /** The uploads bucket the case's mailed files are copied into (the local stand-in); else UPLOADS_BUCKET's. */
  uploads?: UploadStore;
  onBounces?: (addresses: string[]) => void;
  lifecycle?: LifecycleDeps;
  lifecycleTelemetry?: LifecycleTelemetry;
}

/** With a reply secret configured, staff mail and merchant replies go through the case lifecycle. */
export async function buildEmailIntakeDeps(
  settings: Settings,
  overrides: EmailIntakeOverrides = {},
): Promise<EmailIntakeDeps & { rawMail: RawMailStore & RawMailHead }> {
  const rawMail = overrides.rawMail ?? new S3RawMailStore(traced(new S3Client({})));
  const built =
    overrides.lifecycle ??
    (settings.replySecret
      ? await buildLifecycleDeps(settings, {
          ...lifecycleOverrides(overrides),
          ...(overrides.lifecycleTelemetry ? { telemetry: overrides.lifecycleTelemetry } : {}),
        })
      : undefined);
  // Staff mail arrives here: an answer's attachments are read from its raw mail and relayed.
  const lifecycle =
    built && mailLifecycle({ ...built, mailer: withRelayedAttachments(built.mailer, rawMail, readMailFiles) });
  const rawMailRetention = overrides.rawMail ? undefined : rawMailRetentionFrom(settings);
  // A case's mailed files go where the webform's are, for the console (mail-file-copies.ts).
  const uploads = overrides.uploads ?? uploadStoreFromEnv();
  const { uploads: _uploads, ...intakeOverrides } = overrides;
  const deps = emailIntakeDepsFrom(
    {
      ...buildIntakeDeps(settings, intakeOverrides),
      ticketHolderWait: { ...TICKET_HOLDER_WAIT, sleep: (ms) => sleep(ms) },
      ...(lifecycle ? { lifecycle } : {}),
      ...(rawMailRetention ? { rawMailRetention } : {}),
    },
    rawMail,
    overrides.onBounces,
    uploads,
  );
  return { ...deps, rawMail };
}

/**
 * The email-intake service over given intake ports (tests with in-memory fakes use this). With
 * `uploads`, a case's mailed files are copied there (mail-file-copies.ts), from the parts the parse
 * already decoded when the copy follows it.
 */
export function emailIntakeDepsFrom(
  intake: IntakeDeps,
  rawMail: RawMailStore,
  onBounces?: (addresses: string[]) => void,
  uploads?: Pick<UploadStore, 'put' | 'list'>,
): EmailIntakeDeps {
  const limits = intake.config.limits;
  const parsed = uploads ? new ParsedMailParts() : undefined;
  const mailFiles = uploads ? mailFileCopies({ rawMail, readFiles: readMailFiles, uploads, parsed }) : undefined;
  return {
    intake: mailFiles ? { ...intake, mailFiles } : intake,
    rawMail,
    parse: (raw, meta) => parseEmail(raw, meta, limits, parsed && ((parts) => parsed.keep(meta.raw, parts))),
    readReport: readDeliveryReport,
    ...(onBounces ? { onBounces } : {}),
    ...(parsed ? { forgetParsed: () => parsed.clear() } : {}),
  };
}

/** Quarantine releases run over the email-intake service (it has the parser) and the quarantine store. */
export function buildQuarantineReleaseDeps(
  settings: Settings,
  email: EmailIntakeDeps,
  client: DynamoDBDocumentClient = tableClient(settings),
): QuarantineReleaseDeps {
  return { email, store: new DynamoQuarantineStore(client, settings.tableName, messageTextStoreFrom(settings)) };
}

function lifecycleOverrides(overrides: IntakeOverrides): LifecycleOverrides {
  return {
    ...(overrides.client ? { client: overrides.client } : {}),
    ...(overrides.clock ? { clock: overrides.clock } : {}),
    ...(overrides.mailer ? { mailer: overrides.mailer } : {}),
  };
}

/**
 * Mail the intake failed on every attempt runs over the same intake ports and raw-mail store (head
 * reads); its breaker counts on the table's fixed-window counters.
 */
export function buildPoisonMailDeps(
  settings: Settings,
  email: EmailIntakeDeps & { rawMail: RawMailStore & RawMailHead },
  client: DynamoDBDocumentClient = tableClient(settings),
): PoisonMailDeps {
  return {
    intake: email.intake,
    rawMail: email.rawMail,
    peek: { bytes: HEADER_PEEK_BYTES, read: peekHeaders },
    limiter: new DynamoRateLimiter(client, settings.tableName),
  };
}
