"""Finding the one span an edit replaced, as a character-by-character comparison would."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from editor.core.render.textedit import Edit, find_edit


def _slowly(old: str, new: str) -> Edit:
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    tail = 0
    while tail < min(len(old), len(new)) - start and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return Edit(start, len(old) - tail, len(new) - tail)


@given(st.text(alphabet="ab\n", max_size=300), st.data())
def test_find_edit_equals_a_character_by_character_search(old: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(old)))
    end = data.draw(st.integers(start, len(old)))
    typed = data.draw(st.text(alphabet="ab\n", max_size=8))
    new = old[:start] + typed + old[end:]
    edit = find_edit(old, new)
    assert edit == _slowly(old, new)
    assert new[: edit.start] + new[edit.start : edit.new_end] + new[edit.new_end :] == new
    assert old[: edit.start] == new[: edit.start]
    assert old[edit.old_end :] == new[edit.new_end :]


def test_a_key_in_a_long_text() -> None:
    old = "x" * 300_000 + "y" * 300_000
    new = old[:300_000] + "k" + old[300_000:]
    assert find_edit(old, new) == Edit(300_000, 300_000, 300_001)
    assert find_edit(new, old).delta == -1
    assert find_edit(old, old) == Edit(600_000, 600_000, 600_000)
