import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

export interface MailSendingProps {
  /** Mail domain: the identity every automatic mail is sent from. */
  readonly domain: string;
  /** Customer key of the feedback topic (SES must be able to use it, see the stack). */
  readonly topicKey: kms.IKey;
  /** Custom MAIL FROM subdomain label (bounce → bounce.<domain>): SPF then aligns with the domain for DMARC. */
  readonly mailFromSubdomain: string;
  /** Route 53 hosted zone that serves `domain`: the stack then creates every record below itself. */
  readonly hostedZoneId?: string;
  readonly dmarcPolicy: 'none' | 'quarantine' | 'reject';
  /**
   * The domain identity exists already in SES: referenced by name, not created. Its DKIM records are
   * then not ours to publish (SES gave them when it was verified), nor its MAIL FROM settings.
   */
  readonly existingIdentity?: boolean;
}

/** One DNS record as the README and the outputs show it. */
export interface DnsRecord {
  readonly id: string;
  readonly name: string;
  readonly type: 'CNAME' | 'MX' | 'TXT';
  readonly value: string;
  readonly description: string;
}

/**
 * The records besides DKIM (whose names SES draws when it creates the identity): the domain's MX to SES
 * receiving, the MAIL FROM subdomain's MX and SPF, DMARC. Known before the deploy, so the preflight
 * can look for them in the hosted zone (a record there already fails the deploy: "already exists").
 */
export function fixedDnsRecords(props: {
  readonly domain: string;
  readonly mailFromSubdomain: string;
  readonly region: string;
  readonly dmarcPolicy: MailSendingProps['dmarcPolicy'];
}): DnsRecord[] {
  const mailFromDomain = `${props.mailFromSubdomain}.${props.domain}`;
  return [
    {
      id: 'Mx',
      name: props.domain,
      type: 'MX',
      value: `10 inbound-smtp.${props.region}.amazonaws.com`,
      description: 'Routes the ombudsman mail to SES receiving',
    },
    {
      id: 'MailFromMx',
      name: mailFromDomain,
      type: 'MX',
      value: `10 feedback-smtp.${props.region}.amazonses.com`,
      description: 'Custom MAIL FROM: bounces come back to SES',
    },
    {
      id: 'MailFromSpf',
      name: mailFromDomain,
      type: 'TXT',
      value: '"v=spf1 include:amazonses.com ~all"',
      description: 'SPF of the MAIL FROM domain (aligned with the domain for DMARC)',
    },
    {
      id: 'Dmarc',
      name: `_dmarc.${props.domain}`,
      type: 'TXT',
      value: `"v=DMARC1; p=${props.dmarcPolicy}; adkim=r; aspf=r"`,
      description: 'DMARC policy (start with p=none, tighten once aggregate reports are clean)',
    },
  ];
}

/**
 * SES sending: the domain identity (Easy DKIM), a configuration set that keeps the account-level
 * suppression list on for bounces and complaints, and publishes bounce and complaint events to an
 * encrypted SNS topic that feeds the bounce registry (the ses-feedback function).
 */
export class MailSending extends Construct {
  readonly identity: ses.IEmailIdentity;
  readonly configurationSet: ses.ConfigurationSet;
  readonly feedbackTopic: sns.Topic;
  readonly mailFromDomain: string;
  /** DKIM, MX, MAIL FROM and DMARC records: stack outputs, and Route 53 record sets in hosted-zone mode. */
  readonly dnsRecords: DnsRecord[];

  constructor(scope: Construct, id: string, props: MailSendingProps) {
    super(scope, id);

    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      reputationMetrics: true,
      sendingEnabled: true,
    });

    const region = Stack.of(this).region;
    this.mailFromDomain = `${props.mailFromSubdomain}.${props.domain}`;
    const created = props.existingIdentity
      ? undefined
      : new ses.EmailIdentity(this, 'DomainIdentity', {
          identity: ses.Identity.domain(props.domain),
          // Mail sent without naming a configuration set still reports bounces and complaints.
          configurationSet: this.configurationSet,
          mailFromDomain: this.mailFromDomain,
          // Until the MAIL FROM MX exists SES keeps sending from amazonses.com instead of refusing to send.
          mailFromBehaviorOnMxFailure: ses.MailFromBehaviorOnMxFailure.USE_DEFAULT_VALUE,
        });
    // The functions name the configuration set on every send, so bounces and complaints reach the
    // feedback topic with an existing identity too.
    this.identity = created ?? ses.EmailIdentity.fromEmailIdentityName(this, 'DomainIdentity', props.domain);

    this.dnsRecords = [
      ...(created?.dkimRecords ?? []).map((dkim, i) => ({
        id: `Dkim${i + 1}`,
        name: dkim.name,
        type: 'CNAME' as const,
        value: dkim.value,
        description: `Easy DKIM record ${i + 1} of 3 (verifies the domain and signs every mail)`,
      })),
      ...fixedDnsRecords({ ...props, region }),
    ];
    for (const record of this.dnsRecords) {
      if (props.hostedZoneId) {
        new route53.CfnRecordSet(this, `${record.id}RecordSet`, {
          hostedZoneId: props.hostedZoneId,
          name: record.name,
          type: record.type,
          ttl: String(Duration.hours(1).toSeconds()),
          resourceRecords: [record.value],
        });
      }
    }

    this.feedbackTopic = new sns.Topic(this, 'FeedbackTopic', {
      displayName: 'Ouvidoria SES bounces and complaints',
      masterKey: props.topicKey,
      enforceSSL: true,
    });

    // Adds the topic policy that lets SES of this account, for this configuration set only, publish.
    this.configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: ses.EventDestination.snsTopic(this.feedbackTopic),
      events: [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT],
    });
  }

  get configurationSetArn(): string {
    return Stack.of(this).formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
    });
  }

  /**
   * Send mail from the domain identity through the configuration set (SESv2 SendEmail authorises
   * ses:SendEmail, or ses:SendRawEmail for raw content, against both resources). Nothing else.
   */
  grantSend(grantee: iam.IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'SendFromOuvidoriaIdentity',
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [this.identity.emailIdentityArn, this.configurationSetArn],
      }),
    );
  }
}
