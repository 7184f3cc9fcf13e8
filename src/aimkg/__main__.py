"""Run the CLI as ``python -m aimkg``."""

from aimkg.cli import main

main()
