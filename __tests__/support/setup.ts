import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { Testing } from "cdktf";

Testing.setupJest();

// Tests test the project, not the machine's user: none of their secrets, credentials, state or
// Terraform settings reach a test, and no tool reads their local.secrets.json. Only the harness's
// own knobs stay: CI, TF_PROVIDER_MIRROR and CHROMIUM_PATH.
const USERS = /^(WEBHOOK_SECRET_|WEBHOOKS_|AWS_|TF_|CDKTF_|HCP_|PORT$)/;
for (const name of Object.keys(process.env)) if (USERS.test(name) && name !== "TF_PROVIDER_MIRROR") delete process.env[name];
process.env.WEBHOOKS_LOCAL_SECRETS = path.join(mkdtempSync(path.join(tmpdir(), "no-secrets-")), "local.secrets.json");
// The SDK's notice that it wants Node 22 is noise in tests run on this machine's Node 20.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
