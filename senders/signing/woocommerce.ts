import { woocommerce as scheme } from "../woocommerce";
import { hmac } from "./hmac";
import { presetSigner } from "./preset";

export const woocommerce = presetSigner(hmac, scheme);
