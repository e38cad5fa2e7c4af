"""`python -m newstally.evaluate.gold`: the scorer's command line (see `command.main`)."""

from newstally.evaluate.gold.command import main

raise SystemExit(main())
