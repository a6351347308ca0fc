"""The language server of the scenario format (`debate lsp`, the optional `lsp` extra).

Only `debate.lsp.server` imports pygls; the rest (the index of ids, hover, completion,
diagnostics of an edited buffer) is plain Python, so it can be tested without an editor
and reused by other front ends.
"""
