import { shopify as scheme } from "../shopify";
import { hmacPresetSigner } from "./hmac";

export const shopify = hmacPresetSigner(scheme);
