"""`python -m editor` and the `postwright` command."""

from editor.cli import main

if __name__ == "__main__":
    import multiprocessing

    # in the standalone build, a worker process of the open site starts as this program
    multiprocessing.freeze_support()
    raise SystemExit(main())
