import { twitch as scheme } from "../twitch";
import { hmac } from "./hmac";
import { presetSigner } from "./preset";

export const twitch = presetSigner(hmac, scheme);
