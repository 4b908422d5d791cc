import { asana as scheme } from "../asana";
import { hmac } from "./hmac";
import { presetSigner } from "./preset";

export const asana = presetSigner(hmac, scheme);
