import { coinbaseCommerce as scheme } from "../coinbase-commerce";
import { hmac } from "./hmac";
import { presetSigner } from "./preset";

export const coinbaseCommerce = presetSigner(hmac, scheme);
