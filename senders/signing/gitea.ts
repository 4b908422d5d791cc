import { gitea as scheme } from "../gitea";
import { hmac } from "./hmac";
import { presetSigner } from "./preset";

export const gitea = presetSigner(hmac, scheme);
