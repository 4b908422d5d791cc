import { meta as scheme } from "../meta";
import { hmac } from "./hmac";
import { presetSigner } from "./preset";

export const meta = presetSigner(hmac, scheme);
