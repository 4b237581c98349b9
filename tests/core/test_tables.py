"""Pipe tables: cells, bounds and Format Table."""

from __future__ import annotations

from editor.core.tables import (
    cell_index_at,
    cell_ranges,
    cells_of,
    empty_row,
    format_table,
    is_delimiter_row,
    pipe_positions,
    table_bounds,
)


def test_escaped_pipes_and_pipes_in_code_do_not_split_cells() -> None:
    line = r"| a \| b | `x|y` | c |"
    assert [line[a:b].strip() for a, b in cell_ranges(line)] == [r"a \| b", "`x|y`", "c"]
    assert pipe_positions("no pipes") == []


def test_rows_without_outer_pipes_have_cells_too() -> None:
    line = "a | b"
    assert [line[s:e].strip() for s, e in cell_ranges(line)] == ["a", "b"]


def test_delimiter_rows() -> None:
    assert is_delimiter_row("|---|:-:|--:|")
    assert is_delimiter_row(" --- | --- ")
    assert not is_delimiter_row("| a | b |")


def test_table_bounds_need_a_header_and_a_delimiter() -> None:
    lines = ["Prose.", "", "| A | B |", "| - | - |", "| 1 | 2 |", "| 3 | 4 |", "", "After"]
    assert table_bounds(lines, 4) == (2, 5)
    assert table_bounds(lines, 2) == (2, 5)
    assert table_bounds(lines, 0) is None
    assert table_bounds(["a | b", "c | d"], 0) is None  # no delimiter row: not a table


def test_cells_point_at_their_text_or_at_an_empty_cells_middle() -> None:
    line = "| Day |  | Wind |"
    cells = cells_of(line)
    assert [line[c.start : c.end] for c in cells] == ["Day", "", "Wind"]
    assert cells[1].start == 8  # between the two spaces: typing fills the cell
    assert cell_index_at(line, 0) == 0
    assert cell_index_at(line, 3) == 0
    assert cell_index_at(line, 8) == 1
    assert cell_index_at(line, 14) == 2


def test_an_empty_row_matches_the_rows_shape() -> None:
    assert empty_row("| a | b | c |") == ("|  |  |  |", 2)
    assert empty_row("> | a | b |") == ("> |  |  |", 4)


def test_format_table_aligns_pipes_and_keeps_alignment() -> None:
    table = ["| Day | Wind |Vis|", "|---|:-:|--:|", "| Monday | NW, force 4 | 12 miles |"]
    assert format_table(table) == [
        "| Day    |    Wind     |      Vis |",
        "| ------ | :---------: | -------: |",
        "| Monday | NW, force 4 | 12 miles |",
    ]


def test_format_table_keeps_every_cell_and_every_character() -> None:
    table = ["a | b", ":-- | ---", r"x \| y | `p|q` | extra"]
    formatted = format_table(table)
    assert formatted == [
        "| a      | b     |       |",
        "| :----- | ----- | ----- |",
        r"| x \| y | `p|q` | extra |",
    ]
    for word in ("x", r"\|", "y", "`p|q`", "extra"):
        assert word in formatted[2]


def test_wide_characters_count_as_they_show() -> None:
    formatted = format_table(["| 名前 | x |", "| --- | --- |", "| ab | y |"])
    assert formatted[0] == "| 名前 | x   |"
    assert formatted[2] == "| ab   | y   |"


def test_a_quoted_table_stays_quoted_and_a_non_table_is_unchanged() -> None:
    assert format_table(["> | a | b |", "> |-|-|"]) == ["> | a   | b   |", "> | --- | --- |"]
    assert format_table(["a | b", "c | d"]) == ["a | b", "c | d"]


def test_formatting_twice_changes_nothing_more() -> None:
    once = format_table(["|a|bb|", "|-|-|", "|ccc|d|"])
    assert format_table(once) == once
