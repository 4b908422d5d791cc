import { resources, type Rule } from "./rule";

function deniesPlainHttp(policy: string): boolean {
  return [JSON.parse(policy).Statement].flat().some((s) => s.Effect === "Deny" && s.Condition?.Bool?.["aws:SecureTransport"] === "false");
}

/** A queue answers only over TLS: its policy denies requests with `aws:SecureTransport` false. */
export const sqsTlsOnly: Rule = {
  id: "sqs-tls-only",
  description: "Every SQS queue has a policy denying requests not made over TLS",
  check: (terraform) => {
    const guarded = new Set(
      resources(terraform, "aws_sqs_queue_policy")
        .filter(([, policy]) => deniesPlainHttp(policy.policy))
        .map(([, policy]) => policy.queue_url),
    );
    return resources(terraform, "aws_sqs_queue")
      .filter(([address]) => !guarded.has(`\${${address}.url}`))
      .map(([address]) => `${address} has no TLS-only queue policy`);
  },
};
