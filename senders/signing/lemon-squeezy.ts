import { lemonSqueezy as scheme } from "../lemon-squeezy";
import { hmac } from "./hmac";
import { presetSigner } from "./preset";

export const lemonSqueezy = presetSigner(hmac, scheme);
