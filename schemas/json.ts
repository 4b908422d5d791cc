import { z } from "zod";

/**
 * Any JSON object, or a list of them (SendGrid and HubSpot post their events as a list), for a
 * sender whose payloads this project has no schema of: the API still refuses a body that is
 * neither (a bare string or number, broken JSON), and a form's fields pass, so it suits senders
 * that post either.
 */
export const jsonSchema = z.union([z.record(z.unknown()), z.array(z.record(z.unknown()))]);
