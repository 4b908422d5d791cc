import { checkRules, RULES } from "../../../stacks/rules";
import { dynamodbRecoverable } from "../../../stacks/rules/dynamodb-recoverable";
import { iamNoWildcardAllow } from "../../../stacks/rules/iam-no-wildcard-allow";
import { kmsKeyRotation } from "../../../stacks/rules/kms-key-rotation";
import { logGroupRetention } from "../../../stacks/rules/log-group-retention";
import { noSecretValues } from "../../../stacks/rules/no-secret-values";
import { snsEncrypted } from "../../../stacks/rules/sns-encrypted";
import { sqsEncrypted } from "../../../stacks/rules/sqs-encrypted";
import { sqsTlsOnly } from "../../../stacks/rules/sqs-tls-only";

const policy = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const tlsDeny = { Effect: "Deny", Principal: "*", Action: ["sqs:*"], Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } };

describe("iam-no-wildcard-allow", () => {
  it("passes listed actions and wildcard denies", () => {
    const terraform = {
      resource: {
        aws_iam_role_policy: { ok: { policy: policy({ Effect: "Allow", Action: ["sqs:SendMessage"], Resource: "*" }) } },
        aws_sqs_queue_policy: { ok: { policy: policy(tlsDeny) } },
      },
    };
    expect(iamNoWildcardAllow.check(terraform)).toEqual([]);
  });

  it("names each wildcard Allow, whether a list or a single string", () => {
    const terraform = {
      resource: {
        aws_iam_role_policy: {
          a: { policy: policy({ Effect: "Allow", Action: ["sqs:*", "sqs:SendMessage"], Resource: "*" }) },
          b: { policy: JSON.stringify({ Statement: { Effect: "Allow", Action: "*", Resource: "*" } }) },
        },
      },
    };
    expect(iamNoWildcardAllow.check(terraform)).toEqual([
      'aws_iam_role_policy.a allows the wildcard action "sqs:*"',
      'aws_iam_role_policy.b allows the wildcard action "*"',
    ]);
  });
});

describe("iam-no-wildcard-allow, in topic and key policies", () => {
  it("names a wildcard Allow in a KMS key policy or an SNS topic policy", () => {
    const terraform = {
      resource: {
        aws_kms_key: { k: { policy: policy({ Effect: "Allow", Action: ["kms:*"], Resource: "*" }) } },
        aws_sns_topic_policy: { t: { policy: policy({ Effect: "Allow", Action: ["sns:Publish"], Resource: "*" }, { ...tlsDeny, Action: ["sns:*"] }) } },
      },
    };
    expect(iamNoWildcardAllow.check(terraform)).toEqual(['aws_kms_key.k allows the wildcard action "kms:*"']);
  });
});

describe("sns-encrypted", () => {
  it("names topics without a KMS key", () => {
    expect(snsEncrypted.check({ resource: { aws_sns_topic: { kms: { kms_master_key_id: "arn:k" }, plain: {} } } })).toEqual([
      "aws_sns_topic.plain is not encrypted at rest",
    ]);
  });
});

describe("dynamodb-recoverable", () => {
  it("names tables without point-in-time recovery or KMS encryption, each problem once", () => {
    const ok = { point_in_time_recovery: { enabled: true }, server_side_encryption: { enabled: true } };
    const terraform = { resource: { aws_dynamodb_table: { ok, bare: {}, unrecoverable: { ...ok, point_in_time_recovery: { enabled: false } } } } };
    expect(dynamodbRecoverable.check(terraform)).toEqual([
      "aws_dynamodb_table.bare has no point-in-time recovery",
      "aws_dynamodb_table.bare is not encrypted with a KMS key",
      "aws_dynamodb_table.unrecoverable has no point-in-time recovery",
    ]);
  });
});

describe("kms-key-rotation", () => {
  it("names keys that do not rotate", () => {
    expect(kmsKeyRotation.check({ resource: { aws_kms_key: { rotating: { enable_key_rotation: true }, fixed: {} } } })).toEqual(["aws_kms_key.fixed does not rotate"]);
  });
});

describe("sqs-encrypted", () => {
  it("accepts SQS-managed or KMS encryption and names unencrypted queues", () => {
    const terraform = { resource: { aws_sqs_queue: { sse: { sqs_managed_sse_enabled: true }, kms: { kms_master_key_id: "alias/x" }, plain: {} } } };
    expect(sqsEncrypted.check(terraform)).toEqual(["aws_sqs_queue.plain is not encrypted at rest"]);
  });
});

describe("sqs-tls-only", () => {
  it("names queues without a policy denying plain HTTP", () => {
    const terraform = {
      resource: {
        aws_sqs_queue: { guarded: {}, open: {}, allowing: {} },
        aws_sqs_queue_policy: {
          g: { queue_url: "${aws_sqs_queue.guarded.url}", policy: policy(tlsDeny) },
          a: { queue_url: "${aws_sqs_queue.allowing.url}", policy: policy({ Effect: "Allow", Action: ["sqs:SendMessage"], Resource: "*" }) },
        },
      },
    };
    expect(sqsTlsOnly.check(terraform)).toEqual(["aws_sqs_queue.open has no TLS-only queue policy", "aws_sqs_queue.allowing has no TLS-only queue policy"]);
  });
});

describe("log-group-retention", () => {
  it("names log groups that keep logs forever", () => {
    const terraform = { resource: { aws_cloudwatch_log_group: { kept: { retention_in_days: 30 }, forever: {}, zero: { retention_in_days: 0 } } } };
    expect(logGroupRetention.check(terraform)).toEqual(["aws_cloudwatch_log_group.forever has no retention", "aws_cloudwatch_log_group.zero has no retention"]);
  });
});

describe("no-secret-values", () => {
  it("names any secret version, whose value would land in state", () => {
    const terraform = { resource: { aws_secretsmanager_secret: { s: {} }, aws_secretsmanager_secret_version: { v: { secret_string: "x" } } } };
    expect(noSecretValues.check(terraform)).toEqual(["aws_secretsmanager_secret_version.v would store a secret value in Terraform state"]);
  });
});

describe("checkRules", () => {
  it("runs every rule and prefixes findings with the rule id", () => {
    expect(RULES.map((rule) => rule.id)).toEqual([
      "iam-no-wildcard-allow",
      "sqs-encrypted",
      "sqs-tls-only",
      "sns-encrypted",
      "dynamodb-recoverable",
      "kms-key-rotation",
      "log-group-retention",
      "no-secret-values",
    ]);
    expect(checkRules({ resource: { aws_cloudwatch_log_group: { g: {} } } })).toEqual(["[log-group-retention] aws_cloudwatch_log_group.g has no retention"]);
  });
});
