import { QueueClock } from "../../local/clock";
import { answerOf, LocalPipe } from "../../local/pipe";
import { LocalQueue, type ReceivedMessage } from "../../local/queue";
import type { Execution } from "../../local/state-machine";

const batch = ["a", "b", "c"].map((messageId) => ({ messageId }) as ReceivedMessage);

describe("how the pipe reads the state machine's answer", () => {
  it("retries exactly the listed messages", () => {
    expect(answerOf({ output: { batchItemFailures: [{ itemIdentifier: "b" }] } }, batch)).toEqual({ retried: ["b"] });
    expect(answerOf({ output: { batchItemFailures: [] } }, batch)).toEqual({ retried: [] });
  });

  it("retries the whole batch when the execution failed, or the answer names a message not in the batch", () => {
    expect(answerOf({ error: "States.Timeout" }, batch)).toEqual({ retried: ["a", "b", "c"], failure: "the execution failed: States.Timeout" });
    expect(answerOf({ output: { batchItemFailures: [{ itemIdentifier: "z" }] } }, batch).retried).toEqual(["a", "b", "c"]);
    expect(answerOf({ output: { batchItemFailures: "b" } }, batch).retried).toEqual(["a", "b", "c"]);
  });
});

describe("the pipe's polling", () => {
  it("deletes what succeeded, leaves failures to come back after the visibility timeout, and drains under fast-forward", async () => {
    const clock = new QueueClock(true);
    const queue = new LocalQueue(300);
    const tries = new Map<string, number>();
    const pipe = new LocalPipe({
      queue,
      batchSize: 2,
      batchingWindowSeconds: 0,
      concurrency: 2,
      clock,
      // "flaky" fails twice, then succeeds.
      execute: async (records): Promise<Execution> => {
        const failed = records.filter((r) => r.body === "flaky" && (tries.set(r.body, (tries.get(r.body) ?? 0) + 1).get(r.body) ?? 0) <= 2);
        return { output: { batchItemFailures: failed.map((r) => ({ itemIdentifier: r.messageId })) } };
      },
    });
    for (const body of ["ok-1", "flaky", "ok-2"]) queue.send(body, clock.now());
    const started = Date.now();
    pipe.start();
    await pipe.drained();
    await pipe.stop();
    expect(queue.messages).toEqual([]);
    expect(tries.get("flaky")).toBe(3);
    // Two visibility timeouts of 300 s passed on the queue's clock, not on the wall clock.
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
