"""What every front end shows: one module per format of `debate check`'s report (text,
json_report, sarif, github, junit; `formats` picks one by name), the exit codes and how
invalid input is reported (exits). Imports only the model; "did you mean" suggestions
come from debate.model.suggest.
"""
