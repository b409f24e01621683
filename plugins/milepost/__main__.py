"""`python -m milepost` runs the command line."""

from milepost.cli import main

raise SystemExit(main())
