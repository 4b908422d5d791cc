import { shopify as scheme } from "../shopify";
import { hmac } from "./hmac";
import { presetSigner } from "./preset";

export const shopify = presetSigner(hmac, scheme);
