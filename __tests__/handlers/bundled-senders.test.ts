import { sourceSettings } from "../../delivery/source-settings";
import { SCHEMES } from "../../senders";
import { sourceConfigSchema, type SourceConfig } from "../../stacks/config";
import { localAws, type LocalAws } from "../../local/local-aws";
import { invokeValidate, VALIDATE_QUARANTINE, VALIDATE_TABLE } from "../support/bundles";
import { signedRecord } from "../support/deliveries";
import { ed25519KeyPair, p256KeyPair } from "../support/schemes";

/**
 * Every named sender through the bundled validate handler, as Lambda runs it: a genuine delivery
 * verified; the same with one byte flipped, signed with another key, or (for senders that sign a
 * time) received after the replay window, each rejected with its reason.
 */
const GENERIC = new Set(["hmac", "basic-auth", "api-key"]);
const NAMED = Object.keys(SCHEMES).filter((name) => !GENERIC.has(name));
const arn = (source: string) => `arn:aws:secretsmanager:us-east-1:123456789012:secret:webhooks/test/${source}-AbCdEf`;

/** Senders that sign with a private key: the public key goes in the settings, the private one signs. */
const KEYS = { discord: [ed25519KeyPair(), ed25519KeyPair()], sendgrid: [p256KeyPair(), p256KeyPair()] } as const;

/** A sender's secret in the form its scheme takes, and another of the same form. */
function secretsOf(config: SourceConfig): [right: string, wrong: string] {
  const probe = config.verification.scheme;
  if (probe === "discord" || probe === "sendgrid") return [KEYS[probe][0].privateKey, KEYS[probe][1].privateKey];
  if (probe === "standard-webhooks" || ["resend", "clerk"].includes(probe)) return ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD"];
  if (probe === "postmark") return ["hooks:pm-s3cret", "hooks:pm-s3cre7"];
  // Meta's secret has two parts; its deliveries are signed with the app secret.
  if (probe === "meta") return [JSON.stringify({ appSecret: "right-secret-0123456789", verifyToken: "a-verify-token" }), JSON.stringify({ appSecret: "wrong-secret-0123456789", verifyToken: "a-verify-token" })];
  return ["right-secret-0123456789", "wrong-secret-0123456789"];
}

const publicKeyOf = (name: string) => (name in KEYS ? { publicKey: KEYS[name as keyof typeof KEYS][0].publicKey } : {});
const sources = Object.fromEntries(NAMED.map((name) => [name, sourceConfigSchema.parse({ schema: "github", verification: { scheme: name, ...publicKeyOf(name) } })]));
const timestamped = (config: SourceConfig) => "toleranceSeconds" in config.verification;
const BODY = JSON.stringify({ id: "evt_9", event_id: "evt_9", type: "thing.happened", action: "opened" });

describe("every named sender, through the bundled validate handler", () => {
  let aws: LocalAws;
  beforeAll(async () => {
    const stored = Object.fromEntries(NAMED.map((name) => [arn(name), secretsOf(sources[name])[0]]));
    aws = await localAws({ secrets: stored, queues: [VALIDATE_QUARANTINE], tables: [{ name: VALIDATE_TABLE, hash_key: "id", attribute: [{ name: "id", type: "S" }] }] });
  });
  afterAll(() => aws.close());

  it(`verifies each of the ${NAMED.length} senders' genuine delivery, and rejects each tampered, wrongly keyed and stale one`, async () => {
    expect(NAMED.length).toBeGreaterThanOrEqual(40);
    const records = NAMED.flatMap((name) => {
      const config = sources[name];
      const [right, wrong] = secretsOf(config);
      const contentType = config.contentTypes[0];
      const record = (kind: string, options: { secret: string; tamper?: boolean; receivedAfterSeconds?: number }) =>
        signedRecord(name, config, { body: BODY, contentType, ...options, messageId: `${name}/${kind}` });
      return [
        record("genuine", { secret: right }),
        record("tampered", { secret: right, tamper: true }),
        record("wrong-key", { secret: wrong }),
        ...(timestamped(config) ? [record("stale", { secret: right, receivedAfterSeconds: 3_600 })] : []),
      ];
    });
    const settings = Object.fromEntries(NAMED.map((name) => [name, sourceSettings(sources[name], arn(name))]));
    const { items } = await invokeValidate(aws, settings, records, "ERROR");
    const outcomes = Object.fromEntries(items.map((i) => [i.messageId, i.reason ?? i.outcome]));
    const expected = Object.fromEntries(
      NAMED.flatMap((name) => {
        const credentialsOnly = ["postmark", "gitlab", "telegram"].includes(name);
        // Credentials do not sign the body: a changed body passes with them (the README says so).
        // Mailgun signs a time and a one-time token, not the body: a changed body under the token its
        // genuine delivery already claimed is a replay.
        // Graph's clientState is inside the body: the flipped byte (near its end) breaks the notifications' JSON.
        const inBody = name === "microsoft-graph";
        return [
          [`${name}/genuine`, "verified"],
          [`${name}/tampered`, inBody ? "missing-credentials" : credentialsOnly ? "verified" : name === "mailgun" ? "replay" : "signature-mismatch"],
          [`${name}/wrong-key`, credentialsOnly || inBody ? "credentials-mismatch" : "signature-mismatch"],
          ...(timestamped(sources[name]) ? [[`${name}/stale`, "stale-timestamp"]] : []),
        ];
      }),
    );
    expect(outcomes).toEqual(expected);
  }, 120_000);
});
