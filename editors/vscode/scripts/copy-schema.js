// Copies the spec schema of the repository into the extension (YAML and TOML validation of
// *.alc.yaml / *.alc.toml); run before packaging, so the extension ships the schema alc has.
"use strict";
const fs = require("fs");
const path = require("path");

const source = path.join(__dirname, "..", "..", "..", "schemas", "alc-spec.schema.json");
const target = path.join(__dirname, "..", "schemas", "alc-spec.schema.json");
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.copyFileSync(source, target);
