"""Streamlit helpers shared by the pages (the only place in the package that imports Streamlit)."""

from .common import Context, page_context, page_header, render_kerncijfers, render_sidebar

__all__ = ["Context", "page_context", "page_header", "render_kerncijfers", "render_sidebar"]
