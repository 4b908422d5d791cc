import { hubspot as scheme } from "../hubspot";
import { hmac } from "./hmac";
import { presetSigner } from "./preset";

export const hubspot = presetSigner(hmac, scheme);
