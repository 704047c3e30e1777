/**
 * Public AWS prices used by the cost figures: US East (N. Virginia), the region of
 * infra/config/dev.json, on-demand, without free tiers. Checked on 2026-11-25 against the pages
 * named below, through third-party copies of them where the page itself was not reachable (named
 * too); re-check before quoting a budget.
 */
export const PRICES_CHECKED = 'checked 2026-11-25, us-east-1, on-demand, free tiers ignored';

export const PRICES = {
  lambda: {
    /** Arm (Graviton) duration, first 7.5 billion GB-s per month. "AWS Lambda Pricing", aws.amazon.com/lambda/pricing. */
    perGbSecondArm: 0.0000133334,
    /** "AWS Lambda Pricing": $0.20 per 1M requests. */
    perRequest: 0.2 / 1e6,
    /** Lambda allocates one full vCPU at 1,769 MB ("Lambda quotas / memory and computing power", docs.aws.amazon.com). */
    fullVcpuMemoryMb: 1769,
  },
  dynamodb: {
    /**
     * On-demand, standard table class, after the November 2024 price cut. "Amazon DynamoDB pricing for
     * on-demand capacity", aws.amazon.com/dynamodb/pricing/on-demand (also quoted by airbyte.com,
     * "Amazon DynamoDB Pricing: On-Demand & Provisioned Plans").
     */
    perWriteRequestUnit: 0.625 / 1e6,
    perReadRequestUnit: 0.125 / 1e6,
  },
  ses: {
    /**
     * "Amazon SES pricing", aws.amazon.com/ses/pricing, à la carte: outbound $0.10 per 1,000 recipients.
     * Read from the AWS Price List API (AmazonSES us-east-1, published 2026-07-22) as copied in
     * github.com/api-evangelist/amazon-ses plans/amazon-ses-plans-pricing.yml. Accounts new to SES since
     * 2026-07-21 start on the "Essentials" plan instead: $0.16 per 1,000 outbound emails.
     */
    perEmailSent: 0.1 / 1000,
    /** Same sources: inbound $0.10 per 1,000 emails received … */
    perEmailReceived: 0.1 / 1000,
    /** … plus $0.09 per 1,000 incoming mail chunks of 256 KB. */
    perIncomingChunk: 0.09 / 1000,
    incomingChunkBytes: 256 * 1024,
  },
  sqs: {
    /** "Amazon SQS pricing", aws.amazon.com/sqs/pricing: standard queue $0.40 per 1M requests (each 64 KB chunk is a request). Confirmed by cloudburn.io, "Amazon SQS Pricing" (March 2026). */
    perRequest: 0.4 / 1e6,
  },
  s3: {
    /** "Amazon S3 pricing", aws.amazon.com/s3/pricing, S3 Standard: PUT/COPY/POST/LIST $0.005 per 1,000. */
    perPut: 0.005 / 1000,
    /** Same page: GET, SELECT and all other requests (HEAD included) $0.0004 per 1,000. */
    perGet: 0.0004 / 1000,
  },
  apiGateway: {
    /** "Amazon API Gateway pricing", aws.amazon.com/api-gateway/pricing: HTTP APIs $1.00 per million (first 300 million). */
    perHttpApiRequest: 1.0 / 1e6,
  },
  scheduler: {
    /**
     * "Amazon EventBridge pricing", aws.amazon.com/eventbridge/pricing, Scheduler: $1.00 per million
     * scheduled invocations (API calls such as CreateSchedule are not charged). Each lifecycle timer
     * is a one-time schedule: created once, invoked once.
     */
    perInvocation: 1.0 / 1e6,
  },
  cloudWatchLogs: {
    /** "Amazon CloudWatch pricing", aws.amazon.com/cloudwatch/pricing: standard log ingestion $0.50 per GB. */
    perIngestedGb: 0.5,
  },
} as const;

/**
 * Round-trip times assumed for requests from Lambda to services in the same region (typical p50s,
 * not measured here: this benchmark runs on loopback). They turn request counts into Lambda
 * duration; only the GB-second estimate depends on them.
 */
export const ASSUMED_LATENCY_MS = {
  dynamodb: 6,
  sesSend: 35,
  sqsSend: 10,
  schedulerCreate: 20,
  s3Head: 12,
  /** PUT of a message text kept out of the table (a few KB at most 60 KB). */
  s3Put: 20,
  /** GET of the raw mail: first byte plus the body at ~80 MB/s. */
  s3GetBase: 15,
  s3BytesPerMs: 80_000,
  /** The Zendesk Tickets API over the internet (not AWS-billed, but Lambda waits for it). */
  zendesk: 150,
} as const;
