import { typeform as scheme } from "../typeform";
import { hmac } from "./hmac";
import { presetSigner } from "./preset";

export const typeform = presetSigner(hmac, scheme);
