// @ts-check
// The AnyLog extension: colours come from the TextMate grammar; everything else (findings,
// fixes, hover, navigation, completion, formatting) from `alc server`, started here over
// standard input and output.
"use strict";

const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

/** @type {LanguageClient | undefined} */
let client;

const EXPLAIN = "alc.explainRule";

/** The command that starts the server, from the settings. */
function serverCommand() {
  const settings = vscode.workspace.getConfiguration("alc");
  const command = settings.get("path", "alc");
  const args = [...settings.get("args", []), "server"];
  return { command, args, transport: TransportKind.stdio };
}

/**
 * Opens `alc explain RULE`'s text beside the editor, as Markdown.
 * @param {string} text
 */
async function showExplanation(text) {
  const doc = await vscode.workspace.openTextDocument({ language: "markdown", content: text });
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
}

async function start() {
  const run = serverCommand();
  client = new LanguageClient("alc", "alc (AnyLog)", { run, debug: run }, {
    documentSelector: [
      { language: "anylog" },
      // specs: the server checks the YAML and TOML files that are alc specs, no others
      { scheme: "file", pattern: "**/*.{yaml,yml,toml}" },
    ],
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher("**/{*.al,.alc.toml,pyproject.toml}"),
    },
    middleware: {
      // The server shows a rule's explanation as a message; here it opens as a document.
      executeCommand: async (command, args, next) => {
        if (command !== EXPLAIN) {
          return next(command, args);
        }
        const text = await next(command, [args[0], false]);
        if (typeof text === "string") {
          await showExplanation(text);
        }
        return text;
      },
    },
  });
  try {
    await client.start();
  } catch (error) {
    const message = `alc: could not start \`${run.command} server\` (${error}). Install alc ` +
      "(`pip install alc`) or set `alc.path` to the alc command.";
    vscode.window.showErrorMessage(message);
  }
}

/** @param {vscode.ExtensionContext} context */
async function activate(context) {
  context.subscriptions.push(vscode.commands.registerCommand("alc.restartServer", async () => {
    if (client) {
      await client.stop();
    }
    await start();
  }));
  await start();
}

async function deactivate() {
  if (client) {
    await client.stop();
  }
}

module.exports = { activate, deactivate, serverCommand };
