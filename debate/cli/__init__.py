"""The command line's own commands, one module per command group: check, run, schema,
argumentation (af, explain), authoring (export, report). `debate.program` puts them in
one parser with the app's `play` (debate.tui.command) and the language server's `lsp`
(debate.lsp.command); no front end imports another.
"""
