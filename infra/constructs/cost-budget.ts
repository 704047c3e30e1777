import { Stack } from 'aws-cdk-lib';
import * as budgets from 'aws-cdk-lib/aws-budgets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { ENVIRONMENT_TAG } from '../names';
import { alarmNameOf } from '../runbook';

/** The budget's id in the runbook (infra/runbook.ts): a NOTIFY, its name the subject of the mail. */
export const COST_BUDGET_ID = 'MonthlyCost';

/** When the budget mails: at 80 % of the month's actual cost, and when the month's forecast passes 100 %. */
export const COST_BUDGET_THRESHOLDS = [
  { notificationType: 'ACTUAL', threshold: 80 },
  { notificationType: 'FORECASTED', threshold: 100 },
] as const;

export interface CostBudgetProps {
  readonly envName: string;
  readonly monthlyLimitUsd: number;
  /** The alarm topic (NOTIFY path): Budgets publishes to it, encrypted with its key. */
  readonly topic: sns.Topic;
}

/**
 * An AWS Budgets cost budget over this environment's resources (the `environment` cost allocation tag)
 * that notifies the alarm topic. Budgets publishes as budgets.amazonaws.com: the topic policy must allow
 * it, and its KMS key too (the stack's TopicKey policy) — "Creating an Amazon SNS topic for budget
 * notifications", https://docs.aws.amazon.com/cost-management/latest/userguide/budgets-sns-policy.html,
 * and https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services.
 */
export class CostBudget extends Construct {
  readonly budget: budgets.CfnBudget;
  readonly budgetName: string;

  constructor(scope: Construct, id: string, props: CostBudgetProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.budgetName = alarmNameOf(props.envName, COST_BUDGET_ID);
    props.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowBudgets',
        principals: [new iam.ServicePrincipal('budgets.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [props.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: { 'aws:SourceArn': budgetArnPattern(stack) },
        },
      }),
    );
    this.budget = new budgets.CfnBudget(this, 'Budget', {
      budget: {
        budgetName: this.budgetName,
        budgetType: 'COST',
        timeUnit: 'MONTHLY',
        budgetLimit: { amount: props.monthlyLimitUsd, unit: 'USD' },
        costFilters: { TagKeyValue: [`user:${ENVIRONMENT_TAG}$${props.envName}`] },
      },
      notificationsWithSubscribers: COST_BUDGET_THRESHOLDS.map(({ notificationType, threshold }) => ({
        notification: { notificationType, comparisonOperator: 'GREATER_THAN', threshold, thresholdType: 'PERCENTAGE' },
        subscribers: [{ subscriptionType: 'SNS', address: props.topic.topicArn }],
      })),
    });
    // After the topic's policy (a child of the topic) lets Budgets publish: a budget created first
    // may have its notifications refused or left unusable on a first deploy.
    this.budget.node.addDependency(props.topic);
  }
}

/** Any budget of this account (budget ARNs carry no region: arn:aws:budgets::<account>:budget/<name>). */
export function budgetArnPattern(stack: Stack): string {
  return stack.formatArn({ service: 'budgets', region: '', resource: '*' });
}
