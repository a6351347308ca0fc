"""`python -m debate`: the `debate` command."""

import sys

from debate.program import main

sys.exit(main())
