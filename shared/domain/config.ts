import { hash } from 'node:crypto';
import * as z from 'zod/mini';
import { en } from 'zod/locales';
import { BOUNCE_BREAKER_MAX_PER_HOUR } from './bounce-breaker';
import { FILE_KINDS } from './uploads/kinds';

/**
 * `zod/mini` (issue 16: the classic API keeps all of zod in every bundle, ~380 KB and ~38 ms of
 * load). Mini loads no locale, so the English messages the classic API registers are set here.
 */
z.config(en());

/** The country of the only holiday table the functions carry (calendar.ts, holidays/br.generated.ts). */
export const HOLIDAY_COUNTRY = 'BR';

/**
 * The configuration's schema. Built by a function, not at module load (issue 16): a deployed
 * function reads the configuration synth validated and sealed (readConfig) and never builds it,
 * which spares every cold start ~3 ms of schema construction and ~2.5 ms of parsing.
 */
/** "2026-12-24" or "12-24" (every year; "02-29" in leap years only) names a real day of the calendar. */
export function isCalendarDay(value: string): boolean {
  const [year, month, day] =
    value.length === 5 ? [2024, ...value.split('-').map(Number)] : value.split('-').map(Number);
  if (year === undefined || month === undefined || day === undefined) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function buildConfigSchema() {
  /** "HH:MM" on a 24-hour clock. */
  const clockTime = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM (24 h)'));
  /** A closed day: an ISO calendar date "YYYY-MM-DD", or "MM-DD" for that day of every year. */
  const closedDay = z
    .string()
    .check(
      z.regex(/^(\d{4}-)?\d{2}-\d{2}$/, 'use YYYY-MM-DD, or MM-DD for every year'),
      z.refine(isCalendarDay, 'not a day of the calendar (month 01–12, then the day: "24-12" is written "12-24")'),
    );
  /** ISO weekday numbers, 1 = Monday … 7 = Sunday. */
  const weekdays = z.array(z.int().check(z.minimum(1), z.maximum(7))).check(z.minLength(1));

  /** An integer in [min, max] (max optional) with a default. */
  const intIn = (min: number, max: number | undefined, fallback: number) =>
    z._default(z.int().check(...(max === undefined ? [z.minimum(min)] : [z.minimum(min), z.maximum(max)])), fallback);

  const hours = z
    .object({
      days: weekdays,
      open: clockTime,
      close: clockTime,
    })
    .check(z.refine((h) => h.open < h.close, { message: 'open must be before close' }));

  return z.object({
    /** Mail domain of the office; our Message-IDs and loop detection use it. */
    domain: z.string().check(z.minLength(3)),
    /** Addresses that receive merchant mail (the SES receipt rule recipients). */
    ombudsmanAddresses: z.array(z.email()).check(z.minLength(1)),
    /** From address of every automatic mail (acknowledgements, guidance, analyst notices). */
    fromAddress: z.email(),
    fromName: z._default(z.string().check(z.minLength(1)), 'Ouvidoria'),
    /** Public web origin of the webform (CORS and absolute links); on AWS without one, the API's address (ENV.webformOrigin). */
    webformOrigin: z.url({ protocol: WEB_PROTOCOL }),
    links: z.object({
      supportCentre: z.url(),
      openTicket: z.url(),
      knowledgeBase: z.url(),
      billingKnowledgeBase: z.url(),
      statusPage: z.url(),
      sales: z.url(),
      privacyPolicy: z.url(),
    }),
    timeZone: z._default(z.string(), 'America/Sao_Paulo'),
    /** Ombudsman office hours (the article: Mon–Fri 09:00–17:00, except holidays). */
    officeHours: hours,
    /** Support centre hours, only quoted in replies (the article: Mon–Fri 08:00–18:00). */
    supportHours: hours,
    calendar: z.object({
      /**
       * date-holidays country (national holidays only; no state or city). Only Brazil's table is
       * generated (holidays/br.generated.ts): another value would parse and make every due date throw.
       */
      country: z._default(
        z.string().check(z.refine((c) => c === HOLIDAY_COUNTRY, `only "${HOLIDAY_COUNTRY}" holidays are generated`)),
        HOLIDAY_COUNTRY,
      ),
      /**
       * Company days the office is closed, besides national holidays: a date (YYYY-MM-DD), or a day of
       * every year (MM-DD, e.g. "12-24" and "12-31": closed each Christmas and New Year's Eve, not
       * only in the year someone listed).
       */
      extraClosedDays: z._default(z.array(closedDay), []),
      /** Carnival Monday and Tuesday (optional holidays in Brazil): closed when true. */
      closedOnCarnival: z._default(z.boolean(), true),
      /** Ash Wednesday: Brazilian offices usually open at noon; we treat it as closed when true. */
      closedOnAshWednesday: z._default(z.boolean(), false),
    }),
    /**
     * Domains the platform gives its stores ("lojas.exemplo.com.br"): a store's address under one
     * ("minhaloja.lojas.exemplo.com.br") names a store of ours, so its writer is a client, whatever other
     * platform she also names (eligibility: decide).
     */
    storeDomains: z._default(
      z.array(z.string().check(z.regex(STORE_DOMAIN, 'use a domain, e.g. "lojas.exemplo.com.br"'))),
      [],
    ),
    /** Analyst SLA, in business days of the office calendar. */
    slaBusinessDays: intIn(1, 60, 10),
    autoReply: z.object({
      /** Automatic replies allowed per sender, per outcome, per calendar day. */
      maxPerSenderPerOutcomePerDay: intIn(1, undefined, 1),
      /**
       * Local parts that never get automatic mail (RFC 3834 §2 and common practice). A service's name
       * may come before the no-reply words ("googlealerts-noreply", "drive-shares-noreply").
       */
      noReplySenderPattern: z._default(
        z.string(),
        '^(mailer-daemon|postmaster|abuse|root|noc|security|hostmaster|bounces?|([a-z0-9]+[-_.])*(no[-_.]?reply|do[-_.]?not[-_.]?reply|nao[-_.]?responda))([+-].*)?$',
      ),
      /** Days an address that hard-bounced or complained gets no automatic mail. */
      bounceSuppressionDays: intIn(1, undefined, 60),
      /**
       * The bounce breaker (domain/bounce-breaker.ts): permanent bounces of our mail, office-wide, in the
       * last hour at which guidance replies are held. 30 is far above an honest hour (a typed-wrong
       * address or two) and far below the few hundred that take SES's bounce rate past its review level.
       */
      bounceBreakerPerHour: intIn(1, BOUNCE_BREAKER_MAX_PER_HOUR, 30),
    }),
    /** Business days before the due date when the analyst is reminded (SPEC step 9). */
    reminderBusinessDays: intIn(0, 30, 2),
    /** Case lifecycle by email (SPEC step 8); every key has a default, so older config files still parse. */
    lifecycle: z.prefault(
      z.object({
        /** Local part of the per-case staff reply address: `<localPart>+<protocol>.<token>@<domain>`. */
        staffReplyLocalPart: z._default(
          z.string().check(z.regex(/^[a-z0-9]+$/, 'lower-case letters and digits only')),
          'caso',
        ),
        /** Characters of the base32 HMAC token in that address (5 bits each: 16 → 80 bits). */
        tokenLength: intIn(16, 52, 16),
        /** Days a survey link stays valid after the closing mail. */
        surveyLinkDays: intIn(1, 365, 30),
        /** Hours a merchant status-page link stays valid. */
        statusLinkHours: intIn(1, 24 * 7, 24),
        /**
         * Status links mailed for one case per day (UTC), whoever asks: someone who knows a
         * protocol and its address cannot make the office mail the merchant over and over.
         */
        statusLinksPerCasePerDay: intIn(1, 50, 3),
        /**
         * Status links mailed to one inbox per day (UTC), over all its cases ("+tags" and Gmail's
         * dots are one inbox): whoever knows the address and walks the protocols (they are
         * sequential) cannot multiply the per-case budget by the merchant's cases.
         */
        statusLinksPerAddressPerDay: intIn(1, 200, 6),
        /**
         * Notices to one analyst per day (UTC) that a mail of hers to a case address was set
         * aside (not her address for that case): she learns it did nothing, and whoever re-sends
         * copies of her signed mail cannot make the office mail her over and over.
         */
        staffQuarantineNoticesPerDay: intIn(1, 50, 3),
        /** Attachments of an analyst's answer relayed to the merchant, in total, at most. */
        maxRelayAttachmentBytes: intIn(0, undefined, 10 * 1024 * 1024),
        /** Largest `#prorrogar` in one command, in business days. */
        maxExtensionBusinessDays: intIn(1, 60, 30),
        /** Roster ids with the supervisor role (ouvidor/a): may act on any case, get escalations. */
        supervisorIds: z._default(z.array(z.string().check(z.minLength(1))), []),
        /**
         * The address each supervisor id was configured with (synth writes it from `staff`): the role is
         * that id's AND that address's (domain/staff.ts holdsSupervisorRole), so an id freed by removing
         * her and given to someone else carries no supervisor rights. An id without one: by id alone.
         */
        supervisorAddresses: z._default(z.record(z.string(), z.string()), {}),
      }),
      {},
    ),
    /**
     * LGPD retention (DynamoDB TTL `expiresAt` and the raw-mail lifecycle rule by tag). Every key has a
     * default, so older config files still parse.
     */
    retention: z.prefault(
      z.object({
        /** Days a closed case, its messages, pointers and raw mail are kept after closing (5 years + 1 day). */
        retentionDays: intIn(1, 3650, 1826),
        /** Days a redirected or quarantined submission is kept after it arrived. */
        redirectRetentionDays: intIn(1, 3650, 180),
      }),
      {},
    ),
    threading: z.object({
      /** A reply to a case closed more than this many days ago opens a new, linked case (SPEC: 7). */
      reopenWindowDays: intIn(1, undefined, 7),
    }),
    limits: z.object({
      /** Raw mail above this size is quarantined unparsed (SES accepts up to 40 MB). */
      maxRawMailBytes: intIn(1024, undefined, 25 * 1024 * 1024),
      /** Webform submissions per client IP per hour. */
      webformPerIpPerHour: intIn(1, undefined, 20),
      /**
       * Open (not closed) cases one sender may have at once through the webform, and by mail that
       * proves nothing of its sender (domain/unproven-mail.ts: past it such mail is kept for review).
       */
      maxOpenCasesPerSender: intIn(1, undefined, 5),
      /**
       * Hours the confirmation link of a webform post that cites a ticket stays valid (trust hole F1);
       * its pending submission expires with it. `attachments.pendingUploadDays` must outlast it.
       */
      webformConfirmLinkHours: intIn(1, 168, 48),
      /** Confirmation mails one address receives per hour; past it the post gets the same answer and no mail. */
      webformConfirmMailsPerAddressPerHour: intIn(1, undefined, 5),
      /**
       * …and per office day: the hourly limit alone let anyone who types an address make the office
       * mail it 120 links a day (red-team round 5, C3).
       */
      webformConfirmMailsPerAddressPerDay: intIn(1, undefined, 10),
    }),
    /** Files a merchant attaches on the webform (issue 19); every key has a default. */
    attachments: z.prefault(
      z.object({
        /** Files per submission. */
        maxFiles: intIn(0, 20, 5),
        /** Bytes per file. */
        maxFileBytes: intIn(1, undefined, 10 * 1024 * 1024),
        /** Bytes of all the files of one submission together. */
        maxTotalBytes: intIn(1, undefined, 25 * 1024 * 1024),
        /** Types accepted, checked on the bytes (magic numbers), never on the name or the browser's claim. */
        allowedTypes: z._default(z.array(z.enum(FILE_KINDS)).check(z.minLength(1)), [...FILE_KINDS]),
        /** Seconds a presigned POST policy stays valid. */
        uploadPolicySeconds: intIn(30, 3600, 300),
        /**
         * Files one inbox may attach per day on the webform from one client (on top of the per-IP
         * limit): the address is typed, not proven, so no one else's posts use up hers.
         */
        maxFilesPerSenderPerDay: intIn(1, undefined, 25),
        /**
         * Days an upload that no submission claimed is kept before the lifecycle rule deletes it. A
         * webform post's files wait for its confirmation link (`limits.webformConfirmLinkHours`), and
         * S3 expires objects at the UTC midnight after the day count: a day more than the link.
         */
        pendingUploadDays: intIn(1, 30, 3),
      }),
      {},
    ),
  });
}

/**
 * The files of a webform post wait for its confirmation link: unclaimed uploads must outlast the link
 * by a day (S3 expires objects at the UTC midnight after the day count). A rule across two sections,
 * checked by parseConfig and the deployment schema (infra/config.ts) — not in the object schema,
 * whose shape the deployment schema extends and whose keys it omits.
 */
export const PENDING_UPLOADS_RULE = {
  path: ['attachments', 'pendingUploadDays'],
  message:
    'attachments.pendingUploadDays must outlast limits.webformConfirmLinkHours by a day: the files of a post wait for its confirmation link',
  holds: (c: { attachments: { pendingUploadDays: number }; limits: { webformConfirmLinkHours: number } }) =>
    c.attachments.pendingUploadDays * 24 >= c.limits.webformConfirmLinkHours + 24,
} as const;

/** Links we mail and the origin we serve: web addresses only (no javascript:, data:, file:). */
const WEB_PROTOCOL = /^https?$/;
/** A lower-case domain of two labels or more. */
const STORE_DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

let schema: ReturnType<typeof buildConfigSchema> | undefined;

/** The schema, built on first use: synth, the local stack, tests, and a configuration edited by hand. */
export function configSchema(): ReturnType<typeof buildConfigSchema> {
  schema ??= buildConfigSchema();
  return schema;
}

export type OuvidoriaConfig = z.infer<ReturnType<typeof buildConfigSchema>>;
export type AttachmentsConfig = OuvidoriaConfig['attachments'];
export type OfficeHours = OuvidoriaConfig['officeHours'];

/** Parses a configuration, failing with every problem listed by path. */
export function parseConfig(input: unknown): OuvidoriaConfig {
  const result = configSchema().safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`Invalid Ouvidoria configuration:\n${problems.join('\n')}`);
  }
  if (!PENDING_UPLOADS_RULE.holds(result.data)) {
    throw new Error(
      `Invalid Ouvidoria configuration:\n  - ${PENDING_UPLOADS_RULE.path.join('.')}: ${PENDING_UPLOADS_RULE.message}`,
    );
  }
  return result.data;
}

