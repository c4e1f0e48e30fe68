// The extension's manifest, grammar and client fit together (node --test).
"use strict";
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");
const test = require("node:test");

const root = path.join(__dirname, "..");
const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));

test("the language, its configuration and its grammar are where the manifest says", () => {
  const [language] = manifest.contributes.languages;
  assert.deepStrictEqual([language.id, language.extensions], ["anylog", [".al"]]);
  const config = JSON.parse(fs.readFileSync(path.join(root, language.configuration), "utf8"));
  assert.strictEqual(config.comments.lineComment, "#");
  assert.deepStrictEqual(config.folding.markers, { start: "^\\s*<", end: ">\\s*$" });
  const [grammar] = manifest.contributes.grammars;
  const tm = JSON.parse(fs.readFileSync(path.join(root, grammar.path), "utf8"));
  assert.strictEqual(tm.scopeName, grammar.scopeName);
});

test("folding markers follow the node's blocks", () => {
  const config = JSON.parse(fs.readFileSync(path.join(root, "language-configuration.json"), "utf8"));
  const start = new RegExp(config.folding.markers.start);
  const end = new RegExp(config.folding.markers.end);
  assert.ok(start.test("  <run tcp server where"));
  assert.ok(!start.test("do <print x>"));  // a `<` not first on its line opens nothing
  assert.ok(end.test("    bind = false>  "));
});

test("specs are validated against the schema the extension ships", () => {
  const yaml = manifest.contributes.yamlValidation[0];
  assert.deepStrictEqual(yaml.fileMatch, ["*.alc.yaml", "*.alc.yml"]);
  assert.strictEqual(yaml.url, "./schemas/alc-spec.schema.json");
  assert.strictEqual(manifest.scripts["vscode:prepublish"], "node scripts/copy-schema.js");
  assert.ok(fs.existsSync(path.join(root, "..", "..", "schemas", "alc-spec.schema.json")));
});

test("the client starts `alc server` with the configured command", () => {
  const Module = require("node:module");
  const settings = { path: "/opt/venv/bin/alc", args: ["--quiet"] };
  const fake = {
    workspace: { getConfiguration: () => ({ get: (key, fallback) => settings[key] ?? fallback }) },
  };
  const load = Module._load;
  Module._load = function (request, ...rest) {
    if (request === "vscode") return fake;
    if (request === "vscode-languageclient/node") return { LanguageClient: class {}, TransportKind: { stdio: 0 } };
    return load.call(this, request, ...rest);
  };
  try {
    const { serverCommand } = require("../extension.js");
    assert.deepStrictEqual(serverCommand(),
      { command: "/opt/venv/bin/alc", args: ["--quiet", "server"], transport: 0 });
  } finally {
    Module._load = load;
  }
});
