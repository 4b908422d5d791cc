import { Construct } from "constructs";
import { DynamodbTable } from "@cdktf/provider-aws/lib/dynamodb-table";
import { REPLAY_KEY_PREFIX } from "../delivery/replay";
import type { PolicyStatement } from "./iam";
import { explainAwsKey } from "./webhook-key";

/** The attribute Powertools idempotency keys records by, and the one it writes their expiry to. */
const KEY_ATTRIBUTE = "id";
const EXPIRY_ATTRIBUTE = "expiration";

export interface IdempotencyTableProps {
  readonly tableName: string;
  /** Customer-managed key of the table. @default DynamoDB's AWS-managed key */
  readonly kmsKeyArn?: string;
}

/**
 * The table Powertools idempotency keeps one record per processed delivery in, and where verified
 * deliveries claim their signed content against replays: on demand, records removed by TTL once
 * expired, encrypted with a KMS key, with point-in-time recovery.
 */
export class IdempotencyTable extends Construct {
  readonly table: DynamodbTable;

  constructor(scope: Construct, id: string, props: IdempotencyTableProps) {
    super(scope, id);
    this.table = new DynamodbTable(this, "table", {
      name: props.tableName,
      billingMode: "PAY_PER_REQUEST",
      hashKey: KEY_ATTRIBUTE,
      attribute: [{ name: KEY_ATTRIBUTE, type: "S" }],
      ttl: { attributeName: EXPIRY_ATTRIBUTE, enabled: true },
      serverSideEncryption: { enabled: true, kmsKeyArn: props.kmsKeyArn },
      pointInTimeRecovery: { enabled: true },
    });
    explainAwsKey(this.table, "CKV_AWS_119", props.kmsKeyArn, "DynamoDB's AWS-managed key (aws/dynamodb)");
  }

  /** What Powertools idempotency does with its records: no scans, no queries, no other table. */
  get readWriteStatement(): PolicyStatement {
    return {
      Effect: "Allow",
      Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"],
      Resource: this.table.arn,
    };
  }

  /** Taking replay claims and reading who holds one, and nothing else: items whose key starts with the claims' prefix. */
  get claimReplaysStatement(): PolicyStatement {
    return {
      Effect: "Allow",
      Action: ["dynamodb:GetItem", "dynamodb:UpdateItem"],
      Resource: this.table.arn,
      Condition: { "ForAllValues:StringLike": { "dynamodb:LeadingKeys": [`${REPLAY_KEY_PREFIX}*`] } },
    };
  }
}
