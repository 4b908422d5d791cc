import { xero as scheme } from "../xero";
import { hmac } from "./hmac";
import { presetSigner } from "./preset";

export const xero = presetSigner(hmac, scheme);
