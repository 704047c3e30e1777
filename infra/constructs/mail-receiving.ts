import { CustomResource, Duration, type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as actions from 'aws-cdk-lib/aws-ses-actions';
import { Construct, type IDependable } from 'constructs';
import { OuvidoriaFunction } from './ouvidoria-function';

export interface MailReceivingProps {
  readonly ruleSetName: string;
  readonly ruleName: string;
  /** The rule set exists already (the account's active one): add the rule to it, create no set. */
  readonly existing: boolean;
  readonly recipients: string[];
  readonly bucket: s3.Bucket;
  /** Key prefix of the raw mail, e.g. "inbound/". */
  readonly objectKeyPrefix: string;
  readonly intake: lambda.IFunction;
  /** Make the rule set the account's active one (custom resource) — see MailReceivingProps in the README. */
  readonly activate: boolean;
  /** The active rule set (another product's) that activation may switch off; otherwise it refuses to. */
  readonly replaceActiveRuleSet?: string;
  readonly logRetentionDays: number;
  readonly metricsNamespace: string;
  readonly removalPolicy: RemovalPolicy;
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
 * CloudFormation creates a rule set but never activates it. With `activate`, a custom resource
 * (infra/custom-resources/active-rule-set.ts) activates it on create and update, and on delete or a
 * rollback gives back the rule set that was active before (receiving off only if there was none).
 * Only one rule set is active per account and region: activation refuses to replace another product's
 * active set (the deploy fails, naming it) unless `replaceActiveRuleSet` names it.
 */
export class MailReceiving extends Construct {
  readonly ruleSet: ses.IReceiptRuleSet;
  readonly rule: ses.ReceiptRule;
  readonly ruleName: string;
  readonly ruleArn: string;
  readonly activation?: CustomResource;
  readonly activationFunction?: OuvidoriaFunction;

  constructor(scope: Construct, id: string, props: MailReceivingProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.ruleName = props.ruleName;
    this.ruleArn = stack.formatArn({
      service: 'ses',
      resource: 'receipt-rule-set',
      resourceName: `${props.ruleSetName}:receipt-rule/${this.ruleName}`,
    });

    this.ruleSet = props.existing
      ? ses.ReceiptRuleSet.fromReceiptRuleSetName(this, 'RuleSet', props.ruleSetName)
      : new ses.ReceiptRuleSet(this, 'RuleSet', { receiptRuleSetName: props.ruleSetName });

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

    if (props.activate && !props.existing) {
      this.activationFunction = new OuvidoriaFunction(this, 'ActivationHandler', {
        entry: 'infra/custom-resources/active-rule-set.ts',
        serviceName: 'active-rule-set',
        description: 'Activates the Ouvidoria receipt rule set; restores the previous one on delete',
        memorySize: 128,
        timeout: Duration.seconds(30),
        environment: {},
        logRetentionDays: props.logRetentionDays,
        logLevel: 'INFO',
        removalPolicy: props.removalPolicy,
        xrayTracing: false,
        metricsNamespace: props.metricsNamespace,
      });
      this.activationFunction.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          sid: 'ActivateReceiptRuleSet',
          actions: ['ses:DescribeActiveReceiptRuleSet', 'ses:SetActiveReceiptRuleSet'],
          resources: ['*'],
        }),
      );
      Validations.of(this.activationFunction.role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'ses:DescribeActiveReceiptRuleSet and ses:SetActiveReceiptRuleSet act on the account-level active rule set and support no resource-level permission; they are the only actions granted.',
      });
      this.activation = new CustomResource(this, 'ActivateRuleSet', {
        resourceType: 'Custom::SesActiveReceiptRuleSet',
        serviceToken: this.activationFunction.function.functionArn,
        properties: {
          RuleSetName: props.ruleSetName,
          ...(props.replaceActiveRuleSet ? { ReplaceActiveRuleSet: props.replaceActiveRuleSet } : {}),
        },
      });
      // Activate only once the rule (and, through it, the bucket policy and invoke permission) exists;
      // on delete the activation goes first, so the rule set is no longer active when it is deleted.
      this.activation.node.addDependency(this.rule);
    }
  }
}
