"""`python -m editor` and the `postwright` command."""

from editor.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
