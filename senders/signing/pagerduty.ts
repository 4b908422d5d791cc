import { pagerduty as scheme } from "../pagerduty";
import { hmac } from "./hmac";
import { presetSigner } from "./preset";

export const pagerduty = presetSigner(hmac, scheme);
