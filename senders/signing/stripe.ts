import { hmac } from "../digest";
import { STRIPE_HEADER, type StripeSettings } from "../stripe";
import type { Signer } from "./signer";

export const stripe: Signer<StripeSettings> = {
  sign: (message, _s, secret) => ({
    [STRIPE_HEADER]: `t=${message.timestamp},v1=${hmac("sha256", secret, `${message.timestamp}.`, message.body).toString("hex")}`,
  }),
};
