import { Testing, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { checkRules, evaluateRules, RULES, suppress, unusedSuppressions, type Suppression } from "../../../stacks/rules";
import type { TerraformArguments } from "../../../stacks/terraform-json";

const encrypted = RULES.find((rule) => rule.id === "CKV_AWS_27")!;
const rotating = RULES.find((rule) => rule.id === "CKV_AWS_7")!;
const REASON = "A reason a security reviewer can weigh, long enough";
const queues = (extra: Record<string, unknown> = {}) => ({ resource: { aws_sqs_queue: { ok: { sqs_managed_sse_enabled: true }, plain: {}, other: {}, ...extra } } });

describe("evaluateRules", () => {
  it("counts each judged resource once: passed, failed with its problems, or suppressed with its reason", () => {
    const suppressions: Suppression[] = [{ rule: "CKV_AWS_27", reason: REASON, resources: ["aws_sqs_queue.oth*"] }];
    const [report] = evaluateRules(queues(), [encrypted], suppressions);
    expect(report.passed).toEqual(["aws_sqs_queue.ok"]);
    expect(report.failed).toEqual([{ address: "aws_sqs_queue.plain", problems: ["is not encrypted at rest"] }]);
    expect(report.suppressed).toEqual([{ address: "aws_sqs_queue.other", reason: REASON, from: suppressions[0] }]);
  });

  it("honours a suppression written on the resource, in Checkov's format, for that rule only", () => {
    const skipped = { "//": { checkov: { skip: [{ id: "CKV_AWS_27", comment: REASON }] } } };
    const [queueReport] = evaluateRules(queues({ plain: skipped }), [encrypted]);
    expect(queueReport.suppressed).toEqual([{ address: "aws_sqs_queue.plain", reason: REASON }]);
    expect(queueReport.failed.map((f) => f.address)).toEqual(["aws_sqs_queue.other"]);
    expect(checkRules({ resource: { aws_kms_key: { k: skipped } } }, [], [rotating])).toEqual(["[CKV_AWS_7] aws_kms_key.k does not rotate"]);
  });

  it("refuses a suppression without a real reason, and says so in the finding", () => {
    const findings = checkRules(queues({ plain: { "//": { checkov: { skip: [{ id: "CKV_AWS_27", comment: "n/a" }] } } } }), [], [encrypted]);
    expect(findings).toEqual([
      '[CKV_AWS_27] aws_sqs_queue.plain is not encrypted at rest',
      '[CKV_AWS_27] aws_sqs_queue.plain (suppressed with "n/a", which is not a reason: 20 characters at least)',
      "[CKV_AWS_27] aws_sqs_queue.other is not encrypted at rest",
    ]);
  });

  it("names the config's suppressions that matched nothing failing", () => {
    const used: Suppression = { rule: "CKV_AWS_27", reason: REASON, resources: ["aws_sqs_queue.plain"] };
    const stale: Suppression = { rule: "CKV_AWS_27", reason: REASON, resources: ["aws_sqs_queue.ok"] };
    const elsewhere: Suppression = { rule: "CKV_AWS_7", reason: REASON };
    const reports = evaluateRules(queues(), [encrypted, rotating], [used, stale, elsewhere]);
    expect(unusedSuppressions(reports, [used, stale, elsewhere])).toEqual([stale, elsewhere]);
  });
});

describe("suppress", () => {
  it("writes each suppression of a resource where Checkov reads it, next to cdktf's metadata", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    new AwsProvider(stack, "aws", {});
    const queue = new SqsQueue(stack, "q", {});
    suppress(queue, "CKV_AWS_27", REASON);
    suppress(queue, "CKV2_AWS_73", `${REASON}, again`);
    const written = (stack.toTerraform() as { resource: Record<string, Record<string, TerraformArguments>> }).resource.aws_sqs_queue.q["//"];
    expect(written.checkov.skip).toEqual([
      { id: "CKV_AWS_27", comment: REASON },
      { id: "CKV2_AWS_73", comment: `${REASON}, again` },
    ]);
    expect(written.metadata.path).toBe("s/q");
  });
});
