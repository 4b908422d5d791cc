import { webflow as scheme } from "../webflow";
import { hmac } from "./hmac";
import { presetSigner } from "./preset";

export const webflow = presetSigner(hmac, scheme);
