"""The one place where the map relies on how branca renders elements.

branca wraps the rendered script of every :class:`branca.element.MacroElement` in a new
``Element(text)``, which compiles ``text`` as a Jinja template; for a layer carrying a
megabyte of GeoJSON that compilation costs more than everything else in rendering the map.
:class:`TekstElement` subclasses branca's public extension points instead of changing branca:
its script is added to the figure as :class:`Tekst`, a plain element that renders to its own
text. ``tests/test_maps.py`` checks the contract this relies on (the figure renders its script
children by calling ``render()``) against the installed branca, so an upgrade that changes it
fails a test instead of silently dropping layers.
"""

from __future__ import annotations

from typing import Any

from branca.element import Element, MacroElement


class Tekst(Element):
    """Finished HTML or JavaScript: renders to ``tekst`` itself, never compiled as a template."""

    def __init__(self, tekst: str):
        super().__init__()
        self._name = "Tekst"
        self.tekst = tekst

    def render(self, **kwargs: Any) -> str:
        return self.tekst


class TekstElement(MacroElement):
    """A macro element (``script`` macro only) whose rendered script is added to the figure as
    :class:`Tekst`. streamlit-folium calls the ``script`` macro itself, so both paths give the
    same script."""

    def render(self, **kwargs: Any) -> None:
        figure = self.get_root()
        script = self._template.module.script(self, kwargs)
        figure.script.add_child(Tekst(script), name=self.get_name())
        for element in self._children.values():
            element.render(**kwargs)
