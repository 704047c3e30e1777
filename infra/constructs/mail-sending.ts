import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

export interface MailSendingProps {
  /** Mail domain: the identity every automatic mail is sent from. */
  readonly domain: string;
  /** Customer key of the feedback topic (SES must be able to use it, see the stack). */
  readonly topicKey: kms.IKey;
}

/**
 * SES sending: the domain identity (Easy DKIM), a configuration set that keeps the account-level
 * suppression list on for bounces and complaints, and publishes bounce and complaint events to an
 * encrypted SNS topic that feeds the bounce registry (the ses-feedback function).
 */
export class MailSending extends Construct {
  readonly identity: ses.EmailIdentity;
  readonly configurationSet: ses.ConfigurationSet;
  readonly feedbackTopic: sns.Topic;

  constructor(scope: Construct, id: string, props: MailSendingProps) {
    super(scope, id);

    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      reputationMetrics: true,
      sendingEnabled: true,
    });

    this.identity = new ses.EmailIdentity(this, 'DomainIdentity', {
      identity: ses.Identity.domain(props.domain),
      // Mail sent without naming a configuration set still reports bounces and complaints.
      configurationSet: this.configurationSet,
    });

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
