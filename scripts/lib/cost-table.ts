import { inlineBodyLimit } from "../../stacks/body-limits";
import { largestMessageFitting } from "../../stacks/invariants";
import { monthlyCost, REFERENCE_SHAPE, SECONDS_PER_MONTH, total, type PipelineShape, type Workload } from "../../cost/model";

const usd = (n: number) => `$${n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** A stack's monthly bill beside the reference design's, per component, with totals and the cost per million deliveries. */
export function formatCost(stack: string, shape: PipelineShape, workload: Workload): string {
  const ours = monthlyCost(shape, workload);
  const reference = new Map(monthlyCost(REFERENCE_SHAPE, workload).map((line) => [line.component, line.usd]));
  const millions = (workload.ratePerSecond * SECONDS_PER_MONTH) / 1e6;
  const rows = [
    ["component", "what", stack, "reference design"],
    ...ours.map((line) => [line.component, line.quantity, usd(line.usd), reference.has(line.component) ? usd(reference.get(line.component)!) : "-"]),
    ["total a month", "", usd(total(ours)), usd([...reference.values()].reduce((a, b) => a + b, 0))],
    ["per million deliveries", "", usd(total(ours) / millions), usd([...reference.values()].reduce((a, b) => a + b, 0) / millions)],
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  return [
    `${stack}: ${workload.ratePerSecond} deliveries/s of ${workload.sizeKiB} KiB, ${Math.round((workload.rejectedShare ?? 0) * 100)}% rejected: ${millions.toLocaleString("en-US", { maximumFractionDigits: 2 })} M a month`,
    "",
    ...rows.map((row) => row.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ")),
  ].join("\n");
}

/** The README's table: the default stack against the reference design at 10, 100 and 1,000 deliveries/s. */
export function costReadmeTable(shape: PipelineShape, sizeKiB = 1): string {
  const rates = [10, 100, 1_000];
  const totals = rates.map((ratePerSecond) => [total(monthlyCost(shape, { ratePerSecond, sizeKiB })), total(monthlyCost(REFERENCE_SHAPE, { ratePerSecond, sizeKiB }))]);
  return [
    `| deliveries/s (${sizeKiB} KiB) | a month | per million | the reference design | the price of safety |`,
    "|---|---|---|---|---|",
    ...rates.map((rate, i) => {
      const [ours, reference] = totals[i];
      const perMillion = ours / ((rate * SECONDS_PER_MONTH) / 1e6);
      return `| ${rate.toLocaleString("en-US")} | ${usd(ours)} | ${usd(perMillion)} | ${usd(reference)} | ${(ours / reference).toFixed(1)}× |`;
    }),
  ].join("\n");
}

/**
 * What each lever saves at 100 deliveries/s of 1 KiB, and what it costs in safety: the bill before
 * and after, each computed by the same model from the stack's shape with one thing changed.
 */
export function costLeversTable(shape: PipelineShape): string {
  const workload = { ratePerSecond: 100, sizeKiB: 1 };
  const before = total(monthlyCost(shape, workload));
  const inline = inlineBodyLimit(Math.min(262_144, largestMessageFitting(shape.batchSize))).toLocaleString("en-US");
  const levers: [string, Partial<PipelineShape>, string][] = [
    [
      `\`maxBodyBytes: ${inline.replace(",", "")}\` on every source: bodies inline, none stored`,
      { storedShare: 0 },
      `bodies above ${inline} bytes are refused with 413, and a sender that does not retry (GitHub) loses them: only for senders whose deliveries are known to be small`,
    ],
    ["`functions.memorySizeMb: 128`", { validateMemoryMb: 128, processMemoryMb: 128 }, "none if the functions keep their duration at half the CPU; measure on AWS (the twin does not scale CPU with memory)"],
    ["`logRetentionDays: 7`", { logRetentionDays: 7 }, "a week of logs to investigate with; deliveries themselves stay in the queues and the archive"],
    ["`events.archiveRetentionDays: 7`", { archiveRetentionDays: 7 }, "a week of verified events to replay, not a month"],
  ];
  return [
    "| change | a month at 100/s, 1 KiB | saves | what it costs in safety |",
    "|---|---|---|---|",
    `| (the default stack) | ${usd(before)} | | |`,
    ...levers.map(([change, override, safety]) => {
      const after = total(monthlyCost({ ...shape, ...override }, workload));
      return `| ${change} | ${usd(after)} | ${Math.round((1 - after / before) * 100)}% | ${safety} |`;
    }),
  ].join("\n");
}
