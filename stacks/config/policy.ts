import { z } from "zod";
import { MIN_REASON_LENGTH, RULES } from "../rules";

export const policySchema = z
  .object({
    /**
     * Rules not followed, each with its reason: `{ rule: "CKV_AWS_117", reason: "...",
     * resources: ["aws_lambda_function.*"] }` (Terraform addresses, `*` matching anything; all the
     * rule judges when left out). @default none
     */
    suppressions: z
      .array(
        z
          .object({
            /** The rule's id, as `npm run policy` lists it. */
            rule: z.enum(RULES.map((r) => r.id) as [string, ...string[]]),
            /** Why, as a security reviewer would read it. */
            reason: z.string().trim().min(MIN_REASON_LENGTH, `a reason a reviewer can judge: ${MIN_REASON_LENGTH} characters at least`),
            /** Terraform addresses the decision covers. @default every resource the rule judges */
            resources: z.array(z.string().regex(/^[a-z0-9_]+\.[A-Za-z0-9_*-]+$/, "a Terraform address such as aws_lambda_function.*")).min(1).optional(),
          })
          .strict(),
      )
      .default([]),
  })
  .strict()
  .default({});
