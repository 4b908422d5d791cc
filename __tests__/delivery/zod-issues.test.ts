import { z } from "zod";
import { closest, describeInputIssues, describeIssues } from "../../delivery/zod-issues";

describe("closest", () => {
  const keys = ["batchSize", "maximumBatchingWindowSeconds", "algorithm", "rateLimit", "burstLimit"];

  it("finds the key meant through a change of case, a typo, a swap or an abbreviation", () => {
    expect(closest("batchsize", keys)).toBe("batchSize");
    expect(closest("algoritm", keys)).toBe("algorithm");
    expect(closest("algorihtm", keys)).toBe("algorithm");
    expect(closest("rate", keys)).toBe("rateLimit");
  });

  it("suggests nothing when nothing is close, or an abbreviation fits several", () => {
    expect(closest("colour", keys)).toBeUndefined();
    expect(closest("x", keys)).toBeUndefined();
    expect(closest("ba", ["batchSize", "basePath"])).toBeUndefined();
    expect(closest("bat", ["batchSize", "batchWindow"])).toBeUndefined();
  });
});

describe("describeIssues and describeInputIssues", () => {
  const schema = z
    .object({
      sources: z.record(z.object({ verification: z.discriminatedUnion("scheme", [z.object({ scheme: z.literal("hmac"), algorithm: z.enum(["sha1", "sha256"]) }).strict()]) }).strict()),
      retries: z.number().int().max(5).default(3),
    })
    .strict();
  const input = { sources: { acme: { verification: { scheme: "hmac", algoritm: "sha1", algorithm: "sha265" } } }, retries: 9, retrys: 1 };
  const issues = schema.safeParse(input).error!.issues;

  it("gives each problem its path, the value it got, and the key or value probably meant, through records and tagged unions", () => {
    expect(describeInputIssues(issues, input, schema)).toEqual([
      `sources.acme.verification.algorithm: Invalid enum value. Expected 'sha1' | 'sha256', received 'sha265'; did you mean "sha256"?`,
      'sources.acme.verification.algoritm: unknown key; did you mean "algorithm"?',
      "retries: Number must be less than or equal to 5 (got 9)",
      'retrys: unknown key; did you mean "retries"?',
    ]);
  });

  it("quotes no value of a payload beyond zod's own message: payloads may hold anything", () => {
    expect(describeIssues(issues)).toEqual([
      "sources.acme.verification.algorithm: Invalid enum value. Expected 'sha1' | 'sha256', received 'sha265'",
      "sources.acme.verification: Unrecognized key(s) in object: 'algoritm'",
      "retries: Number must be less than or equal to 5",
      "(root): Unrecognized key(s) in object: 'retrys'",
    ]);
  });

  it("writes the root as told", () => {
    expect(describeIssues(z.string().safeParse(1).error!.issues, "(the file)")).toEqual(["(the file): Expected string, received number"]);
  });
});
