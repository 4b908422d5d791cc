import { github as scheme } from "../github";
import { hmac } from "./hmac";
import { presetSigner } from "./preset";

export const github = presetSigner(hmac, scheme);
