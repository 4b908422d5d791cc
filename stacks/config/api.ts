import { z } from "zod";
import { name } from "./section";

/**
 * API Gateway's default account-level throttle per region, which every API of the account shares.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html
 */
export const ACCOUNT_RATE_LIMIT = 10_000;
export const ACCOUNT_BURST_LIMIT = 5_000;

export const apiSchema = z
  .object({
    /** Stage name, the first path segment. @default "v1" */
    stageName: name(/^[A-Za-z0-9_]{1,64}$/, "letters, digits and underscores").default("v1"),
    /** Steady requests per second, for each source's method (each has its own bucket). @default 100 */
    throttlingRateLimit: z.number().positive().max(ACCOUNT_RATE_LIMIT).default(100),
    /** Burst above the rate, for each source's method. @default 200 */
    throttlingBurstLimit: z.number().int().positive().max(ACCOUNT_BURST_LIMIT).default(200),
    /** Execution log level. @default "ERROR" */
    loggingLevel: z.enum(["OFF", "ERROR", "INFO"]).default("ERROR"),
    /** Manage the region-wide API Gateway CloudWatch role. @default true */
    manageAccountCloudWatchRole: z.boolean().default(true),
    /**
     * A custom domain for the API. Senders are then given its URLs, and schemes that sign the
     * URL (Twilio) verify against it. Point a DNS alias at the `api-domain-target` output.
     */
    customDomain: z
      .object({
        /** Such as `hooks.example.com`. */
        domainName: name(/^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "a lower-case DNS name such as hooks.example.com"),
        /** ARN of an ACM certificate for the domain, in the stack's region. */
        certificateArn: name(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/, "an ACM certificate ARN"),
        /** Path under the domain where the stage is mapped. @default "" (the root) */
        basePath: name(/^[A-Za-z0-9._-]{0,64}$/, "letters, digits, dots, dashes and underscores").default(""),
      })
      .strict()
      .optional(),
  })
  .strict()
  .default({});
