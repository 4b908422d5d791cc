import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { unzipSync } from "fflate";

/**
 * Invokes a bundled handler from its zip the way Lambda does: `index.handler(event)` in a fresh
 * Node.js process, with only the given environment (plus PATH). Returns what the handler returned,
 * and what it wrote to stdout (its logs and EMF metrics).
 */
export async function invokeZip(zipPath: string, event: unknown, env: Record<string, string>): Promise<{ result: unknown; stdout: string }> {
  const files = unzipSync(readFileSync(zipPath));
  const dir = mkdtempSync(path.join(tmpdir(), "lambda-"));
  writeFileSync(path.join(dir, "index.js"), files["index.js"]);
  writeFileSync(path.join(dir, "event.json"), JSON.stringify(event));
  const script =
    "const fs=require('fs');require('./index.js').handler(JSON.parse(fs.readFileSync('event.json','utf8')))" +
    ".then(r=>fs.writeFileSync('result.json',JSON.stringify(r===undefined?null:r)),e=>{console.error(e);process.exit(1)})";
  const { stdout } = await promisify(execFile)(process.execPath, ["-e", script], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? "", AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "AKIATEST", AWS_SECRET_ACCESS_KEY: "test", ...env },
  });
  return { result: JSON.parse(readFileSync(path.join(dir, "result.json"), "utf8")), stdout };
}

/**
 * A stand-in for the Secrets Manager endpoint (the AWS network call, and nothing else, is faked):
 * answers GetSecretValue over the real JSON protocol. Unknown ARNs get ResourceNotFoundException.
 */
export async function fakeSecretsManager(secrets: Record<string, string>): Promise<{ url: string; calls: string[]; close: () => Promise<void> }> {
  const calls: string[] = [];
  const server: Server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      const target = String(request.headers["x-amz-target"]);
      const { SecretId } = JSON.parse(body || "{}");
      calls.push(`${target} ${SecretId}`);
      const known = target === "secretsmanager.GetSecretValue" && SecretId in secrets;
      response.writeHead(known ? 200 : 400, { "content-type": "application/x-amz-json-1.1" });
      response.end(
        JSON.stringify(
          known
            ? { ARN: SecretId, Name: "secret", SecretString: secrets[SecretId], VersionId: "v1", VersionStages: ["AWSCURRENT"] }
            : { __type: "ResourceNotFoundException", message: "Secrets Manager can't find the specified secret." },
        ),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, calls, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
