import { square as scheme } from "../square";
import { hmac } from "./hmac";
import { presetSigner } from "./preset";

export const square = presetSigner(hmac, scheme);
