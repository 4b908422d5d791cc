import { segment as scheme } from "../segment";
import { hmac } from "./hmac";
import { presetSigner } from "./preset";

export const segment = presetSigner(hmac, scheme);
