import { trello as scheme } from "../trello";
import { hmac } from "./hmac";
import { presetSigner } from "./preset";

export const trello = presetSigner(hmac, scheme);
