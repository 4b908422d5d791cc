import { zoom as scheme } from "../zoom";
import { hmac } from "./hmac";
import { presetSigner } from "./preset";

export const zoom = presetSigner(hmac, scheme);
