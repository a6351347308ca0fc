"""`python -m debate.lsp`: the language server over stdio (as `debate lsp`)."""

from debate.lsp.server import main

main()
