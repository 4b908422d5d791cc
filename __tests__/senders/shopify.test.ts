import { IncomingMessage, ServerResponse } from "node:http";
import { Socket } from "node:net";
import { ApiVersion, shopifyApi } from "@shopify/shopify-api";
import { shopify, shopifySettingsSchema } from "../../senders/shopify";
import { shopify as shopifySigner } from "../../senders/signing/shopify";
import { describeTampering } from "../support/schemes";

const settings = shopifySettingsSchema.parse({ scheme: "shopify" });
const SECRET = "shpss_0123456789abcdef0123456789abcdef";
const PAYLOAD = '{"id":820982911946154508,"email":"jon@example.com","total_price":"199.00"}';

// I found no fixed vector published by Shopify (docs or libraries); its official library, @shopify/shopify-api, is the oracle:
// `webhooks.validate` checks X-Shopify-Hmac-Sha256 as https://shopify.dev/docs/apps/build/webhooks/subscribe/https
// describes. It is a devDependency only.
// The Node.js adapter ships TypeScript sources that do not type-check under this project's
// settings, so it is loaded untyped; it only registers itself.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- an import would make tsc check the adapter's TypeScript sources.
require("@shopify/shopify-api/adapters/node");
const official = shopifyApi({
  apiKey: "test-key",
  apiSecretKey: SECRET,
  scopes: [],
  hostName: "example.com",
  isEmbeddedApp: false,
  apiVersion: ApiVersion.October24,
  logger: { level: 0 },
});

async function officialVerdict(payload: string, hmac: string): Promise<boolean> {
  const rawRequest = new IncomingMessage(new Socket());
  rawRequest.method = "POST";
  rawRequest.headers = {
    "x-shopify-hmac-sha256": hmac,
    "x-shopify-topic": "orders/create",
    "x-shopify-api-version": "2024-10",
    "x-shopify-shop-domain": "shop.myshopify.com",
    "x-shopify-webhook-id": "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043",
  };
  const result = await official.webhooks.validate({ rawBody: payload, rawRequest, rawResponse: new ServerResponse(rawRequest) });
  return result.valid;
}

const message = { body: Buffer.from(PAYLOAD), url: "", timestamp: 0, id: "" };
const request = (hmac: string, payload = PAYLOAD) => ({
  body: Buffer.from(payload),
  headers: { "X-Shopify-Hmac-Sha256": hmac },
  url: "https://example.com/v1/webhooks/shopify",
  receivedAt: 0,
});

describe("shopify", () => {
  it("signs as @shopify/shopify-api verifies, and verifies what it accepts", async () => {
    const hmac = shopifySigner.sign(message, settings, SECRET)["x-shopify-hmac-sha256"];
    expect(await officialVerdict(PAYLOAD, hmac)).toBe(true);
    expect(shopify.verify(request(hmac), settings, [SECRET])).toMatchObject({ ok: true });
  });

  it("agrees with @shopify/shopify-api on a forged body", async () => {
    const hmac = shopifySigner.sign(message, settings, SECRET)["x-shopify-hmac-sha256"];
    const forged = PAYLOAD.replace("199.00", "0.01");
    expect(await officialVerdict(forged, hmac)).toBe(false);
    expect(shopify.verify(request(hmac, forged), settings, [SECRET])).toEqual({ ok: false, reason: "signature-mismatch" });
  });

  it("wants base64, not hex, and takes the delivery id from X-Shopify-Webhook-Id", () => {
    const hex = Buffer.from(shopifySigner.sign(message, settings, SECRET)["x-shopify-hmac-sha256"], "base64").toString("hex");
    expect(shopify.verify(request(hex), settings, [SECRET])).toEqual({ ok: false, reason: "malformed-signature" });
    expect(shopify.deliveryIdHeader(settings)).toBe("x-shopify-webhook-id");
  });

  describe("tampering", () => {
    describeTampering({ scheme: shopify, signer: shopifySigner, settings, secret: SECRET, message, signatureHeader: "x-shopify-hmac-sha256" });
  });
});
