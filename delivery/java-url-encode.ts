/**
 * java.net.URLEncoder.encode(s, "UTF-8"), which API Gateway's `$util.urlEncode` is: the mapping
 * template rebuilds a request's URL with it, so whatever else rebuilds that URL must encode alike.
 */
export function javaUrlEncode(s: string): string {
  let out = "";
  for (const byte of Buffer.from(s, "utf8")) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9.\-*_]/.test(c)) out += c;
    else if (c === " ") out += "+";
    else out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}
