import { docusign as scheme } from "../docusign";
import { hmac } from "./hmac";
import { presetSigner } from "./preset";

export const docusign = presetSigner(hmac, scheme);
