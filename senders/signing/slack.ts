import { slack as scheme } from "../slack";
import { hmacPresetSigner } from "./hmac";

export const slack = hmacPresetSigner(scheme);
