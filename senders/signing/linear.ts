import { linear as scheme } from "../linear";
import { hmac } from "./hmac";
import { presetSigner } from "./preset";

export const linear = presetSigner(hmac, scheme);
