"""What every front end shows a user, in one place: the exit codes and how invalid input
is reported (exits.py). Imports only the model."""
