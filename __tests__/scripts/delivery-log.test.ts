import { ENVELOPE_VERSION, type Envelope } from "../../delivery/envelope";
import { DeliveryLog, readableBody } from "../../scripts/console/delivery-log";

const at = (second: number) => new Date(Date.UTC(2026, 10, 29, 12, 0, second));
function envelope(deliveryId: string, body: string | Buffer, contentType = "application/json", headers: Record<string, string> = {}, requestId = "r"): string {
  const value: Envelope = {
    v: ENVELOPE_VERSION,
    source: "github",
    deliveryId,
    receivedAt: at(0).getTime(),
    requestId,
    sourceIp: "203.0.113.7",
    url: "https://example.com/v1/webhooks/github",
    contentType,
    headers: { "x-github-event": "push", "x-hub-signature-256": "sha256=abc", ...headers },
    body: Buffer.from(body).toString("base64"),
  };
  return JSON.stringify(value);
}

describe("the console's delivery log", () => {
  it("follows a delivery from queued to processed, with its request (signatures masked) and its event", () => {
    const log = new DeliveryLog();
    log.queued("m-1", envelope("d-1", '{"ref":"main"}'));
    log.record({ at: at(1), messageId: "m-1", source: "github", deliveryId: "d-1", step: "accepted", status: 200});
    log.record({ at: at(2), messageId: "m-1", source: "github", deliveryId: "d-1", step: "verified" });
    log.record({ at: at(3), messageId: "m-1", source: "github", deliveryId: "d-1", step: "processed", eventId: "e-1" });
    log.record({ at: at(3), source: "github", deliveryId: "d-1", step: "event", eventBusName: "bus", detailType: "push", eventId: "e-1" });
    const detail = log.get("m-1")!;
    expect(detail).toMatchObject({ id: "m-1", source: "github", deliveryId: "d-1", eventType: "push", status: "processed", eventId: "e-1", detailType: "push" });
    expect(detail.timeline.map((t) => t.step)).toEqual(["accepted", "verified", "processed", "event"]);
    expect(detail.request).toEqual({
      contentType: "application/json",
      headers: { "x-github-event": "push", "x-hub-signature-256": "••••••" },
      body: '{\n  "ref": "main"\n}',
      bodyFormat: "json",
      bodyBytes: 14,
    });
    expect(JSON.stringify(detail)).not.toContain("sha256=abc");
  });

  it("says how far retries went, why a delivery was rejected, and where a redriven one went", () => {
    const log = new DeliveryLog();
    log.queued("m-1", envelope("d-1", "{}"));
    log.record({ at: at(1), messageId: "m-1", step: "retried", receiveCount: 2, maxReceiveCount: 3 });
    expect(log.get("m-1")).toMatchObject({ status: "retried", detail: "2 of 3" });
    log.record({ at: at(2), messageId: "m-1", step: "dead-lettered", receiveCount: 3 });
    log.queued("m-2", envelope("d-1", "{}"));
    expect(log.get("m-1")).toMatchObject({ status: "requeued", detail: "as m-2" });
    log.record({ at: at(3), messageId: "m-3", source: "github", step: "rejected", reason: "signature-mismatch" });
    expect(log.get("m-3")).toMatchObject({ status: "rejected", detail: "signature-mismatch" });
  });

  it("leaves a quarantined delivery where it rests when its request is sent again (a re-send is a new request, not a release)", () => {
    const log = new DeliveryLog();
    log.queued("m-1", envelope("d-1", "{}"));
    log.record({ at: at(1), messageId: "m-1", step: "rejected", reason: "signature-mismatch" });
    log.queued("m-2", envelope("d-1", "{}", "application/json", {}, "r-resent"));
    expect(log.get("m-1")).toMatchObject({ status: "rejected", detail: "signature-mismatch" });
    // Released: the same envelope, its request id and all, is queued again.
    log.queued("m-3", envelope("d-1", "{}"));
    expect(log.get("m-1")).toMatchObject({ status: "requeued" });
  });

  it("lists the newest first, filtered, keeps at most its capacity, and tells what changed once", () => {
    const log = new DeliveryLog(3);
    for (let i = 1; i <= 5; i++) log.record({ at: at(i), messageId: `m-${i}`, source: i % 2 ? "github" : "users", deliveryId: `d-${i}`, step: "accepted", status: 200});
    expect(log.size).toBe(3);
    expect(log.list().map((d) => d.id)).toEqual(["m-5", "m-4", "m-3"]);
    expect(log.list({ source: "github" }).map((d) => d.id)).toEqual(["m-5", "m-3"]);
    expect(log.list({ text: "D-4" }).map((d) => d.id)).toEqual(["m-4"]);
    expect(log.changed().map((d) => d.id).sort()).toEqual(["m-3", "m-4", "m-5"]);
    expect(log.changed()).toEqual([]);
    log.record({ at: at(9), step: "refused", status: 415, source: "users", route: "/webhooks/users" });
    expect(log.list({ status: "refused" })).toEqual([expect.objectContaining({ id: "local-1", detail: "415" })]);
  });
});

describe("readableBody", () => {
  it("reads JSON pretty, a form as fields, text as it is, and anything else in hex", () => {
    expect(readableBody(Buffer.from("a=1&b=two+words"), "application/x-www-form-urlencoded")).toEqual({ body: "a = 1\nb = two words", bodyFormat: "form" });
    expect(readableBody(Buffer.from("plain"), "text/plain")).toEqual({ body: "plain", bodyFormat: "text" });
    const hex = readableBody(Buffer.from([0xff, 0x00, 0x41]), "application/octet-stream");
    expect(hex).toEqual({ body: `000000  ${"ff 00 41".padEnd(47)}  ..A`, bodyFormat: "hex" });
  });
});
