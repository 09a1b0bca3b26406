"""Vergadermodus: the monitor on a projector — a fixed sequence of views in large type, with
the peildatum on every view and the one-page handout to download; nothing to edit."""

from bedrijventerreinen.ui import page_context
from bedrijventerreinen.ui.vergadermodus import render_vergadermodus

# page_context() shows the snapshot chosen as peildatum (read-only) when one is chosen.
render_vergadermodus(page_context())
