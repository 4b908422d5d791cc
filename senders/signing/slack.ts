import { slack as scheme } from "../slack";
import { hmac } from "./hmac";
import { presetSigner } from "./preset";

export const slack = presetSigner(hmac, scheme);
