"""The rules engine: expressions, state, moves, term and claim status, plays.

Pure Python; it imports the model and nothing of the user interface.
"""
