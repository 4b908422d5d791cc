import { z } from "zod";
import { name } from "./section";

export const wafSchema = z
  .object({
    /** Put a web ACL on the stage. @default false */
    enabled: z.boolean().default(false),
    /**
     * Requests one IP address may make in 5 minutes before WAF blocks it (WAF's least is 10).
     * @default half the stage's steady rate over 5 minutes: api.throttlingRateLimit × 150
     */
    rateLimitPerFiveMinutes: z.number().int().min(10).max(2_000_000_000).optional(),
    /**
     * AWS managed rule groups, in order, each with the rules of it that only count.
     * @default IP reputation, anonymous IPs (hosting providers counted) and known bad inputs (body rules counted)
     */
    managedRuleGroups: z
      .array(
        z
          .object({
            /** Such as AWSManagedRulesKnownBadInputsRuleSet. */
            name: name(/^AWSManagedRules[A-Za-z0-9]+$/, "an AWS managed rule group such as AWSManagedRulesKnownBadInputsRuleSet"),
            /** Rules of the group that count, not block. @default none */
            countRules: z.array(name(/^[A-Za-z0-9_-]{1,128}$/, "a rule name such as Log4JRCE_BODY")).optional(),
          })
          .strict(),
      )
      .max(10)
      .optional(),
  })
  .strict()
  .default({});
