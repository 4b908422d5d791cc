/**
 * Synthesizes every stack of the app to cdktf.out/stacks/<stack>/, as `cdktf synth` does, in this
 * process: about a second faster, and a config error is printed once, each problem with the
 * environment and stack it is in, without the CLI's echo of it or a stack trace.
 *
 *   npm run synth
 */
import "./lib/node-support";
import { App } from "cdktf";
import { buildApp } from "../main";
import { runPlainTool } from "./lib/command-line";
import { printLine } from "./lib/terminal";

const COMMAND_LINE = {
  description: "Synthesizes every stack of the app (main.ts) to cdktf.out/stacks/<stack>/: Terraform JSON and the Lambda zips. No AWS access is needed.",
  usage: "usage: npm run synth   (CDKTF_OUTDIR for another folder than cdktf.out)",
  options: {},
} as const;

if (require.main === module) {
  runPlainTool(COMMAND_LINE, () => {
    const started = Date.now();
    const outdir = process.env.CDKTF_OUTDIR ?? "cdktf.out";
    const app = buildApp(new App({ outdir }), process.env);
    app.synth();
    const stacks = app.node.children.map((child) => child.node.id);
    printLine(`Synthesized ${stacks.join(", ")} to ${outdir}/stacks/ in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  });
}
