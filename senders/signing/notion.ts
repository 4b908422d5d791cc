import { notion as scheme } from "../notion";
import { hmac } from "./hmac";
import { presetSigner } from "./preset";

export const notion = presetSigner(hmac, scheme);
