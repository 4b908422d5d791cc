import { bundledPackages, handlerEntries, PERMISSIVE_LICENSES } from "../../scripts/lib/bundled-packages";
import packageJson from "../../package.json";

describe("what the bundles carry from npm", () => {
  const packages = bundledPackages();

  it("is read from every handler's bundle", () => {
    expect(handlerEntries()).toEqual(["handlers/handshake.ts", "handlers/process.ts", "handlers/validate.ts"]);
    expect(new Set(packages.flatMap((p) => p.bundles))).toEqual(new Set(["handshake", "process", "validate"]));
  });

  it("holds only permissively licensed packages", () => {
    expect(packages.filter((p) => !PERMISSIVE_LICENSES.has(p.license)).map((p) => `${p.name}@${p.version}: ${p.license}`)).toEqual([]);
  });

  it("holds production dependencies and what they bring, never a development tool", () => {
    const devOnly = Object.keys(packageJson.devDependencies);
    expect(packages.filter((p) => devOnly.includes(p.name))).toEqual([]);
    for (const direct of ["@aws-sdk/client-sqs", "@aws-lambda-powertools/logger", "zod"]) expect(packages.map((p) => p.name)).toContain(direct);
  });
});
