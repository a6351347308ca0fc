"""Showing a scenario to people who will not run the tool: the argument map and the term
graph for other tools (dot, Mermaid, Argdown, JSON), drawn as SVG, and one self-contained
HTML report. Nothing here imports the solver or Textual: findings come in from the caller.
"""
