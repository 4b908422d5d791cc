import { microsoftGraph, microsoftGraphSettingsSchema } from "../../senders/microsoft-graph";
import { signMessage } from "../../senders/signing";

// The notification shape of Microsoft's documentation (change-notifications-delivery-webhooks),
// its clientState "secretClientValue" the subscription's secret.
const notification = (clientState?: string) => ({
  subscriptionId: "7f105c7d-2dc5-4530-97cd-4e7ae6534c07",
  subscriptionExpirationDateTime: "2026-11-30T18:23:45.9356913Z",
  changeType: "created",
  resource: "Users/b3b8e1e0/Messages/AAMkADA",
  tenantId: "84bd8158-6d4d-4958-8b9f-9d6445542f95",
  ...(clientState === undefined ? {} : { clientState }),
});

describe("microsoft-graph", () => {
  const settings = microsoftGraphSettingsSchema.parse({ scheme: "microsoft-graph" });
  const request = (value: object[]) => ({ body: Buffer.from(JSON.stringify({ value })), headers: {}, url: "", receivedAt: 0 });

  it("accepts notifications whose clientState is an active secret, every one of them", () => {
    expect(microsoftGraph.verify(request([notification("secretClientValue"), notification("secretClientValue")]), settings, ["old", "secretClientValue"])).toMatchObject({ ok: true });
  });

  it("rejects a batch with one forged or missing clientState, and a body with no notifications", () => {
    expect(microsoftGraph.verify(request([notification("secretClientValue"), notification("forged")]), settings, ["secretClientValue"])).toEqual({ ok: false, reason: "credentials-mismatch" });
    expect(microsoftGraph.verify(request([notification()]), settings, ["secretClientValue"])).toEqual({ ok: false, reason: "missing-credentials" });
    expect(microsoftGraph.verify(request([]), settings, ["secretClientValue"])).toEqual({ ok: false, reason: "missing-credentials" });
    expect(microsoftGraph.verify({ ...request([]), body: Buffer.from("not json") }, settings, ["secretClientValue"])).toEqual({ ok: false, reason: "missing-credentials" });
  });

  it("posts as Graph does: the clientState on every notification", () => {
    const posted = signMessage(settings, { body: Buffer.from(JSON.stringify({ value: [notification(), notification()] })), url: "", timestamp: 0, id: "" }, "secretClientValue");
    expect(JSON.parse(posted.body.toString()).value.map((n: { clientState: string }) => n.clientState)).toEqual(["secretClientValue", "secretClientValue"]);
    expect(microsoftGraph.verify({ body: posted.body, headers: posted.headers, url: "", receivedAt: 0 }, settings, ["secretClientValue"])).toMatchObject({ ok: true });
  });
});
