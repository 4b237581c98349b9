"""The document's decisions, driven through its protocols with a fake window: what lands on
disk, in the journal, in the buffer and in what the window is told to show."""

from __future__ import annotations

from pathlib import Path

from editor.app.document import JOURNAL_EVERY_MS
from editor.app.features import BaseFeature
from editor.core.post import Post
from editor.core.render import RenderResult
from editor.core.target import Target, TargetChoice
from tests.app.conftest import Rig

POST = "---\ntitle: Harbour notes\ndate: 2024-12-12\n---\n\nThe first paragraph.\n"


def open_post(rig: Rig, tmp_path: Path, text: str = POST, name: str = "harbour.md") -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    assert rig.document.open_path(path)
    return path


# ---------------------------------------------------------------------- the journal


def test_the_first_change_is_journaled_at_once_and_then_every_second(
    rig: Rig, tmp_path: Path
) -> None:
    open_post(rig, tmp_path)
    assert rig.entry() is None
    rig.view.type(POST + "A")
    rig.timers.advance(0.25)
    assert rig.entry() == POST + "A"
    # 31 s of typing without a pause: the entry is never more than about a second behind
    typed = POST + "A"
    worst = 0.0
    history: list[tuple[float, str]] = [(rig.timers.clock.now, typed)]
    for n in range(310):
        typed += "abcdefghij"[n % 10]
        rig.view.type(typed)
        history.append((rig.timers.clock.now, typed))
        rig.timers.advance(0.1)
        entry = rig.entry()
        assert entry is not None
        written_at = max(when for when, text in history if text == entry)
        worst = max(worst, rig.timers.clock.now - written_at)
    # what a kill now would lose: the typing since the entry's text, at most a second of it
    assert worst <= JOURNAL_EVERY_MS / 1000 + 0.1 + 1e-9


def test_a_clean_save_writes_the_bytes_and_clears_the_entry(rig: Rig, tmp_path: Path) -> None:
    path = open_post(rig, tmp_path, POST.replace("\n", "\r\n"))
    rig.view.type(rig.view.text + "More.\n")
    rig.timers.advance(1)
    assert rig.entry() is not None
    assert rig.document.save()
    assert path.read_bytes() == (POST + "More.\n").replace("\n", "\r\n").encode()
    assert rig.entry() is None
    assert not rig.view.modified


def test_an_unedited_save_writes_the_same_bytes(rig: Rig, tmp_path: Path) -> None:
    raw = "\ufeff---\r\ntitle: 'Quoted'   # kept\r\n---\r\nBody without a final newline"
    path = open_post(rig, tmp_path, raw)
    rig.view.modified = True  # the writer pressed Save on an unedited buffer
    assert rig.document.save()
    assert path.read_bytes() == raw.encode("utf-8")


# ---------------------------------------------------------------------- changes on disk


def test_a_file_changed_on_disk_reloads_an_unedited_buffer(rig: Rig, tmp_path: Path) -> None:
    path = open_post(rig, tmp_path)
    path.write_text(POST + "Theirs.\n", encoding="utf-8")
    rig.document.check_disk()
    assert rig.view.text == POST + "Theirs.\n"
    assert not rig.view.modified
    assert rig.view.notice is None


def test_an_edited_buffer_is_kept_and_the_writer_asked(rig: Rig, tmp_path: Path) -> None:
    path = open_post(rig, tmp_path)
    rig.view.type(POST + "Mine.\n")
    path.write_text(POST + "Theirs.\n", encoding="utf-8")
    rig.document.check_disk()
    assert rig.view.text == POST + "Mine.\n"
    assert rig.view.notice is not None
    assert rig.view.notice[0] == "changed"
    assert rig.entry() == POST + "Mine.\n"
    # saving does not overwrite theirs without asking; cancelling keeps both
    rig.view.conflict_answer = "cancel"
    assert not rig.document.save()
    assert path.read_text(encoding="utf-8") == POST + "Theirs.\n"
    assert rig.view.text == POST + "Mine.\n"
    assert rig.entry() == POST + "Mine.\n"


def test_a_deleted_file_leaves_the_text_modified_and_journaled(rig: Rig, tmp_path: Path) -> None:
    path = open_post(rig, tmp_path)
    path.unlink()
    rig.document.check_disk()
    assert rig.view.modified
    assert rig.view.notice is not None
    assert rig.view.notice[0] == "deleted"
    assert rig.entry() == POST


# ---------------------------------------------------------------------- form edits


