import { sqsEncryptionCmk } from "./sqs-encryption-cmk";
import { sqsPolicyNoAllActions } from "./sqs-policy-no-all-actions";
import { sqsQueueEncryption } from "./sqs-queue-encryption";
import { sqsQueuePolicyNotPublic } from "./sqs-queue-policy-not-public";
import { sqsTlsOnly } from "./sqs-tls-only";
import { snsTopicEncryption } from "./sns-topic-encryption";
import { snsTopicPolicyNotPublic } from "./sns-topic-policy-not-public";
import { kmsKeyIsEnabled } from "./kms-key-is-enabled";
import { kmsKeyPolicyIsDefined } from "./kms-key-policy-is-defined";
import { kmsKeyWildcardPrincipal } from "./kms-key-wildcard-principal";
import { kmsRotation } from "./kms-rotation";
import { dynamodbTablePitr } from "./dynamodb-table-pitr";
import { dynamodbTablesEncrypted } from "./dynamodb-tables-encrypted";
import { cloudwatchLogGroupKmsKey } from "./cloudwatch-log-group-kms-key";
import { cloudwatchLogGroupRetention } from "./cloudwatch-log-group-retention";
import { cloudwatchLogGroupRetentionYear } from "./cloudwatch-log-group-retention-year";
import { secretsAreRotated } from "./secrets-are-rotated";
import { secretsManagerCmk } from "./secrets-manager-cmk";
import { noSecretValues } from "./no-secret-values";
import { iamNoServiceWildcards } from "./iam-no-service-wildcards";
import { iamPolicyNotAllowFullIamAccess } from "./iam-policy-not-allow-full-iam-access";
import { iamPrivilegeEscalation } from "./iam-privilege-escalation";
import { iamRoleAllowsPublicAssume } from "./iam-role-allows-public-assume";
import { iamRoleConfusedDeputy } from "./iam-role-confused-deputy";
import { iamStarActionPolicyDocument } from "./iam-star-action-policy-document";
import { iamStarResourcePolicyDocument } from "./iam-star-resource-policy-document";
import { lambdaCodeSigning } from "./lambda-code-signing";
import { lambdaConcurrencyLimit } from "./lambda-concurrency-limit";
import { lambdaDlqConfigured } from "./lambda-dlq-configured";
import { lambdaEnvironmentEncryption } from "./lambda-environment-encryption";
import { lambdaInVpc } from "./lambda-in-vpc";
import { lambdaNoHardcodedSecrets } from "./lambda-no-hardcoded-secrets";
import { lambdaNotPublic } from "./lambda-not-public";
import { lambdaRuntimeNotDeprecated } from "./lambda-runtime-not-deprecated";
import { lambdaServicePermission } from "./lambda-service-permission";
import { lambdaXray } from "./lambda-xray";
import { apiGatewayAccessLogging } from "./api-gateway-access-logging";
import { apiGatewayAuthorization } from "./api-gateway-authorization";
import { apiGatewayCacheEnable } from "./api-gateway-cache-enable";
import { apiGatewayClientCertificate } from "./api-gateway-client-certificate";
import { apiGatewayCreateBeforeDestroy } from "./api-gateway-create-before-destroy";
import { apiGatewayDeploymentCreateBeforeDestroy } from "./api-gateway-deployment-create-before-destroy";
import { apiGatewayDomainNameTls } from "./api-gateway-domain-name-tls";
import { apiGatewayLoggingLevel } from "./api-gateway-logging-level";
import { apiGatewayMethodSettingsCacheEnabled } from "./api-gateway-method-settings-cache-enabled";
import { apiGatewayMethodSettingsCacheEncrypted } from "./api-gateway-method-settings-cache-encrypted";
import { apiGatewayMethodSettingsDataTrace } from "./api-gateway-method-settings-data-trace";
import { apiGatewayProtectedByWaf } from "./api-gateway-protected-by-waf";
import { apiGatewayRequestValidation } from "./api-gateway-request-validation";
import { apiGatewayWafLog4j } from "./api-gateway-waf-log4j";
import { apiGatewayXray } from "./api-gateway-xray";
import { stateMachineExecutionHistory } from "./state-machine-execution-history";
import { stateMachineXray } from "./state-machine-xray";
import { wafHasAnyRules } from "./waf-has-any-rules";
import { wafHasLogs } from "./waf-has-logs";
import { wafLog4j } from "./waf-log4j";
import { wafRuleHasAnyActions } from "./waf-rule-has-any-actions";
import { s3BucketVersioning } from "./s3-bucket-versioning";
import { s3BucketPublicAccessBlock } from "./s3-bucket-public-access-block";
import { s3BucketKmsEncryption } from "./s3-bucket-kms-encryption";
import { s3BucketAccessLogging } from "./s3-bucket-access-logging";
import { s3BucketReplication } from "./s3-bucket-replication";
import { s3BucketLifecycle } from "./s3-bucket-lifecycle";
import { s3BucketTlsOnly } from "./s3-bucket-tls-only";
import { evaluateRules, findings } from "./evaluate";
import type { Rule, TerraformJson } from "./rule";
import type { Suppression } from "./suppressions";

