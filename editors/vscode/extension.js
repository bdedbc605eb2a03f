// The rbaclint extension starts `rbaclint lsp` for JSON, XML and YAML files
// and leaves everything else (diagnostics, quick fixes, hover) to the
// language server, so the editor shows what the command line reports.
'use strict';
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

async function activate(context) {
  const command = vscode.workspace.getConfiguration('rbaclint').get('path') || 'rbaclint';
  const serverOptions = { command, args: ['lsp'], transport: TransportKind.stdio };
  const clientOptions = {
    documentSelector: ['json', 'jsonc', 'xml', 'yaml'].map((language) => ({ scheme: 'file', language })),
    // The server reads .rbaclint.yaml again when the client reports a change.
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/.rbaclint.{yaml,yml}') },
  };
  client = new LanguageClient('rbaclint', 'rbaclint', serverOptions, clientOptions);
  context.subscriptions.push({ dispose: () => client && client.stop() });
  await client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
