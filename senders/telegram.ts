import { apiKey, type ApiKeySettings } from "./api-key";
import { namedSettings, preset } from "./preset";

/**
 * Telegram Bot API: the `secret_token` given to setWebhook, sent as is in
 * `X-Telegram-Bot-Api-Secret-Token` (no signature). https://core.telegram.org/bots/api#setwebhook
 */
export const telegramSettingsSchema = namedSettings("telegram");

export const telegram = preset(apiKey, telegramSettingsSchema, (): ApiKeySettings => ({ scheme: "api-key", header: "x-telegram-bot-api-secret-token", prefix: "" }), {});
