import { Construct } from "constructs";
import { Wafv2WebAcl } from "@cdktf/provider-aws/lib/wafv2-web-acl";
import { Wafv2WebAclAssociation } from "@cdktf/provider-aws/lib/wafv2-web-acl-association";
import { Wafv2WebAclLoggingConfiguration } from "@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration";
import { greaterThanPattern } from "./greater-than-pattern";
import { logGroup } from "./log-group";

/** An AWS managed rule group, and the rules of it that only count, because they would refuse genuine deliveries. */
export interface ManagedRuleGroup {
  /** Such as `AWSManagedRulesKnownBadInputsRuleSet`. */
  readonly name: string;
  /** Rules of the group that count matches rather than block them. @default none */
  readonly countRules?: readonly string[];
}

/**
 * The managed rule groups chosen for a JSON ingest API whose senders are servers: IP reputation,
 * anonymizing networks (but not cloud hosting, where senders run), and known exploit inputs (but
 * only counted in bodies, which carry third parties' user content, such as an issue comment
 * quoting `${jndi:...}`). The Common Rule Set is left out: its 8 KB body limit and its
 * cross-site-scripting body rules would refuse genuine deliveries carrying HTML.
 */
export const DEFAULT_MANAGED_RULE_GROUPS: readonly ManagedRuleGroup[] = [
  { name: "AWSManagedRulesAmazonIpReputationList" },
  { name: "AWSManagedRulesAnonymousIpList", countRules: ["HostingProviderIPList"] },
  { name: "AWSManagedRulesKnownBadInputsRuleSet", countRules: ["Log4JRCE_BODY", "JavaDeserializationRCE_BODY"] },
];

export interface WebhookFirewallProps {
  /** Name of the web ACL; also names its metrics and log group. */
  readonly webAclName: string;
  /** ARN of the API Gateway stage it protects. */
  readonly stageArn: string;
  /** Requests one IP address may make in 5 minutes; above it, the address is blocked until its rate falls. */
  readonly rateLimitPerFiveMinutes: number;
  /** Largest body, in bytes, that could fit the queue: a request declaring a longer `Content-Length` is blocked. */
  readonly maxBodyBytes: number;
  /** The AWS managed rule groups, in order. */
  readonly managedRuleGroups: readonly ManagedRuleGroup[];
  /** Headers whose values never reach the firewall's logs (credentials and signatures); nor does any query string. */
  readonly redactedHeaders: readonly string[];
  /** Days CloudWatch keeps the firewall's logs. */
  readonly logRetentionDays: number;
  /** Customer-managed key of the firewall's logs. @default CloudWatch Logs' own encryption */
  readonly kmsKeyArn?: string;
}

const visibility = (metricName: string) => ({ cloudwatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true });

/**
 * AWS WAF in front of the stage: a body-size rule matching the queue's limit, a rate-based rule per
 * source IP, and the managed rule groups, with logs that never hold a credential or a signature.
 */
export class WebhookFirewall extends Construct {
  readonly webAcl: Wafv2WebAcl;

  constructor(scope: Construct, id: string, props: WebhookFirewallProps) {
    super(scope, id);
    const name = props.webAclName;
    // `statement` is untyped in the provider bindings: it is written in Terraform's own names.
    const rules = [
      {
        name: "body-larger-than-queue-accepts",
        action: { block: {} },
        statement: {
          regex_match_statement: {
            regex_string: greaterThanPattern(props.maxBodyBytes),
            field_to_match: { single_header: { name: "content-length" } },
            text_transformation: [{ priority: 0, type: "NONE" }],
          },
        },
      },
      {
        name: "rate-per-source-ip",
        action: { block: {} },
        statement: { rate_based_statement: { limit: props.rateLimitPerFiveMinutes, aggregate_key_type: "IP", evaluation_window_sec: 300 } },
      },
      ...props.managedRuleGroups.map((group) => ({
        name: group.name,
        overrideAction: { none: {} },
        statement: {
          managed_rule_group_statement: {
            name: group.name,
            vendor_name: "AWS",
            ...(group.countRules?.length ? { rule_action_override: group.countRules.map((rule) => ({ name: rule, action_to_use: { count: {} } })) } : {}),
          },
        },
      })),
    ];
    this.webAcl = new Wafv2WebAcl(this, "web-acl", {
      name,
      description: `Shields the ${name} webhook API`,
      scope: "REGIONAL",
      defaultAction: { allow: {} },
      rule: rules.map((rule, priority) => ({ ...rule, priority, visibilityConfig: visibility(`${name}-${rule.name}`) })),
      visibilityConfig: visibility(name),
    });
    new Wafv2WebAclAssociation(this, "association", { resourceArn: props.stageArn, webAclArn: this.webAcl.arn });
    // AWS WAF logs only to groups named aws-waf-logs-*.
    const logs = logGroup(this, "logs", { name: `aws-waf-logs-${name}`, retentionDays: props.logRetentionDays, kmsKeyArn: props.kmsKeyArn });
    new Wafv2WebAclLoggingConfiguration(this, "logging", {
      resourceArn: this.webAcl.arn,
      logDestinationConfigs: [logs.arn],
      // Query strings too: a handshake's verify token (Meta's hub.verify_token) travels in one.
      redactedFields: [{ queryString: {} }, ...props.redactedHeaders.map((header) => ({ singleHeader: { name: header.toLowerCase() } }))],
    });
  }
}
