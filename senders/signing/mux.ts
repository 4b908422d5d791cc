import { mux as scheme } from "../mux";
import { signatureHeader } from "./signature-header";
import { presetSigner } from "./preset";

export const mux = presetSigner(signatureHeader, scheme);
