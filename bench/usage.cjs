// Preloaded into a measured process: at exit, its peak resident memory on stderr for the bench.
process.on("exit", () => process.stderr.write(`\nBENCH_USAGE ${JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS })}\n`));
