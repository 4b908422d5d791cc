import { createPrivateKey, sign } from "node:crypto";
import { SENDGRID_SIGNATURE, SENDGRID_TIMESTAMP, type SendgridSettings } from "../sendgrid";
import type { Signer } from "./signer";

/** Signs as SendGrid does; the "secret" is the private key as base64 PKCS #8 DER (tests and the twin only). */
export const sendgrid: Signer<SendgridSettings> = {
  sign(message, _s, privateKey) {
    const timestamp = String(message.timestamp);
    const key = createPrivateKey({ key: Buffer.from(privateKey, "base64"), format: "der", type: "pkcs8" });
    const signature = sign("sha256", Buffer.concat([Buffer.from(timestamp), message.body]), { key, dsaEncoding: "der" });
    return { [SENDGRID_SIGNATURE]: signature.toString("base64"), [SENDGRID_TIMESTAMP]: timestamp };
  },
};
