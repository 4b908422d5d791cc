import fc from "fast-check";
import { isCrcToken } from "../../senders/x";
import { CASES, CREDENTIALS_ONLY, message, setup } from "../support/scheme-cases";
import type { SCHEMES } from "../../senders";

describe.each(Object.entries(CASES) as [keyof typeof SCHEMES, (typeof CASES)[keyof typeof SCHEMES]][])("%s, for random bodies and secrets", (name, { settings: input, secret }) => {
  const { settings, scheme, request } = setup(name, input);

  it("verifies what it signed", () => {
    fc.assert(
      fc.property(message, secret, (m, s) => {
        // X posts JSON; a body shaped like a CRC token is refused by design (senders/x.ts).
        fc.pre(name !== "x" || !isCrcToken(m.body.toString("latin1")));
        expect(scheme.verify(request(m, s), settings, [s])).toMatchObject({ ok: true });
      }),
      { numRuns: 200 },
    );
  });

  if (CREDENTIALS_ONLY.has(name)) {
    it("fails on any single-character change of the credentials", () => {
      fc.assert(
        fc.property(message, secret, fc.nat(), (m, s, at) => {
          const i = at % s.length;
          const changed = s.slice(0, i) + (s[i] === "x" ? "y" : "x") + s.slice(i + 1);
          expect(scheme.verify(request(m, changed), settings, [s])).toMatchObject({ ok: false });
        }),
        { numRuns: 200 },
      );
    });
  } else {
    it("fails on any single-byte change of the body", () => {
      fc.assert(
        fc.property(message, secret, fc.nat(), fc.integer({ min: 1, max: 255 }), (m, s, at, delta) => {
          const flip = (posted: Buffer) => {
            const body = Buffer.from(posted);
            body[at % body.length] ^= delta;
            return body;
          };
          expect(scheme.verify(request(m, s, flip), settings, [s])).toMatchObject({ ok: false });
        }),
        { numRuns: 200 },
      );
    });
  }
});

describe("twilio, form posts, for random fields", () => {
  const { settings, scheme, signer } = setup("twilio", {});
  const fields = fc.dictionary(fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,15}$/), fc.string({ maxLength: 40 }), { minKeys: 1, maxKeys: 12 });
  const url = "https://hooks.example.com/v1/webhooks/twilio";
  const token = "0123456789abcdef0123456789abcdef";
  const request = (body: Buffer, signWith = body) => ({
    body,
    url,
    receivedAt: 0,
    headers: signer.sign({ body: signWith, url, timestamp: 0, id: "" }, settings, token),
  });

  // Twilio signs the decoded fields, not the bytes: `+` and `%20` are the same space to it.
  it("verifies what it signed, and fails on any changed field value", () => {
    fc.assert(
      fc.property(fields, fc.nat(), (f, at) => {
        const body = Buffer.from(new URLSearchParams(f).toString());
        expect(scheme.verify(request(body), settings, [token])).toMatchObject({ ok: true });
        const names = Object.keys(f);
        const name = names[at % names.length];
        const changed = Buffer.from(new URLSearchParams({ ...f, [name]: `${f[name]}!` }).toString());
        expect(scheme.verify(request(changed, body), settings, [token])).toMatchObject({ ok: false });
      }),
      { numRuns: 200 },
    );
  });
});
