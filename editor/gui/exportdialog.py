"""Export the open post into a site: choose the folder, see the plan, then write.

:class:`ExportController` makes the decisions (which site, which generator, what would be
written) over the core's export; :class:`ExportDialog` shows them and forwards clicks.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.app.document import Document
from editor.core.errors import PostError
from editor.core.export import (
    PROFILES,
    ExportOptions,
    ExportPlan,
    ExportResult,
    apply_plan,
    plan_export,
)
from editor.core.site import Site, detect_site
from editor.core.target import TargetChoice

_STATUS_WORDS = {
    "new": "will be created",
    "changed": "will be updated",
    "unchanged": "unchanged",
    "conflict": "CONFLICT: changed by someone else",
}


class ExportController:
    """Which site and generator, what the export would write, and writing it.

    The folder starts as the post's chosen site, else the site last exported to. An export
    that worked makes that site the chosen one of a post that lives in no site.
    """

    def __init__(self, document: Document) -> None:
        self.document = document
        self.settings = document.settings
        target = document.target
        start = target.root if target.kind == "chosen" else None
        if start is None and self.settings.site_folder:
            start = Path(self.settings.site_folder)
        self.folder: Path | None = start
        self.site: Site | None = None
        self.site_error: str | None = None
        self.generator: str | None = None  # None: the detected one
        #: the slug the writer typed; None: the site's rule (or the slug chosen last time)
        self.slug: str | None = None
        self.plan: ExportPlan | None = None
        self.result: ExportResult | None = None

    def choose_folder(self, folder: Path | None) -> None:
        """Use ``folder`` as the site (remembered for next time) and detect its generator."""
        self.folder = folder
        self.settings.site_folder = str(folder) if folder else ""
        self.document.workspace.save_settings()
        self.detect()

    def choose_generator(self, name: str | None) -> None:
        """Export for ``name`` (None: the detected generator)."""
        if name is not None and name not in PROFILES:
            raise ValueError(f"unknown generator {name}")
        self.generator = name
        self.detect()

    def choose_slug(self, slug: str | None) -> None:
        """Export under ``slug`` (None or empty: the slug the site's rules give)."""
        self.slug = slug.strip() if slug and slug.strip() else None
        self.plan, self.result = None, None

    def use_default_slug(self) -> None:
        """Forget a chosen slug: the slug the rules give, also for later exports."""
        plan = self.plan or self.make_plan()
        self.slug = plan.default_slug if plan is not None else None
        self.plan, self.result = None, None

    def detect(self) -> None:
        """Read the site folder again."""
        self.site, self.site_error, self.plan, self.result = None, None, None, None
        folder = self.folder
        if folder is None:
            self.site_error = "Choose the folder of the site to export into."
            return
        try:
            self.site = detect_site(folder, self.generator)
        except PostError as exc:
            self.site_error = exc.message

    def make_plan(self) -> ExportPlan | None:
        """What the export would write, without writing anything."""
        self.result = None
        if self.site is None:
            self.plan = None
            return None
        options = ExportOptions(slug=self.slug)
        self.plan = plan_export(self.document.current_post(), self.site, self.generator, options)
        return self.plan

    def export(self, *, force: bool = False) -> ExportResult | None:
        """Write the planned files (nothing at all when something is wrong)."""
        plan = self.make_plan()
        if plan is None:
            return None
        self.result = apply_plan(plan, force=force)
        if self.result.ok and self.site is not None:
            self.document.workspace.forget_site(self.site.root)  # it has one more post now
            if self.document.target.kind != "site" and self.document.path is not None:
                self.document.choose_target(TargetChoice(self.site.root, self.generator))
        return self.result


class ExportDialog(QDialog):
    """Site folder, generator, the plan, and the export."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export to Site")
        self.resize(760, 480)
        self.controller = ExportController(document)

        self.folder_edit = QLineEdit(str(self.controller.folder or ""))
        self.folder_edit.setPlaceholderText("The site's folder (where its config file is)")
        browse = QPushButton("Choose...")
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(browse)
        self.generator_combo = QComboBox()
        self.site_label = QLabel()
        self.site_label.setWordWrap(True)
        self.slug_edit = QLineEdit()
        self.slug_edit.setObjectName("ExportSlug")
        self.slug_edit.setToolTip(
            "The last part of the post's address; the site remembers the one you choose"
        )
        self.slug_reset = QPushButton("Use the Default")
        self.slug_reset.setToolTip("The slug the site's rules give (from the title)")
        slug_row = QHBoxLayout()
        slug_row.addWidget(self.slug_edit, 1)
        slug_row.addWidget(self.slug_reset)
        self.path_label = QLabel()
        self.path_label.setObjectName("ExportPath")
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.url_label = QLabel()
        self.url_label.setObjectName("ExportUrl")
        self.url_label.setWordWrap(True)
        self.url_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow("Site folder:", folder_row)
        form.addRow("Generator:", self.generator_combo)
        form.addRow("", self.site_label)
        form.addRow("Slug:", slug_row)
        form.addRow("Written to:", self.path_label)
        form.addRow("Address:", self.url_label)

        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels(["File", "What happens"])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.force_box = QCheckBox("Overwrite files that were changed by someone else")
        self.force_box.hide()

        buttons = QDialogButtonBox()
        self.export_button = buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button = buttons.addButton("Open Folder", QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.setEnabled(False)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("Plan:"))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.force_box)
        layout.addWidget(buttons)

        browse.clicked.connect(self._browse)
        self.folder_edit.editingFinished.connect(self._folder_typed)
        self.generator_combo.activated.connect(self._generator_chosen)
        self.slug_edit.editingFinished.connect(self._slug_typed)
        self.slug_reset.clicked.connect(self.use_default_slug)
        self.force_box.toggled.connect(self._refresh_buttons)
        self.export_button.clicked.connect(self.export)
        self.open_button.clicked.connect(self._open_folder)
        buttons.rejected.connect(self.reject)

        self.controller.detect()
        self.refresh()

    # ------------------------------------------------------------------ user actions

    def _browse(self) -> None:
        start = self.folder_edit.text() or str(
            self.controller.document.path.parent if self.controller.document.path else Path.home()
        )
        folder = QFileDialog.getExistingDirectory(self, "Choose the site folder", start)
        if folder:
            self.set_folder(Path(folder))

    def _folder_typed(self) -> None:
        text = self.folder_edit.text().strip()
        current = self.controller.folder
        if (Path(text) if text else None) != current:
            self.set_folder(Path(text).expanduser() if text else None)

    def set_folder(self, folder: Path | None) -> None:
        """Use ``folder`` as the site."""
        self.folder_edit.setText(str(folder) if folder else "")
        self.controller.choose_folder(folder)
        self.refresh()

    def _slug_typed(self) -> None:
        plan = self.controller.plan
        text = self.slug_edit.text().strip()
        if plan is not None and text == plan.slug:
            return
        self.set_slug(text)

    def set_slug(self, slug: str) -> None:
        """Export under ``slug``; the path and address follow at once."""
        self.controller.choose_slug(slug)
        self.refresh()

    def use_default_slug(self) -> None:
        """The slug the site's rules give."""
        self.controller.use_default_slug()
        self.refresh()

    def _generator_chosen(self, index: int) -> None:
        name = self.generator_combo.itemData(index)
        self.set_generator(name if isinstance(name, str) else None)

    def set_generator(self, name: str | None) -> None:
        """Export for ``name``; None follows the detection."""
        self.controller.choose_generator(name)
        self.refresh()

    def export(self) -> ExportResult | None:
        """Write the files and show what happened."""
        result = self.controller.export(force=self.force_box.isChecked())
        self.refresh()
        return result

    def _open_folder(self) -> None:
        plan = self.controller.plan
        target = plan.target if plan else None
        folder = target.path.parent if target else self.controller.folder
        if folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    # ------------------------------------------------------------------ showing state

    def refresh(self) -> None:
        """Show the site, the plan or the result."""
        controller = self.controller
        self._fill_generators()
        if controller.site_error:
            self.site_label.setText(f"<span style='color:#c0392b'>{controller.site_error}</span>")
        elif controller.site is not None:
            site = controller.site
            how = "chosen" if controller.generator else "detected"
            self.site_label.setText(
                f"{site.generator.capitalize()} site ({how}); posts go to {site.posts_dir}/"
            )
        plan = controller.plan if controller.result else controller.make_plan()
        self._show_where(plan)
        self._show_plan(plan)
        self._show_outcome(plan)
        self._refresh_buttons()

    def _fill_generators(self) -> None:
        combo = self.generator_combo
        combo.blockSignals(True)
        combo.clear()
        detected = self.controller.site.generator if self.controller.site else None
        combo.addItem(f"Detect ({detected})" if detected else "Detect", None)
        for name in PROFILES:
            combo.addItem(name.capitalize() if name != "mkdocs" else "MkDocs Material", name)
        index = combo.findData(self.controller.generator) if self.controller.generator else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def _show_where(self, plan: ExportPlan | None) -> None:
        target = plan.target if plan is not None else None
        self.slug_edit.setEnabled(plan is not None)
        self.slug_reset.setEnabled(plan is not None and plan.slug != plan.default_slug)
        if plan is None or target is None:
            self.slug_edit.setText(plan.slug if plan is not None else "")
            self.path_label.setText("-")
            self.url_label.setText("-")
            return
        self.slug_edit.setText(plan.slug)
        self.slug_edit.setPlaceholderText(plan.default_slug)
        self.path_label.setText(str(target.relpath))
        if plan.url is None:
            self.url_label.setText("decided by the site's own code")
        elif plan.hidden:
            self.url_label.setText(f"{plan.url} - not shown by a plain build: {plan.hidden}")
        else:
            self.url_label.setText(plan.url)

    def _show_plan(self, plan: ExportPlan | None) -> None:
        removals = plan.removals if plan else ()
        files = plan.files if plan else ()
        self.table.setRowCount(len(files) + len(removals))
        for offset, removal in enumerate(removals, start=len(files)):
            self.table.setItem(offset, 0, QTableWidgetItem(str(removal.relpath)))
            done = self.controller.result is not None and self.controller.result.ok
            if removal.moved_to is not None:
                words = f"{'moved' if done else 'will be moved'} to {removal.moved_to}"
            else:
                words = "removed" if done else "will be removed"
            self.table.setItem(offset, 1, QTableWidgetItem(words))
        for row, planned in enumerate(files):
            self.table.setItem(row, 0, QTableWidgetItem(str(planned.relpath)))
            words = _STATUS_WORDS.get(planned.status, planned.status)
            if self.controller.result is not None:
                if planned in self.controller.result.written:
                    words = "written"
                elif planned in self.controller.result.unchanged:
                    words = "unchanged"
            self.table.setItem(row, 1, QTableWidgetItem(words))

    def _show_outcome(self, plan: ExportPlan | None) -> None:
        result = self.controller.result
        lines: list[str] = []
        if plan is not None:
            lines.extend(str(error) for error in plan.errors)
            lines.extend(plan.notes)
        if result is not None:
            if result.ok:
                lines.insert(0, f"Exported: {len(result.written)} written, "
                             f"{len(result.unchanged)} unchanged.")  # fmt: skip
            else:
                lines.insert(0, "Nothing was written.")
                lines.extend(str(error) for error in result.errors)
        self.message.setText("\n".join(lines))
        conflicts = bool(plan and plan.conflicts)
        self.force_box.setVisible(conflicts)
        if not conflicts:
            self.force_box.setChecked(False)

    def _refresh_buttons(self) -> None:
        plan = self.controller.plan
        can_export = (
            plan is not None
            and not plan.errors
            and (not plan.conflicts or self.force_box.isChecked())
        )
        self.export_button.setEnabled(bool(can_export))
        done = self.controller.result is not None and self.controller.result.ok
        self.open_button.setEnabled(done)
