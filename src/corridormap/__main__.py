"""``python -m corridormap``: the same as the ``corridormap`` command."""

from corridormap.cli import main

main()
