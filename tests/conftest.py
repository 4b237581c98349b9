"""Shared fixtures: where the test posts are, and the real corpus when it is beside the repo."""

from __future__ import annotations

from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "fixtures"
CORPUS = TESTS.parent.parent / "shared" / "corpus"


def fixture_posts() -> list[Path]:
    """Our own test posts."""
    return sorted((FIXTURES / "posts").glob("*.md"))


def corpus_posts() -> list[Path]:
    """Real posts from public blogs, when the corpus is present."""
    if not CORPUS.is_dir():
        return []
    return sorted(path for path in CORPUS.rglob("*") if path.suffix in {".md", ".markdown", ".mdx"})


def alias_bomb(levels: int = 9, width: int = 9) -> str:
    """Front matter of ``levels`` lists of ``width`` aliases each, the last one used as the
    title and the tags: under 1 KB standing for width**levels values."""
    lines = ["---", "date: 2024-01-01", "a0: &a0 [" + ", ".join(["lol lol lol"] * width) + "]"]
    lines += [
        f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * width) + "]"
        for level in range(1, levels + 1)
    ]
    lines += [f"title: *a{levels}", f"tags: *a{levels}", "---", "", "Body.", ""]
    return "\n".join(lines)


@pytest.fixture(autouse=True)
def _isolated_config(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep settings, state and journals of every test out of the user's folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Property tests (Hypothesis) are slow by nature: ``make test-fast`` leaves them out."""
    for item in items:
        test = getattr(item, "obj", None)
        if getattr(test, "is_hypothesis_test", False):
            item.add_marker(pytest.mark.slow)
