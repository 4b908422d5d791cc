import { fork } from "node:child_process";
import { once } from "node:events";
import * as path from "node:path";

/** A table as its synthesized `aws_dynamodb_table` resource describes it. */
export interface TableResource {
  readonly name: string;
  readonly hash_key: string;
  readonly range_key?: string;
  readonly attribute: readonly { readonly name: string; readonly type: string }[];
}

/**
 * dynalite, a DynamoDB implementation, in memory, in a process of its own on a localhost port,
 * with the given tables created.
 */
export async function localDynamoDb(tables: readonly TableResource[]): Promise<{ url: string; close(): Promise<void> }> {
  const child = fork(path.join(__dirname, "dynamodb-server.js"), { execArgv: [], stdio: ["ignore", "ignore", "inherit", "ipc"], env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" } });
  child.send(tables.map(({ name, hash_key, range_key, attribute }) => ({ name, hash_key, range_key, attribute })));
  const [{ url }] = (await Promise.race([
    once(child, "message"),
    once(child, "exit").then(([code]) => {
      throw new Error(`dynalite exited before it was ready (code ${code})`);
    }),
  ])) as [{ url: string }];
  return {
    url,
    close: async () => {
      const exited = once(child, "exit");
      child.kill();
      await exited;
    },
  };
}
