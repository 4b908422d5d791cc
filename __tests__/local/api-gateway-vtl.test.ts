import { javaUrlEncode } from "../../delivery/java-url-encode";
import { javaEscapeJavaScript, renderRequestTemplate } from "../../local/api-gateway-vtl";

// The twin's VTL stands in for API Gateway's Java VTL: these tests pin it to Java's documented behaviour.
describe("the twin's API Gateway VTL", () => {
  it("escapes like commons-lang StringEscapeUtils.escapeJavaScript (its javadoc example)", () => {
    expect(javaEscapeJavaScript(`They didn't say, "Stop!"`)).toBe(`They didn\\'t say, \\"Stop!\\"`);
    expect(javaEscapeJavaScript("a/b\\c\n\u0001é\u20ac😀")).toBe("a\\/b\\\\c\\n\\u0001\\u00E9\\u20AC\\uD83D\\uDE00");
  });

  it("encodes like java.net.URLEncoder with UTF-8", () => {
    expect(javaUrlEncode("a b.-*_~é+&=")).toBe("a+b.-*_%7E%C3%A9%2B%26%3D");
  });

  it("gives strings Java's methods: replaceAll takes a regex, replace replaces every occurrence", () => {
    const render = (template: string) => renderRequestTemplate(template, { body: "", headers: {} });
    expect(render(`#set($s = "a.b.c")$s.replaceAll(".", "x")|$s.replace(".", "x")|$s.length()`)).toBe("xxxxx|axbxc|5");
    expect(render(`#set($s = "it\\'s")$s.replaceAll("\\\\'", "'")`)).toBe("it's");
  });

  it("gives map and list literals HashMap's and ArrayList's methods", () => {
    const render = (template: string) => renderRequestTemplate(template, { body: "", headers: {} });
    expect(render(`#set($m = {})#set($ignored = $m.put("k", "v"))$m.get("k") $m.containsKey("k") $m.size()`)).toBe("v true 1");
    expect(render(`#set($l = [])#set($ignored = $l.add("x"))$l.size() $l.get(0)`)).toBe("1 x");
  });

  it("exposes headers as a Java map with the sender's case", () => {
    const out = renderRequestTemplate(`#foreach($k in $input.params().header.keySet())$k=$input.params().header.get($k);#end`, {
      body: "",
      headers: { "X-Mixed-Case": "1", lower: "2" },
    });
    expect(out).toBe("X-Mixed-Case=1;lower=2;");
  });
});