/** Every rule the stack enforces at synth, by family: data at rest, identity, compute, edge. */
export const RULES: readonly Rule[] = [
  sqsEncryptionCmk,
  sqsPolicyNoAllActions,
  sqsQueueEncryption,
  sqsQueuePolicyNotPublic,
  sqsTlsOnly,
  snsTopicEncryption,
  snsTopicPolicyNotPublic,
  kmsKeyIsEnabled,
  kmsKeyPolicyIsDefined,
  kmsKeyWildcardPrincipal,
  kmsRotation,
  s3BucketVersioning,
  s3BucketPublicAccessBlock,
  s3BucketKmsEncryption,
  s3BucketAccessLogging,
  s3BucketReplication,
  s3BucketLifecycle,
  s3BucketTlsOnly,
  dynamodbTablePitr,
  dynamodbTablesEncrypted,
  cloudwatchLogGroupKmsKey,
  cloudwatchLogGroupRetention,
  cloudwatchLogGroupRetentionYear,
  secretsAreRotated,
  secretsManagerCmk,
  noSecretValues,
  iamNoServiceWildcards,
  iamPolicyNotAllowFullIamAccess,
  iamPrivilegeEscalation,
  iamRoleAllowsPublicAssume,
  iamRoleConfusedDeputy,
  iamStarActionPolicyDocument,
  iamStarResourcePolicyDocument,
  lambdaCodeSigning,
  lambdaConcurrencyLimit,
  lambdaDlqConfigured,
  lambdaEnvironmentEncryption,
  lambdaInVpc,
  lambdaNoHardcodedSecrets,
  lambdaNotPublic,
  lambdaRuntimeNotDeprecated,
  lambdaServicePermission,
  lambdaXray,
  apiGatewayAccessLogging,
  apiGatewayAuthorization,
  apiGatewayCacheEnable,
  apiGatewayClientCertificate,
  apiGatewayCreateBeforeDestroy,
  apiGatewayDeploymentCreateBeforeDestroy,
  apiGatewayDomainNameTls,
  apiGatewayLoggingLevel,
  apiGatewayMethodSettingsCacheEnabled,
  apiGatewayMethodSettingsCacheEncrypted,
  apiGatewayMethodSettingsDataTrace,
  apiGatewayProtectedByWaf,
  apiGatewayRequestValidation,
  apiGatewayWafLog4j,
  apiGatewayXray,
  stateMachineExecutionHistory,
  stateMachineXray,
  wafHasAnyRules,
  wafHasLogs,
  wafLog4j,
  wafRuleHasAnyActions,
];

/** Every unsuppressed finding of every rule, each as `[rule] address problem`. */
export function checkRules(terraform: TerraformJson, suppressions: readonly Suppression[] = [], rules: readonly Rule[] = RULES): string[] {
  return findings(evaluateRules(terraform, rules, suppressions));
}

export { evaluateRules, findings, unusedSuppressions, type RuleReport } from "./evaluate";
export type { Resource, Rule, TerraformJson } from "./rule";
export { MIN_REASON_LENGTH, suppress, type Suppression } from "./suppressions";
