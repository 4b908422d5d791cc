import { x as scheme } from "../x";
import { hmac } from "./hmac";
import { presetSigner } from "./preset";

export const x = presetSigner(hmac, scheme);
