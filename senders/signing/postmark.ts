import { postmark as scheme } from "../postmark";
import { basicAuth } from "./basic-auth";
import { presetSigner } from "./preset";

export const postmark = presetSigner(basicAuth, scheme);
