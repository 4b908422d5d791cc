import { zendesk as scheme } from "../zendesk";
import { hmac } from "./hmac";
import { presetSigner } from "./preset";

export const zendesk = presetSigner(hmac, scheme);
