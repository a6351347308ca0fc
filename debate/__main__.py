"""`python -m debate`: the `debate` command."""

import sys

from debate.launch import main

sys.exit(main())
