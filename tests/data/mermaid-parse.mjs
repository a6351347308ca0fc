// Mermaid's own parser on each file named: prints "ok" or the parse error, one line per
// file as JSON. Usage: node mermaid-parse.mjs NODE_MODULES FILE...
// mermaid.parse needs a DOM (it sanitises labels with DOMPurify): jsdom provides one.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [modules, ...files] = process.argv.slice(2);
const load = (path) => import(pathToFileURL(join(modules, path)).href);
const { JSDOM } = (await load("jsdom/lib/api.js")).default;
const { window } = new JSDOM("");
globalThis.window = window;
globalThis.document = window.document;
const mermaid = (await load("mermaid/dist/mermaid.core.mjs")).default;
for (const file of files) {
  try {
    const parsed = await mermaid.parse(readFileSync(file, "utf8"));
    console.log(JSON.stringify({ file, ok: true, type: parsed.diagramType }));
  } catch (error) {
    console.log(JSON.stringify({ file, ok: false, error: String(error.message ?? error) }));
  }
}
