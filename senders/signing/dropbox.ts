import { dropbox as scheme } from "../dropbox";
import { hmac } from "./hmac";
import { presetSigner } from "./preset";

export const dropbox = presetSigner(hmac, scheme);
