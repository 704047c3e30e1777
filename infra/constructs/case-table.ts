import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { GSI, TABLE_KEYS, TTL_ATTRIBUTE } from '../../shared/adapters/dynamo/table-design';

export interface CaseTableProps {
  readonly retainData: boolean;
}

/**
 * Actions the functions use on the table. No Scan (every access pattern is a key or index query),
 * no table-management actions. TransactWriteItems/TransactGetItems are authorised through the
 * per-item actions below, so they need no action of their own.
 */
export const TABLE_DATA_ACTIONS = [
  'dynamodb:BatchGetItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DeleteItem',
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:Query',
  'dynamodb:UpdateItem',
] as const;

/**
 * The single table (key design in shared/adapters/dynamo/table-design.ts): cases, submissions,
 * counters, staff, reply throttles and the bounce registry. On-demand, point-in-time recovery,
 * encrypted with the AWS-managed key (no key policy to manage, nothing for the functions to be granted),
 * TTL on the throttle and idempotency items.
 */
export class CaseTable extends Construct {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props: CaseTableProps) {
    super(scope, id);
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: TTL_ATTRIBUTE,
      deletionProtection: props.retainData,
      removalPolicy: props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    for (const index of [GSI.byStatus, GSI.bySender]) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
  }

  /** Item read/write on the table and its two indexes, named one by one (no index/* wildcard). */
  grantData(grantee: iam.IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'CaseTableItems',
        actions: [...TABLE_DATA_ACTIONS],
        resources: [
          this.table.tableArn,
          ...[GSI.byStatus, GSI.bySender].map((index) => `${this.table.tableArn}/index/${index.indexName}`),
        ],
      }),
    );
  }
}
