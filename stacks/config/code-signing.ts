import { z } from "zod";

export const codeSigningSchema = z
  .object({
    /**
     * Sign each bundle (uploaded to a private, versioned bucket, signed by a Signer job) and
     * have Lambda check it. @default false
     */
    enabled: z.boolean().default(false),
    /** What Lambda does with unsigned code: refuse it ("Enforce") or deploy it and log a warning ("Warn"). @default "Enforce" */
    untrustedArtifactOnDeployment: z.enum(["Enforce", "Warn"]).default("Enforce"),
  })
  .strict()
  .default({});
