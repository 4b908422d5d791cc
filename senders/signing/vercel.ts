import { vercel as scheme } from "../vercel";
import { hmac } from "./hmac";
import { presetSigner } from "./preset";

export const vercel = presetSigner(hmac, scheme);