/**
 * The seal synth puts beside the configuration it validated (parseConfig, defaults filled in): the
 * SHA-256 of the exact JSON the functions receive.
 */
export function configSeal(json: string): string {
  return hash('sha256', json, 'hex');
}

/**
 * A function's configuration from its environment. Under its seal the JSON is what synth
 * validated, so it is read as is; without one, or edited by hand since (the seal no longer
 * matches), it is validated here, failing with every problem listed. `webformOrigin`, when given,
 * is the origin the stack resolved at deploy (the API's own address: the JSON has none then).
 */
export function readConfig(json: string, seal: string | undefined, webformOrigin?: string): OuvidoriaConfig {
  const parsed = JSON.parse(json) as Record<string, unknown>;
  const value = webformOrigin === undefined ? parsed : { ...parsed, webformOrigin };
  const sealed = seal !== undefined && seal === configSeal(json);
  // Sealed, only the origin (not sealed) is checked: a JSON without one fails validation.
  if (sealed && typeof value['webformOrigin'] === 'string' && isWebOrigin(value['webformOrigin'])) {
    return value as OuvidoriaConfig;
  }
  return parseConfig(value);
}

function isWebOrigin(value: string): boolean {
  return URL.canParse(value) && WEB_PROTOCOL.test(new URL(value).protocol.slice(0, -1));
}

