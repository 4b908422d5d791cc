import { bitbucket as scheme } from "../bitbucket";
import { hmac } from "./hmac";
import { presetSigner } from "./preset";

export const bitbucket = presetSigner(hmac, scheme);
