/**
 * The synth floor: what any CDKTF app of this shape pays before doing its own work. Node loads
 * cdktf, constructs, zod, zod-to-json-schema and one deep provider class, builds one resource from
 * a zod-derived schema, and synthesizes. `npm run bench` measures the app against it.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { App, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { z } from "zod";
import { zodToJsonSchema } from "zod-to-json-schema";

const app = new App({ outdir: mkdtempSync(path.join(tmpdir(), "floor-")) });
const stack = new TerraformStack(app, "floor");
new AwsProvider(stack, "aws", { region: "us-east-1" });
const schema = zodToJsonSchema(z.object({ name: z.string() }));
new SqsQueue(stack, "queue", { name: "floor", tags: { schema: String(Object.keys(schema).length) } });
app.synth();
