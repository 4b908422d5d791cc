import { jira as scheme } from "../jira";
import { hmac } from "./hmac";
import { presetSigner } from "./preset";

export const jira = presetSigner(hmac, scheme);
