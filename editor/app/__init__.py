"""The application layer: the decisions behind the window, without Qt.

A :class:`~editor.app.workspace.Workspace` holds what every window shares (settings, the
recovery journal, the targets of open posts); a :class:`~editor.app.document.Document` holds
one open post's file, journal, disk-change and text-mode decisions. The GUI drives them through
small protocols (a view, timers, a render service, a file watcher) and features attach to a
document through :class:`~editor.app.features.Feature`.
"""
