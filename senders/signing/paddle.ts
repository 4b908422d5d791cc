import { paddle as scheme } from "../paddle";
import { signatureHeader } from "./signature-header";
import { presetSigner } from "./preset";

export const paddle = presetSigner(signatureHeader, scheme);