/** Defaults for local runs and tests: example domain, links that point nowhere real. */
export const localConfigInput = {
  domain: 'ouvidoria.example.com.br',
  ombudsmanAddresses: ['ouvidoria@ouvidoria.example.com.br'],
  fromAddress: 'ouvidoria@ouvidoria.example.com.br',
  fromName: 'Ouvidoria',
  webformOrigin: 'http://127.0.0.1:3000',
  links: {
    supportCentre: 'https://ajuda.example.com.br/central-de-atendimento',
    openTicket: 'https://ajuda.example.com.br/abrir-chamado',
    knowledgeBase: 'https://ajuda.example.com.br/base-de-conhecimento',
    billingKnowledgeBase: 'https://ajuda.example.com.br/base-de-conhecimento/planos-e-faturas',
    statusPage: 'https://status.example.com.br',
    sales: 'https://www.example.com.br/comercial',
    privacyPolicy: 'https://www.example.com.br/privacidade',
  },
  timeZone: 'America/Sao_Paulo',
  officeHours: { days: [1, 2, 3, 4, 5], open: '09:00', close: '17:00' },
  supportHours: { days: [1, 2, 3, 4, 5], open: '08:00', close: '18:00' },
  calendar: { country: 'BR', extraClosedDays: [], closedOnCarnival: true, closedOnAshWednesday: false },
  // The local stores' domain: "minhaloja.lojas.example.com.br" is a store of ours.
  storeDomains: ['lojas.example.com.br'],
  slaBusinessDays: 10,
  autoReply: {},
  threading: {},
  limits: {},
  // The local roster's ouvidora: escalations reach her, and she is not assigned cases.
  lifecycle: { supervisorIds: ['sofia'], supervisorAddresses: { sofia: 'sofia.ramos@ouvidoria.example.com.br' } },
} as const;

/**
 * Parsed from `localConfigInput`. Pure: a bundle that never reads it (every Lambda: they parse their
 * configuration from the environment) drops this parse (issue 16: ~10 ms of each cold start).
 */
export const localConfig: OuvidoriaConfig = /* @__PURE__ */ parseConfig(localConfigInput);
