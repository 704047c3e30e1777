import { Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as actions from 'aws-cdk-lib/aws-ses-actions';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct, type IDependable } from 'constructs';

export interface MailReceivingProps {
  readonly ruleSetName: string;
  readonly recipients: string[];
  readonly bucket: s3.Bucket;
  /** Key prefix of the raw mail, e.g. "inbound/". */
  readonly objectKeyPrefix: string;
  readonly intake: lambda.IFunction;
  /** Make the rule set the account's active one (custom resource) — see MailReceivingProps in the README. */
  readonly activate: boolean;
  readonly logRetentionDays: number;
}

/**
 * The receipt rule's S3 action, with a bucket policy narrower than the one of aws-ses-actions' S3:
 * besides aws:SourceAccount it pins aws:SourceArn to this very receipt rule. The ARN is built from the
 * fixed rule set and rule names, not from the rule's attributes (the rule depends on the policy, so a
 * reference back would be a circular dependency).
 */
class S3ActionForRule implements ses.IReceiptRuleAction {
  constructor(
    private readonly bucket: s3.Bucket,
    private readonly objectKeyPrefix: string,
    private readonly ruleArn: string,
  ) {}

  bind(rule: ses.IReceiptRuleRef): ses.ReceiptRuleActionConfig {
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowSesReceiptRulePutObject',
        actions: ['s3:PutObject'],
        principals: [new iam.ServicePrincipal('ses.amazonaws.com')],
        resources: [this.bucket.arnForObjects(`${this.objectKeyPrefix}*`)],
        conditions: {
          StringEquals: { 'aws:SourceAccount': Stack.of(rule).account, 'aws:SourceArn': this.ruleArn },
        },
      }),
    );
    // SES tests its write permission when the rule is created: the policy must exist first.
    rule.node.addDependency(this.bucket.policy as IDependable);
    return { s3Action: { bucketName: this.bucket.bucketName, objectKeyPrefix: this.objectKeyPrefix } };
  }
}

/**
 * SES receiving: a rule set with one rule for the ombudsman addresses that stores the raw MIME in S3
 * first and then invokes the intake asynchronously (the intake reads the mail from S3, never from the
 * event). Spam and virus scanning on; mail from servers that will not use TLS is rejected.
 *
 * CloudFormation creates a rule set but never activates it. With `activate`, a custom resource calls
 * SetActiveReceiptRuleSet on create/update and, on delete, calls it with no name (receiving off).
 * Only one rule set is active per account and region: activation replaces the current one.
 */
export class MailReceiving extends Construct {
  readonly ruleSet: ses.ReceiptRuleSet;
  readonly rule: ses.ReceiptRule;
  readonly ruleName: string;
  readonly ruleArn: string;
  readonly activation?: cr.AwsCustomResource;

  constructor(scope: Construct, id: string, props: MailReceivingProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.ruleName = `${props.ruleSetName}-intake`;
    this.ruleArn = stack.formatArn({
      service: 'ses',
      resource: 'receipt-rule-set',
      resourceName: `${props.ruleSetName}:receipt-rule/${this.ruleName}`,
    });

    this.ruleSet = new ses.ReceiptRuleSet(this, 'RuleSet', { receiptRuleSetName: props.ruleSetName });

    // Registered before the Lambda action binds: the action reuses a permission with this id, so
    // SES may invoke the intake only for this rule of this account (the stock one checks the account only).
    props.intake.addPermission('AllowSes', {
      action: 'lambda:InvokeFunction',
      principal: new iam.ServicePrincipal('ses.amazonaws.com'),
      sourceAccount: stack.account,
      sourceArn: this.ruleArn,
    });

    this.rule = this.ruleSet.addRule('Intake', {
      receiptRuleName: this.ruleName,
      recipients: props.recipients,
      scanEnabled: true,
      tlsPolicy: ses.TlsPolicy.REQUIRE,
      enabled: true,
      actions: [
        new S3ActionForRule(props.bucket, props.objectKeyPrefix, this.ruleArn),
        new actions.Lambda({ function: props.intake, invocationType: actions.LambdaInvocationType.EVENT }),
      ],
    });

    if (props.activate) {
      this.activation = this.activateRuleSet(props.ruleSetName, props.logRetentionDays);
    }
  }

  private activateRuleSet(ruleSetName: string, logRetentionDays: number): cr.AwsCustomResource {
    const logGroup = new logs.LogGroup(this, 'ActivationLogs', {
      retention: logRetentionDays as logs.RetentionDays,
    });
    const role = new iam.Role(this, 'ActivationRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Activates the Ouvidoria receipt rule set',
    });
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'WriteOwnLogs',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );
    const activation = new cr.AwsCustomResource(this, 'ActivateRuleSet', {
      resourceType: 'Custom::SesActiveReceiptRuleSet',
      onCreate: {
        service: 'SES',
        action: 'setActiveReceiptRuleSet',
        parameters: { RuleSetName: ruleSetName },
        physicalResourceId: cr.PhysicalResourceId.of(`ses-active-receipt-rule-set-${ruleSetName}`),
      },
      onUpdate: {
        service: 'SES',
        action: 'setActiveReceiptRuleSet',
        parameters: { RuleSetName: ruleSetName },
        physicalResourceId: cr.PhysicalResourceId.of(`ses-active-receipt-rule-set-${ruleSetName}`),
      },
      // No name: receiving is switched off, so no mail is accepted for a stack that no longer exists.
      onDelete: { service: 'SES', action: 'setActiveReceiptRuleSet', parameters: {} },
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({
          sid: 'ActivateReceiptRuleSet',
          actions: ['ses:SetActiveReceiptRuleSet'],
          resources: ['*'],
        }),
      ]),
      role,
      logGroup,
      installLatestAwsSdk: false,
    });
    // Activate only once the rule (and, through it, the bucket policy and invoke permission) exists.
    activation.node.addDependency(this.rule);
    // The statement lands in the custom resource's own policy, attached to our role.
    Validations.of(activation).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'ses:SetActiveReceiptRuleSet acts on the account-level active rule set and supports no resource-level permission; it is the only action granted.',
    });
    return activation;
  }
}
