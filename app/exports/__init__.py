"""The accounting file formats of R18: a batch's records in, bytes out. No Session, no Qt.

One module per format; `render(data, format)` picks it.
"""

from app.exports.formats import RENDERERS, Rendered, companion_path, render

__all__ = ["RENDERERS", "Rendered", "companion_path", "render"]
