// The chatbot's table: similarity, profiles and name lookups, keyed pk/sk, each item expiring via TTL.
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption, type ITable, type TableProps } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

/** The attribute Publish sets to the epoch second an item may be deleted. */
export const EXPIRY_ATTRIBUTE = 'expiresAt';

export function resultsTableProps(): TableProps {
  return {
    partitionKey: { name: 'pk', type: AttributeType.STRING },
    sortKey: { name: 'sk', type: AttributeType.STRING },
    // A nightly burst of writes and a trickle of chatbot reads: on-demand costs nothing when idle.
    billingMode: BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    timeToLiveAttribute: EXPIRY_ATTRIBUTE,
    encryption: TableEncryption.AWS_MANAGED,
    deletionProtection: true,
    // The chatbot's data outlives the stack: deleting the stack must not delete the answers.
    removalPolicy: RemovalPolicy.RETAIN,
  };
}

export class Results extends Construct {
  readonly table: ITable;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.table = new Table(this, 'Table', resultsTableProps());
  }
}
