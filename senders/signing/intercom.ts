import { intercom as scheme } from "../intercom";
import { hmac } from "./hmac";
import { presetSigner } from "./preset";

export const intercom = presetSigner(hmac, scheme);
