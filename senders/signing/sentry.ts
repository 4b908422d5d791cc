import { sentry as scheme } from "../sentry";
import { hmac } from "./hmac";
import { presetSigner } from "./preset";

export const sentry = presetSigner(hmac, scheme);
