/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  // `npm test` leaves out the *.e2e.test.ts files (a twin, a browser, Terraform runs or long child processes): `npm run test:e2e` runs them, `npm run test:all` both, as .ci/run does.
  testMatch: ["**/*.test.ts"],
  // swc strips types without type-checking: `npm test` runs tsc first, once, for the whole tree.
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022" } }] },
  setupFilesAfterEnv: ["<rootDir>/__tests__/support/setup.ts"],
  testTimeout: 30_000,
  // Terraform and bundled-handler tests wait on child processes: one worker per core beats cores - 1.
  maxWorkers: "100%",
  reporters: ["default", "<rootDir>/__tests__/support/summary-reporter.js"],
};
