// ESLint (flat config): typescript-eslint's type-checked rules over the whole tree, with the ones
// review kept catching made errors: unused values, floating and misused promises, `any`.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** What ships, what operators run, the twin and the bench: no function over 80 lines. Tests may hold long tables. */
const PRODUCT = ["main.ts", "stacks/**", "handlers/**", "delivery/**", "senders/**", "schemas/**", "local/**", "scripts/**", "cost/**", "bench/**"];

/**
 * Code that reads untyped JSON field by field: synthesized Terraform (the compliance rules, the
 * twin, the tools, the cost model), SDK and JSON.parse results, and the tests' assertions on them.
 * `any` stays out of their declarations (no-explicit-any), but the reads of `any` values are not
 * each flagged. The code that meets senders' input (delivery/, handlers/, senders/, schemas/) and
 * the constructs are held to every rule.
 */
const READS_UNTYPED_JSON = ["stacks/rules/**", "local/**", "scripts/**", "cost/**", "bench/**", "__tests__/**"];

export default tseslint.config(
  { ignores: ["node_modules/", "cdktf.out/", ".build/", "coverage/"] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/no-unused-expressions": "error",
    },
  },
  {
    files: PRODUCT,
    rules: { "max-lines-per-function": ["error", { max: 80, skipBlankLines: false, skipComments: false, IIFEs: true }] },
  },
  {
    files: READS_UNTYPED_JSON,
    rules: {
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
  {
    // Test doubles implement async interfaces: an async method without an await is the plainest faithful double.
    files: ["__tests__/**"],
    rules: { "@typescript-eslint/require-await": "off" },
  },
  {
    // CommonJS files (a Lambda worker, a child process's entry): require is how they import.
    files: ["**/*.js", "**/*.cjs", "**/*.mjs"],
    extends: [tseslint.configs.disableTypeChecked],
    rules: { "@typescript-eslint/no-require-imports": "off" },
    languageOptions: { sourceType: "commonjs", globals: { require: "readonly", module: "writable", exports: "writable", process: "readonly", console: "readonly", __dirname: "readonly", Buffer: "readonly", performance: "readonly" } },
  },
  { files: ["eslint.config.mjs"], languageOptions: { sourceType: "module" } },
);
