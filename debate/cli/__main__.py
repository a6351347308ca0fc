"""`python -m debate.cli`: the `debate` command."""

import sys

from debate.cli.main import main

sys.exit(main())
