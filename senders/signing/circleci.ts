import { circleci as scheme } from "../circleci";
import { hmac } from "./hmac";
import { presetSigner } from "./preset";

export const circleci = presetSigner(hmac, scheme);
