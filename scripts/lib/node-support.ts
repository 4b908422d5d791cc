/**
 * Lambda runs these handlers on nodejs22.x; the tools also run on Node.js 20 (the README recommends
 * 22+). There the AWS SDK prints a nine-line end-of-support notice on every run, in the middle of
 * what a tool answers: the README says it once instead. Imported first, before any SDK client.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
