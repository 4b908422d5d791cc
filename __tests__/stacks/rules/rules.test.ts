import { RULES, type Rule, type TerraformJson } from "../../../stacks/rules";

const policy = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const allow = (Action: string | string[], Resource: string | string[] = "arn:aws:sqs:us-east-1:123456789012:q", extra: object = {}) => ({ Effect: "Allow", Action, Resource, ...extra });
const tlsDeny = (service: string) => ({ Effect: "Deny", Principal: "*", Action: [`${service}:*`], Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } });
const trust = (principal: object, condition?: object) => policy({ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole", ...(condition ? { Condition: condition } : {}) });
type Fixture = Record<string, Record<string, Record<string, unknown>>>;
const bucketWith = (type: string, config: object): Fixture => ({ aws_s3_bucket: { ok: {}, bad: {} }, [type]: { x: { bucket: "${aws_s3_bucket.ok.id}", ...config } } });
const acl = (rules: object[]) => ({ rule: rules });
const managed = (name: string, extra: object = {}) => ({ name, override_action: { none: {} }, statement: { managed_rule_group_statement: { name, vendor_name: "AWS", ...extra } } });
const stageWithAcl = (rules: object[]) => ({
  aws_api_gateway_stage: { ok: {}, bad: {} },
  aws_wafv2_web_acl: { good: acl(rules), weak: acl([managed("AWSManagedRulesAmazonIpReputationList")]) },
  aws_wafv2_web_acl_association: {
    a: { resource_arn: "${aws_api_gateway_stage.ok.arn}", web_acl_arn: "${aws_wafv2_web_acl.good.arn}" },
    b: { resource_arn: "${aws_api_gateway_stage.bad.arn}", web_acl_arn: "${aws_wafv2_web_acl.weak.arn}" },
  },
});
const lambda = (ok: Record<string, unknown>, bad: Record<string, unknown> = {}): Fixture => ({ aws_lambda_function: { ok, bad } });

/**
 * Each rule's own case: a stack whose `ok` resources comply, and whose `bad` resources do not,
 * with the problems the rule names for each.
 */
const CASES: Record<string, { terraform: Fixture; problems: Record<string, string[]> }> = {
  CKV_AWS_27: {
    terraform: { aws_sqs_queue: { ok: { sqs_managed_sse_enabled: true }, okKms: { kms_master_key_id: "alias/k" }, bad: {} } },
    problems: { "aws_sqs_queue.bad": ["is not encrypted at rest"] },
  },
  CKV2_AWS_73: {
    terraform: { aws_sqs_queue: { ok: { kms_master_key_id: "${aws_kms_key.k.arn}" }, bad: { sqs_managed_sse_enabled: true }, badDefault: { kms_master_key_id: "alias/aws/sqs" } } },
    problems: { "aws_sqs_queue.bad": ["is not encrypted with a customer-managed KMS key"], "aws_sqs_queue.badDefault": ["is not encrypted with a customer-managed KMS key"] },
  },
  "AwsSolutions-SQS4": {
    terraform: {
      aws_sqs_queue: { ok: {}, bad: {}, badAllow: {} },
      aws_sqs_queue_policy: {
        p: { queue_url: "${aws_sqs_queue.ok.url}", policy: policy(tlsDeny("sqs")) },
        a: { queue_url: "${aws_sqs_queue.badAllow.url}", policy: policy(allow(["sqs:SendMessage"])) },
      },
    },
    problems: { "aws_sqs_queue.bad": ["has no queue policy denying requests not made over TLS"], "aws_sqs_queue.badAllow": ["has no queue policy denying requests not made over TLS"] },
  },
  CKV_AWS_72: {
    terraform: { aws_sqs_queue_policy: { ok: { policy: policy(allow(["sqs:SendMessage"]), tlsDeny("sqs")) }, bad: { policy: policy(allow("sqs:*")) } } },
    problems: { "aws_sqs_queue_policy.bad": ['allows "sqs:*"'] },
  },
  CKV_AWS_168: {
    terraform: {
      aws_sqs_queue_policy: {
        ok: { policy: policy(allow(["sqs:SendMessage"], "q", { Principal: "*", Condition: { ArnEquals: { "aws:SourceArn": "arn:r" } } }), tlsDeny("sqs")) },
        bad: { policy: policy(allow(["sqs:SendMessage"], "q", { Principal: { AWS: "*" } })) },
      },
    },
    problems: { "aws_sqs_queue_policy.bad": ["allows any principal, unconditionally"] },
  },
  CKV_AWS_26: { terraform: { aws_sns_topic: { ok: { kms_master_key_id: "k" }, bad: {} } }, problems: { "aws_sns_topic.bad": ["is not encrypted at rest"] } },
  CKV_AWS_169: {
    terraform: {
      aws_sns_topic_policy: {
        ok: { policy: policy(allow(["sns:Publish"], "t", { Principal: { Service: "cloudwatch.amazonaws.com" } }), tlsDeny("sns")) },
        bad: { policy: policy(allow(["sns:Publish"], "t", { Principal: "*" })) },
      },
    },
    problems: { "aws_sns_topic_policy.bad": ["allows any principal, unconditionally"] },
  },
  CKV_AWS_7: { terraform: { aws_kms_key: { ok: { enable_key_rotation: true }, bad: {} } }, problems: { "aws_kms_key.bad": ["does not rotate"] } },
  CKV_AWS_33: {
    terraform: { aws_kms_key: { ok: { policy: policy(allow(["kms:Decrypt"], "*", { Principal: { AWS: "arn:aws:iam::123456789012:root" } })) }, bad: { policy: policy(allow(["kms:Decrypt"], "*", { Principal: "*" })) } } },
    problems: { "aws_kms_key.bad": ["allows any principal, unconditionally"] },
  },
  CKV2_AWS_64: { terraform: { aws_kms_key: { ok: { policy: policy(allow(["kms:Decrypt"], "*")) }, bad: {} } }, problems: { "aws_kms_key.bad": ["has no key policy"] } },
  CKV_AWS_227: { terraform: { aws_kms_key: { ok: {}, okOn: { is_enabled: true }, bad: { is_enabled: false } } }, problems: { "aws_kms_key.bad": ["is disabled"] } },
  CKV_AWS_28: {
    terraform: { aws_dynamodb_table: { ok: { point_in_time_recovery: { enabled: true } }, bad: {}, badOff: { point_in_time_recovery: { enabled: false } } } },
    problems: { "aws_dynamodb_table.bad": ["has no point-in-time recovery"], "aws_dynamodb_table.badOff": ["has no point-in-time recovery"] },
  },
  CKV_AWS_119: {
    terraform: { aws_dynamodb_table: { ok: { server_side_encryption: { enabled: true, kms_key_arn: "k" } }, bad: { server_side_encryption: { enabled: true } } } },
    problems: { "aws_dynamodb_table.bad": ["is not encrypted with a customer-managed KMS key"] },
  },
  CKV_AWS_66: {
    terraform: { aws_cloudwatch_log_group: { ok: { retention_in_days: 30 }, bad: {}, badZero: { retention_in_days: 0 } } },
    problems: { "aws_cloudwatch_log_group.bad": ["has no retention"], "aws_cloudwatch_log_group.badZero": ["has no retention"] },
  },
  CKV_AWS_338: {
    terraform: { aws_cloudwatch_log_group: { ok: { retention_in_days: 365 }, bad: { retention_in_days: 30 } } },
    problems: { "aws_cloudwatch_log_group.bad": ["keeps logs 30 days, under a year"] },
  },
  CKV_AWS_158: { terraform: { aws_cloudwatch_log_group: { ok: { kms_key_id: "k" }, bad: {} } }, problems: { "aws_cloudwatch_log_group.bad": ["is not encrypted with a KMS key"] } },
  CKV_AWS_149: {
    terraform: { aws_secretsmanager_secret: { ok: { kms_key_id: "k" }, bad: {} } },
    problems: { "aws_secretsmanager_secret.bad": ["is encrypted with the AWS-managed key, not a customer-managed one"] },
  },
  CKV2_AWS_57: {
    terraform: { aws_secretsmanager_secret: { ok: {}, bad: {} }, aws_secretsmanager_secret_rotation: { r: { secret_id: "${aws_secretsmanager_secret.ok.id}" } } },
    problems: { "aws_secretsmanager_secret.bad": ["has no automatic rotation"] },
  },
  WH_AWS_1: {
    terraform: { aws_secretsmanager_secret: { ok: {} }, aws_secretsmanager_secret_version: { bad: { secret_string: "x" } } },
    problems: { "aws_secretsmanager_secret_version.bad": ["would store a secret value in Terraform state"] },
  },
  CKV_AWS_63: {
    terraform: { aws_iam_role_policy: { ok: { policy: policy(allow(["sqs:*"])) }, bad: { policy: JSON.stringify({ Statement: allow("*", "*") }) } } },
    problems: { "aws_iam_role_policy.bad": ['allows the action "*"'] },
  },
  CKV2_AWS_40: {
    terraform: { aws_iam_role_policy: { ok: { policy: policy(allow(["iam:GetRole"], "*")) }, bad: { policy: policy(allow(["IAM:*"], "*")) } } },
    problems: { "aws_iam_role_policy.bad": ["allows every IAM action"] },
  },
  WH_AWS_2: {
    terraform: {
      aws_iam_role_policy: { ok: { policy: policy(allow(["sqs:SendMessage"]), { ...tlsDeny("sqs") }) }, bad: { policy: policy(allow(["sqs:*", "sqs:Get*", "sqs:SendMessage"])) } },
      aws_kms_key: { badKey: { policy: policy(allow(["kms:*"], "*")) } },
    },
    problems: { "aws_iam_role_policy.bad": ['allows the wildcard action "sqs:*"', 'allows the wildcard action "sqs:Get*"'], "aws_kms_key.badKey": ['allows the wildcard action "kms:*"'] },
  },
  CKV_AWS_355: {
    terraform: {
      aws_iam_role_policy: {
        ok: { policy: policy(allow(["xray:PutTraceSegments", "logs:CreateLogDelivery"], "*"), allow(["sqs:SendMessage"])) },
        bad: { policy: policy(allow(["xray:PutTraceSegments", "sqs:SendMessage"], "*")) },
      },
    },
    problems: { "aws_iam_role_policy.bad": ['allows "sqs:SendMessage" on every resource ("*")'] },
  },
  CKV_AWS_286: {
    terraform: { aws_iam_role_policy: { ok: { policy: policy(allow(["iam:PassRole"], "arn:aws:iam::123456789012:role/x")) }, bad: { policy: policy(allow(["iam:PassRole", "sqs:SendMessage"], "*")) } } },
    problems: { "aws_iam_role_policy.bad": ['allows "iam:PassRole" on every resource, which can escalate privileges'] },
  },
  CKV_AWS_60: {
    terraform: { aws_iam_role: { ok: { assume_role_policy: trust({ Service: "lambda.amazonaws.com" }) }, bad: { assume_role_policy: trust({ AWS: "*" }) } } },
    problems: { "aws_iam_role.bad": ["may be assumed by any principal"] },
  },
  WH_AWS_3: {
    terraform: {
      aws_iam_role: {
        ok: { assume_role_policy: trust({ Service: "states.amazonaws.com" }, { StringEquals: { "aws:SourceAccount": "123456789012" } }) },
        okLambda: { assume_role_policy: trust({ Service: "lambda.amazonaws.com" }) },
        bad: { assume_role_policy: trust({ Service: "pipes.amazonaws.com" }) },
      },
    },
    problems: { "aws_iam_role.bad": ["trusts Service:pipes.amazonaws.com without aws:SourceAccount or aws:SourceArn"] },
  },
  CKV_AWS_45: {
    terraform: lambda(
      { environment: { variables: { SECRET_ARN: "${aws_secretsmanager_secret.s.arn}", API_TOKEN: "${var.token}", LOG_LEVEL: "INFO" } } },
      { environment: { variables: { API_TOKEN: "hunter2", KEY: "AKIAABCDEFGHIJKLMNOP" } } },
    ),
    problems: { "aws_lambda_function.bad": ["has what may be a secret in its environment: API_TOKEN, KEY"] },
  },
  CKV_AWS_50: { terraform: lambda({ tracing_config: { mode: "Active" } }), problems: { "aws_lambda_function.bad": ["has no X-Ray tracing"] } },
  CKV_AWS_115: {
    terraform: { aws_lambda_function: { ok: { reserved_concurrent_executions: 10 }, bad: {}, badUnreserved: { reserved_concurrent_executions: -1 } } },
    problems: { "aws_lambda_function.bad": ["has no reserved concurrency"], "aws_lambda_function.badUnreserved": ["has no reserved concurrency"] },
  },
  CKV_AWS_116: { terraform: lambda({ dead_letter_config: { target_arn: "arn:q" } }), problems: { "aws_lambda_function.bad": ["has no dead-letter queue for asynchronous invocations"] } },
  CKV_AWS_117: { terraform: lambda({ vpc_config: { subnet_ids: ["s"], security_group_ids: ["g"] } }), problems: { "aws_lambda_function.bad": ["runs outside a VPC"] } },
  CKV_AWS_173: {
    terraform: { aws_lambda_function: { ok: { environment: { variables: { A: "1" } }, kms_key_arn: "k" }, okEmpty: {}, bad: { environment: { variables: { A: "1" } } } } },
    problems: { "aws_lambda_function.bad": ["has environment variables not encrypted with a customer-managed KMS key"] },
  },
  CKV_AWS_272: { terraform: lambda({ code_signing_config_arn: "arn:c" }), problems: { "aws_lambda_function.bad": ["does not validate code signatures"] } },
  CKV_AWS_363: { terraform: lambda({ runtime: "nodejs22.x" }, { runtime: "nodejs18.x" }), problems: { "aws_lambda_function.bad": ["runs the deprecated runtime nodejs18.x"] } },
  CKV_AWS_301: {
    terraform: { aws_lambda_permission: { ok: { principal: "apigateway.amazonaws.com", source_arn: "arn:a" }, bad: { principal: "*" } } },
    problems: { "aws_lambda_permission.bad": ["lets anyone invoke the function"] },
  },
  CKV_AWS_364: {
    terraform: { aws_lambda_permission: { ok: { principal: "apigateway.amazonaws.com", source_arn: "arn:a" }, okAccount: { principal: "123456789012" }, bad: { principal: "events.amazonaws.com" } } },
    problems: { "aws_lambda_permission.bad": ["lets events.amazonaws.com invoke it for any resource"] },
  },
  CKV_AWS_59: {
    terraform: {
      aws_api_gateway_method: {
        ok: { http_method: "POST", authorization: "AWS_IAM" },
        okKey: { http_method: "POST", authorization: "NONE", api_key_required: true },
        okOptions: { http_method: "OPTIONS", authorization: "NONE" },
        bad: { http_method: "POST", authorization: "NONE" },
      },
    },
    problems: { "aws_api_gateway_method.bad": ["lets anyone call it (authorization NONE, no API key)"] },
  },
  CKV2_AWS_53: { terraform: { aws_api_gateway_method: { ok: { request_validator_id: "v" }, bad: {} } }, problems: { "aws_api_gateway_method.bad": ["has no request validator"] } },
  CKV_AWS_73: { terraform: { aws_api_gateway_stage: { ok: { xray_tracing_enabled: true }, bad: {} } }, problems: { "aws_api_gateway_stage.bad": ["has no X-Ray tracing"] } },
  CKV_AWS_76: {
    terraform: { aws_api_gateway_stage: { ok: { access_log_settings: { destination_arn: "arn:l", format: "{}" } }, bad: {} } },
    problems: { "aws_api_gateway_stage.bad": ["has no access log"] },
  },
  CKV_AWS_120: { terraform: { aws_api_gateway_stage: { ok: { cache_cluster_enabled: true }, bad: {} } }, problems: { "aws_api_gateway_stage.bad": ["has no cache cluster"] } },
  CKV_AWS_225: {
    terraform: { aws_api_gateway_method_settings: { ok: { settings: { caching_enabled: true } }, bad: { settings: {} } } },
    problems: { "aws_api_gateway_method_settings.bad": ["does not cache responses"] },
  },
  CKV_AWS_308: {
    terraform: { aws_api_gateway_method_settings: { ok: { settings: { caching_enabled: true, cache_data_encrypted: true } }, okOff: { settings: {} }, bad: { settings: { caching_enabled: true } } } },
    problems: { "aws_api_gateway_method_settings.bad": ["caches responses unencrypted"] },
  },
  CKV_AWS_276: {
    terraform: { aws_api_gateway_method_settings: { ok: { settings: { data_trace_enabled: false } }, bad: { settings: { data_trace_enabled: true } } } },
    problems: { "aws_api_gateway_method_settings.bad": ["logs full requests and responses (data trace)"] },
  },
  CKV2_AWS_4: {
    terraform: {
      aws_api_gateway_stage: { ok: { stage_name: "v1" }, bad: { stage_name: "v2" }, badOff: { stage_name: "v3" } },
      aws_api_gateway_method_settings: {
        s: { stage_name: "${aws_api_gateway_stage.ok.stage_name}", settings: { logging_level: "ERROR", metrics_enabled: true } },
        off: { stage_name: "${aws_api_gateway_stage.badOff.stage_name}", settings: { logging_level: "OFF", metrics_enabled: true } },
      },
    },
    problems: {
      "aws_api_gateway_stage.bad": ["has no method settings logging ERROR or INFO with metrics"],
      "aws_api_gateway_stage.badOff": ["has no method settings logging ERROR or INFO with metrics"],
    },
  },
  CKV2_AWS_51: { terraform: { aws_api_gateway_stage: { ok: { client_certificate_id: "c" }, bad: {} } }, problems: { "aws_api_gateway_stage.bad": ["presents no client certificate to its back end"] } },
  CKV2_AWS_29: {
    terraform: {
      aws_api_gateway_stage: { ok: {}, bad: {} },
      aws_wafv2_web_acl: { w: {} },
      aws_wafv2_web_acl_association: { a: { resource_arn: "${aws_api_gateway_stage.ok.arn}", web_acl_arn: "${aws_wafv2_web_acl.w.arn}" } },
    },
    problems: { "aws_api_gateway_stage.bad": ["has no WAF web ACL"] },
  },
  CKV2_AWS_77: {
    terraform: stageWithAcl([managed("AWSManagedRulesAnonymousIpList"), managed("AWSManagedRulesKnownBadInputsRuleSet")]),
    problems: { "aws_api_gateway_stage.bad": ["has a web ACL without AWSManagedRulesAnonymousIpList and AWSManagedRulesKnownBadInputsRuleSet"] },
  },
  CKV_AWS_217: {
    terraform: { aws_api_gateway_deployment: { ok: { lifecycle: { create_before_destroy: true } }, bad: {} } },
    problems: { "aws_api_gateway_deployment.bad": ["is destroyed before its replacement is created"] },
  },
  CKV_AWS_237: {
    terraform: { aws_api_gateway_rest_api: { ok: { lifecycle: { create_before_destroy: true } }, bad: {} } },
    problems: { "aws_api_gateway_rest_api.bad": ["is destroyed before its replacement is created"] },
  },
  CKV_AWS_206: {
    terraform: { aws_api_gateway_domain_name: { ok: { security_policy: "TLS_1_2" }, bad: {}, badOld: { security_policy: "TLS_1_0" } } },
    problems: { "aws_api_gateway_domain_name.bad": ["accepts the default (TLS 1.0) connections"], "aws_api_gateway_domain_name.badOld": ["accepts TLS_1_0 connections"] },
  },
  CKV_AWS_284: { terraform: { aws_sfn_state_machine: { ok: { tracing_configuration: { enabled: true } }, bad: {} } }, problems: { "aws_sfn_state_machine.bad": ["has no X-Ray tracing"] } },
  CKV_AWS_285: {
    terraform: { aws_sfn_state_machine: { ok: { logging_configuration: { include_execution_data: true } }, bad: { logging_configuration: { include_execution_data: false } } } },
    problems: { "aws_sfn_state_machine.bad": ["does not log execution data"] },
  },
  CKV_AWS_192: {
    terraform: {
      aws_wafv2_web_acl: {
        ok: acl([managed("AWSManagedRulesKnownBadInputsRuleSet", { rule_action_override: [{ name: "Log4JRCE_BODY", action_to_use: { count: {} } }] })]),
        bad: acl([managed("AWSManagedRulesAmazonIpReputationList")]),
        badExcluded: acl([managed("AWSManagedRulesKnownBadInputsRuleSet", { excluded_rule: [{ name: "Log4JRCE" }] })]),
        badCounted: acl([{ ...managed("AWSManagedRulesKnownBadInputsRuleSet"), override_action: { count: {} } }]),
      },
    },
    problems: {
      "aws_wafv2_web_acl.bad": ["does not use AWSManagedRulesKnownBadInputsRuleSet"],
      "aws_wafv2_web_acl.badExcluded": ["excludes the Log4JRCE rule"],
      "aws_wafv2_web_acl.badCounted": ["counts, rather than blocks, the known bad inputs"],
    },
  },
  CKV2_AWS_31: {
    terraform: { aws_wafv2_web_acl: { ok: {}, bad: {} }, aws_wafv2_web_acl_logging_configuration: { l: { resource_arn: "${aws_wafv2_web_acl.ok.arn}" } } },
    problems: { "aws_wafv2_web_acl.bad": ["has no logging configuration"] },
  },
  CKV_AWS_175: { terraform: { aws_wafv2_web_acl: { ok: acl([managed("AWSManagedRulesAmazonIpReputationList")]), bad: {} } }, problems: { "aws_wafv2_web_acl.bad": ["has no rules"] } },
  CKV_AWS_342: {
    terraform: { aws_wafv2_web_acl: { ok: acl([{ name: "rate", action: { block: {} }, statement: {} }]), bad: acl([{ name: "idle", statement: {} }]) } },
    problems: { "aws_wafv2_web_acl.bad": ["has rules without an action: idle"] },
  },
  CKV_AWS_21: {
    terraform: bucketWith("aws_s3_bucket_versioning", { versioning_configuration: { status: "Enabled" } }),
    problems: { "aws_s3_bucket.bad": ["does not keep versions"] },
  },
  CKV2_AWS_6: {
    terraform: bucketWith("aws_s3_bucket_public_access_block", { block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true }),
    problems: { "aws_s3_bucket.bad": ["has no public access block with all four settings on"] },
  },
  CKV_AWS_145: {
    terraform: bucketWith("aws_s3_bucket_server_side_encryption_configuration", { rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms" } }] }),
    problems: { "aws_s3_bucket.bad": ["is not encrypted with KMS by default"] },
  },
  CKV_AWS_18: { terraform: bucketWith("aws_s3_bucket_logging", { target_bucket: "logs" }), problems: { "aws_s3_bucket.bad": ["has no server access logging"] } },
  CKV_AWS_144: { terraform: bucketWith("aws_s3_bucket_replication_configuration", { role: "r" }), problems: { "aws_s3_bucket.bad": ["is not replicated to another region"] } },
  CKV2_AWS_61: { terraform: bucketWith("aws_s3_bucket_lifecycle_configuration", { rule: [] }), problems: { "aws_s3_bucket.bad": ["has no lifecycle configuration"] } },
  "AwsSolutions-S10": {
    terraform: bucketWith("aws_s3_bucket_policy", { policy: policy(tlsDeny("s3")) }),
    problems: { "aws_s3_bucket.bad": ["has no bucket policy denying requests not made over TLS"] },
  },
};

/** Rules that fail every resource of the types they judge. */
const FORBIDDEN_OUTRIGHT = new Set(["WH_AWS_1"]);

/** The problems a rule names, by address, for the resources it judges that fail. */
function failures(rule: Rule, terraform: TerraformJson): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  for (const type of rule.resourceTypes) {
    for (const name of Object.keys(terraform.resource?.[type] ?? {})) {
      const problems = rule.check({ address: `${type}.${name}`, type, config: terraform.resource![type][name] }, terraform);
      if (problems.length > 0) found[`${type}.${name}`] = problems;
    }
  }
  return found;
}

describe("the rules", () => {
  it("each have a case of their own, and ids that are unique", () => {
    expect(Object.keys(CASES).sort()).toEqual(RULES.map((rule) => rule.id).sort());
    expect(new Set(RULES.map((rule) => rule.id)).size).toBe(RULES.length);
  });

  describe.each(RULES.map((rule) => [rule.id, rule] as const))("%s", (id, rule) => {
    const { terraform, problems } = CASES[id];

    it("passes the compliant resources and names each problem of the others", () => {
      expect(failures(rule, { resource: terraform })).toEqual(problems);
    });

    it("judges a failing resource of its case and, unless it forbids its type outright, a compliant one", () => {
      const judged = rule.resourceTypes.flatMap((type) => Object.keys(terraform[type] ?? {}).map((name) => `${type}.${name}`));
      expect(Object.keys(problems).length).toBeGreaterThan(0);
      expect(judged.some((address) => !(address in problems))).toBe(!FORBIDDEN_OUTRIGHT.has(id));
    });
  });
});