def test_a_form_edit_that_cannot_be_applied_says_so_and_changes_nothing(
    rig: Rig, tmp_path: Path
) -> None:
    broken = "---\ntitle: [unclosed\n---\n\nBody.\n"
    open_post(rig, tmp_path, broken)
    rig.document.set_value("title", "A new title")
    assert rig.view.text == broken
    assert rig.view.edit_problem.startswith("Not changed: the front matter cannot be edited")
    assert rig.view.form_post is not None
    assert rig.view.form_post.text == broken  # the form shows what the text holds


def test_a_form_edit_rewrites_only_its_line(rig: Rig, tmp_path: Path) -> None:
    text = "---\ntitle: Old   # a comment\ntags: [a, b]\n---\n\nBody.\n"
    open_post(rig, tmp_path, text)
    rig.document.set_value("title", "New")
    assert rig.view.text == text.replace("title: Old", "title: New")
    assert rig.view.edit_problem == ""


# ---------------------------------------------------------------------- the target


def jekyll_post(root: Path) -> Path:
    (root / "_posts").mkdir(parents=True)
    (root / "_config.yml").write_text('excerpt_separator: "<!--cut-->"\n')
    (root / "Gemfile").write_text('gem "jekyll"\n')
    post = root / "_posts" / "2024-05-01-fog.md"
    post.write_text(
        "---\ntitle: Fog\ndate: 2024-05-01\n---\n\nIntro.\n\n<!--cut-->\n\nRest.\n",
        encoding="utf-8",
    )
    return post


def test_a_jekyll_separator_reaches_the_renderer_and_the_inserter(rig: Rig, tmp_path: Path) -> None:
    post = jekyll_post(tmp_path / "site")
    assert rig.document.open_path(post)
    target = rig.view.target
    assert target is not None
    assert (target.kind, target.generator) == ("site", "jekyll")
    assert rig.renders.options[-1].excerpt_separators == ("<!--cut-->",)
    assert rig.view.preview is not None
    assert rig.view.preview.excerpt_end == 1  # the intro is the excerpt
    rig.view.cursor_line = 9
    rig.document.insert_excerpt_marker()
    assert rig.view.text.count("<!--cut-->") == 1
    assert rig.view.text.endswith("Rest.\n\n<!--cut-->\n")


def test_a_choice_applies_to_a_loose_post_and_is_remembered(rig: Rig, tmp_path: Path) -> None:
    path = open_post(rig, tmp_path / "notes")
    assert rig.document.target.kind == "none"
    rig.document.choose_target(TargetChoice(None, "hugo"))
    assert rig.document.target.kind == "chosen"
    assert rig.document.target.marker == "<!--more-->"
    assert rig.workspace.choice_for(path) == TargetChoice(None, "hugo")


class Recorder(BaseFeature):
    """A feature that keeps what it was told."""

    def __init__(self) -> None:
        self.posts: list[Post] = []
        self.renders: list[RenderResult] = []
        self.targets: list[Target] = []

    def post_changed(self, post: Post) -> None:
        self.posts.append(post)

    def rendered(self, result: RenderResult) -> None:
        self.renders.append(result)

    def target_changed(self, target: Target) -> None:
        self.targets.append(target)


def test_features_follow_the_document(rig: Rig, tmp_path: Path) -> None:
    feature = Recorder()
    rig.document.attach(feature)
    assert feature.document is rig.document
    post = jekyll_post(tmp_path / "site")
    assert rig.document.open_path(post)
    assert feature.targets[-1].generator == "jekyll"
    assert feature.renders[-1].title == "Fog"
    rig.view.type(rig.view.text + "\nMore.\n")
    told = len(feature.posts)
    rig.timers.advance(0.3)  # the pause after typing
    assert len(feature.posts) == told + 1
    assert feature.posts[-1].body.endswith("More.\n")


def test_a_hostile_line_turns_colouring_off(rig: Rig, tmp_path: Path) -> None:
    open_post(rig, tmp_path, POST + "x" * 12_000 + "\n")
    assert not rig.view.mode.highlight
    assert "a line of 12,000 characters" in rig.view.statuses[-1]


def test_a_pause_in_typing_is_journaled_shortly_after_the_last_key(
    rig: Rig, tmp_path: Path
) -> None:
    open_post(rig, tmp_path)
    typed = POST
    for n in range(25):  # 2.5 s of typing: written every second
        typed += "xyz"[n % 3]
        rig.view.type(typed)
        rig.timers.advance(0.1)
    assert rig.entry() != typed
    rig.timers.advance(0.15)  # the writer stopped: a fifth of a second later it is safe
    assert rig.entry() == typed
