import { rule } from "./rule";

/** Runtimes past deprecation in AWS Lambda's runtime table: they get no security patches. */
export const DEPRECATED_RUNTIMES: ReadonlySet<string> = new Set([
  "nodejs", "nodejs4.3", "nodejs4.3-edge", "nodejs6.10", "nodejs8.10", "nodejs10.x", "nodejs12.x", "nodejs14.x", "nodejs16.x", "nodejs18.x",
  "python2.7", "python3.6", "python3.7", "python3.8", "ruby2.5", "ruby2.7", "ruby3.2", "java8", "dotnetcore1.0", "dotnetcore2.0",
  "dotnetcore2.1", "dotnetcore3.1", "dotnet5.0", "dotnet6", "dotnet7", "go1.x", "provided",
]);

export const lambdaRuntimeNotDeprecated = rule("CKV_AWS_363", "Ensure Lambda Runtime is not deprecated", ["aws_lambda_function"], (fn) =>
  DEPRECATED_RUNTIMES.has(fn.runtime) && `runs the deprecated runtime ${fn.runtime}`,
);
