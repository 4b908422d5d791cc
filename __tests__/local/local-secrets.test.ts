import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { utimesSync } from "node:fs";
import { followLocalSecrets, readLocalSecrets, secretVariable, senderSecrets } from "../../local/local-secrets";
import type { Verification } from "../../senders";

const file = (content: string) => {
  const at = path.join(mkdtempSync(path.join(tmpdir(), "secrets-")), "local.secrets.json");
  writeFileSync(at, content);
  return at;
};

describe("local secrets", () => {
  it("names a source's variable in upper case, non-alphanumerics as underscores", () => {
    expect(secretVariable("slack-command")).toBe("WEBHOOK_SECRET_SLACK_COMMAND");
  });

  it("reads the file, lists as Secrets Manager holds them, the environment first, and lists what is missing", () => {
    const at = file(JSON.stringify({ github: "gh", stripe: ["whsec_new", "whsec_old"], users: "from-file", meta: { appSecret: ["app-new", "app-old"], verifyToken: "token" } }));
    const { secrets, missing } = readLocalSecrets(["github", "stripe", "users", "meta", "slack"], at, { WEBHOOK_SECRET_USERS: "from-env" });
    expect(secrets).toEqual({ github: "gh", stripe: '["whsec_new","whsec_old"]', users: "from-env", meta: '{"appSecret":["app-new","app-old"],"verifyToken":"token"}' });
    expect(missing).toEqual(["slack"]);
  });

  it("gives a sender the newest value of each part: what it signs with, and what its handshake sends", () => {
    const scheme = (name: string) => ({ scheme: name }) as Verification;
    expect(senderSecrets('["whsec_new","whsec_old"]', scheme("stripe"))).toEqual({ delivery: "whsec_new", handshake: "whsec_new" });
    expect(senderSecrets("gh", scheme("github"))).toEqual({ delivery: "gh", handshake: "gh" });
    expect(senderSecrets('{"appSecret":["app-new","app-old"],"verifyToken":"token"}', scheme("meta"))).toEqual({ delivery: "app-new", handshake: "token" });
    expect(() => senderSecrets('["app","token"]', scheme("meta"))).toThrow(/\{"appSecret": "…", "verifyToken": "…"\}/);
  });

  it("names a secret for no source of the stack, with the source probably meant", () => {
    const at = file(JSON.stringify({ githib: "gh", stripe: "whsec", zzz: "z" }));
    const { missing, strays } = readLocalSecrets(["github"], at, {}, ["github", "stripe", "users"]);
    expect(missing).toEqual(["github"]);
    expect(strays).toEqual([
      `${at}: "githib" is no source of the stack (did you mean github?); it has github, stripe, users`,
      `${at}: "zzz" is no source of the stack; it has github, stripe, users`,
    ]);
  });

  it("needs no file", () => {
    expect(readLocalSecrets(["github"], "/nonexistent/local.secrets.json", {})).toEqual({ secrets: {}, missing: ["github"], strays: [] });
  });

  it("says what is wrong with a file, every problem at once, and where a broken one breaks", () => {
    expect(() => readLocalSecrets(["github"], file("{nope"), {})).toThrow(/local\.secrets\.json:1:2 is not JSON/);
    expect(() => readLocalSecrets(["github"], file('{\n  "github": "a"\n  "stripe": "b"\n}'), {})).toThrow(/local\.secrets\.json:3:3 is not JSON/);
    expect(() => readLocalSecrets(["github"], file('{\n  "github": "a",\n'), {})).toThrow(/local\.secrets\.json:3:1 is not JSON/);
    expect(() => readLocalSecrets(["github"], file(JSON.stringify({ github: 7, stripe: [], users: "" })), {})).toThrow(
      /github: .*\n\s+stripe: .*\n\s+users: /,
    );
  });

  it("follows the file: read again when it changes, the last good secrets kept while it does not parse", () => {
    const at = file(JSON.stringify({ github: "old" }));
    const problems: string[] = [];
    const secrets = followLocalSecrets(["github"], at, {}, (problem) => problems.push(problem));
    expect(secrets()).toEqual({ github: "old" });
    const rewrite = (content: string, seconds: number) => {
      writeFileSync(at, content);
      // A modification time of its own, whatever the file system's resolution.
      utimesSync(at, seconds, seconds);
    };
    rewrite(JSON.stringify({ github: ["new", "old"] }), 1_000);
    expect(secrets()).toEqual({ github: '["new","old"]' });
    rewrite("{half-written", 2_000);
    expect(secrets()).toEqual({ github: '["new","old"]' });
    expect(problems).toEqual([expect.stringMatching(/is not JSON: .*; the secrets read before stay in use$/)]);
  });
});
