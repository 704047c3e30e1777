import { z } from 'zod';

/** "HH:MM" on a 24-hour clock. */
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM (24 h)');
/** ISO calendar date "YYYY-MM-DD". */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD');
/** ISO weekday numbers, 1 = Monday … 7 = Sunday. */
const weekdays = z.array(z.number().int().min(1).max(7)).min(1);

export const HoursSchema = z
  .object({
    days: weekdays,
    open: clockTime,
    close: clockTime,
  })
  .refine((h) => h.open < h.close, { message: 'open must be before close' });

export const ConfigSchema = z.object({
  /** Mail domain of the office; our Message-IDs and loop detection use it. */
  domain: z.string().min(3),
  /** Addresses that receive merchant mail (the SES receipt rule recipients). */
  ombudsmanAddresses: z.array(z.email()).min(1),
  /** From address of every automatic mail (acknowledgements, guidance, analyst notices). */
  fromAddress: z.email(),
  fromName: z.string().min(1).default('Ouvidoria'),
  /** Public web origin of the webform (CORS and absolute links). */
  webformOrigin: z.url(),
  links: z.object({
    supportCentre: z.url(),
    openTicket: z.url(),
    knowledgeBase: z.url(),
    billingKnowledgeBase: z.url(),
    statusPage: z.url(),
    sales: z.url(),
    privacyPolicy: z.url(),
  }),
  timeZone: z.string().default('America/Sao_Paulo'),
  /** Ombudsman office hours (the article: Mon–Fri 09:00–17:00, except holidays). */
  officeHours: HoursSchema,
  /** Support centre hours, only quoted in replies (the article: Mon–Fri 08:00–18:00). */
  supportHours: HoursSchema,
  calendar: z.object({
    /** date-holidays country (national holidays only; no state or city). */
    country: z.string().default('BR'),
    /** Company days the office is closed, besides national holidays. */
    extraClosedDays: z.array(isoDate).default([]),
    /** Carnival Monday and Tuesday (optional holidays in Brazil): closed when true. */
    closedOnCarnival: z.boolean().default(true),
    /** Ash Wednesday: Brazilian offices usually open at noon; we treat it as closed when true. */
    closedOnAshWednesday: z.boolean().default(false),
  }),
  /** Analyst SLA, in business days of the office calendar. */
  slaBusinessDays: z.number().int().min(1).max(60).default(10),
  autoReply: z.object({
    /** Automatic replies allowed per sender, per outcome, per calendar day. */
    maxPerSenderPerOutcomePerDay: z.number().int().min(1).default(1),
    /** Local parts that never get automatic mail (RFC 3834 §2 and common practice). */
    noReplySenderPattern: z
      .string()
      .default(
        '^(mailer-daemon|postmaster|abuse|root|noc|security|hostmaster|bounces?|no[-_.]?reply|do[-_.]?not[-_.]?reply|nao[-_.]?responda)([+-].*)?$',
      ),
    /** Days an address that hard-bounced or complained gets no automatic mail. */
    bounceSuppressionDays: z.number().int().min(1).default(60),
  }),
  /** Business days before the due date when the analyst is reminded (SPEC step 9). */
  reminderBusinessDays: z.number().int().min(0).max(30).default(2),
  /** Case lifecycle by email (SPEC step 8); every key has a default, so older config files still parse. */
  lifecycle: z
    .object({
      /** Local part of the per-case staff reply address: `<localPart>+<protocol>.<token>@<domain>`. */
      staffReplyLocalPart: z
        .string()
        .regex(/^[a-z0-9]+$/, 'lower-case letters and digits only')
        .default('caso'),
      /** Characters of the base32 HMAC token in that address (5 bits each: 16 → 80 bits). */
      tokenLength: z.number().int().min(16).max(52).default(16),
      /** Days a survey link stays valid after the closing mail. */
      surveyLinkDays: z.number().int().min(1).max(365).default(30),
      /** Hours a merchant status-page link stays valid. */
      statusLinkHours: z
        .number()
        .int()
        .min(1)
        .max(24 * 7)
        .default(24),
      /** Attachments of an analyst's answer relayed to the merchant, in total, at most. */
      maxRelayAttachmentBytes: z
        .number()
        .int()
        .min(0)
        .default(10 * 1024 * 1024),
      /** Largest `#prorrogar` in one command, in business days. */
      maxExtensionBusinessDays: z.number().int().min(1).max(60).default(30),
      /** Roster ids with the supervisor role (ouvidor/a): may act on any case, get escalations. */
      supervisorIds: z.array(z.string().min(1)).default([]),
    })
    .prefault({}),
  /**
   * LGPD retention (DynamoDB TTL `expiresAt` and the raw-mail lifecycle rule by tag). Every key has a
   * default, so older config files still parse.
   */
  retention: z
    .object({
      /** Days a closed case, its messages, pointers and raw mail are kept after closing (5 years + 1 day). */
      retentionDays: z.number().int().min(1).max(3650).default(1826),
      /** Days a redirected or quarantined submission is kept after it arrived. */
      redirectRetentionDays: z.number().int().min(1).max(3650).default(180),
    })
    .prefault({}),
  threading: z.object({
    /** A reply to a case closed more than this many days ago opens a new, linked case (SPEC: 7). */
    reopenWindowDays: z.number().int().min(1).default(7),
  }),
  limits: z.object({
    /** Raw mail above this size is quarantined unparsed (SES accepts up to 40 MB). */
    maxRawMailBytes: z
      .number()
      .int()
      .min(1024)
      .default(25 * 1024 * 1024),
    /** Webform submissions per client IP per hour. */
    webformPerIpPerHour: z.number().int().min(1).default(20),
    /** Open (not closed) cases one sender may have at once through the webform. */
    maxOpenCasesPerSender: z.number().int().min(1).default(5),
  }),
  /** Files a merchant attaches on the webform (issue 19); every key has a default. */
  attachments: z
    .object({
      /** Files per submission. */
      maxFiles: z.number().int().min(0).max(20).default(5),
      /** Bytes per file. */
      maxFileBytes: z
        .number()
        .int()
        .min(1)
        .default(10 * 1024 * 1024),
      /** Bytes of all the files of one submission together. */
      maxTotalBytes: z
        .number()
        .int()
        .min(1)
        .default(25 * 1024 * 1024),
      /** Types accepted, checked on the bytes (magic numbers), never on the name or the browser's claim. */
      allowedTypes: z
        .array(z.enum(['pdf', 'png', 'jpeg', 'webp', 'xlsx', 'docx', 'csv', 'txt']))
        .min(1)
        .default(['pdf', 'png', 'jpeg', 'webp', 'xlsx', 'docx', 'csv', 'txt']),
      /** Seconds a presigned POST policy stays valid. */
      uploadPolicySeconds: z.number().int().min(30).max(3600).default(300),
      /** Files one sender may attach per day on the webform (on top of the per-IP limit). */
      maxFilesPerSenderPerDay: z.number().int().min(1).default(25),
      /** Days an upload that no submission claimed is kept before the lifecycle rule deletes it. */
      pendingUploadDays: z.number().int().min(1).max(30).default(1),
      /** Hours a download link of a clean file (analyst notice, staff console) stays valid; at most 7 days (SigV4). */
      linkHours: z.number().int().min(1).max(168).default(24),
    })
    .prefault({}),
});

export type OuvidoriaConfig = z.infer<typeof ConfigSchema>;
export type AttachmentsConfig = OuvidoriaConfig['attachments'];
export type OfficeHours = z.infer<typeof HoursSchema>;

/** Parses a configuration, failing with every problem listed by path. */
export function parseConfig(input: unknown): OuvidoriaConfig {
  const result = ConfigSchema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`Invalid Ouvidoria configuration:\n${problems.join('\n')}`);
  }
  return result.data;
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
  slaBusinessDays: 10,
  autoReply: {},
  threading: {},
  limits: {},
  // The local roster's ouvidora: escalations reach her, and she is not assigned cases.
  lifecycle: { supervisorIds: ['sofia'] },
} as const;

export const localConfig: OuvidoriaConfig = parseConfig(localConfigInput);
