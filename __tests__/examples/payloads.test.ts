import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { defaultSources } from "../../main";
import { payloadSchemas } from "../../schemas";
import { EXAMPLE_PAYLOADS } from "../../scripts/send";

describe("the sample payloads npm run send posts", () => {
  const files = readdirSync(EXAMPLE_PAYLOADS).sort();

  it("are one per default source", () => {
    expect(files).toEqual(Object.keys(defaultSources).map((source) => `${source}.json`).sort());
  });

  it.each(files)("%s passes its source's schema, as the API and the validate step check it", (file) => {
    const source = path.basename(file, ".json");
    const schema = payloadSchemas[defaultSources[source].schema as keyof typeof payloadSchemas];
    const result = schema.safeParse(JSON.parse(readFileSync(path.join(EXAMPLE_PAYLOADS, file), "utf8")));
    expect(result.error?.issues ?? []).toEqual([]);
  });
});
